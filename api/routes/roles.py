"""Role search, role detail and reachability."""

from __future__ import annotations

import unicodedata
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from api.deps import LangDep, SettingsDep, SnapshotDep, set_field_context
from api.errors import FieldContext
from api.models import (
    ReachableAnswer,
    ReachableRole,
    RoleDetail,
    RolePage,
    RoleSummary,
    TraitScore,
    TransitionView,
)
from api.routes._responses import READ_ERRORS, problems
from graph.answers import explain, role_name
from graph.catalog import Catalog
from graph.model import Role, Transition
from graph.search import Constraints, reachable_routes
from graph.search.budget import time_budget
from graph.search.query import MAX_STEPS_LIMIT
from graph.store import CatalogSnapshot
from graph.traits import TRAITS, Language

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


def fold(text: str) -> str:
    """Lowercase without accents, for search.

    >>> fold("Ingeniería de DATOS")
    'ingenieria de datos'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def summary(role: Role, lang: Language) -> RoleSummary:
    return RoleSummary(
        id=role.id,
        name=role.display_name(lang),
        name_es=role.name,
        name_en=role.name_en,
        family=role.family,
        level=role.level,
    )


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
            description="Part of the id or of the Spanish or English name "
            "(case- and accent-insensitive).",
            max_length=200,
            examples=["datos"],
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
    """Roles by id, filtered by name search, family and level, one page at a time.

    ``total`` counts every match, so a client can page with ``offset``.
    """
    roles: list[Role] = list(snapshot.catalog.roles.values())
    if family:
        roles = [r for r in roles if (r.family or "").casefold() == family.casefold()]
    if level:
        roles = [r for r in roles if (r.level or "").casefold() == level.casefold()]
    if q and (needle := fold(q.strip())):
        roles = [
            r
            for r in roles
            if needle in r.id or needle in fold(r.name) or needle in fold(r.name_en or "")
        ]
    page = roles[offset : offset + limit]
    return RolePage(
        catalog_version=snapshot.version,
        lang=lang,
        total=len(roles),
        limit=limit,
        offset=offset,
        items=[summary(r, lang) for r in page],
    )


def transition_view(
    catalog: Catalog, edge: Transition, other: str, lang: Language
) -> TransitionView:
    return TransitionView(
        source=edge.source,
        target=edge.target,
        other_name=catalog.roles[other].display_name(lang),
        fit=edge.fit,
        strengths=edge.strengths,
        develop=dict(edge.develop),
        effort=edge.effort,
        origin=edge.origin,
    )


@router.get(
    "/{role_id}",
    operation_id="getRole",
    summary="Get a role",
    response_model=RoleDetail,
    responses={**READ_ERRORS, **problems(404)},
)
async def get_role(role_id: RoleIdPath, snapshot: SnapshotDep, lang: LangDep) -> RoleDetail:
    """A role's profile, guide fields, and the catalog transitions into and out of it."""
    return role_detail(snapshot, role_id, lang)


def role_detail(snapshot: CatalogSnapshot, role_id: str, lang: Language) -> RoleDetail:
    """The detail view of one role (:class:`UnknownRoleError` if there is none)."""
    catalog = snapshot.catalog
    role = catalog.role(role_id)
    return RoleDetail(
        catalog_version=snapshot.version,
        lang=lang,
        id=role.id,
        name=role.display_name(lang),
        name_es=role.name,
        name_en=role.name_en,
        family=role.family,
        level=role.level,
        description=role.description,
        profile=role.profile,
        traits=[
            TraitScore(
                trait=t,
                label=t.label(lang),
                score=role.profile.score(t),
                note=role.profile_notes.get(t),
            )
            for t in TRAITS
        ],
        strengths=role.strengths,
        red_flags=role.red_flags,
        interview_questions=role.interview_questions,
        archetypes=role.archetypes,
        attribution=role.attribution,
        outgoing=[transition_view(catalog, e, e.target, lang) for e in catalog.outgoing(role.id)],
        incoming=[transition_view(catalog, e, e.source, lang) for e in catalog.incoming(role.id)],
    )


@router.get(
    "/{role_id}/reachable",
    operation_id="listReachableRoles",
    summary="Roles reachable within N steps",
    response_model=ReachableAnswer,
    responses={**READ_ERRORS, **problems(404)},
)
def reachable(
    request: Request,
    role_id: RoleIdPath,
    snapshot: SnapshotDep,
    lang: LangDep,
    settings: SettingsDep,
    steps: Annotated[
        int, Query(ge=1, le=MAX_STEPS_LIMIT, description="Most steps a route may take.")
    ] = 2,
    min_step_fit: Annotated[
        float, Query(ge=0, le=1, description="Every step's fit must reach this.")
    ] = 0.0,
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
) -> ReachableAnswer:
    """Every role reachable from this one within ``steps`` steps, with its best route.

    Routes are ranked as in ``best`` mode with the default objective; roles
    come in order of their best route's cost.
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
        curated_only=curated_only,
    )
    graph = snapshot.graph
    with time_budget(settings.query_budget_seconds):
        routes = reachable_routes(graph, role_id, constraints)
    entries = [
        ReachableRole(id=target, name=role_name(graph, target, lang), route=explain(graph, r, lang))
        for target, r in routes.items()
    ]
    return ReachableAnswer(
        catalog_version=snapshot.version,
        lang=lang,
        source=role_id,
        steps=steps,
        total=len(entries),
        roles=entries,
    )
