"""Reference answers for personal routes by enumerating every simple route."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from graph.career import CareerRules
from graph.catalog import derived_fit
from graph.fit import fit_of_scores, points_to_reach
from graph.model import Origin
from graph.personal.person import Person
from graph.search.brute_force import (
    Scored,
    career_rules_met,
    gap_rank,
    level_change,
    pareto_front,
    rank,
    via_in_order,
)
from graph.search.query import Constraints, Objective, fit_units, units


def personal_routes(
    graph: nx.DiGraph,
    person: Person,
    target: str | None,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> Iterator[Scored]:
    """Every simple route for ``person`` meeting the constraints, scored as
    :class:`~graph.search.brute_force.Scored`, with the profile developed step by step.

    A step takes the longer of the time in the role left (the person's
    ``min_months_in_role``, else the role's ``months_in_role``) and the
    slowest trait's growth at the development rate (the person's, else the
    catalog's); a first step from no role takes the growth only.
    """
    c = constraints or Constraints()
    o = objective or Objective()
    start = person.current_role
    rules: CareerRules = graph.graph.get("rules") or CareerRules()
    rate = person.development_rate or rules.development_rate

    def ideal(node: str) -> tuple[float, ...]:
        scores: tuple[float, ...] = graph.nodes[node]["role"].profile.scores()
        return scores

    def months(left: str | None, develop: list[int]) -> float:
        grow = max(develop, default=0) / rate
        if left is None:
            return grow
        stay = person.min_months_in_role
        return max(graph.nodes[left]["months_in_role"] if stay is None else stay, grow)

    def step(
        scores: tuple[float, ...], left: str | None, node: str
    ) -> tuple[tuple[float, ...], float, int, float] | None:
        develop = [
            points_to_reach(s, i - person.tolerance)
            for s, i in zip(scores, ideal(node), strict=True)
        ]
        fit = fit_of_scores(scores, ideal(node))
        if left is not None and graph[left][node]["transition"].origin is Origin.DERIVED:
            fit = derived_fit(fit, rules.derived.no_link_prior)
        if fit < c.min_step_fit:
            return None
        if c.max_step_effort is not None and sum(develop) > c.max_step_effort:
            return None
        if c.max_trait_step is not None and max(develop) > c.max_trait_step:
            return None
        grown = tuple(s + d for s, d in zip(scores, develop, strict=True))
        return grown, fit, sum(develop), months(left, develop)

    def usable(node: str, nxt: str) -> bool:
        derived = graph[node][nxt]["transition"].origin is Origin.DERIVED
        change = level_change(graph, node, nxt)
        too_high = c.max_level_rise is not None and change is not None and change > c.max_level_rise
        return not (derived and (c.curated_only or too_high))

    def successors(node: str | None) -> list[str]:
        if node is None:
            return sorted(graph)
        return [n for n in sorted(graph.succ[node]) if usable(node, n)]

    def extend(
        path: tuple[str, ...],
        scores: tuple[float, ...],
        cost: int,
        fc: int,
        effort: int,
        time: int,
    ) -> Iterator[Scored]:
        steps = len(path) - (1 if start is not None else 0)
        last = path[-1] if path else None
        if steps and last != start and (target is None or last == target):
            if via_in_order(path, c.via) and career_rules_met(graph, start, path, c):
                yield Scored(cost, fc, effort, time, path)
        if (target is not None and last == target) or steps == c.max_steps:
            return
        for nxt in successors(last):
            if nxt in path or nxt in c.avoid:
                continue
            moved = step(scores, last, nxt)
            if moved is not None:
                grown, fit, points, step_months = moved
                step_fc = fit_units(fit)
                yield from extend(
                    (*path, nxt),
                    grown,
                    cost + o.step_units(step_fc, points, step_months),
                    fc + step_fc,
                    effort + points,
                    time + units(step_months),
                )

    yield from extend((start,) if start else (), person.scores.scores(), 0, 0, 0, 0)


def brute_personal_alternatives(
    graph: nx.DiGraph, person: Person, target: str, k: int, **kw: object
) -> list[tuple[str, ...]]:
    """The ``k`` least-cost personal routes."""
    routes = sorted(personal_routes(graph, person, target, **kw), key=rank)  # type: ignore[arg-type]
    return [r.roles for r in routes[:k]]


def brute_personal_shortest_gap(
    graph: nx.DiGraph, person: Person, target: str, **kw: object
) -> tuple[str, ...] | None:
    """Least-effort personal route; ties by -ln fit, steps, ids."""
    routes = sorted(
        personal_routes(graph, person, target, **kw),  # type: ignore[arg-type]
        key=gap_rank,
    )
    return routes[0].roles if routes else None


def brute_personal_pareto(
    graph: nx.DiGraph, person: Person, target: str, **kw: object
) -> list[tuple[str, ...]]:
    """Exact personal Pareto set, one route per (fit, effort, months) vector."""
    return pareto_front(list(personal_routes(graph, person, target, **kw)))  # type: ignore[arg-type]


def brute_personal_reachable(
    graph: nx.DiGraph, person: Person, **kw: object
) -> dict[str, tuple[str, ...]]:
    """Best personal route to every reachable role."""
    best: dict[str, tuple[str, ...]] = {}
    for r in sorted(personal_routes(graph, person, None, **kw), key=rank):  # type: ignore[arg-type]
        best.setdefault(r.roles[-1], r.roles)
    return best
