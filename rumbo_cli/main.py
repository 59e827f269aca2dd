"""``rumbo``: routes, roles and catalogs from the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from pydantic import BaseModel, ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from graph.catalog import Catalog
from graph.errors import RumboError
from graph.personal import Person
from graph.search import Constraints, Objective
from graph.traits import Language
from loaders import bundled_catalog, import_guide_pages, read_catalog, write_catalog
from loaders._common import resolved_for_writing
from loaders.onet import import_onet, is_onet_release
from rumbo_cli.audit import audit_command
from rumbo_cli.errors import (
    EXIT_ERROR,
    EXIT_NO_ROUTE,
    ClickException,
    ErrorLangOpt,
    InputError,
    NoArgsIsHelpError,
    argv_language,
    domain_problem,
    flags_named,
    language,
    usage_problem,
)
from rumbo_cli.person_input import load_person
from rumbo_cli.render import (
    fit_now_table,
    print_leverage,
    print_no_roles,
    print_role,
    print_roles,
    print_route_answer,
    say_wrapped,
)
from rumbo_cli.source import neo4j_store, snapshot_from, source_settings
from stores.neo4j import StoreStatus
from usecases.fit_now import fit_now_answer
from usecases.leverage import leverage_answer
from usecases.messages import say
from usecases.modes import Mode
from usecases.reachable import ReachableQuery, reachable_answer
from usecases.role_guide import role_guide
from usecases.role_search import search_roles
from usecases.routes import RouteQuery, answer_routes
from usecases.store import open_store

app = typer.Typer(
    # typer fixes help texts when the app is built, before --lang is read: the help is English,
    # what the commands print follows --lang (docs/cli.md, "Language").
    help="Rumbo: career routes over OCEAN+ role profiles. This help is in English; what the "
    "commands print follows --lang (es, the default, or en).\n\n"
    "Rumbo: rutas de carrera sobre perfiles OCEAN+ de roles. Esta ayuda está en inglés; lo "
    "que imprimen los comandos sigue --lang (es, por defecto, o en).",
    epilog="Exit status: 0 done, 2 a bad option, person file or catalog, 3 no route found "
    "(route, leverage). Reference: docs/cli.md.",
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
MinFitOpt = Annotated[
    str,
    typer.Option(
        "--min-step-fit",
        metavar="PERCENT",
        help="Lowest fit any step may have, in percent as the fits are shown (50 or 50%); "
        "--json answers keep fits as fractions (0.5).",
    ),
]
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
    Path | None,
    typer.Option(
        "--person",
        help="YAML/JSON file with the person's assessment: 'scores:' with O, C, E, A, ES, RE "
        "(or the traits' names), optional current_role, tolerance, development_rate, "
        "min_months_in_role (docs/cli.md).",
    ),
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
LevelRiseOpt = Annotated[
    str,
    typer.Option(
        "--max-level-rise",
        metavar="N|any",
        help="Most seniority levels one step may rise ('any': no limit); "
        "catalog transitions may rise more.",
    ),
]
StepDownOpt = Annotated[
    bool,
    typer.Option(
        "--allow-step-down",
        help="Let a route towards a target of the same or a higher level step down.",
    ),
]
GatesOpt = Annotated[
    bool,
    typer.Option(
        "--allow-credential-gates",
        help="Let a route pass through a role whose Job Zone exceeds both ends' "
        "or that requires a credential (a licence) neither end requires.",
    ),
]
MonthsWeightOpt = Annotated[
    float, typer.Option("--months-weight", help="Weight of the years a step takes.")
]

#: FROM values that mean "start from the person themself".
PERSON_START = ("-", "me", "yo")


def min_fit(value: str, lang: Language) -> float:
    """``--min-step-fit`` as the fraction the search uses: a percent, as the CLI shows fits.

    A value between 0 and 1 looks like a fraction (the scale of the JSON answers), so it is
    refused with the percent it probably means.

    >>> min_fit("50", "en"), min_fit("52.5 %", "en"), min_fit("0", "en")
    (0.5, 0.525, 0.0)
    """
    text = value.strip().removesuffix("%").strip()
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 100:
        raise InputError([("--min-step-fit", say("cli.expect.percent", lang))])
    if 0 < number < 1:
        guess = f"{number * 100:g}"
        raise InputError(
            [("--min-step-fit", say("cli.expect.percent_not_fraction", lang, percent=guess))]
        )
    return number / 100


def split_ids(values: list[str] | None) -> list[str]:
    """Role ids from repeated and comma-separated options."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def level_rise(value: str, lang: Language) -> int | None:
    """Validate ``--max-level-rise``: a whole number of levels, or ``any`` for no limit."""
    if value.strip().lower() in ("any", "none"):
        return None
    try:
        rise = int(value)
    except ValueError:
        rise = -1
    if rise < 0:
        raise InputError([("--max-level-rise", say("cli.expect.level_rise", lang))])
    return rise


