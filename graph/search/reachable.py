"""Every role reachable from one role, with its best route."""

from __future__ import annotations

import heapq

import networkx as nx

from graph.routes import Route
from graph.search.budget import tick
from graph.search.index import CompiledGraph
from graph.search.query import Constraints, Objective
from graph.search.space import dominated, query_space


def reachable_routes(
    graph: nx.DiGraph | CompiledGraph,
    source: str,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> dict[str, Route]:
    """Best route (as :func:`~graph.search.best.best_route` ranks them) to every role
    reachable within ``constraints.max_steps`` steps, keyed by role id in
    order of route cost.

    Every reached role is a target of its own: a route to a role of the
    start's rank or higher may not step down (unless allowed), and its
    intermediate roles may not exceed both ends' Job Zones (unless allowed).
    So a label also carries whether its route stepped down and the highest
    Job Zone among its intermediate roles, and a role's answer is the first
    label settled there that its rules accept. Labels are settled in the
    order (cost, steps, ids); a label is dropped when an earlier one at the
    same role is no worse in cost, steps, stepping down and Job Zone, so the
    first acceptable label settled at a role is its best route.

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
    no_step_down, gate, zones = space.reach_rules()
    settled: dict[int, list[tuple[int, ...]]] = {}
    best: dict[str, Route] = {}
    # (cost, steps, path, stepped down, highest Job Zone of the intermediate roles)
    heap: list[tuple[int, int, tuple[int, ...], int, int]] = [(0, 0, (start,), 0, 0)]
    while heap:
        cost, hops, path, down, zone = heapq.heappop(heap)
        tick()
        node = path[-1]
        if dominated(settled.setdefault(node, []), (cost, hops, down, zone)):
            continue
        accepted = not (down and no_step_down[node]) and zone <= gate[node]
        if node != start and accepted and (role := space.role_id(node)) not in best:
            best[role] = space.route(path)
        if hops == max_steps:
            continue
        onward = zone if node == start else max(zone, zones[node])
        for arc in space.out_arcs(node):
            if arc.node not in path:
                step = (cost + arc.weight, hops + 1, (*path, arc.node), down | arc.down, onward)
                heapq.heappush(heap, step)
    return best
