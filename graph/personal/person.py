"""A person's assessed OCEAN+ profile and how fast they develop."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graph.model import RoleId
from graph.traits import Profile

#: Points below a role's ideal score that still count as meeting it.
DEFAULT_TOLERANCE = 10.0
#: Development points per trait per month (traits develop in parallel).
DEFAULT_DEVELOPMENT_RATE = 2.0
#: Months a person spends in a role before the next move, at the least.
DEFAULT_MIN_MONTHS_IN_ROLE = 6.0


class Person(BaseModel):
    """Someone a coach is planning routes for; their scores are never logged."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scores: Profile = Field(description="The person's assessed OCEAN+ scores, 0-100.")
    current_role: RoleId | None = Field(
        None, description="Role the person holds now; routes start there when given."
    )
    tolerance: float = Field(
        DEFAULT_TOLERANCE,
        ge=0,
        le=50,
        description="Points below a role's ideal that still meet it.",
    )
    development_rate: float = Field(
        DEFAULT_DEVELOPMENT_RATE,
        gt=0,
        le=50,
        description="Points a trait grows per month; traits grow in parallel.",
    )
    min_months_in_role: float = Field(
        DEFAULT_MIN_MONTHS_IN_ROLE,
        ge=0,
        le=120,
        description="Least months spent in a role before moving on.",
    )

    def __repr__(self) -> str:
        # Assessment scores are personal data: keep them out of logs and tracebacks.
        return f"Person(current_role={self.current_role!r}, scores=<hidden>)"

    __str__ = __repr__
