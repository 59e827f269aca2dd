"""The single best route under the scalar objective."""

from __future__ import annotations

import networkx as nx

from graph.routes import Route
from graph.search.index import CompiledGraph
from graph.search.query import Constraints, Objective
from graph.search.ranked import BY_WEIGHT, ranked_search


def best_route(
    graph: nx.DiGraph | CompiledGraph,
    source: str,
    target: str,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> Route | None:
    """The simple route of least objective cost, or ``None`` when there is none.

    Each step costs ``fit_weight * -ln(fit) + effort_weight * effort / 100``
    (see :class:`~graph.search.query.Objective`); ties go to fewer steps,
    then to the smaller sequence of role ids.

    Parameters
    ----------
    graph : networkx.DiGraph or CompiledGraph
        A graph built by :func:`graph.network.role_graph`, or compiled by
        :func:`~graph.search.compile_graph`; a plain graph is compiled for this
        call only, so callers with many queries compile once.
    source, target : str
        Role ids at the two ends of the route.
    constraints : Constraints, optional
        Step limit, minimum step fit, avoided and via roles, and so on.
    objective : Objective, optional
        Weights of fit against effort; both 1 by default.

    Raises
    ------
    UnknownRoleError
        If a role id is not in the graph (with close matches).
    InvalidQueryError
        If the constraints contradict each other.

    Examples
    --------
    >>> from graph.search.examples import detour_graph
    >>> g = detour_graph()
    >>> best_route(g, "a", "c").roles
    ('a', 'b', 'c')
    >>> best_route(g, "a", "c", Constraints(max_steps=1)).roles
    ('a', 'c')
    """
    routes = ranked_search(graph, source, target, 1, BY_WEIGHT, constraints, objective)
    return routes[0] if routes else None
