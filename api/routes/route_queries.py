"""``POST /v1/routes``: route queries, answered in es or en."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response
from starlette.concurrency import run_in_threadpool

from api.admission import SearchSlots, remaining_budget
from api.answer_cache import AnswerCache
from api.deps import LangDep, SettingsDep, SnapshotDep, set_field_context
from api.errors import FieldContext
from api.models.person import PERSON_EXAMPLE
from api.models.routes import MLOPS_TO_CDO, RouteRequest
from api.routes._responses import READ_ERRORS, problems
from graph.store import CatalogSnapshot
from graph.traits import Language
from usecases.routes import RouteAnswer, answer_routes

router = APIRouter(tags=["routes"])

_EXAMPLES: dict[str, Any] = {
    "alternatives": {
        "summary": "Five best routes from MLOps Engineer to Chief Data Officer",
        "value": MLOPS_TO_CDO,
    },
    "best-constrained": {
        "summary": "Best route with constraints",
        "value": {
            "from": "mlops-engineer",
            "to": "chief-data-officer",
            "mode": "best",
            "objective": {"fit_weight": 1.0, "effort_weight": 0.5},
            "constraints": {
                "max_steps": 3,
                "min_step_fit": 0.5,
                "avoid": ["ai-researcher"],
                "curated_only": False,
            },
        },
    },
    "career-options": {
        "summary": "Any level rise, stepping down and credential gates allowed; years count",
        "value": {
            "from": "mlops-engineer",
            "to": "chief-data-officer",
            "mode": "alternatives",
            "k": 3,
            "objective": {"fit_weight": 1.0, "effort_weight": 1.0, "months_weight": 0.5},
            "constraints": {
                "max_level_rise": None,
                "allow_step_down": True,
                "allow_credential_gates": True,
            },
        },
    },
    "shortest-gap": {
        "summary": "The route that asks for the least development (fewest points)",
        "value": {"from": "mlops-engineer", "to": "chief-data-officer", "mode": "shortest-gap"},
    },
    "person": {
        "summary": "For a person: routes costed from their scores, with months per step",
        "value": {
            "to": "chief-data-officer",
            "mode": "alternatives",
            "k": 3,
            "person": PERSON_EXAMPLE,
        },
    },
    "pareto": {
        "summary": "Every route that no other beats on fit, effort and months at once",
        "value": {"from": "mlops-engineer", "to": "chief-data-officer", "mode": "pareto"},
    },
}

#: How the domain's field names appear in the request body.
_BODY_FIELDS = {
    "to": "to",
    "from": "from",
    "k": "k",
    "max_steps": "constraints.max_steps",
    "avoid": "constraints.avoid",
    "via": "constraints.via",
    "min_step_fit": "constraints.min_step_fit",
    "max_step_effort": "constraints.max_step_effort",
}


@router.post(
    "/routes",
    operation_id="findRoutes",
    summary="Find career routes",
    response_model=RouteAnswer,
    responses={**READ_ERRORS, **problems(400, 404, 413)},
)
async def find_routes(
    request: Request,
    query: Annotated[RouteRequest, Body(openapi_examples=_EXAMPLES)],
    snapshot: SnapshotDep,
    lang: LangDep,
    settings: SettingsDep,
) -> Response:
    """Routes from one role to another under an objective and constraints.

    An unknown role answers 404 with close matches (and the body field that
    named it); no route is not an error: 200 with an empty list and the
    reason. A cached answer is sent from the event loop; a search runs in a
    worker thread. With a ``person``, steps carry the months they take and
    totals the months of the whole route.
    """
    c = query.constraints
    current = query.person.current_role if query.person else None
    set_field_context(
        request,
        FieldContext(
            "body",
            _BODY_FIELDS,
            roles=[
                ("from", [query.source] if query.source else []),
                ("person.current_role", [current] if current else []),
                ("to", [query.target]),
                ("constraints.avoid", sorted(c.avoid)),
                ("constraints.via", c.via),
            ],
        ),
    )
    cache: AnswerCache = request.app.state.answers
    # Never cached with a person: assessment scores are not kept after the request. The
    # catalog's identity is in the key: a reloaded Neo4j database counts its versions anew.
    key = (
        (snapshot.version, lang, f"{snapshot.catalog_id}\n{query.model_dump_json()}")
        if query.person is None
        else None
    )
    if key is not None and (cached := cache.get(key)) is not None:
        return Response(cached, media_type="application/json")
    slots: SearchSlots = request.app.state.search_slots
    with slots.taken():  # a cached answer needs no slot
        budget = remaining_budget(request, settings)
        body = await run_in_threadpool(_answer_body, snapshot, query, lang, budget)
    if key is not None:
        cache.put(key, body)
    # Serialised once, so that a cached answer is sent byte for byte the same.
    return Response(body, media_type="application/json")


def _answer_body(
    snapshot: CatalogSnapshot, query: RouteRequest, lang: Language, budget: float | None
) -> bytes:
    return answer_routes(snapshot, query, lang, budget).model_dump_json(by_alias=True).encode()
