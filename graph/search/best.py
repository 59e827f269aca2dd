"""The single best route under the scalar objective."""

from __future__ import annotations

import networkx as nx

from graph.routes import Route
from graph.search.query import Constraints, Objective
from graph.search.ranked import BY_WEIGHT, ranked_routes
from graph.search.space import SearchSpace, check_query, itinerary


def best_route(
    graph: nx.DiGraph,
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
    graph : networkx.DiGraph
        A graph built by :func:`graph.network.role_graph`.
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
    >>> from graph.model import Role, Transition
    >>> from graph.network import role_graph
    >>> from graph.traits import Profile
    >>> p = Profile.from_scores([50] * 6)
    >>> roles = [Role(id=i, name=i, profile=p) for i in "abc"]
    >>> g = role_graph(roles, [
    ...     Transition(source="a", target="c", fit=0.5, develop={"openness": 10}),
    ...     Transition(source="a", target="b", fit=0.9),
    ...     Transition(source="b", target="c", fit=0.8),
    ... ])
    >>> best_route(g, "a", "c").roles
    ('a', 'b', 'c')
    >>> best_route(g, "a", "c", Constraints(max_steps=1)).roles
    ('a', 'c')
    """
    constraints = constraints or Constraints()
    check_query(graph, source, target, constraints)
    space = SearchSpace(graph, constraints, objective or Objective(), source, target)
    trip = itinerary(space, target)
    if trip is None:
        return None
    paths = ranked_routes(space, space.number(source), trip, 1, BY_WEIGHT)
    return space.route(paths[0]) if paths else None
