"""Role search, role detail and reachability."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from api.admission import SearchSlotDep, remaining_budget
from api.deps import LangDep, SettingsDep, SnapshotDep, set_field_context
from api.errors import FieldContext
from api.models.strict import MIN_STEP_FIT
from api.routes._responses import READ_ERRORS, json_answer, problems
from graph.search import Constraints
from graph.search.query import MAX_STEPS_LIMIT
from usecases.reachable import ReachableAnswer, ReachableQuery, reachable_answer
from usecases.role_guide import RoleDetail, role_guide
from usecases.role_search import RolePage, search_roles

router = APIRouter(prefix="/roles", tags=["roles"])

RoleIdPath = Annotated[
    str,
    Path(
        description="Role id, e.g. `mlops-engineer`. An unknown id answers 404 with close matches.",
        min_length=1,
        max_length=200,
        examples=["mlops-engineer"],
    ),
]


@router.get(
    "",
    operation_id="listRoles",
    summary="Search roles",
    response_model=RolePage,
    responses=READ_ERRORS,
)
async def list_roles(
    snapshot: SnapshotDep,
    lang: LangDep,
    q: Annotated[
        str | None,
        Query(
            description="Words of the id or of the Spanish or English name, or an "
            "abbreviation (`cdo`, `sre`, `ia`...). Words match ignoring accents, case and "
            "grammatical gender (`científica de datos` finds `Científico/a de Datos`), as "
            "the start of a word, or with a typo. Matches come by relevance: exact name, id "
            "or abbreviation first, then every word, then partial words, then typos; ties "
            "by name.",
            max_length=200,
            examples=["ingeniera de datos"],
        ),
    ] = None,
    family: Annotated[
        str | None, Query(description="Only roles of this family.", max_length=80)
    ] = None,
    level: Annotated[
        str | None, Query(description="Only roles of this level.", max_length=80)
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200, description="Page size.")] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Matches to skip.")] = 0,
) -> RolePage:
    """Roles found by ``q`` (by relevance) or every role (by id), filtered by family and
    level, one page at a time.

    ``total`` counts every match, so a client can page with ``offset``.
    """
    return search_roles(snapshot, lang, q, family, level, limit, offset)


@router.get(
    "/{role_id}",
    operation_id="getRole",
    summary="Get a role",
    response_model=RoleDetail,
    responses={**READ_ERRORS, **problems(404)},
)
async def get_role(role_id: RoleIdPath, snapshot: SnapshotDep, lang: LangDep) -> RoleDetail:
    """A role's profile, guide fields, and the catalog transitions into and out of it."""
    return role_guide(snapshot, role_id, lang)


@router.get(
    "/{role_id}/reachable",
    operation_id="listReachableRoles",
    summary="Roles reachable within N steps",
    response_model=ReachableAnswer,
    responses={**READ_ERRORS, **problems(404)},
)
def reachable(
    _slot: SearchSlotDep,
    request: Request,
    role_id: RoleIdPath,
    snapshot: SnapshotDep,
    lang: LangDep,
    settings: SettingsDep,
    steps: Annotated[
        int, Query(ge=1, le=MAX_STEPS_LIMIT, description="Most steps a route may take.")
    ] = 2,
    min_step_fit: Annotated[float, Query(ge=0, le=1, description=MIN_STEP_FIT)] = 0.0,
    max_step_effort: Annotated[
        int | None,
        Query(ge=0, le=600, description="Most development points any single step may ask for."),
    ] = None,
    curated_only: Annotated[
        bool, Query(description="Only catalog transitions (no derived edges).")
    ] = False,
    avoid: Annotated[
        list[str] | None,
        Query(description="Roles no route may pass through (repeat the parameter).", max_length=80),
    ] = None,
    max_trait_step: Annotated[
        int | None,
        Query(ge=0, le=100, description="Most development points any step may ask of one trait."),
    ] = None,
    max_level_rise: Annotated[
        str,
        Query(
            pattern=r"^(any|[0-9]{1,2})$",
            description="Most seniority levels one step may rise (catalog transitions may "
            "rise more), or `any` for no limit.",
        ),
    ] = "1",
    allow_step_down: Annotated[
        bool, Query(description="Let a route step down a level on its way.")
    ] = False,
    allow_credential_gates: Annotated[
        bool,
        Query(
            description="Let a route pass through a role whose Job Zone or credential "
            "neither end has."
        ),
    ] = False,
) -> Response:
    """Every role reachable from this one within ``steps`` steps, with its best route.

    Routes are ranked as in ``best`` mode with the default objective; roles
    come in order of their best route's cost. The query options are those of
    ``POST /v1/reachable``'s ``constraints`` (and of ``rumbo reachable``).
    ``POST /v1/reachable`` is the personal form: a person's scores go in a
    request body, never in a URL, which proxies log and browsers keep.
    """
    avoided = frozenset(avoid or ())
    set_field_context(
        request,
        FieldContext(
            "query",
            {"max_steps": "steps", "avoid": "avoid"},
            roles=[("role_id", [role_id]), ("avoid", sorted(avoided))],
        ),
    )
    constraints = Constraints(
        max_steps=steps,
        min_step_fit=min_step_fit,
        avoid=avoided,
        max_step_effort=max_step_effort,
        max_trait_step=max_trait_step,
        curated_only=curated_only,
        max_level_rise=None if max_level_rise == "any" else int(max_level_rise),
        allow_step_down=allow_step_down,
        allow_credential_gates=allow_credential_gates,
    )
    query = ReachableQuery(source=role_id, constraints=constraints)
    budget = remaining_budget(request, settings)
    return json_answer(reachable_answer(snapshot, query, lang, budget))
