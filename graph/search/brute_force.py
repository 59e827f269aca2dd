"""Reference answers by enumerating every simple route: slow, obviously right.

The tests check every search against these functions, and the benchmarks use
them as the baseline a user without Rumbo would write. Constraints are applied
here directly from the edges' transitions, independently of the searches.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import networkx as nx

from graph.model import Origin, Transition
from graph.search.query import Constraints, Objective
from graph.search.space import check_query

#: One enumerated route: (cost, -ln cumulative fit, effort, role ids), summed in path order.
Scored = tuple[float, float, int, tuple[str, ...]]


def allowed(edge: Transition, c: Constraints) -> bool:
    """Whether one transition meets the per-step constraints."""
    return (
        edge.target not in c.avoid
        and edge.fit >= c.min_step_fit
        and (c.max_step_effort is None or edge.effort <= c.max_step_effort)
        and (c.max_trait_step is None or max(edge.develop.values(), default=0) <= c.max_trait_step)
        and not (c.curated_only and edge.origin is Origin.DERIVED)
    )


def via_in_order(path: tuple[str, ...], via: tuple[str, ...]) -> bool:
    """Whether every via role is on ``path``, in the given order."""
    positions = [path.index(v) for v in via if v in path]
    return len(positions) == len(via) and positions == sorted(positions)


def all_routes(
    graph: nx.DiGraph,
    source: str,
    target: str | None,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> Iterator[Scored]:
    """Every simple route from ``source`` that meets the constraints.

    With ``target`` None, routes to every role (at least one step) are given.

    >>> from graph.model import Role, Transition
    >>> from graph.network import role_graph
    >>> from graph.traits import Profile
    >>> p = Profile.from_scores([50] * 6)
    >>> g = role_graph([Role(id=i, name=i, profile=p) for i in "ab"],
    ...                [Transition(source="a", target="b", fit=1.0)])
    >>> [r[3] for r in all_routes(g, "a", "b")]
    [('a', 'b')]
    """
    c = constraints or Constraints()
    o = objective or Objective()
    check_query(graph, source, target, c)

    def extend(
        path: tuple[str, ...], cost: float, fit_cost: float, effort: int
    ) -> Iterator[Scored]:
        node = path[-1]
        if len(path) > 1 and (target is None or node == target) and via_in_order(path, c.via):
            yield (cost, fit_cost, effort, path)
        if node == target or len(path) - 1 == c.max_steps:
            return
        for nxt in sorted(graph.succ[node]):
            edge: Transition = graph[node][nxt]["transition"]
            if nxt in path or not allowed(edge, c):
                continue
            step_fit_cost = -math.log(edge.fit)
            yield from extend(
                (*path, nxt),
                cost + o.step_cost(step_fit_cost, edge.effort),
                fit_cost + step_fit_cost,
                effort + edge.effort,
            )

    yield from extend((source,), 0.0, 0.0, 0)


def _rank(r: Scored) -> tuple[float, int, tuple[str, ...]]:
    return (r[0], len(r[3]), r[3])


def brute_best(graph: nx.DiGraph, source: str, target: str, **kw: object) -> tuple[str, ...] | None:
    """Least-cost route, ties by steps then ids."""
    routes = sorted(all_routes(graph, source, target, **kw), key=_rank)  # type: ignore[arg-type]
    return routes[0][3] if routes else None


def brute_alternatives(
    graph: nx.DiGraph, source: str, target: str, k: int, **kw: object
) -> list[tuple[str, ...]]:
    """The ``k`` least-cost routes in order."""
    routes = sorted(all_routes(graph, source, target, **kw), key=_rank)  # type: ignore[arg-type]
    return [r[3] for r in routes[:k]]


def brute_shortest_gap(
    graph: nx.DiGraph, source: str, target: str, **kw: object
) -> tuple[str, ...] | None:
    """Least-effort route, ties by -ln fit, then steps, then ids."""
    routes = sorted(
        all_routes(graph, source, target, **kw),  # type: ignore[arg-type]
        key=lambda r: (r[2], r[1], len(r[3]), r[3]),
    )
    return routes[0][3] if routes else None


def pareto_front(routes: list[Scored]) -> list[tuple[str, ...]]:
    """Routes no other beats on both -ln fit and effort, one per vector, by fit."""
    kept: list[Scored] = []
    for r in sorted(routes, key=lambda r: (r[1], r[2], len(r[3]), r[3])):
        if not any(k[1] <= r[1] and k[2] <= r[2] for k in kept):
            kept.append(r)
    return [r[3] for r in kept]


def brute_pareto(
    graph: nx.DiGraph, source: str, target: str, **kw: object
) -> list[tuple[str, ...]]:
    """Pareto set over (-ln fit, effort), one route per vector (fewest steps, then ids)."""
    return pareto_front(list(all_routes(graph, source, target, **kw)))  # type: ignore[arg-type]


def brute_reachable(graph: nx.DiGraph, source: str, **kw: object) -> dict[str, tuple[str, ...]]:
    """Best route to every reachable role."""
    best: dict[str, tuple[str, ...]] = {}
    for r in sorted(all_routes(graph, source, None, **kw), key=_rank):  # type: ignore[arg-type]
        best.setdefault(r[3][-1], r[3])
    return best
