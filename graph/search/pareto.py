"""Exact Pareto set of routes over cumulative fit (up), effort (down) and months (down)."""

from __future__ import annotations

import heapq

import networkx as nx

from graph.routes import Route
from graph.search.budget import tick
from graph.search.index import CompiledGraph
from graph.search.query import Constraints, Objective
from graph.search.space import dominated, itinerary, query_space

#: (-ln cumulative fit, effort, months, steps, local path, stage); fit and months in cost units.
Label = tuple[int, int, int, int, tuple[int, ...], int]
#: A route's criteria: (-ln cumulative fit, effort, months), each lower is better.
Vector = tuple[int, int, int]


def pareto_routes(
    graph: nx.DiGraph | CompiledGraph,
    source: str,
    target: str,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> list[Route]:
    """Every Pareto-optimal simple route, by cumulative fit descending.

    A route is kept unless another one has at least its cumulative fit, at
    most its effort and at most its months, and is strictly better in one of
    them. Routes with the same fit, effort and months are represented once,
    by the one with fewer steps, then the smaller sequence of role ids. Fit
    and months compare in whole cost units (:func:`~graph.search.query.units`
    of each step's ``-ln fit`` and months), so equal routes tie exactly.

    Labels are settled in the order (``-ln`` cumulative fit, effort, months,
    steps, ids); without via roles a label is dropped when an earlier one at
    the same role is no worse on all four, which keeps the answer exact (a
    completion of the dropped label is matched by the earlier label's or by a
    shortcut of it). Labels whose optimistic completion is matched by a route
    already found are dropped too.

    Examples
    --------
    >>> from graph.search.examples import detour_graph
    >>> [(r.roles, round(r.totals.cumulative_fit, 2), r.totals.effort, r.totals.months)
    ...  for r in pareto_routes(detour_graph(), "a", "c")]
    [(('a', 'b', 'c'), 0.81, 40, 94.0), (('a', 'c'), 0.5, 5, 47.0)]
    """
    space = query_space(graph, source, target, constraints, objective)
    trip = itinerary(space, target)
    start = space.number(source)
    if trip is None:
        return []
    max_steps = space.constraints.max_steps
    hops_left = trip.table("hops")
    if hops_left[0][start] > max_steps:
        return []
    fit_left, effort_left, months_left = (trip.table(k) for k in ("fit_cost", "effort", "months"))
    final = len(trip.goals)
    advance = trip.advance
    prune_at_nodes = final == 1
    settled: dict[int, list[tuple[int, ...]]] = {}
    frontier: list[Vector] = []
    answer: list[tuple[int, ...]] = []
    heap: list[Label] = [(0, 0, 0, 0, (start,), 0)]
    while heap:
        fit_cost, effort, months, hops, path, stage = heapq.heappop(heap)
        tick()
        node = path[-1]
        if stage == final:
            if not matched(frontier, fit_cost, effort, months):
                frontier.append((fit_cost, effort, months))
                answer.append(path)
            continue
        if prune_at_nodes and dominated(
            settled.setdefault(node, []), (fit_cost, effort, months, hops)
        ):
            continue
        stage_after = advance[stage]
        for arc in space.out_arcs(node):
            nxt = arc.node
            next_stage = stage_after[nxt]
            if next_stage < 0 or nxt in path:
                continue
            nf, ne, nm = fit_cost + arc.fit_cost, effort + arc.effort, months + arc.months
            if next_stage < final:
                if hops + 1 + hops_left[next_stage][nxt] > max_steps:
                    continue  # also when the goal is unreachable from nxt (inf)
                least = (
                    nf + fit_left[next_stage][nxt],
                    ne + effort_left[next_stage][nxt],
                    nm + months_left[next_stage][nxt],
                )
                if matched(frontier, *least):
                    continue
            heapq.heappush(heap, (nf, ne, nm, hops + 1, (*path, nxt), next_stage))
    return [space.route(p) for p in answer]


def matched(frontier: list[Vector], fit_cost: float, effort: float, months: float) -> bool:
    """Whether a route found is no worse on every criterion than these (lower) values.

    A route found earlier comes first in the answer's order, so anything it
    matches is either dominated or a later route with the same criteria.
    """
    return any(f <= fit_cost and e <= effort and m <= months for f, e, m in frontier)
