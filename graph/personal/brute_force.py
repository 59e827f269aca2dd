"""Reference answers for personal routes by enumerating every simple route."""

from __future__ import annotations

import math
from collections.abc import Iterator

import networkx as nx

from graph.fit import fit_of_scores, points_to_reach
from graph.model import Origin
from graph.personal.person import Person
from graph.search.brute_force import Scored, pareto_front, via_in_order
from graph.search.query import Constraints, Objective


def personal_routes(
    graph: nx.DiGraph,
    person: Person,
    target: str | None,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> Iterator[Scored]:
    """Every simple route for ``person`` meeting the constraints, scored as (cost,
    -ln fit, effort, roles), with the profile developed step by step."""
    c = constraints or Constraints()
    o = objective or Objective()
    start = person.current_role

    def ideal(node: str) -> tuple[float, ...]:
        scores: tuple[float, ...] = graph.nodes[node]["role"].profile.scores()
        return scores

    def step(scores: tuple[float, ...], node: str) -> tuple[tuple[float, ...], float, int] | None:
        develop = [
            points_to_reach(s, i - person.tolerance)
            for s, i in zip(scores, ideal(node), strict=True)
        ]
        fit = fit_of_scores(scores, ideal(node))
        if fit < c.min_step_fit:
            return None
        if c.max_step_effort is not None and sum(develop) > c.max_step_effort:
            return None
        if c.max_trait_step is not None and max(develop) > c.max_trait_step:
            return None
        return tuple(s + d for s, d in zip(scores, develop, strict=True)), fit, sum(develop)

    def successors(node: str | None) -> list[str]:
        if node is None:
            return sorted(graph)
        return [
            n
            for n in sorted(graph.succ[node])
            if not (c.curated_only and graph[node][n]["transition"].origin is Origin.DERIVED)
        ]

    def extend(
        path: tuple[str, ...], scores: tuple[float, ...], cost: float, fc: float, effort: int
    ) -> Iterator[Scored]:
        steps = len(path) - (1 if start is not None else 0)
        last = path[-1] if path else None
        if steps and last != start and (target is None or last == target):
            if via_in_order(path, c.via):
                yield (cost, fc, effort, path)
        if (target is not None and last == target) or steps == c.max_steps:
            return
        for nxt in successors(last):
            if nxt in path or nxt in c.avoid:
                continue
            moved = step(scores, nxt)
            if moved is not None:
                grown, fit, points = moved
                step_fc = -math.log(fit)
                yield from extend(
                    (*path, nxt),
                    grown,
                    cost + o.step_cost(step_fc, points),
                    fc + step_fc,
                    effort + points,
                )

    yield from extend((start,) if start else (), person.scores.scores(), 0.0, 0.0, 0)


def _rank(r: Scored) -> tuple[float, int, tuple[str, ...]]:
    return (r[0], len(r[3]), r[3])


def brute_personal_alternatives(
    graph: nx.DiGraph, person: Person, target: str, k: int, **kw: object
) -> list[tuple[str, ...]]:
    """The ``k`` least-cost personal routes."""
    routes = sorted(personal_routes(graph, person, target, **kw), key=_rank)  # type: ignore[arg-type]
    return [r[3] for r in routes[:k]]


def brute_personal_shortest_gap(
    graph: nx.DiGraph, person: Person, target: str, **kw: object
) -> tuple[str, ...] | None:
    """Least-effort personal route; ties by -ln fit, steps, ids."""
    routes = sorted(
        personal_routes(graph, person, target, **kw),  # type: ignore[arg-type]
        key=lambda r: (r[2], r[1], len(r[3]), r[3]),
    )
    return routes[0][3] if routes else None


def brute_personal_pareto(
    graph: nx.DiGraph, person: Person, target: str, **kw: object
) -> list[tuple[str, ...]]:
    """Exact personal Pareto set, one route per (fit, effort) vector."""
    return pareto_front(list(personal_routes(graph, person, target, **kw)))  # type: ignore[arg-type]


def brute_personal_reachable(
    graph: nx.DiGraph, person: Person, **kw: object
) -> dict[str, tuple[str, ...]]:
    """Best personal route to every reachable role."""
    best: dict[str, tuple[str, ...]] = {}
    for r in sorted(personal_routes(graph, person, None, **kw), key=_rank):  # type: ignore[arg-type]
        best.setdefault(r[3][-1], r[3])
    return best
