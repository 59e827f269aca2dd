"""Exact Pareto set of routes over cumulative fit (up) and effort (down)."""

from __future__ import annotations

import heapq

import networkx as nx

from graph.routes import Route
from graph.search.budget import tick
from graph.search.query import Constraints, Objective
from graph.search.space import BOUND_SLACK, SearchSpace, check_query, itinerary

Label = tuple[float, int, int, tuple[int, ...], int]


def pareto_routes(
    graph: nx.DiGraph,
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
    >>> from graph.model import Role, Transition
    >>> from graph.network import role_graph
    >>> from graph.traits import Profile
    >>> p = Profile.from_scores([50] * 6)
    >>> roles = [Role(id=i, name=i, profile=p) for i in "abc"]
    >>> g = role_graph(roles, [
    ...     Transition(source="a", target="c", fit=0.5, develop={"openness": 5}),
    ...     Transition(source="a", target="b", fit=0.9, develop={"openness": 20}),
    ...     Transition(source="b", target="c", fit=0.9, develop={"openness": 20}),
    ... ])
    >>> [(r.roles, round(r.totals.cumulative_fit, 2), r.totals.effort)
    ...  for r in pareto_routes(g, "a", "c")]
    [(('a', 'b', 'c'), 0.81, 40), (('a', 'c'), 0.5, 5)]
    """
    constraints = constraints or Constraints()
    check_query(graph, source, target, constraints)
    space = SearchSpace(graph, constraints, objective or Objective(), source, target)
    trip = itinerary(space, target)
    start = space.number(source)
    if trip is None:
        return []
    max_steps = constraints.max_steps
    hops_left = trip.table("hops")
    if hops_left[0][start] > max_steps:
        return []
    fit_left, effort_left = trip.table("fit_cost"), trip.table("effort")
    goals = trip.goals
    final = len(goals)
    later = [frozenset(goals[stage + 1 :]) for stage in range(final)]
    prune_at_nodes = final == 1
    settled: dict[int, list[tuple[float, int, int]]] = {}
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
        if prune_at_nodes and _dominated(settled.setdefault(node, []), fit_cost, effort, hops):
            continue
        goal = goals[stage]
        for arc in space.out_arcs(node):
            nxt = arc.node
            if nxt in path:
                continue
            if nxt == goal:
                next_stage = stage + 1
            elif nxt in later[stage]:
                continue  # a later via role before this one breaks their order
            else:
                next_stage = stage
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


def _dominated(seen: list[tuple[float, int, int]], fit_cost: float, effort: int, hops: int) -> bool:
    for f, e, h in seen:
        if f <= fit_cost and e <= effort and h <= hops:
            return True
    seen.append((fit_cost, effort, hops))
    return False


def _beaten(frontier: list[tuple[float, int]], fit_cost: float, effort: float) -> bool:
    """Whether a found route strictly beats this optimistic completion."""
    margin = BOUND_SLACK * (1.0 + fit_cost)
    return any(
        (f + margin < fit_cost and e <= effort) or (f <= fit_cost - margin and e < effort)
        for f, e in frontier
    )
