"""Rich rendering of the use cases' answers for the terminal, worded from one message table.

Paragraphs are wrapped to the terminal's width here (not by rich) so that wrapped lines keep
their indentation and ``52 %`` or ``≈ 16 años`` never break across lines.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from graph.routes import Step, Totals
from graph.traits import TRAITS, Language, Trait
from usecases.explain import ExplainedRoute
from usecases.fit_now import FitNowAnswer
from usecases.leverage import LeverageAnswer
from usecases.messages import (
    develop_text,
    duration_text,
    level_text,
    percent,
    say,
    signed_levels,
)
from usecases.role_guide import RoleDetail, TransitionView
from usecases.role_search import RolePage
from usecases.routes import RouteAnswer

#: Stands for a space that must not break a line while a paragraph is wrapped (a character
#: of Unicode's private use area, which no catalog text holds).
_KEEP = "\ue000"
#: Spaces that must not break: between a number and its percent sign, after "about".
_GLUED = (" %", "≈ ")
#: Tables as plain columns under a rule: no frame and one space between columns, to leave
#: the names room at 80 columns.
PLAIN: dict[str, Any] = {"box": box.SIMPLE_HEAD, "padding": (0, 1, 0, 0), "show_edge": False}


def wrap(text: str, width: int, indent: str = "", hang: str | None = None) -> list[str]:
    """``text`` wrapped to ``width`` columns: the first line indented by ``indent``, the next
    by ``hang`` (``indent`` and two more spaces by default); ``52 %`` stays on one line.

    >>> wrap("paso: fit 52 % · nivel +1 · 47 meses", 20, "  ")
    ['  paso: fit 52 % ·', '    nivel +1 · 47', '    meses']
    """
    for glued in _GLUED:
        text = text.replace(glued, glued.replace(" ", _KEEP))
    lines = textwrap.wrap(
        text,
        width=max(width, 20),
        initial_indent=indent,
        subsequent_indent=indent + "  " if hang is None else hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_KEEP, " ") for line in lines]


def unbroken(text: str) -> str:
    """``text`` kept on one line by :func:`wrap`.

    >>> wrap(f"uno dos tres {unbroken('(ver ruta 1)')}", 20, "  ")
    ['  uno dos tres', '    (ver ruta 1)']
    """
    return text.replace(" ", _KEEP)


def say_wrapped(
    console: Console, text: str, indent: str = "", style: str | None = None, hang: str | None = None
) -> None:
    """Print plain ``text`` (never read as markup) wrapped to the console's width."""
    for line in wrap(text, console.width - 1, indent, hang):
        console.print(escape(line), style=style, highlight=False, soft_wrap=True)


def print_route_answer(console: Console, answer: RouteAnswer, lang: Language) -> bool:
    """A route answer: its notice (e.g. that the routes step down), its routes and how to
    develop their traits; or why there is none, with what to try. Whether it has routes."""
    if answer.notice:
        say_wrapped(console, answer.notice, style="yellow")
        console.print()
    if not answer.routes:
        say_wrapped(console, say("cli.no_route", lang), style="bold yellow")
        if answer.reason:
            say_wrapped(console, answer.reason, style="yellow")
        say_wrapped(console, say("cli.no_route_hint", lang))
        return False
    print_routes(console, answer.routes, answer.names, lang)
    return True


def print_routes(
    console: Console, routes: Sequence[ExplainedRoute], names: dict[str, str], lang: Language
) -> None:
    """Each route as a numbered block of steps and totals, then each trait the routes develop
    once, with its development actions."""
    shown: dict[str, int] = {}  # each step told in full once, in the first route taking it
    for number, route in enumerate(routes, start=1):
        title = f"{say('route.title', lang, number=number)} · {totals_text(route.totals, lang)}"
        say_wrapped(console, title, style="bold cyan")
        for index, step in enumerate(route.steps, start=1):
            key = step.model_dump_json()
            if key in shown:
                same = unbroken(say("cli.same_step", lang, number=shown[key]))
                line = f"{index}. {move_text(step, names, lang)} {same}"
                say_wrapped(console, line, "  ", hang="     ")
                continue
            shown[key] = number
            print_step(console, index, step, names, lang)
        console.print()
    print_actions(console, [s for r in routes for s in r.steps], lang)


