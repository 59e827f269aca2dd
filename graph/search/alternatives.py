"""The k best simple routes, in order."""

from __future__ import annotations

import networkx as nx

from graph.errors import InvalidQueryError
from graph.routes import Route
from graph.search.query import MAX_ALTERNATIVES, Constraints, Objective
from graph.search.ranked import BY_WEIGHT, ranked_routes
from graph.search.space import SearchSpace, check_query, itinerary


def alternative_routes(
    graph: nx.DiGraph,
    source: str,
    target: str,
    k: int,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> list[Route]:
    """The ``k`` simple routes of least objective cost, best first.

    The order is the one :func:`~graph.search.best.best_route` uses (cost,
    then fewer steps, then role ids), so the first alternative is the best
    route. Fewer than ``k`` routes come back when fewer exist.

    Raises
    ------
    InvalidQueryError
        If ``k`` is not between 1 and 50.

    Examples
    --------
    >>> from graph.model import Role, Transition
    >>> from graph.network import role_graph
    >>> from graph.traits import Profile
    >>> p = Profile.from_scores([50] * 6)
    >>> roles = [Role(id=i, name=i, profile=p) for i in "abc"]
    >>> g = role_graph(roles, [
    ...     Transition(source="a", target="c", fit=0.5),
    ...     Transition(source="a", target="b", fit=0.9),
    ...     Transition(source="b", target="c", fit=0.8),
    ... ])
    >>> [r.roles for r in alternative_routes(g, "a", "c", k=5)]
    [('a', 'b', 'c'), ('a', 'c')]
    """
    if not 1 <= k <= MAX_ALTERNATIVES:
        raise InvalidQueryError(f"k must be between 1 and {MAX_ALTERNATIVES}, got {k}", "k")
    constraints = constraints or Constraints()
    check_query(graph, source, target, constraints)
    space = SearchSpace(graph, constraints, objective or Objective(), source, target)
    trip = itinerary(space, target)
    if trip is None:
        return []
    return [space.route(p) for p in ranked_routes(space, space.number(source), trip, k, BY_WEIGHT)]
