"""A person's assessed OCEAN+ profile and how fast they develop."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graph.model import RoleId
from graph.traits import Profile

#: Points below a role's ideal score that still count as meeting it.
DEFAULT_TOLERANCE = 10.0


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
    development_rate: float | None = Field(
        None,
        ge=0.01,
        le=50,
        description="Points a trait grows per month (traits grow in parallel); null: the "
        "catalog's development rate.",
    )
    min_months_in_role: float | None = Field(
        None,
        ge=0,
        le=120,
        description="Months spent in every role before moving on; null: the catalog's "
        "time in role of each role's level.",
    )

    def __repr__(self) -> str:
        # Assessment scores are personal data: keep them out of logs and tracebacks.
        return f"Person(current_role={self.current_role!r}, scores=<hidden>)"

    __str__ = __repr__