def totals_text(totals: Totals, lang: Language) -> str:
    """A route's totals in one line: cumulative fit, weakest step, effort and time."""
    text = say(
        "route.totals",
        lang,
        fit=percent(totals.cumulative_fit, lang),
        weakest=percent(totals.weakest_step, lang),
        effort=totals.effort,
    )
    if totals.months is None:
        return text
    return f"{text} · {say('route.timeline', lang, duration=duration_text(totals.months, lang))}"


def print_step(
    console: Console, index: int, step: Step, names: dict[str, str], lang: Language
) -> None:
    """One step: its ends, fit, level change, months and origin; what carries over and what
    to develop (the actions are listed once, after the routes)."""
    origin = say(f"origin.{step.origin.value}" if step.origin else "origin.entry", lang)
    facts = [
        say("cli.step", lang, fit=percent(step.fit, lang)),
        level_text(step.level_change, lang),
        say("route.months", lang, months=step.months) if step.months is not None else "",
        origin,
    ]
    move, about = f"{index}. {move_text(step, names, lang)}", " · ".join(f for f in facts if f)
    if len(move) + len(about) + 5 < console.width:
        say_wrapped(console, f"{move} · {about}", "  ", "bold")
    else:  # the facts on a line of their own rather than split anywhere
        say_wrapped(console, move, "  ", "bold", "     ")
        say_wrapped(console, about, "     ")
    if step.strengths:
        carries = f"{say('route.carries_over', lang)}: {'; '.join(step.strengths)}"
        say_wrapped(console, carries, "     ")
    if step.develop:
        develop = f"{say('route.develop', lang)}: {develop_text(step.develop, lang)}"
        say_wrapped(console, develop, "     ")


def move_text(step: Step, names: dict[str, str], lang: Language) -> str:
    """``MLOps Engineer → Platform Engineer`` (``tú → …`` for a person's first step)."""
    source = names[step.source] if step.source else say("route.you", lang)
    return f"{source} → {names[step.target]}"


def print_actions(console: Console, steps: Sequence[Step], lang: Language) -> None:
    """Each trait the steps develop, once, with its development actions (each once)."""
    actions: dict[Trait, list[str]] = {}
    for step in steps:
        for trait, texts in step.actions.items():
            listed = actions.setdefault(trait, [])
            listed.extend(t for t in texts if t not in listed)
    if not actions:
        return
    console.print(say("cli.how_to_develop", lang), style="bold", highlight=False)
    for trait in (t for t in TRAITS if t in actions):
        console.print(f"  {trait.label(lang)}", style="bold", highlight=False)
        for action in actions[trait]:
            say_wrapped(console, f"- {action}", "    ", "dim", "      ")


def print_roles(console: Console, page: RolePage, lang: Language) -> None:
    """The roles found, as a table; a mark explains itself under it when a profile is
    imputed."""
    console.print(roles_table(page, lang))
    if any(role.imputed for role in page.items):
        say_wrapped(console, say("cli.roles.imputed", lang), style="dim", hang="  ")


def roles_table(page: RolePage, lang: Language) -> Table:
    """Roles as a table: id (never cut: users copy it), name (``*`` when the profile is
    imputed), family, level."""
    widest = max((len(role.id) for role in page.items), default=2)
    table = Table(
        Column(say("role.id", lang), no_wrap=True, min_width=widest),
        Column(say("role.name", lang), ratio=1),
        Column(say("role.family", lang), no_wrap=True),
        Column(say("role.level", lang), no_wrap=True),
        **PLAIN,
    )
    for role in page.items:
        name = f"{escape(role.name)} *" if role.imputed else escape(role.name)
        table.add_row(role.id, name, escape(role.family or ""), escape(role.level or ""))
    return table


def print_no_roles(console: Console, suggestions: Sequence[str], lang: Language) -> None:
    """A search that matched no role: say so, and offer close role ids."""
    say_wrapped(console, say("cli.roles.none", lang), style="yellow")
    if suggestions:
        say_wrapped(console, say("cli.did_you_mean", lang, ids=", ".join(suggestions)))


