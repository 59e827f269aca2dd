"""The route that asks for the least development."""

from __future__ import annotations

import networkx as nx

from graph.routes import Route
from graph.search.query import Constraints, Objective
from graph.search.ranked import BY_EFFORT, ranked_routes
from graph.search.space import SearchSpace, check_query, itinerary


def shortest_gap_route(
    graph: nx.DiGraph,
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
    >>> from graph.model import Role, Transition
    >>> from graph.network import role_graph
    >>> from graph.traits import Profile
    >>> p = Profile.from_scores([50] * 6)
    >>> roles = [Role(id=i, name=i, profile=p) for i in "abc"]
    >>> g = role_graph(roles, [
    ...     Transition(source="a", target="c", fit=0.9, develop={"openness": 30}),
    ...     Transition(source="a", target="b", fit=0.6, develop={"openness": 5}),
    ...     Transition(source="b", target="c", fit=0.6, develop={"extraversion": 5}),
    ... ])
    >>> route = shortest_gap_route(g, "a", "c")
    >>> route.roles, route.totals.effort
    (('a', 'b', 'c'), 10)
    """
    constraints = constraints or Constraints()
    check_query(graph, source, target, constraints)
    space = SearchSpace(graph, constraints, objective or Objective(), source, target)
    trip = itinerary(space, target)
    if trip is None:
        return None
    paths = ranked_routes(space, space.number(source), trip, 1, BY_EFFORT)
    return space.route(paths[0]) if paths else None
