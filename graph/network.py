"""The networkx graph the route search runs on.

Nodes are role ids with the :class:`~graph.model.Role` under ``"role"``,
their seniority ``rank`` on the catalog's scale (``None`` off the scale), their
O*NET ``job_zone``, the ``credential`` they require (``None`` for none; see
:meth:`~graph.career.CareerRules.credential_of`) and their ``months_in_role``
(typical time at their level).
Edges carry the :class:`~graph.model.Transition` under ``"transition"`` and
the numbers the search adds up: ``fit``, ``fit_cost`` (``-ln fit``),
``effort`` (development points), ``peak`` (the most points asked of one
trait), ``level_change`` (ranks gained; ``None`` if a level is off the scale)
and ``months`` (the longer of the source's time in role and the time to
develop the step's traits). The graph's ``rules`` attribute holds the
catalog's :class:`~graph.career.CareerRules`.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.career import CareerRules, development_months
from graph.model import Role, Transition
from graph.search.query import COST_UNIT, fit_units


def role_graph(
    roles: Iterable[Role], transitions: Iterable[Transition], rules: CareerRules | None = None
) -> nx.DiGraph:
    """Build the career graph from roles and transitions, under a catalog's career rules.

    >>> from graph.traits import Profile
    >>> p = Profile.from_scores([50] * 6)
    >>> g = role_graph(
    ...     [Role(id="a", name="A", profile=p), Role(id="b", name="B", profile=p)],
    ...     [Transition(source="a", target="b", fit=0.5, develop={"openness": 10})],
    ... )
    >>> g["a"]["b"]["effort"], round(g["a"]["b"]["fit_cost"], 4)
    (10, 0.6931)
    >>> g["a"]["b"]["level_change"] is None, g["a"]["b"]["months"]
    (True, 47.0)
    """
    rules = rules or CareerRules()
    graph = nx.DiGraph(rules=rules)
    for role in roles:
        graph.add_node(
            role.id,
            role=role,
            rank=rules.levels.rank(role.level),
            job_zone=role.job_zone,
            credential=rules.credential_of(role.id),
            months_in_role=rules.months_in_role(role.level),
        )
    for edge in transitions:
        add_transition(graph, edge)
    return graph


def add_transition(graph: nx.DiGraph, edge: Transition) -> None:
    """Add (or replace) one edge with the numbers the search needs.

    Compile the graph for search (:func:`graph.search.compile_graph`) once it
    is complete: a compiled graph does not see later changes.
    """
    rules: CareerRules = graph.graph["rules"]
    source, target = graph.nodes[edge.source], graph.nodes[edge.target]
    rank_a, rank_b = source["rank"], target["rank"]
    develop_months = development_months(edge.develop.values(), rules.development_rate)
    graph.add_edge(
        edge.source,
        edge.target,
        transition=edge,
        fit=edge.fit,
        fit_cost=fit_units(edge.fit) / COST_UNIT,
        effort=edge.effort,
        peak=max(edge.develop.values(), default=0),
        level_change=None if rank_a is None or rank_b is None else rank_b - rank_a,
        months=max(source["months_in_role"], develop_months),
    )