def print_role(console: Console, role: RoleDetail, lang: Language) -> None:
    """The role guide: profile, strengths, red flags, questions, archetypes and transitions."""
    console.print(
        f"[bold]{escape(role.name)}[/] ({role.id})  "
        f"{escape(role.family or '')} · {escape(role.level or '')}"
    )
    if role.imputed:
        say_wrapped(console, imputed_text(role, lang), style="yellow", hang="  ")
    if role.guide_lang != lang and has_guide_text(role):
        language = say(f"cli.language.{role.guide_lang}", lang)
        say_wrapped(console, say("cli.role.guide_lang", lang, language=language), style="dim")
    if role.description:
        say_wrapped(console, role.description, hang="")
    profile = Table(
        Column(say("role.trait", lang), no_wrap=True),
        Column(say("role.score", lang), justify="right"),
        Column("", no_wrap=True),
        Column("", ratio=1),
        **PLAIN,
    )
    for trait in role.traits:
        bar = "█" * round(trait.score / 10)
        profile.add_row(trait.label, f"{trait.score:g}", bar, escape(trait.note or ""))
    console.print(profile)
    _print_list(console, say("role.strengths", lang), role.strengths)
    _print_list(console, say("role.red_flags", lang), role.red_flags)
    if role.interview_questions:
        console.print(f"[bold]{say('role.questions', lang)}[/]")
        for q in role.interview_questions:
            say_wrapped(console, f"- {q.question}", "  ", hang="    ")
            if q.evaluates:
                evaluates = f"{say('role.evaluates', lang)}: {q.evaluates}"
                say_wrapped(console, evaluates, "    ", "dim", "      ")
    archetypes = [f"{a.name}: {a.description}" for a in role.archetypes]
    _print_list(console, say("role.archetypes", lang), archetypes)
    _print_transitions(console, say("role.outgoing", lang), role.outgoing, lang)
    _print_transitions(console, say("role.incoming", lang), role.incoming, lang)
    if role.attribution:
        say_wrapped(console, role.attribution, style="dim", hang="")


def has_guide_text(role: RoleDetail) -> bool:
    """Whether the role's guide holds any text (a role may have a profile and nothing else)."""
    texts = (role.strengths, role.red_flags, role.interview_questions, role.archetypes)
    return bool(role.description or any(texts) or any(t.note for t in role.traits))


def imputed_text(role: RoleDetail, lang: Language) -> str:
    """That the role's profile is imputed, and from which roles."""
    if not role.imputed_from:  # the catalog names no role it holds
        return say("cli.role.imputed", lang)
    roles = ", ".join(source.name for source in role.imputed_from)
    return say("cli.role.imputed_from", lang, roles=roles)


def _print_list(console: Console, title: str, items: Sequence[str]) -> None:
    if items:
        console.print(f"[bold]{title}[/]")
        for item in items:
            say_wrapped(console, f"- {item}", "  ", hang="    ")


def _print_transitions(
    console: Console, title: str, edges: list[TransitionView], lang: Language
) -> None:
    if edges:
        console.print(f"[bold]{title}[/]")
        for edge in edges:
            develop = develop_text(edge.develop, lang)
            line = f"{edge.other_name} · fit {percent(edge.fit, lang)} · {develop}"
            say_wrapped(console, line.removesuffix(" · "), "  ", hang="    ")


def fit_now_table(answer: FitNowAnswer, lang: Language) -> Table:
    """One row per role, best first: fit, name and id, the person's strengths and gaps."""
    table = Table(
        Column(say("cli.col.fit", lang), justify="right", no_wrap=True),
        Column(say("cli.col.role", lang), ratio=3),
        Column(say("cli.col.strengths", lang), ratio=2),
        Column(say("cli.col.gaps", lang), ratio=2),
        **PLAIN,
    )
    for r in answer.roles:
        table.add_row(
            percent(r.fit, lang),
            f"{escape(r.name)}\n[dim]{r.id}[/]",
            escape(", ".join(t.label(lang) for t in r.strengths)),
            escape(", ".join(f"{t.label(lang)} +{p:g}" for t, p in r.gaps.items())),
        )
    return table


