"""Every role reachable from one role, with its best route."""

from __future__ import annotations

import heapq

import networkx as nx

from graph.routes import Route
from graph.search.budget import tick
from graph.search.index import CompiledGraph
from graph.search.query import Constraints, Objective
from graph.search.space import query_space


def reachable_routes(
    graph: nx.DiGraph | CompiledGraph,
    source: str,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> dict[str, Route]:
    """Best route (as :func:`~graph.search.best.best_route` ranks them) to every role
    reachable within ``constraints.max_steps`` steps, keyed by role id in
    order of route cost.

    Labels are settled in the order (cost, steps, ids); a label is dropped
    when an earlier one at the same role costs no more in fewer or equal
    steps, so the first label settled at a role is its best route.

    Raises
    ------
    InvalidQueryError
        If via roles are given: a via constraint names one destination's
        route, not a whole neighbourhood.

    Examples
    --------
    >>> from graph.search.examples import detour_graph
    >>> g = detour_graph()
    >>> {k: r.roles for k, r in reachable_routes(g, "a").items()}
    {'b': ('a', 'b'), 'c': ('a', 'b', 'c')}
    >>> {k: r.roles for k, r in reachable_routes(g, "a", Constraints(max_steps=1)).items()}
    {'b': ('a', 'b'), 'c': ('a', 'c')}
    """
    space = query_space(graph, source, None, constraints, objective)
    max_steps = space.constraints.max_steps
    start = space.number(source)
    settled: dict[int, list[tuple[float, int]]] = {}
    best: dict[str, Route] = {}
    heap: list[tuple[float, int, tuple[int, ...]]] = [(0.0, 0, (start,))]
    while heap:
        cost, hops, path = heapq.heappop(heap)
        tick()
        node = path[-1]
        seen = settled.setdefault(node, [])
        if any(c <= cost and h <= hops for c, h in seen):
            continue
        seen.append((cost, hops))
        if node != start and (role := space.role_id(node)) not in best:
            best[role] = space.route(path)
        if hops == max_steps:
            continue
        for arc in space.out_arcs(node):
            if arc.node not in path:
                heapq.heappush(heap, (cost + arc.weight, hops + 1, (*path, arc.node)))
    return best
