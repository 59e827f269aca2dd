"""``rumbo``: routes, roles and catalogs from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from graph.answers import Mode, RouteQuery, answer_routes, explain, percent
from graph.catalog import Catalog
from graph.errors import RumboError
from graph.personal import Person, personal_reachable
from graph.personal.fit_now import fit_now
from graph.personal.leverage import leverage
from graph.search import Constraints, Objective, reachable_routes
from graph.traits import Language
from loaders import import_guide_pages, read_catalog, write_catalog
from loaders.onet import import_onet, is_onet_release
from rumbo_cli.person_input import load_person
from rumbo_cli.render import print_role, print_routes, roles_table
from rumbo_cli.source import catalog_from, graph_from, neo4j_store
from stores.neo4j import StoreStatus

app = typer.Typer(
    help="Rumbo: career routes over OCEAN+ role profiles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(emoji=False)  # catalog text is printed as is (no :code: emoji)
err = Console(stderr=True, emoji=False)

CatalogOpt = Annotated[
    Path | None,
    typer.Option("--catalog", help="Catalog folder (YAML or CSV); the bundled one by default."),
]
Neo4jOpt = Annotated[
    str | None,
    typer.Option("--neo4j", help="Read the catalog from Neo4j at this URI (or RUMBO_NEO4J_URI)."),
]
LangOpt = Annotated[str, typer.Option("--lang", help="Language of names and text: es or en.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
MaxStepsOpt = Annotated[int, typer.Option("--max-steps", help="Most steps a route may take.")]
MinFitOpt = Annotated[float, typer.Option("--min-step-fit", help="Lowest fit any step may have.")]
AvoidOpt = Annotated[
    list[str] | None, typer.Option("--avoid", help="Role to avoid (repeat or comma-separate).")
]
MaxEffortOpt = Annotated[
    int | None, typer.Option("--max-step-effort", help="Most development points per step.")
]
CuratedOpt = Annotated[
    bool, typer.Option("--curated-only", help="Only catalog transitions, no derived ones.")
]
PersonOpt = Annotated[
    Path | None, typer.Option("--person", help="YAML/JSON file with the person's assessment.")
]
ScoresOpt = Annotated[
    str | None,
    typer.Option("--scores", help="The person's scores: O=55,C=70,E=40,A=60,ES=70,RE=50."),
]
ToleranceOpt = Annotated[
    float | None,
    typer.Option("--tolerance", help="Points below a role's ideal that still meet it."),
]
RateOpt = Annotated[
    float | None, typer.Option("--rate", help="Development points per trait per month.")
]
MinMonthsOpt = Annotated[
    float | None, typer.Option("--min-months", help="Least months in each role.")
]
MaxTraitOpt = Annotated[
    int | None, typer.Option("--max-trait-step", help="Most points one trait may grow per step.")
]

#: FROM values that mean "start from the person themself".
PERSON_START = ("-", "me", "yo")


def language(lang: str) -> Language:
    """Validate ``--lang``."""
    if lang not in ("es", "en"):
        raise typer.BadParameter("use es or en", param_hint="--lang")
    return "en" if lang == "en" else "es"


def split_ids(values: list[str] | None) -> list[str]:
    """Role ids from repeated and comma-separated options."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def constraints_from(
    max_steps: int,
    min_step_fit: float,
    avoid: list[str] | None,
    via: list[str] | None,
    max_step_effort: int | None,
    curated_only: bool,
    max_trait_step: int | None = None,
) -> Constraints:
    return Constraints(
        max_steps=max_steps,
        min_step_fit=min_step_fit,
        avoid=frozenset(split_ids(avoid)),
        via=tuple(split_ids(via)),
        max_step_effort=max_step_effort,
        max_trait_step=max_trait_step,
        curated_only=curated_only,
    )


def person_from(
    person: Path | None,
    scores: str | None,
    current_role: str | None,
    tolerance: float | None,
    rate: float | None,
    min_months: float | None,
) -> Person | None:
    """The person of a query, if ``--person`` or ``--scores`` was given."""
    if person is None and scores is None:
        return None
    return load_person(
        person,
        scores,
        current_role,
        tolerance=tolerance,
        development_rate=rate,
        min_months_in_role=min_months,
    )


@app.command("roles")
def roles_command(
    catalog: CatalogOpt = None,
    neo4j: Neo4jOpt = None,
    family: Annotated[str | None, typer.Option(help="Only roles of this family.")] = None,
    search: Annotated[str | None, typer.Option(help="Part of a name (es or en) or id.")] = None,
    lang: LangOpt = "es",
    as_json: JsonOpt = False,
) -> None:
    """List the catalog's roles."""
    lang_ = language(lang)
    roles = list(catalog_from(catalog, neo4j).roles.values())
    if family:
        roles = [r for r in roles if r.family == family]
    if search:
        needle = search.lower()
        roles = [
            r
            for r in roles
            if needle in r.id or needle in r.name.lower() or needle in (r.name_en or "").lower()
        ]
    if as_json:
        out.print_json(json.dumps([r.model_dump(mode="json") for r in roles], ensure_ascii=False))
    else:
        out.print(roles_table(roles, lang_))


