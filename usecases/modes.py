"""The registry of route modes: what each mode searches, role to role and for a person.

A new mode is one search module in :mod:`graph.search` (and its personal
counterpart in :mod:`graph.personal`) plus one member of :class:`Mode` with its
entry in :data:`ROUTE_MODES`; the route query, the API's request schema and the
CLI pick it up from here. A test checks that every mode has an entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graph.personal import (
    Person,
    personal_alternatives,
    personal_best,
    personal_pareto,
    personal_shortest_gap,
)
from graph.routes import Route
from graph.search import (
    CompiledGraph,
    Constraints,
    Objective,
    alternative_routes,
    best_route,
    pareto_routes,
    shortest_gap_route,
)


class Mode(StrEnum):
    """Which routes a query asks for."""

    BEST = "best"
    ALTERNATIVES = "alternatives"
    PARETO = "pareto"
    SHORTEST_GAP = "shortest-gap"


#: A search between two roles: (graph, source, target, k, constraints, objective).
RoleSearch = Callable[[CompiledGraph, str, str, int, Constraints, Objective], list[Route]]
#: A search costed for a person: (graph, person, target, k, constraints, objective).
PersonSearch = Callable[[CompiledGraph, Person, str, int, Constraints, Objective], list[Route]]


@dataclass(frozen=True)
class RouteMode:
    """How one mode searches, role to role and for a person."""

    between_roles: RoleSearch
    for_person: PersonSearch
    description: str


def _one(search: Callable[..., Route | None]) -> Callable[..., list[Route]]:
    """A single-route search as a list search (``k`` is not used)."""

    def listed(
        graph: Any, start: Any, target: str, k: int, c: Constraints, o: Objective
    ) -> list[Route]:
        route = search(graph, start, target, c, o)
        return [route] if route is not None else []

    return listed


def _every(search: Callable[..., list[Route]]) -> Callable[..., list[Route]]:
    """A search that returns all its routes whatever ``k`` is."""

    def every(
        graph: Any, start: Any, target: str, k: int, c: Constraints, o: Objective
    ) -> list[Route]:
        return search(graph, start, target, c, o)

    return every


def _k_best(search: Callable[..., list[Route]]) -> Callable[..., list[Route]]:
    """A search that takes ``k``, in the registry's argument order."""

    def k_best(
        graph: Any, start: Any, target: str, k: int, c: Constraints, o: Objective
    ) -> list[Route]:
        return search(graph, start, target, k, c, o)

    return k_best


ROUTE_MODES: dict[Mode, RouteMode] = {
    Mode.BEST: RouteMode(
        _one(best_route), _one(personal_best), "The single best route under the objective."
    ),
    Mode.ALTERNATIVES: RouteMode(
        _k_best(alternative_routes),
        _k_best(personal_alternatives),
        "The k best routes, best first.",
    ),
    Mode.PARETO: RouteMode(
        _every(pareto_routes),
        _every(personal_pareto),
        "Every route that no other beats on all of cumulative fit, effort and months.",
    ),
    Mode.SHORTEST_GAP: RouteMode(
        _one(shortest_gap_route),
        _one(personal_shortest_gap),
        "The route of least development effort.",
    ),
}
