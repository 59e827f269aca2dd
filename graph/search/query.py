"""What a route query asks for: objective weights and constraints, and how costs compare.

Costs are compared exactly: every step's cost (and each summed criterion:
``-ln fit``, months) is an integer number of :data:`COST_UNIT`, and routes add
those integers, so the documented tie-breaks (fewer steps, then role ids) decide
between equal routes whatever order float sums would have rounded in:

- ``-ln fit`` of a whole-percent fit (every fit the model computes, and every fit
  of the bundled catalog) is the sum of the logarithms of its prime factors, each
  rounded once (:func:`fit_units`): routes whose fits multiply to the same value
  (0.56 · 0.65 and 0.52 · 0.70) have exactly the same sum;
- effort costs a whole number of units per point, so equal totals cost the same
  however the points are split between steps;
- months and other fits are rounded once per step (:func:`units`).

The searches and the brute-force references use the same functions.
"""

from __future__ import annotations

import math
from functools import cache

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


_PRIMES = (
    2,
    3,
    5,
    7,
    11,
    13,
    17,
    19,
    23,
    29,
    31,
    37,
    41,
    43,
    47,
    53,
    59,
    61,
    67,
    71,
    73,
    79,
    83,
    89,
    97,
)


@cache
def _log_units(n: int) -> int:
    """``ln n`` for 1 <= n <= 100 as the sum of its prime factors' rounded logarithms."""
    total, rest = 0, n
    for prime in _PRIMES:
        while rest % prime == 0:
            total += units(math.log(prime))
            rest //= prime
    return total


def fit_units(fit: float) -> int:
    """``-ln fit`` in whole :data:`COST_UNIT`, exact for equal products of whole-percent fits.

    A fit of ``p`` % costs ``log_units(100) - log_units(p)`` with ``log_units`` summed over
    prime factors, so fits whose products are equal have equal sums; other fits are
    rounded once.

    >>> fit_units(0.56) + fit_units(0.65) == fit_units(0.52) + fit_units(0.70)
    True
    >>> fit_units(1.0), abs(fit_units(0.5) - units(math.log(2))) <= 2
    (0, True)
    """
    percent = round(fit * 100)
    if 1 <= percent <= 100 and abs(fit * 100 - percent) < 1e-9:
        return _log_units(100) - _log_units(percent)
    return units(-math.log(fit))


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

    @property
    def effort_unit(self) -> int:
        """Cost units of one development point (whole, so effort sums are exact)."""
        return round(self.effort_weight * COST_UNIT / 100)

    def step_units(self, fit_units: int, effort: int, months: float) -> int:
        """:meth:`step_cost` in whole :data:`COST_UNIT` (what searches add up), from the
        step's ``-ln fit`` in units (:func:`fit_units`).

        >>> o = Objective()
        >>> o.step_units(fit_units(0.8), 10, 0.0) == fit_units(0.8) + 10 * o.effort_unit
        True
        """
        return (
            round(self.fit_weight * fit_units)
            + effort * self.effort_unit
            + units(self.months_weight * months / 12)
        )


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
