"""Exact Pareto set of routes over cumulative fit (up) and effort (down)."""

from __future__ import annotations

import heapq

import networkx as nx

from graph.routes import Route
from graph.search.budget import tick
from graph.search.index import CompiledGraph
from graph.search.query import Constraints, Objective
from graph.search.space import BOUND_SLACK, dominated, itinerary, query_space

Label = tuple[float, int, int, tuple[int, ...], int]


def pareto_routes(
    graph: nx.DiGraph | CompiledGraph,
    source: str,
    target: str,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> list[Route]:
    """Every Pareto-optimal simple route, by cumulative fit descending.

    A route is kept unless another one has at least its cumulative fit and at
    most its effort, and is strictly better in one of them. Routes with the
    same fit and effort are represented once, by the one with fewer steps,
    then the smaller sequence of role ids.

    Labels are settled in the order (``-ln`` cumulative fit, effort, steps,
    ids); without via roles a label is dropped when an earlier one at the
    same role is no worse on all three, which keeps the answer exact (a
    completion of the dropped label is matched by the earlier label's or by a
    shortcut of it). Labels whose optimistic completion is dominated by a
    route already found are dropped too.

    Examples
    --------
    >>> from graph.search.examples import detour_graph
    >>> [(r.roles, round(r.totals.cumulative_fit, 2), r.totals.effort)
    ...  for r in pareto_routes(detour_graph(), "a", "c")]
    [(('a', 'b', 'c'), 0.81, 40), (('a', 'c'), 0.5, 5)]
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
    fit_left, effort_left = trip.table("fit_cost"), trip.table("effort")
    final = len(trip.goals)
    advance = trip.advance
    prune_at_nodes = final == 1
    settled: dict[int, list[tuple[float, float, int]]] = {}
    frontier: list[tuple[float, int]] = []
    answer: list[tuple[int, ...]] = []
    heap: list[Label] = [(0.0, 0, 0, (start,), 0)]
    while heap:
        fit_cost, effort, hops, path, stage = heapq.heappop(heap)
        tick()
        node = path[-1]
        if stage == final:
            if not any(f <= fit_cost and e <= effort for f, e in frontier):
                frontier.append((fit_cost, effort))
                answer.append(path)
            continue
        if prune_at_nodes and dominated(settled.setdefault(node, []), fit_cost, effort, hops):
            continue
        stage_after = advance[stage]
        for arc in space.out_arcs(node):
            nxt = arc.node
            next_stage = stage_after[nxt]
            if next_stage < 0 or nxt in path:
                continue
            nf, ne = fit_cost + arc.fit_cost, effort + arc.effort
            if next_stage < final:
                if hops + 1 + hops_left[next_stage][nxt] > max_steps:
                    continue  # also when the goal is unreachable from nxt (inf)
                lf = fit_left[next_stage][nxt]
                le = effort_left[next_stage][nxt]
                if _beaten(frontier, nf + lf, ne + le):
                    continue
            heapq.heappush(heap, (nf, ne, hops + 1, (*path, nxt), next_stage))
    return [space.route(p) for p in answer]


def _beaten(frontier: list[tuple[float, int]], fit_cost: float, effort: float) -> bool:
    """Whether a found route strictly beats this optimistic completion."""
    margin = BOUND_SLACK * (1.0 + fit_cost)
    return any(
        (f + margin < fit_cost and e <= effort) or (f <= fit_cost - margin and e < effort)
        for f, e in frontier
    )
