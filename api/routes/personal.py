"""Person-centred answers: fit to every role today, which trait to work on first, and
every role reachable for a person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Request, Response

from api.admission import SearchSlotDep, remaining_budget
from api.deps import LangDep, SettingsDep, SnapshotDep, set_field_context
from api.errors import FieldContext
from api.models.person import FitNowRequest, LeverageRequest, ReachableRequest
from api.routes._responses import READ_ERRORS, json_answer, problems
from graph.search import Constraints
from usecases.fit_now import FitNowAnswer, fit_now_answer
from usecases.leverage import LeverageAnswer, leverage_answer
from usecases.reachable import ReachableAnswer, reachable_answer

router = APIRouter(tags=["person"])

PERSON_ERRORS = {**READ_ERRORS, **problems(400, 404, 413)}


def _name_body_fields(
    request: Request, named: dict[str, str | None], constraints: Constraints
) -> None:
    """Tell the error handlers which body field named each role of the request."""
    roles = [(field, [role] if role else []) for field, role in named.items()]
    set_field_context(
        request,
        FieldContext(
            "body",
            {"to": "to", "max_steps": "constraints.max_steps"},
            roles=[
                *roles,
                ("constraints.avoid", sorted(constraints.avoid)),
                ("constraints.via", constraints.via),
            ],
        ),
    )


@router.post(
    "/fit-now",
    operation_id="fitNow",
    summary="A person's fit to every role today",
    response_model=FitNowAnswer,
    responses=PERSON_ERRORS,
)
def fit_now_endpoint(
    body: Annotated[FitNowRequest, Body()], snapshot: SnapshotDep, lang: LangDep
) -> FitNowAnswer:
    """Every role (or the roles in ``ids``) ranked by the person's profile fit, with their top
    strengths and gaps.

    Assessment scores are used for the answer only: never logged or stored.
    """
    return fit_now_answer(snapshot, body.person, body.limit, lang, body.ids)


@router.post(
    "/leverage",
    operation_id="leverage",
    summary="Which trait to develop first",
    response_model=LeverageAnswer,
    responses=PERSON_ERRORS,
)
def leverage_endpoint(
    _slot: SearchSlotDep,
    request: Request,
    body: Annotated[LeverageRequest, Body()],
    snapshot: SnapshotDep,
    lang: LangDep,
    settings: SettingsDep,
) -> LeverageAnswer:
    """Raise each trait by ``points`` in turn and compare the person's best routes."""
    named = {"person.current_role": body.person.current_role, "to": body.target}
    _name_body_fields(request, named, body.constraints)
    return leverage_answer(
        snapshot,
        body.person,
        body.target,
        body.points,
        body.constraints,
        body.objective,
        lang,
        remaining_budget(request, settings),
    )


@router.post(
    "/reachable",
    operation_id="findReachableRoles",
    summary="Roles reachable within N steps, from a role or for a person",
    response_model=ReachableAnswer,
    responses=PERSON_ERRORS,
)
def reachable_endpoint(
    _slot: SearchSlotDep,
    request: Request,
    body: Annotated[ReachableRequest, Body()],
    snapshot: SnapshotDep,
    lang: LangDep,
    settings: SettingsDep,
) -> Response:
    """Every role reachable within ``constraints.max_steps`` steps, with its best route.

    With a ``person``, routes are costed for that person (and may start from
    the person themself when neither ``from`` nor ``person.current_role`` is
    given), as ``rumbo reachable`` does. Scores are never logged or stored.
    """
    current = body.person.current_role if body.person else None
    _name_body_fields(
        request, {"from": body.source, "person.current_role": current}, body.constraints
    )
    budget = remaining_budget(request, settings)
    return json_answer(reachable_answer(snapshot, body, lang, budget))
