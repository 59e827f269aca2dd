"""Person-centred answers: fit to every role today, and which trait to work on first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Request
from pydantic import BaseModel, ConfigDict, Field

from api.deps import LangDep, SettingsDep, SnapshotDep, set_field_context
from api.errors import FieldContext
from api.models import CatalogVersion, RouteConstraints, RouteObjective, RoutePerson
from api.routes._responses import READ_ERRORS, problems
from graph.answers import ExplainedRoute, explain
from graph.personal.fit_now import RoleFit, fit_now
from graph.personal.leverage import leverage
from graph.search.budget import time_budget
from graph.traits import Language, Trait

router = APIRouter(tags=["person"])

_PERSON_EXAMPLE = {
    "scores": {
        "openness": 72,
        "conscientiousness": 78,
        "extraversion": 38,
        "agreeableness": 58,
        "emotional_stability": 70,
        "relational_engagement": 44,
    },
    "current_role": "mlops-engineer",
}


class FitNowRequest(BaseModel):
    """A person, and how many roles to list."""

    model_config = ConfigDict(extra="forbid", strict=True)

    person: RoutePerson = Field(examples=[_PERSON_EXAMPLE])
    limit: int = Field(20, ge=1, le=500, description="Roles to return, best fit first.")


class RoleFitView(RoleFit):
    """One role's fit, with its display name."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "role": "ml-engineer",
                    "name": "Ingeniero/a de Machine Learning",
                    "fit": 0.93,
                    "strengths": {"agreeableness": 3.0, "emotional_stability": 2.0},
                    "gaps": {},
                }
            ]
        }
    )

    name: str = Field(description="Display name in the requested language.")


class FitNowAnswer(BaseModel):
    """The person's fit to every role, best first."""

    catalog_version: CatalogVersion
    lang: Language
    total: int = Field(description="Roles in the catalog.")
    roles: list[RoleFitView]


class LeverageRequest(BaseModel):
    """A person, a target role, and how many points to raise one trait by."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    person: RoutePerson = Field(examples=[_PERSON_EXAMPLE])
    target: str = Field(alias="to", max_length=80, examples=["chief-data-officer"])
    points: int = Field(10, ge=1, le=50, description="Points added to one trait at a time.")
    objective: RouteObjective = RouteObjective()
    constraints: RouteConstraints = RouteConstraints()


class TraitLeverageView(BaseModel):
    """The best route after raising one trait."""

    trait: Trait = Field(examples=["extraversion"])
    label: str = Field(description="The trait's name in the requested language.")
    raised_to: float = Field(description="The trait's score after the raise (at most 100).")
    improvement: float | None = Field(
        description="Objective cost saved on the best route; null without a route."
    )
    route: ExplainedRoute | None = Field(description="The best route after the raise.")


class LeverageAnswer(BaseModel):
    """The person's best route now, and after raising each trait in turn."""

    catalog_version: CatalogVersion
    lang: Language
    points: int
    baseline: ExplainedRoute | None
    best_trait: Trait | None
    by_trait: list[TraitLeverageView] = Field(description="Most improving trait first.")


@router.post(
    "/fit-now",
    operation_id="fitNow",
    summary="A person's fit to every role today",
    response_model=FitNowAnswer,
    responses={**READ_ERRORS, **problems(400, 404, 413)},
)
def fit_now_endpoint(
    request: Request,
    body: Annotated[FitNowRequest, Body()],
    snapshot: SnapshotDep,
    lang: LangDep,
) -> FitNowAnswer:
    """Every role ranked by the person's profile fit, with their top strengths and gaps.

    Assessment scores are used for the answer only: never logged or stored.
    """
    catalog = snapshot.catalog
    ranked = fit_now(body.person, catalog.roles.values())
    return FitNowAnswer(
        catalog_version=snapshot.version,
        lang=lang,
        total=len(ranked),
        roles=[
            RoleFitView(**r.model_dump(), name=catalog.roles[r.role].display_name(lang))
            for r in ranked[: body.limit]
        ],
    )


@router.post(
    "/leverage",
    operation_id="leverage",
    summary="Which trait to develop first",
    response_model=LeverageAnswer,
    responses={**READ_ERRORS, **problems(400, 404, 413)},
)
def leverage_endpoint(
    request: Request,
    body: Annotated[LeverageRequest, Body()],
    snapshot: SnapshotDep,
    lang: LangDep,
    settings: SettingsDep,
) -> LeverageAnswer:
    """Raise each trait by ``points`` in turn and compare the person's best routes."""
    current = body.person.current_role
    set_field_context(
        request,
        FieldContext(
            "body",
            {"to": "to", "max_steps": "constraints.max_steps"},
            roles=[
                ("person.current_role", [current] if current else []),
                ("to", [body.target]),
                ("constraints.avoid", sorted(body.constraints.avoid)),
                ("constraints.via", body.constraints.via),
            ],
        ),
    )
    graph = snapshot.graph
    with time_budget(settings.query_budget_seconds):
        result = leverage(
            graph, body.person, body.target, body.points, body.constraints, body.objective
        )
    return LeverageAnswer(
        catalog_version=snapshot.version,
        lang=lang,
        points=result.points,
        baseline=explain(graph, result.baseline, lang) if result.baseline else None,
        best_trait=result.best_trait,
        by_trait=[
            TraitLeverageView(
                trait=item.trait,
                label=item.trait.label(lang),
                raised_to=item.raised_to,
                improvement=item.improvement,
                route=explain(graph, item.route, lang) if item.route else None,
            )
            for item in result.by_trait
        ],
    )
