"""Use case: which single trait, raised by some points, most improves a person's best route."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.personal import Person
from graph.personal.leverage import leverage
from graph.search import Constraints, Objective
from graph.search.budget import time_budget
from graph.store import CatalogSnapshot
from graph.traits import Language, Trait
from usecases.answer import CatalogVersion
from usecases.explain import ExplainedRoute, Explainer


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


def leverage_answer(
    snapshot: CatalogSnapshot,
    person: Person,
    target: str,
    points: int,
    constraints: Constraints,
    objective: Objective,
    lang: Language,
    budget: float | None = None,
) -> LeverageAnswer:
    """Raise each trait by ``points`` in turn and compare the person's best routes."""
    with time_budget(budget):
        result = leverage(snapshot.compiled, person, target, points, constraints, objective)
    explainer = Explainer(snapshot.catalog, lang)
    return LeverageAnswer(
        catalog_version=snapshot.version,
        lang=lang,
        points=result.points,
        baseline=explainer.explain(result.baseline) if result.baseline else None,
        best_trait=result.best_trait,
        by_trait=[
            TraitLeverageView(
                trait=item.trait,
                label=item.trait.label(lang),
                raised_to=item.raised_to,
                improvement=item.improvement,
                route=explainer.explain(item.route) if item.route else None,
            )
            for item in result.by_trait
        ],
    )