def print_leverage(console: Console, answer: LeverageAnswer, lang: Language) -> bool:
    """The person's best route now, then each trait raised in turn: the score it reaches, the
    route's cumulative fit and months with their change from today's route, and its effort;
    which trait helps most, or which tie. With no route today, the routes each raise opens.
    Whether any route was found (today's, or one a raise opens)."""
    if answer.baseline is None:
        say_wrapped(console, say("cli.no_route", lang), style="bold yellow")
        if not any(item.route for item in answer.by_trait):
            say_wrapped(console, say("cli.no_route_hint", lang))
            return False
    else:
        now = say("cli.leverage.now", lang, totals=totals_text(answer.baseline.totals, lang))
        say_wrapped(console, now)
    console.print(leverage_table(answer, lang))
    say_wrapped(console, best_trait_text(answer, lang), style="bold")
    hint = "cli.leverage.hint" if answer.baseline else "cli.leverage.hint_opens"
    say_wrapped(console, say(hint, lang, points=answer.points), style="dim")
    return True


def leverage_table(answer: LeverageAnswer, lang: Language) -> Table:
    """Each trait raised in turn, most improving first: its route's cumulative fit, months
    and effort, the first two with their change from today's route when there is one."""
    against = answer.baseline

    def change() -> list[Column]:  # a column object each time: a table owns its columns
        return [Column(say("cli.col.change", lang), justify="right", no_wrap=True)]

    table = Table(
        Column(say("cli.col.trait_raised", lang), no_wrap=True),  # a heading wraps first
        Column(say("cli.col.route_fit", lang), justify="right"),
        *(change() if against else []),
        Column(say("cli.col.months", lang), justify="right"),
        *(change() if against else []),
        Column(say("cli.col.effort", lang), justify="right"),
        **PLAIN,
    )
    for item in answer.by_trait:
        raised = f"{item.label} → {item.raised_to:g}"
        if item.route is None:
            table.add_row(raised, say("cli.leverage.no_route", lang))
            continue
        after = item.route.totals
        fit = percent(after.cumulative_fit, lang)
        months = "—" if after.months is None else f"{after.months:.0f}"
        if against is None:
            table.add_row(raised, fit, months, str(after.effort))
        else:
            fit_change, months_change = _changes(after, against.totals, lang)
            table.add_row(raised, fit, fit_change, months, months_change, str(after.effort))
    return table


def _changes(after: Totals, before: Totals, lang: Language) -> tuple[str, str]:
    """The change of cumulative fit in percentage points, as fits are shown (whole percents),
    and of whole months (``=`` for none; empty when a route's months are unknown)."""
    points = round(after.cumulative_fit * 100) - round(before.cumulative_fit * 100)
    fit = say("cli.leverage.pp", lang, points=signed_levels(points)) if points else "="
    if after.months is None or before.months is None:
        return fit, ""
    return fit, signed_levels(round(after.months) - round(before.months))


def leading_traits(answer: LeverageAnswer) -> list[str]:
    """The traits that share the top of the answer: the most improving ones, or, with no route
    today, those opening the best route. Ties are ranked in OCEAN+ order, which is no reason
    to work on one before the other."""
    if answer.baseline is None:
        scores = {i.label: i.route.totals.score for i in answer.by_trait if i.route}
    else:
        scores = {
            i.label: -i.improvement
            for i in answer.by_trait
            if i.improvement is not None and i.improvement > 0
        }
    best = min(scores.values(), default=None)
    return [label for label, score in scores.items() if best is not None and score - best < 1e-9]


def best_trait_text(answer: LeverageAnswer, lang: Language) -> str:
    """Which trait improves the route most (or opens one), or which traits tie for it."""
    leading = leading_traits(answer)
    if not leading:
        return say("leverage.none", lang)
    if len(leading) > 1:
        key = "cli.leverage.tie" if answer.baseline else "cli.leverage.tie_opens"
        return say(key, lang, traits=", ".join(leading))
    key = "cli.leverage.best" if answer.baseline else "cli.leverage.opens"
    return say(key, lang, trait=leading[0], points=answer.points)
