"""Rich rendering of roles and routes for the terminal."""

from __future__ import annotations

import networkx as nx
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from graph.answers import ExplainedRoute, develop_text, percent, role_name
from graph.catalog import Catalog
from graph.model import Role
from graph.traits import TRAITS, Language


def print_routes(
    console: Console, graph: nx.DiGraph, routes: list[ExplainedRoute], lang: Language
) -> None:
    """Each route as a numbered block: one line per step, then its totals."""
    for number, route in enumerate(routes, start=1):
        title = "Route" if lang == "en" else "Ruta"
        console.print(f"[bold cyan]{title} {number}[/]  {escape(route.explanation)}")
        for step in route.steps:
            you = "you" if lang == "en" else "tú"
            a = escape(role_name(graph, step.source, lang)) if step.source else you
            b = escape(role_name(graph, step.target, lang))
            origin = step.origin.value if step.origin else ("entry" if lang == "en" else "entrada")
            months = ""
            if step.months is not None:
                months = f" · {step.months:.0f} {'months' if lang == 'en' else 'meses'}"
            console.print(
                f"  [bold]{a}[/] → [bold]{b}[/]  fit {percent(step.fit, lang)}{months}  "
                f"[dim]({origin})[/]"
            )
            if step.strengths:
                label = "carries over" if lang == "en" else "fortalezas"
                console.print(f"      {label}: {escape('; '.join(step.strengths))}")
            if step.develop:
                label = "develop" if lang == "en" else "a desarrollar"
                console.print(f"      {label}: {escape(develop_text(step.develop, lang))}")
            for trait, actions in step.actions.items():
                console.print(f"      [dim]{trait.label(lang)}: {escape(' / '.join(actions))}[/]")
        t = route.totals
        console.print(
            f"  [green]total[/]: fit {percent(t.cumulative_fit, lang)} · "
            f"{'weakest' if lang == 'en' else 'mínimo'} {percent(t.weakest_step, lang)} · "
            f"{'mean' if lang == 'en' else 'medio'} {percent(t.mean_step_fit, lang)} · "
            f"{'effort' if lang == 'en' else 'esfuerzo'} {t.effort} · "
            f"{'steps' if lang == 'en' else 'pasos'} {t.steps}"
            + (f" · {t.months:.0f} {'months' if lang == 'en' else 'meses'}" if t.months else "")
            + "\n"
        )


def roles_table(roles: list[Role], lang: Language) -> Table:
    """Roles as a table: id, name, family, level."""
    table = Table("id", "name" if lang == "en" else "nombre", "family", "level")
    for role in roles:
        table.add_row(
            role.id,
            escape(role.display_name(lang)),
            escape(role.family or ""),
            escape(role.level or ""),
        )
    return table


def print_role(console: Console, catalog: Catalog, role: Role, lang: Language) -> None:
    """The role guide: profile, strengths, red flags, questions and transitions."""
    en = lang == "en"
    console.print(
        f"[bold]{escape(role.display_name(lang))}[/] ({role.id})  "
        f"{escape(role.family or '')} · {escape(role.level or '')}"
    )
    if role.description:
        console.print(escape(role.description))
    profile = Table("trait" if en else "rasgo", "score" if en else "puntaje", "")
    for trait in TRAITS:
        score = role.profile.score(trait)
        profile.add_row(trait.label(lang), f"{score:g}", "█" * round(score / 5))
    console.print(profile)
    sections = [
        ("Strengths" if en else "Fortalezas", role.strengths),
        ("Red flags" if en else "Señales de alerta", role.red_flags),
    ]
    for title, items in sections:
        if items:
            console.print(f"[bold]{title}[/]")
            for item in items:
                console.print(f"  - {escape(item)}")
    if role.interview_questions:
        console.print(f"[bold]{'Interview questions' if en else 'Preguntas de entrevista'}[/]")
        for q in role.interview_questions:
            console.print(f"  - {escape(q.question)}")
            if q.evaluates:
                label = "evaluates" if en else "evalúa"
                console.print(f"    [dim]{label}: {escape(q.evaluates)}[/]")
    for title, edges, other in (
        (
            "Outgoing transitions" if en else "Transiciones salientes",
            catalog.outgoing(role.id),
            "target",
        ),
        (
            "Incoming transitions" if en else "Transiciones entrantes",
            catalog.incoming(role.id),
            "source",
        ),
    ):
        if edges:
            console.print(f"[bold]{title}[/]")
            for edge in edges:
                peer = escape(catalog.roles[getattr(edge, other)].display_name(lang))
                console.print(
                    f"  {peer}  fit {percent(edge.fit, lang)}  {develop_text(edge.develop, lang)}"
                )
    if role.attribution:
        console.print(f"[dim]{escape(role.attribution)}[/]")