@app.command("role")
def role_command(
    role_id: Annotated[str, typer.Argument(metavar="ID", help="Role id, e.g. mlops-engineer.")],
    catalog: CatalogOpt = None,
    neo4j: Neo4jOpt = None,
    lang: LangOpt = "es",
    as_json: JsonOpt = False,
) -> None:
    """Show one role's guide: profile, strengths, red flags, questions, transitions."""
    cat = catalog_from(catalog, neo4j)
    role = cat.role(role_id)
    if as_json:
        out.print_json(role.model_dump_json())
    else:
        print_role(out, cat, role, language(lang))


@app.command("route")
def route_command(
    source: Annotated[
        str, typer.Argument(metavar="FROM", help="Starting role id ('-' to start from the person).")
    ],
    target: Annotated[str, typer.Argument(metavar="TO", help="Target role id.")],
    k: Annotated[int | None, typer.Option("--k", help="Show the k best routes.")] = None,
    pareto: Annotated[bool, typer.Option("--pareto", help="Show the Pareto frontier.")] = False,
    shortest_gap: Annotated[
        bool, typer.Option("--shortest-gap", help="Show the least-effort route.")
    ] = False,
    max_steps: MaxStepsOpt = 4,
    min_step_fit: MinFitOpt = 0.0,
    avoid: AvoidOpt = None,
    via: Annotated[
        list[str] | None, typer.Option("--via", help="Role to pass through, in order.")
    ] = None,
    max_step_effort: MaxEffortOpt = None,
    max_trait_step: MaxTraitOpt = None,
    curated_only: CuratedOpt = False,
    person: PersonOpt = None,
    scores: ScoresOpt = None,
    tolerance: ToleranceOpt = None,
    rate: RateOpt = None,
    min_months: MinMonthsOpt = None,
    fit_weight: Annotated[float, typer.Option(help="Weight of -ln(fit) in the objective.")] = 1.0,
    effort_weight: Annotated[float, typer.Option(help="Weight of effort/100.")] = 1.0,
    catalog: CatalogOpt = None,
    neo4j: Neo4jOpt = None,
    lang: LangOpt = "es",
    as_json: JsonOpt = False,
) -> None:
    """Routes from one role to another, with per-step explanations."""
    lang_ = language(lang)
    chosen = [m for m, on in ((Mode.PARETO, pareto), (Mode.SHORTEST_GAP, shortest_gap)) if on]
    if k is not None:
        chosen.append(Mode.ALTERNATIVES)
    if len(chosen) > 1:
        raise typer.BadParameter("choose one of --k, --pareto and --shortest-gap")
    start = None if source in PERSON_START else source
    someone = person_from(person, scores, start, tolerance, rate, min_months)
    if start is None and someone is None:
        raise typer.BadParameter("starting from the person needs --person or --scores")
    query = RouteQuery(
        source=start,
        target=target,
        person=someone,
        mode=chosen[0] if chosen else Mode.BEST,
        k=k if k is not None else 5,
        objective=Objective(fit_weight=fit_weight, effort_weight=effort_weight),
        constraints=constraints_from(
            max_steps, min_step_fit, avoid, via, max_step_effort, curated_only, max_trait_step
        ),
    )
    graph = graph_from(catalog, neo4j)
    answer = answer_routes(graph, query, lang_)
    if as_json:
        out.print_json(answer.model_dump_json(by_alias=True))
    elif answer.routes:
        print_routes(out, graph, answer.routes, lang_)
    else:
        out.print(f"[yellow]{escape(answer.reason or '')}[/]")


@app.command("reachable")
def reachable_command(
    source: Annotated[
        str, typer.Argument(metavar="FROM", help="Starting role id ('-' to start from the person).")
    ],
    steps: Annotated[int, typer.Option("--steps", help="Most steps away.")] = 2,
    min_step_fit: MinFitOpt = 0.0,
    avoid: AvoidOpt = None,
    max_step_effort: MaxEffortOpt = None,
    curated_only: CuratedOpt = False,
    person: PersonOpt = None,
    scores: ScoresOpt = None,
    tolerance: ToleranceOpt = None,
    rate: RateOpt = None,
    min_months: MinMonthsOpt = None,
    catalog: CatalogOpt = None,
    neo4j: Neo4jOpt = None,
    lang: LangOpt = "es",
    as_json: JsonOpt = False,
) -> None:
    """Every role reachable within N steps, with its best route (for a person, if given)."""
    lang_ = language(lang)
    constraints = constraints_from(steps, min_step_fit, avoid, None, max_step_effort, curated_only)
    graph = graph_from(catalog, neo4j)
    start = None if source in PERSON_START else source
    someone = person_from(person, scores, start, tolerance, rate, min_months)
    if someone is not None:
        found = personal_reachable(graph, someone, constraints)
    elif start is None:
        raise typer.BadParameter("starting from the person needs --person or --scores")
    else:
        found = reachable_routes(graph, start, constraints)
    routes = [explain(graph, r, lang_) for r in found.values()]
    if as_json:
        out.print_json(
            json.dumps({"routes": [r.model_dump(mode="json", by_alias=True) for r in routes]})
        )
    else:
        for route in routes:
            out.print(escape(route.explanation))


