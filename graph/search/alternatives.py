"""The k best simple routes, in order."""

from __future__ import annotations

import networkx as nx

from graph.errors import InvalidQueryError
from graph.routes import Route
from graph.search.index import CompiledGraph
from graph.search.query import MAX_ALTERNATIVES, Constraints, Objective
from graph.search.ranked import BY_WEIGHT, ranked_search


def alternative_routes(
    graph: nx.DiGraph | CompiledGraph,
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
    >>> from graph.search.examples import detour_graph
    >>> [r.roles for r in alternative_routes(detour_graph(), "a", "c", k=5)]
    [('a', 'b', 'c'), ('a', 'c')]
    """
    if not 1 <= k <= MAX_ALTERNATIVES:
        message = f"k must be between 1 and {MAX_ALTERNATIVES}, got {k}"
        raise InvalidQueryError(message, "k", "k_range", top=MAX_ALTERNATIVES, k=k)
    return ranked_search(graph, source, target, k, BY_WEIGHT, constraints, objective)
