"""What a route query asks for: objective weights and constraints, and how costs compare.

Costs are compared exactly: every step's cost (and each summed criterion:
``-ln fit``, months) is rounded once to an integer number of
:data:`COST_UNIT`, and routes add those integers. So two routes made of the
same steps in another order (fits 0.8 then 0.9, or 0.9 then 0.8) cost exactly
the same, and the documented tie-breaks (fewer steps, then role ids) decide,
whatever order float sums would have rounded in. The searches and the
brute-force references use the same :func:`units`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: Hard ceiling on ``max_steps``; the search is exponential in it.
MAX_STEPS_LIMIT = 8
#: Hard ceiling on the number of alternatives a query may ask for.
MAX_ALTERNATIVES = 50
#: Integer units per unit of cost: 2**32, so any route's sum stays an exact float too.
COST_UNIT = 2**32


def units(value: float) -> int:
    """``value`` as a whole number of :data:`COST_UNIT` (rounded half to even).

    >>> units(0.5) == COST_UNIT // 2, units(0.8) + units(0.9) == units(0.9) + units(0.8)
    (True, True)
    """
    return round(value * COST_UNIT)


class Objective(BaseModel):
    """Weights of the scalar objective minimised by ``best`` and ``alternatives``.

    A step costs ``fit_weight * -ln(fit) + effort_weight * effort / 100 +
    months_weight * months / 12``; a route costs the sum of its steps (in
    :func:`units`), so the product of fits is maximised while development
    points (and, if weighted, time) are minimised.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    fit_weight: float = Field(1.0, ge=0, le=100, description="Weight of -ln(step fit).")
    effort_weight: float = Field(
        1.0, ge=0, le=100, description="Weight of development points / 100."
    )
    months_weight: float = Field(
        0.0, ge=0, le=100, description="Weight of the months a step takes / 12 (years)."
    )

    @model_validator(mode="after")
    def _some_weight(self) -> Objective:
        if self.fit_weight == 0 and self.effort_weight == 0:
            raise ValueError("at least one of fit_weight and effort_weight must be positive")
        return self

    def step_cost(self, fit_cost: float, effort: int, months: float = 0.0) -> float:
        """Cost of one step from its ``-ln(fit)``, development points and months.

        >>> Objective(months_weight=1.0).step_cost(0.0, 50, 24.0)
        2.5
        """
        return (
            self.fit_weight * fit_cost
            + self.effort_weight * effort / 100
            + self.months_weight * months / 12
        )

    def step_units(self, fit_cost: float, effort: int, months: float) -> int:
        """:meth:`step_cost` in whole :data:`COST_UNIT` (what searches add up)."""
        return units(self.step_cost(fit_cost, effort, months))


class Constraints(BaseModel):
    """Limits every route of a query must respect."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_steps: int = Field(4, ge=1, le=MAX_STEPS_LIMIT, description="Most steps a route may take.")
    min_step_fit: float = Field(0.0, ge=0, le=1, description="Every step's fit must reach this.")
    avoid: frozenset[str] = Field(frozenset(), description="Roles no route may pass through.")
    via: tuple[str, ...] = Field((), description="Roles the route must pass through, in order.")
    max_step_effort: int | None = Field(
        None, ge=0, description="Most development points any single step may ask for."
    )
    max_trait_step: int | None = Field(
        None, ge=0, description="Most development points any step may ask of a single trait."
    )
    curated_only: bool = Field(
        False, description="Use only transitions given by a catalog (no derived edges)."
    )
    max_level_rise: int | None = Field(
        1,
        ge=0,
        description="Most seniority levels one step may rise; catalog transitions may rise "
        "more (the catalog says so). Null: no limit.",
    )
    allow_step_down: bool = Field(
        False,
        description="Let a route towards a target of the same or a higher level step down.",
    )
    allow_credential_gates: bool = Field(
        False,
        description="Let a route pass through a role whose Job Zone exceeds both ends' or "
        "that requires a credential (a licence) neither end requires.",
    )
