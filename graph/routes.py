"""Routes and their metrics, as every query answers them."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from graph.model import Origin, Transition
from graph.traits import TRAITS, Trait


class Step(BaseModel):
    """One move of a route."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, serialize_by_alias=True)

    source: str | None = Field(
        alias="from",
        examples=["mlops-engineer"],
        description="Role the step leaves; null for a person's first step into a role.",
    )
    target: str = Field(alias="to", examples=["data-governance-specialist"])
    fit: float = Field(description="Fit of this move, in (0, 1].", examples=[0.68])
    strengths: tuple[str, ...] = Field(description="Strengths that carry over.")
    develop: dict[Trait, int] = Field(description="Points to develop per trait at this step.")
    origin: Origin | None = Field(description="Where the transition comes from; null on entry.")
    level_change: int | None = Field(
        None, description="Seniority ranks gained (negative: lost); null if a level is unknown."
    )
    months: float | None = Field(
        None, description="Months this step takes: time in role or to develop, the longer."
    )
    actions: dict[Trait, tuple[str, ...]] = Field(
        default_factory=dict, description="Development actions for the traits this step grows."
    )

    @property
    def effort(self) -> int:
        return sum(self.develop.values())


class Totals(BaseModel):
    """What a whole route adds up to."""

    model_config = ConfigDict(frozen=True)

    cumulative_fit: float = Field(description="Product of the step fits.")
    weakest_step: float = Field(description="Lowest step fit.")
    mean_step_fit: float = Field(description="Arithmetic mean of the step fits.")
    effort: int = Field(description="Development points summed over steps and traits.")
    develop: dict[Trait, int] = Field(description="Development points per trait.")
    steps: int
    score: float = Field(description="The scalar objective (lower is better).")
    months: float | None = Field(None, description="Months the whole route takes.")


class Route(BaseModel):
    """A route through the career graph with its steps and totals."""

    model_config = ConfigDict(frozen=True)

    roles: tuple[str, ...] = Field(description="Roles visited, in order.")
    steps: tuple[Step, ...]
    totals: Totals


def step_from_transition(
    edge: Transition, level_change: int | None = None, months: float | None = None
) -> Step:
    """The route step for one catalog or derived transition.

    ``level_change`` and ``months`` are the edge's, as
    :func:`graph.network.role_graph` computes them under the catalog's rules.
    """
    return Step(
        source=edge.source,
        target=edge.target,
        fit=edge.fit,
        strengths=edge.strengths,
        develop=dict(edge.develop),
        origin=edge.origin,
        level_change=level_change,
        months=months,
    )


def route_from_steps(steps: Sequence[Step], score: float) -> Route:
    """Assemble a route and its totals from its steps (at least one)."""
    cumulative = 1.0
    develop = dict.fromkeys(TRAITS, 0)
    for step in steps:
        cumulative *= step.fit
        for trait, points in step.develop.items():
            develop[trait] += points
    fits = [s.fit for s in steps]
    totals = Totals(
        cumulative_fit=cumulative,
        weakest_step=min(fits),
        mean_step_fit=sum(fits) / len(fits),
        effort=sum(develop.values()),
        develop={t: p for t, p in develop.items() if p},
        steps=len(steps),
        score=score,
        months=math.fsum(s.months or 0.0 for s in steps) if steps[0].months is not None else None,
    )
    start = (steps[0].source,) if steps[0].source is not None else ()
    roles = (*start, *(s.target for s in steps))
    return Route(roles=roles, steps=tuple(steps), totals=totals)
