"""Person-centred request bodies: fit now, leverage, and reachable roles for a person."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from api.models.strict import RouteConstraints, RouteObjective, RoutePerson, strict_scalars
from usecases.reachable import ReachableQuery

PERSON_EXAMPLE: dict[str, Any] = {
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
    """A person, how many roles to list and, optionally, which roles."""

    model_config = ConfigDict(extra="forbid", strict=True)

    person: RoutePerson = Field(examples=[PERSON_EXAMPLE])
    limit: int = Field(20, ge=1, le=500, description="Roles to return, best fit first.")
    ids: Annotated[list[Annotated[str, Field(max_length=80)]], Field(max_length=500)] | None = (
        Field(
            None,
            description="Rank only these roles (e.g. one role's fit today, in a catalog of any "
            "size). Every id must exist: an unknown one is a 422 naming it (`ids[i]`), with "
            "close matches.",
            examples=[["chief-data-officer", "head-of-ai"]],
        )
    )


class LeverageRequest(BaseModel):
    """A person, a target role, and how many points to raise one trait by."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    person: RoutePerson = Field(examples=[PERSON_EXAMPLE])
    target: str = Field(alias="to", max_length=80, examples=["chief-data-officer"])
    points: int = Field(10, ge=1, le=50, description="Points added to one trait at a time.")
    objective: RouteObjective = RouteObjective()
    constraints: RouteConstraints = RouteConstraints()


if TYPE_CHECKING:
    _StrictReachableQuery = ReachableQuery
else:
    _StrictReachableQuery = strict_scalars(
        ReachableQuery,
        "_StrictReachableQuery",
        nested={"constraints": RouteConstraints, "person": RoutePerson | None},
    )


class ReachableRequest(_StrictReachableQuery):
    __doc__ = ReachableQuery.__doc__

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"person": PERSON_EXAMPLE, "constraints": {"max_steps": 2}}]
        }
    )
