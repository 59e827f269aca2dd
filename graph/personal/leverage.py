"""Which single trait, raised by N points, most improves a person's best route."""

from __future__ import annotations

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from graph.personal.person import Person
from graph.personal.routes import personal_best
from graph.routes import Route
from graph.search.index import CompiledGraph, compile_graph
from graph.search.query import Constraints, Objective
from graph.traits import TRAITS, Profile, Trait


class TraitLeverage(BaseModel):
    """The best route after raising one trait."""

    model_config = ConfigDict(frozen=True)

    trait: Trait
    raised_to: float
    route: Route | None
    improvement: float | None = Field(
        description="Objective cost saved on the best route (higher is better); null if "
        "there is no route before or after."
    )


class Leverage(BaseModel):
    """The person's best route now, and after raising each trait in turn."""

    model_config = ConfigDict(frozen=True)

    points: int
    baseline: Route | None
    by_trait: list[TraitLeverage] = Field(description="Most improving trait first.")
    best_trait: Trait | None = Field(description="The trait to work on first, if any helps.")


def leverage(
    graph: nx.DiGraph | CompiledGraph,
    person: Person,
    target: str,
    points: int = 10,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> Leverage:
    """Raise each trait by ``points`` (capped at 100) and compare the best routes.

    A route that appears only after the raise counts as the largest
    improvement; ties go to OCEAN+ order. A plain ``graph`` is compiled once
    for all seven searches.

    Examples
    --------
    >>> from graph.model import Role, Transition
    >>> from graph.network import role_graph
    >>> roles = [Role(id="a", name="A", profile=Profile.from_scores([50] * 6)),
    ...          Role(id="b", name="B", profile=Profile.from_scores([50, 50, 90, 50, 50, 50]))]
    >>> g = role_graph(roles, [Transition(source="a", target="b", fit=0.6)])
    >>> me = Person(scores=Profile.from_scores([50] * 6), current_role="a")
    >>> result = leverage(g, me, "b", points=10)
    >>> result.best_trait.value, round(result.by_trait[0].improvement, 3)
    ('extraversion', 0.254)
    """
    graph = compile_graph(graph)
    baseline = personal_best(graph, person, target, constraints, objective)
    results = []
    for trait in TRAITS:
        scores = list(person.scores.scores())
        index = TRAITS.index(trait)
        scores[index] = min(100.0, scores[index] + points)
        raised = person.model_copy(update={"scores": Profile.from_scores(scores)})
        route = personal_best(graph, raised, target, constraints, objective)
        improvement = None
        if baseline is not None and route is not None:
            improvement = baseline.totals.score - route.totals.score
        results.append(
            TraitLeverage(
                trait=trait, raised_to=scores[index], route=route, improvement=improvement
            )
        )

    def rank(item: TraitLeverage) -> tuple[int, float, int]:
        opened = baseline is None and item.route is not None
        return (0 if opened else 1, -(item.improvement or 0.0), TRAITS.index(item.trait))

    results.sort(key=rank)
    top = results[0]
    helps = (baseline is None and top.route is not None) or (top.improvement or 0.0) > 0
    return Leverage(
        points=points,
        baseline=baseline,
        by_trait=results,
        best_trait=top.trait if helps else None,
    )
