"""The networkx graph the route search runs on.

Nodes are role ids with the :class:`~graph.model.Role` under ``"role"``;
edges carry the :class:`~graph.model.Transition` under ``"transition"`` and
the numbers the search adds up: ``fit``, ``fit_cost`` (``-ln fit``) and
``effort`` (development points) and ``peak`` (the most points asked of
one trait).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx

from graph.model import Role, Transition


def role_graph(roles: Iterable[Role], transitions: Iterable[Transition]) -> nx.DiGraph:
    """Build the career graph from roles and transitions.

    >>> from graph.traits import Profile
    >>> p = Profile.from_scores([50] * 6)
    >>> g = role_graph(
    ...     [Role(id="a", name="A", profile=p), Role(id="b", name="B", profile=p)],
    ...     [Transition(source="a", target="b", fit=0.5, develop={"openness": 10})],
    ... )
    >>> g["a"]["b"]["effort"], round(g["a"]["b"]["fit_cost"], 4)
    (10, 0.6931)
    """
    graph = nx.DiGraph()
    for role in roles:
        graph.add_node(role.id, role=role)
    for edge in transitions:
        add_transition(graph, edge)
    return graph


def add_transition(graph: nx.DiGraph, edge: Transition) -> None:
    """Add (or replace) one edge with the numbers the search needs.

    Compile the graph for search (:func:`graph.search.compile_graph`) once it
    is complete: a compiled graph does not see later changes.
    """
    graph.add_edge(
        edge.source,
        edge.target,
        transition=edge,
        fit=edge.fit,
        fit_cost=-math.log(edge.fit),
        effort=edge.effort,
        peak=max(edge.develop.values(), default=0),
    )