def constraints_from(
    lang: Language,
    max_steps: int,
    min_step_fit: str,
    avoid: list[str] | None,
    via: list[str] | None,
    max_step_effort: int | None,
    curated_only: bool,
    max_trait_step: int | None = None,
    *,
    max_level_rise: str = "1",
    allow_step_down: bool = False,
    allow_credential_gates: bool = False,
    steps_flag: str = "--max-steps",
) -> Constraints:
    """The constraints the flags give; a bad value is reported by its flag."""
    with flags_named(lang, max_steps=steps_flag):
        return Constraints(
            max_steps=max_steps,
            min_step_fit=min_fit(min_step_fit, lang),
            avoid=frozenset(split_ids(avoid)),
            via=tuple(split_ids(via)),
            max_step_effort=max_step_effort,
            max_trait_step=max_trait_step,
            curated_only=curated_only,
            max_level_rise=level_rise(max_level_rise, lang),
            allow_step_down=allow_step_down,
            allow_credential_gates=allow_credential_gates,
        )


def person_from(
    person: Path | None,
    scores: str | None,
    current_role: str | None,
    lang: Language,
    tolerance: float | None,
    rate: float | None,
    min_months: float | None,
) -> Person | None:
    """The person of a query, if ``--person`` or ``--scores`` was given."""
    if person is None and scores is None:
        if current_role is None:
            raise InputError([("--person/--scores", say("cli.expect.person_start", lang))])
        return None
    return load_person(
        person,
        scores,
        current_role,
        lang,
        tolerance=tolerance,
        development_rate=rate,
        min_months_in_role=min_months,
    )


@app.command("roles")
def roles_command(
    catalog: CatalogOpt = None,
    neo4j: Neo4jOpt = None,
    family: Annotated[str | None, typer.Option(help="Only roles of this family.")] = None,
    level: Annotated[str | None, typer.Option(help="Only roles of this level.")] = None,
    search: Annotated[
        str | None, typer.Option(help="Part of a name (es or en) or id; accents and case ignored.")
    ] = None,
    lang: LangOpt = "es",
    as_json: JsonOpt = False,
) -> None:
    """List the catalog's roles (the same search as GET /v1/roles)."""
    lang_ = language(lang)
    snapshot = snapshot_from(catalog, neo4j)
    page = search_roles(snapshot, lang_, search, family, level)
    if as_json:
        print_json(page)
    elif page.items:
        print_roles(out, page, lang_)
    else:
        print_no_roles(out, snapshot.catalog.suggest(search) if search else (), lang_)


