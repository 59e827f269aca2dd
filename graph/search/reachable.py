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
    intermediate roles may not exceed both ends' Job Zones nor require a
    credential neither end holds (unless allowed). So a label also carries
    whether its route stepped down, the highest Job Zone among its
    intermediate roles and the one credential they require besides the
    start's (a route crossing two can reach no role any more, and stops), and
    a role's answer is the first label settled there that its rules accept.
    Labels are settled in the order (cost, steps, ids); a label is dropped
    when an earlier one at the same role is no worse in cost, steps, stepping
    down and Job Zone and carries no credential or the same one, so the first
    acceptable label settled at a role is its best route.

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
    rules = space.reach_rules()
    settled: dict[int, list[tuple[int, ...]]] = {}
    best: dict[str, Route] = {}
    # (cost, steps, path, stepped down, highest Job Zone and credential of the intermediate roles)
    heap: list[tuple[int, int, tuple[int, ...], int, int, int]] = [(0, 0, (start,), 0, 0, -1)]
    while heap:
        cost, hops, path, down, zone, carried = heapq.heappop(heap)
        tick()
        node = path[-1]
        label = (cost, hops, down, zone, *rules.credential_flags(carried))
        if dominated(settled.setdefault(node, []), label):
            continue
        accepted = rules.accepts(node, down, zone, carried)
        if node != start and accepted and (role := space.role_id(node)) not in best:
            best[role] = space.route(path)
        if hops == max_steps:
            continue
        carried_on: int | None
        if node == start:
            onward, carried_on = zone, carried
        else:
            onward, carried_on = max(zone, rules.zones[node]), rules.credential_after(carried, node)
        if carried_on is None:
            continue  # two credentials crossed: no role accepts the route
        for arc in space.out_arcs(node):
            if arc.node not in path:
                step = (
                    cost + arc.weight,
                    hops + 1,
                    (*path, arc.node),
                    down | arc.down,
                    onward,
                    carried_on,
                )
                heapq.heappush(heap, step)
    return best