@app.command("fit-now")
def fit_now_command(
    person: PersonOpt = None,
    scores: ScoresOpt = None,
    tolerance: ToleranceOpt = None,
    top: Annotated[int, typer.Option("--top", help="Show this many roles.")] = 10,
    catalog: CatalogOpt = None,
    neo4j: Neo4jOpt = None,
    lang: LangOpt = "es",
    as_json: JsonOpt = False,
) -> None:
    """The person's fit to every role today, best first, with strengths and gaps."""
    lang_ = language(lang)
    someone = load_person(person, scores, None, tolerance=tolerance)
    cat = catalog_from(catalog, neo4j)
    ranked = fit_now(someone, cat.roles.values())[:top]
    if as_json:
        out.print_json(json.dumps([r.model_dump(mode="json") for r in ranked]))
        return
    for r in ranked:
        name = escape(cat.roles[r.role].display_name(lang_))
        strong = ", ".join(t.label(lang_) for t in r.strengths)
        gaps = ", ".join(f"{t.label(lang_)} +{p}" for t, p in r.gaps.items())
        out.print(
            f"{percent(r.fit, lang_):>5}  [bold]{name}[/]  [green]{strong}[/]  [yellow]{gaps}[/]"
        )


@app.command("leverage")
def leverage_command(
    target: Annotated[str, typer.Argument(metavar="TO", help="Target role id.")],
    points: Annotated[int, typer.Option("--points", help="Points to raise one trait by.")] = 10,
    start: Annotated[str | None, typer.Option("--from", help="The person's current role.")] = None,
    max_steps: MaxStepsOpt = 4,
    person: PersonOpt = None,
    scores: ScoresOpt = None,
    tolerance: ToleranceOpt = None,
    catalog: CatalogOpt = None,
    neo4j: Neo4jOpt = None,
    lang: LangOpt = "es",
    as_json: JsonOpt = False,
) -> None:
    """Which single trait, raised by N points, most improves the person's best route."""
    lang_ = language(lang)
    someone = load_person(person, scores, start, tolerance=tolerance)
    graph = graph_from(catalog, neo4j)
    result = leverage(graph, someone, target, points, Constraints(max_steps=max_steps))
    if as_json:
        out.print_json(result.model_dump_json(by_alias=True))
        return
    if result.best_trait is None:
        out.print(
            "[yellow]"
            + (
                "No single trait improves the route."
                if lang_ == "en"
                else "Ningún rasgo por sí solo mejora la ruta."
            )
            + "[/]"
        )
    for item in result.by_trait:
        gain = "—" if item.improvement is None else f"{item.improvement:+.3f}"
        out.print(f"{item.trait.label(lang_):<24} → {item.raised_to:g}  {gain}")


@app.command("import")
def import_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE_OR_DIR...", help="Guide pages, a catalog or an O*NET release."
        ),
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the catalog to.")],
    fmt: Annotated[str, typer.Option("--format", help="yaml or csv.")] = "yaml",
    source: Annotated[
        str | None, typer.Option("--from", help="Force the input kind: onet, catalog or guide.")
    ] = None,
    base: CatalogOpt = None,
) -> None:
    """Turn guide pages (merged into a base catalog), a catalog folder or an O*NET release
    folder into a catalog folder."""
    if fmt not in ("yaml", "csv"):
        raise typer.BadParameter("use yaml or csv", param_hint="--format")
    if source not in (None, "onet", "catalog", "guide"):
        raise typer.BadParameter("use onet, catalog or guide", param_hint="--from")
    folders = [p for p in inputs if p.is_dir()]
    if folders and (len(folders) > 1 or len(inputs) > 1):
        raise typer.BadParameter("give one folder, or guide pages")
    if source == "onet" or (source is None and folders and is_onet_release(folders[0])):
        catalog = import_onet_with_progress(inputs[0])
    elif folders and source != "guide":
        catalog = read_catalog(folders[0])
    else:
        catalog = import_guide_pages(inputs, catalog_from(base, None))
    write_catalog(catalog, out_dir, "csv" if fmt == "csv" else "yaml")
    err.print(
        f"wrote {len(catalog.roles)} roles and {len(catalog.transitions)} transitions "
        f"to {escape(str(out_dir))}"
    )