@app.command("role")
def role_command(
    role_id: Annotated[str, typer.Argument(metavar="ID", help="Role id, e.g. mlops-engineer.")],
    catalog: CatalogOpt = None,
    neo4j: Neo4jOpt = None,
    lang: LangOpt = "es",
    as_json: JsonOpt = False,
) -> None:
    """Show one role's guide: profile, strengths, red flags, questions, transitions."""
    lang_ = language(lang)
    guide = role_guide(snapshot_from(catalog, neo4j), role_id, lang_)
    if as_json:
        print_json(guide)
    else:
        print_role(out, guide, lang_)


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
    min_step_fit: MinFitOpt = "0",
    avoid: AvoidOpt = None,
    via: Annotated[
        list[str] | None, typer.Option("--via", help="Role to pass through, in order.")
    ] = None,
    max_step_effort: MaxEffortOpt = None,
    max_trait_step: MaxTraitOpt = None,
    curated_only: CuratedOpt = False,
    max_level_rise: LevelRiseOpt = "1",
    allow_step_down: StepDownOpt = False,
    allow_credential_gates: GatesOpt = False,
    person: PersonOpt = None,
    scores: ScoresOpt = None,
    tolerance: ToleranceOpt = None,
    rate: RateOpt = None,
    min_months: MinMonthsOpt = None,
    fit_weight: Annotated[float, typer.Option(help="Weight of -ln(fit) in the objective.")] = 1.0,
    effort_weight: Annotated[float, typer.Option(help="Weight of effort/100.")] = 1.0,
    months_weight: MonthsWeightOpt = 0.0,
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
        raise InputError([("--k/--pareto/--shortest-gap", say("cli.expect.one_mode", lang_))])
    start = None if source in PERSON_START else source
    someone = person_from(person, scores, start, lang_, tolerance, rate, min_months)
    with flags_named(lang_):
        query = RouteQuery(
            source=start,
            target=target,
            person=someone,
            mode=chosen[0] if chosen else Mode.BEST,
            k=k if k is not None else 5,
            objective=Objective(
                fit_weight=fit_weight, effort_weight=effort_weight, months_weight=months_weight
            ),
            constraints=constraints_from(
                lang_,
                max_steps,
                min_step_fit,
                avoid,
                via,
                max_step_effort,
                curated_only,
                max_trait_step,
                max_level_rise=max_level_rise,
                allow_step_down=allow_step_down,
                allow_credential_gates=allow_credential_gates,
            ),
        )
    answer = answer_routes(snapshot_from(catalog, neo4j), query, lang_)
    if as_json:
        print_json(answer)
    elif not print_route_answer(out, answer, lang_):
        raise typer.Exit(EXIT_NO_ROUTE)


