"""``rumbo audit``: the plausibility report of a catalog's default routes (``docs/audit.md``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from graph.store import CatalogSnapshot
from loaders.onet import import_onet, is_onet_release
from rumbo_cli.errors import ErrorLangOpt, language
from rumbo_cli.source import snapshot_from
from usecases.audit import AuditAnswer, AuditReport, Timeline, audit_answer

out = Console(emoji=False)
err = Console(stderr=True, emoji=False)


def audit_command(
    catalog: Annotated[
        Path | None,
        typer.Option(
            "--catalog",
            help="Catalog folder (YAML or CSV) or an O*NET release folder; the bundled "
            "catalog by default.",
        ),
    ] = None,
    neo4j: Annotated[
        str | None,
        typer.Option("--neo4j", help="Read the catalog from Neo4j at this URI."),
    ] = None,
    sample: Annotated[
        int | None,
        typer.Option("--sample", min=1, help="Audit this many ordered pairs, not all of them."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the pair sample.")] = 0,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if a figure is outside its threshold.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    lang: ErrorLangOpt = "es",
) -> None:
    """Audit the default best routes (step-downs, level jumps, gates, timelines...).

    Counts step-downs, level jumps, derived and O*NET steps, credential gates, Pareto
    frontier sizes, timelines and the seed's transitions."""
    language(lang)
    answer = audit_answer(audit_snapshot(catalog, neo4j), sample, seed)
    if as_json:
        out.print_json(answer.model_dump_json(by_alias=True))
    else:
        print_audit(out, answer)
    if check and answer.failed:
        names = ", ".join(c.name for c in answer.failed)
        err.print(f"[red]audit outside its thresholds:[/] {escape(names)}")
        raise typer.Exit(1)


def audit_snapshot(folder: Path | None, neo4j: str | None) -> CatalogSnapshot:
    """The catalog to audit: an O*NET release is imported in memory, anything else opened
    as every command opens its catalog."""
    if folder is not None and neo4j is None and is_onet_release(folder):
        return CatalogSnapshot(1, import_onet(folder).catalog)
    return snapshot_from(folder, neo4j)


def print_audit(console: Console, answer: AuditAnswer) -> None:
    """The report as text, then each check."""
    report = answer.report
    for line in report_lines(report):
        console.print(escape(line), highlight=False, soft_wrap=True)
    for check in answer.checks:
        mark = "[green]ok[/]  " if check.passed else "[red]FAIL[/]"
        console.print(
            f"{mark} {escape(check.name)}: {escape(check.measured)} (limit {escape(check.limit)})",
            highlight=False,
            soft_wrap=True,
        )


def report_lines(report: AuditReport) -> list[str]:
    """The report's figures as short English lines."""
    scope = (
        "all ordered pairs"
        if report.seed is None
        else f"a sample of {report.pairs} of {report.all_pairs} ordered pairs (seed {report.seed})"
    )
    frontier = report.frontier
    lines = [
        f"Catalog version {report.catalog_version}: {report.roles} roles; {scope}; "
        f"{report.routes} with a best route, {report.steps} steps.",
        f"Best routes stepping down towards a target of the same or a higher level: "
        f"{report.step_down.percent()}; {report.step_down_without_alternative} of them "
        "because no other route exists.",
        f"Steps rising two or more levels: {report.rising_two_or_more.percent()}.",
        f"Steps on derived edges: {report.derived_steps.percent()}; of those falling a level: "
        f"{report.derived_falling.count}, rising two or more: "
        f"{report.derived_rising_two_or_more.count}.",
        f"Steps on O*NET links: {report.onet_steps.percent()}; on curated edges: "
        f"{report.curated_steps.percent()}.",
        f"Routes through a Job Zone higher than both ends': "
        f"{report.through_higher_job_zone.percent()}; through a credential neither end holds: "
        f"{report.through_credential_gate.percent()}.",
        f"Pareto frontiers with more than one route: {frontier.more_than_one.percent()}"
        + (f", mean {frontier.mean:.2f}, largest {frontier.largest}." if frontier.mean else "."),
    ]
    lines += [timeline_line(t) for t in report.timelines]
    if report.seed_transitions:
        exact = sum(c.exact for c in report.seed_transitions)
        lines.append(f"Seed transitions exact: {exact} of {len(report.seed_transitions)}.")
    return lines


def timeline_line(timeline: Timeline) -> str:
    """One named route: its roles, months and level changes."""
    if not timeline.roles:
        return f"Timeline {timeline.source} -> {timeline.target}: no route."
    changes = ", ".join(
        "?" if s.level_change is None else f"{s.level_change:+d}" for s in timeline.steps
    )
    return (
        f"Timeline {' -> '.join(timeline.roles)}: {timeline.months:.0f} months "
        f"({timeline.years} years); level changes {changes}."
    )
