"""Rich rendering of the use cases' answers for the terminal, worded from one message table."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graph.routes import Step
from graph.traits import Language
from usecases.explain import ExplainedRoute
from usecases.fit_now import FitNowAnswer
from usecases.leverage import LeverageAnswer
from usecases.messages import develop_text, duration_text, level_text, percent, say
from usecases.role_guide import RoleDetail, TransitionView
from usecases.role_search import RolePage
from usecases.routes import RouteAnswer


def print_route_answer(console: Console, answer: RouteAnswer, lang: Language) -> None:
    """A route answer: its notice (e.g. that the routes step down), then its routes, or the
    reason there are none."""
    if answer.notice:
        console.print(f"[yellow]{escape(answer.notice)}[/]\n")
    if answer.routes:
        print_routes(console, answer.routes, answer.names, lang)
    else:
        console.print(f"[yellow]{escape(answer.reason or '')}[/]")


def print_routes(
    console: Console, routes: list[ExplainedRoute], names: dict[str, str], lang: Language
) -> None:
    """Each route as a numbered block: one line per step, then its totals."""
    for number, route in enumerate(routes, start=1):
        title = say("route.title", lang, number=number)
        console.print(f"[bold cyan]{title}[/]  {escape(route.explanation)}")
        for step in route.steps:
            print_step(console, step, names, lang)
        t = route.totals
        totals = say(
            "route.totals",
            lang,
            fit=percent(t.cumulative_fit, lang),
            weakest=percent(t.weakest_step, lang),
            mean=percent(t.mean_step_fit, lang),
            effort=t.effort,
            steps=t.steps,
        )
        timeline = (
            f" · {say('route.timeline', lang, duration=duration_text(t.months, lang))}"
            if t.months is not None
            else ""
        )
        console.print(f"  [green]{totals}{timeline}[/]\n")


def print_step(console: Console, step: Step, names: dict[str, str], lang: Language) -> None:
    """One step: its ends, fit, level change, months and origin, what carries over and what
    to develop."""
    a = escape(names[step.source]) if step.source else say("route.you", lang)
    b = escape(names[step.target])
    origin = say(f"origin.{step.origin.value}" if step.origin else "origin.entry", lang)
    facts = [
        f"fit {percent(step.fit, lang)}",
        level_text(step.level_change, lang),
        say("route.months", lang, months=step.months) if step.months is not None else "",
    ]
    console.print(
        f"  [bold]{a}[/] → [bold]{b}[/]  {' · '.join(f for f in facts if f)}  [dim]({origin})[/]"
    )
    if step.strengths:
        console.print(
            f"      {say('route.carries_over', lang)}: {escape('; '.join(step.strengths))}"
        )
    if step.develop:
        console.print(
            f"      {say('route.develop', lang)}: {escape(develop_text(step.develop, lang))}"
        )
    for trait, actions in step.actions.items():
        console.print(f"      [dim]{trait.label(lang)}: {escape(' / '.join(actions))}[/]")


def roles_table(page: RolePage, lang: Language) -> Table:
    """Roles as a table: id, name, family, level."""
    table = Table(*(say(f"role.{c}", lang) for c in ("id", "name", "family", "level")))
    for role in page.items:
        table.add_row(
            role.id, escape(role.name), escape(role.family or ""), escape(role.level or "")
        )
    return table


def print_role(console: Console, role: RoleDetail, lang: Language) -> None:
    """The role guide: profile, strengths, red flags, questions, archetypes and transitions."""
    console.print(
        f"[bold]{escape(role.name)}[/] ({role.id})  "
        f"{escape(role.family or '')} · {escape(role.level or '')}"
    )
    if role.description:
        console.print(escape(role.description))
    profile = Table(say("role.trait", lang), say("role.score", lang), "", "")
    for trait in role.traits:
        bar = "█" * round(trait.score / 5)
        profile.add_row(trait.label, f"{trait.score:g}", bar, escape(trait.note or ""))
    console.print(profile)
    _print_list(console, say("role.strengths", lang), role.strengths)
    _print_list(console, say("role.red_flags", lang), role.red_flags)
    if role.interview_questions:
        console.print(f"[bold]{say('role.questions', lang)}[/]")
        for q in role.interview_questions:
            console.print(f"  - {escape(q.question)}")
            if q.evaluates:
                console.print(f"    [dim]{say('role.evaluates', lang)}: {escape(q.evaluates)}[/]")
    archetypes = [f"{a.name}: {a.description}" for a in role.archetypes]
    _print_list(console, say("role.archetypes", lang), archetypes)
    _print_transitions(console, say("role.outgoing", lang), role.outgoing, lang)
    _print_transitions(console, say("role.incoming", lang), role.incoming, lang)
    if role.attribution:
        console.print(f"[dim]{escape(role.attribution)}[/]")


def _print_list(console: Console, title: str, items: tuple[str, ...] | list[str]) -> None:
    if items:
        console.print(f"[bold]{title}[/]")
        for item in items:
            console.print(f"  - {escape(item)}")


def _print_transitions(
    console: Console, title: str, edges: list[TransitionView], lang: Language
) -> None:
    if edges:
        console.print(f"[bold]{title}[/]")
        for edge in edges:
            develop = escape(develop_text(edge.develop, lang))
            console.print(f"  {escape(edge.other_name)}  fit {percent(edge.fit, lang)}  {develop}")


def print_fit_now(console: Console, answer: FitNowAnswer, lang: Language) -> None:
    """One line per role: fit, name, the person's strengths and gaps for it."""
    for r in answer.roles:
        strong = ", ".join(t.label(lang) for t in r.strengths)
        gaps = ", ".join(f"{t.label(lang)} +{p}" for t, p in r.gaps.items())
        console.print(
            f"{percent(r.fit, lang):>5}  [bold]{escape(r.name)}[/]  [green]{strong}[/]  "
            f"[yellow]{gaps}[/]"
        )


def print_leverage(console: Console, answer: LeverageAnswer, lang: Language) -> None:
    """Each trait with the score it is raised to and the objective it saves."""
    if answer.best_trait is None:
        console.print(f"[yellow]{say('leverage.none', lang)}[/]")
    for item in answer.by_trait:
        gain = "—" if item.improvement is None else f"{item.improvement:+.3f}"
        console.print(f"{item.label:<24} → {item.raised_to:g}  {gain}")