@app.command("reachable")
def reachable_command(
    source: Annotated[
        str, typer.Argument(metavar="FROM", help="Starting role id ('-' to start from the person).")
    ],
    steps: Annotated[int, typer.Option("--steps", help="Most steps away.")] = 2,
    min_step_fit: MinFitOpt = "0",
    avoid: AvoidOpt = None,
    max_step_effort: MaxEffortOpt = None,
    curated_only: CuratedOpt = False,
    max_level_rise: LevelRiseOpt = "1",
    allow_step_down: StepDownOpt = False,
    allow_credential_gates: GatesOpt = False,
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
    constraints = constraints_from(
        lang_,
        steps,
        min_step_fit,
        avoid,
        None,
        max_step_effort,
        curated_only,
        max_level_rise=max_level_rise,
        allow_step_down=allow_step_down,
        allow_credential_gates=allow_credential_gates,
        steps_flag="--steps",
    )
    start = None if source in PERSON_START else source
    someone = person_from(person, scores, start, lang_, tolerance, rate, min_months)
    query = ReachableQuery(source=start, person=someone, constraints=constraints)
    answer = reachable_answer(snapshot_from(catalog, neo4j), query, lang_)
    if as_json:
        print_json(answer)
    else:
        for entry in answer.roles:
            say_wrapped(out, entry.route.explanation)


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
    someone = load_person(person, scores, None, lang_, tolerance=tolerance)
    answer = fit_now_answer(snapshot_from(catalog, neo4j), someone, top, lang_)
    if as_json:
        print_json(answer)
    else:
        out.print(fit_now_table(answer, lang_))


@app.command("leverage")
def leverage_command(
    target: Annotated[str, typer.Argument(metavar="TO", help="Target role id.")],
    points: Annotated[int, typer.Option("--points", help="Points to raise one trait by.")] = 10,
    start: Annotated[str | None, typer.Option("--from", help="The person's current role.")] = None,
    max_steps: MaxStepsOpt = 4,
    max_level_rise: LevelRiseOpt = "1",
    allow_step_down: StepDownOpt = False,
    allow_credential_gates: GatesOpt = False,
    months_weight: MonthsWeightOpt = 0.0,
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
    someone = load_person(person, scores, start, lang_, tolerance=tolerance)
    with flags_named(lang_):
        constraints = Constraints(
            max_steps=max_steps,
            max_level_rise=level_rise(max_level_rise, lang_),
            allow_step_down=allow_step_down,
            allow_credential_gates=allow_credential_gates,
        )
        objective = Objective(months_weight=months_weight)
    answer = leverage_answer(
        snapshot_from(catalog, neo4j), someone, target, points, constraints, objective, lang_
    )
    if as_json:
        print_json(answer)
    elif not print_leverage(out, answer, lang_):
        raise typer.Exit(EXIT_NO_ROUTE)


ReplaceOpt = Annotated[
    bool,
    typer.Option(
        "--replace",
        help="Write over a folder that holds files (role files of other roles go).",
    ),
]


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
    replace: ReplaceOpt = False,
    lang: ErrorLangOpt = "es",
) -> None:
    """Turn guide pages, a catalog folder or an O*NET release folder into a catalog folder.

    Guide pages are merged into a base catalog (--catalog, the bundled one by default)."""
    lang_ = language(lang)
    if fmt not in ("yaml", "csv"):
        raise InputError([("--format", say("cli.expect.format", lang_))])
    if not replace:
        refuse_a_folder_with_files(out_dir, lang_)
    if source not in (None, "onet", "catalog", "guide"):
        raise InputError([("--from", say("cli.expect.import_from", lang_))])
    folders = [p for p in inputs if p.is_dir()]
    if folders and (len(folders) > 1 or len(inputs) > 1):
        raise InputError([("FILE_OR_DIR...", say("cli.expect.one_folder", lang_))])
    if source == "onet" or (source is None and folders and is_onet_release(folders[0])):
        catalog = import_onet_with_progress(inputs[0])
    elif folders and source != "guide":
        catalog = read_catalog(folders[0])
    else:
        catalog = import_guide_pages(inputs, snapshot_from(base, None).catalog)
    write_catalog(catalog, out_dir, "csv" if fmt == "csv" else "yaml")
    err.print(
        f"wrote {len(catalog.roles)} roles and {len(catalog.transitions)} transitions "
        f"to {escape(str(out_dir))}"
    )


def refuse_a_folder_with_files(out_dir: Path, lang: Language) -> None:
    """Refuse to write a catalog into a folder that holds anything, before any work.

    Writing removes role files of roles not in the new catalog (a coach's own roles, any
    other YAML in ``roles/``), so that must be asked for. The folder is resolved as the
    writers resolve it (``missing/../catalog`` is ``catalog``).
    """
    target = resolved_for_writing(out_dir)
    if target.is_dir() and any(target.iterdir()):
        raise InputError([(str(out_dir), say("cli.error.not_empty", lang))])


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
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="uvicorn worker processes.", min=1)] = 1,
    writable: Annotated[
        bool,
        typer.Option(
            "--writable",
            help="Accept writes to the --catalog folder, each saved to it before it is "
            "answered (one worker); without it the catalog is read-only.",
        ),
    ] = False,
    lang: ErrorLangOpt = "es",
) -> None:
    """Serve the HTTP API (and the web page) on the bundled catalog, a folder or Neo4j."""
    from api.server import serve

    lang_ = language(lang)
    if writable and catalog is None:
        raise InputError([("--writable", say("cli.expect.writable_catalog", lang_))])
    if writable and workers > 1:
        raise InputError([("--workers", say("cli.expect.one_worker", lang_))])
    if writable and catalog is not None and catalog.resolve() == bundled_catalog().resolve():
        raise InputError([("--writable", say("cli.expect.bundled_read_only", lang_))])
    settings = source_settings(catalog, neo4j).model_copy(update={"catalog_writable": writable})
    # A bad folder or an unreachable Neo4j is one clear report here, not a failed startup.
    open_store(settings).close()
    serve(catalog, neo4j, host, port, workers, writable)


