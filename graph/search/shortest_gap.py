"""The route that asks for the least development."""

from __future__ import annotations

import networkx as nx

from graph.routes import Route
from graph.search.index import CompiledGraph
from graph.search.query import Constraints, Objective
from graph.search.ranked import BY_EFFORT, ranked_search


def shortest_gap_route(
    graph: nx.DiGraph | CompiledGraph,
    source: str,
    target: str,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> Route | None:
    """The simple route of least total effort (development points).

    Ties go to the higher cumulative fit, then to fewer steps, then to the
    smaller sequence of role ids. ``objective`` only sets the reported score.

    Examples
    --------
    >>> from graph.search.examples import detour_graph
    >>> route = shortest_gap_route(detour_graph(), "a", "c")
    >>> route.roles, route.totals.effort
    (('a', 'c'), 5)
    """
    routes = ranked_search(graph, source, target, 1, BY_EFFORT, constraints, objective)
    return routes[0] if routes else None