def import_onet_with_progress(folder: Path) -> Catalog:
    """Import an O*NET release with a progress bar, then print its summary."""
    with Progress(transient=True, console=err) as bar:
        task = bar.add_task("O*NET", total=None)

        def advance(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total or None)

        result = import_onet(folder, progress=advance)
    for line in result.summary.lines():
        err.print(escape(line), highlight=False)
    return result.catalog


@app.command("serve")
def serve_command(
    catalog: CatalogOpt = None,
    neo4j: Annotated[
        str | None, typer.Option("--neo4j", help="Bolt URI of Neo4j (else RUMBO_NEO4J_URI).")
    ] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes.")] = 1,
) -> None:
    """Serve the HTTP API (and the web page) on the bundled catalog, a folder or Neo4j."""
    from api.server import serve

    if catalog is not None and neo4j is not None:
        raise typer.BadParameter("give --catalog or --neo4j, not both")
    if catalog is not None:
        read_catalog(catalog)  # a bad folder is one clear report here, not a failed startup
    serve(catalog, neo4j, host, port, workers)


@app.command("validate")
def validate_command(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Catalog folder to check.")],
) -> None:
    """Check a catalog folder and report every problem at once."""
    catalog = read_catalog(folder)
    out.print(f"[green]ok[/]: {len(catalog.roles)} roles, {len(catalog.transitions)} transitions")


db = typer.Typer(help="Neo4j, the system of record: schema, loading, export, status.")
app.add_typer(db, name="db")
DbUriOpt = Annotated[str | None, typer.Option("--neo4j", help="Bolt URI (else RUMBO_NEO4J_URI).")]


@db.command("init")
def db_init(neo4j: DbUriOpt = None) -> None:
    """Create the constraints, indexes and catalog version node (idempotent)."""
    store = neo4j_store(neo4j)
    try:
        store.init_schema()
        print_status(store.status())
    finally:
        store.close()


@db.command("load")
def db_load(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Catalog folder (YAML or CSV).")],
    neo4j: DbUriOpt = None,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Load only when Neo4j holds no catalog yet.")
    ] = False,
    batch_size: Annotated[int | None, typer.Option(help="Rows per write batch.", min=1)] = None,
) -> None:
    """Replace the catalog in Neo4j with a folder's, atomically, in batches."""
    catalog = read_catalog(folder)
    store = neo4j_store(neo4j, batch_size)
    try:
        with Progress(console=err, transient=True) as bar:
            task = bar.add_task("loading", total=None)
            loaded = store.load(
                catalog,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
                if_empty=if_empty,
            )
        if loaded is None:
            err.print("Neo4j already holds a catalog; nothing loaded (--if-empty)")
        print_status(store.status())
    finally:
        store.close()


@db.command("export")
def db_export(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write.")],
    neo4j: DbUriOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="yaml or csv.")] = "yaml",
) -> None:
    """Write the catalog held in Neo4j to a folder, in the same formats it loads."""
    if fmt not in ("yaml", "csv"):
        raise typer.BadParameter("use yaml or csv", param_hint="--format")
    store = neo4j_store(neo4j)
    try:
        written = store.export(folder, "csv" if fmt == "csv" else "yaml")
        err.print(f"wrote catalog version {written.version} to {escape(str(folder))}")
    finally:
        store.close()


@db.command("status")
def db_status(neo4j: DbUriOpt = None) -> None:
    """Catalog version and counts held in Neo4j."""
    store = neo4j_store(neo4j)
    try:
        print_status(store.status())
    finally:
        store.close()


def print_status(status: StoreStatus) -> None:
    out.print(
        f"{escape(status.uri)} (database {escape(str(status.database))}): "
        f"catalog version {status.version}, "
        f"{status.roles} roles, {status.transitions} transitions, {status.actions} actions"
    )
    if status.other_generations:
        out.print(f"[yellow]rows of other generations:[/] {status.other_generations}")


def run() -> None:
    """Console entry point: domain errors become one readable report, never a traceback."""
    try:
        app()
    except RumboError as e:
        err.print(f"[red]error:[/] {escape(str(e))}", highlight=False)
        sys.exit(2)
    except ValidationError as e:
        for problem in e.errors():
            where = ".".join(str(p) for p in problem["loc"])
            err.print(f"[red]error:[/] {escape(where)}: {escape(problem['msg'])}", highlight=False)
        sys.exit(2)
    except OSError as e:
        # A path the loaders do not check themselves (an input file, a name too long...).
        where = f"{e.filename}: " if e.filename is not None else ""
        err.print(f"[red]error:[/] {escape(where)}{escape(e.strerror or str(e))}", highlight=False)
        sys.exit(2)