@app.command("validate")
def validate_command(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Catalog folder to check.")],
    lang: ErrorLangOpt = "es",
) -> None:
    """Check a catalog folder and report every problem at once."""
    language(lang)
    catalog = read_catalog(folder)
    out.print(f"[green]ok[/]: {len(catalog.roles)} roles, {len(catalog.transitions)} transitions")


app.command("audit")(audit_command)

db = typer.Typer(help="Neo4j, the system of record: schema, loading, export, status.")
app.add_typer(db, name="db")
DbUriOpt = Annotated[str | None, typer.Option("--neo4j", help="Bolt URI (else RUMBO_NEO4J_URI).")]


@db.command("init")
def db_init(neo4j: DbUriOpt = None, lang: ErrorLangOpt = "es") -> None:
    """Create the constraints, indexes and catalog version node (idempotent)."""
    language(lang)
    store = neo4j_store(neo4j)
    try:
        store.init_schema()
        print_status(store.status())
    finally:
        store.close()


@db.command("load")
def db_load(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]", help="Catalog folder (YAML or CSV); the bundled one if left out."
        ),
    ] = None,
    neo4j: DbUriOpt = None,
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Load only when Neo4j holds no catalog yet.")
    ] = False,
    batch_size: Annotated[int | None, typer.Option(help="Rows per write batch.", min=1)] = None,
    lang: ErrorLangOpt = "es",
) -> None:
    """Replace the catalog in Neo4j with a folder's (or the bundled one), atomically, in batches."""
    language(lang)
    catalog = read_catalog(folder or bundled_catalog())
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
    replace: ReplaceOpt = False,
    lang: ErrorLangOpt = "es",
) -> None:
    """Write the catalog held in Neo4j to a folder, in the same formats it loads."""
    lang_ = language(lang)
    if fmt not in ("yaml", "csv"):
        raise InputError([("--format", say("cli.expect.format", lang_))])
    if not replace:
        refuse_a_folder_with_files(folder, lang_)
    store = neo4j_store(neo4j)
    try:
        written = store.export(folder, "csv" if fmt == "csv" else "yaml")
        err.print(f"wrote catalog version {written.version} to {escape(str(folder))}")
    finally:
        store.close()


@db.command("status")
def db_status(neo4j: DbUriOpt = None, lang: ErrorLangOpt = "es") -> None:
    """Catalog version and counts held in Neo4j."""
    language(lang)
    store = neo4j_store(neo4j)
    try:
        print_status(store.status())
    finally:
        store.close()


def print_json(answer: BaseModel) -> None:
    """An answer as JSON, exactly as the API sends it."""
    out.print_json(answer.model_dump_json(by_alias=True))


def print_status(status: StoreStatus) -> None:
    out.print(
        f"{escape(status.uri)} (database {escape(str(status.database))}): "
        f"catalog version {status.version}, "
        f"{status.roles} roles, {status.transitions} transitions, {status.actions} actions"
    )
    if status.other_generations:
        out.print(f"[yellow]rows of other generations:[/] {status.other_generations}")


def run() -> None:
    """Console entry point: every error becomes one readable report in the chosen language
    (naming the flag or the file), never a traceback; exit status 2, or 3 for no route."""
    lang = argv_language(sys.argv[1:])
    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as e:
        out.print(escape(e.ctx.get_help()), highlight=False)
        code = 0
    except ClickException as e:
        fail(usage_problem(e, lang))
    except typer.Abort:
        fail(say("cli.error.aborted", lang))
    except (RumboError, ValidationError) as e:
        fail(domain_problem(e, lang))
    except OSError as e:
        # A path the loaders do not check themselves (an input file, a name too long...).
        where = f"{e.filename}: " if e.filename is not None else ""
        fail(f"{where}{e.strerror or e}")
    sys.exit(code if isinstance(code, int) else 0)


def fail(report: str) -> None:
    """Print an error report to stderr and exit with :data:`EXIT_ERROR`."""
    first, *rest = report.split("\n")
    say_wrapped(err, f"{say('cli.error', argv_language(sys.argv[1:]))}: {first}", hang="    ")
    for line in rest:
        say_wrapped(err, line, hang="    ")
    sys.exit(EXIT_ERROR)
