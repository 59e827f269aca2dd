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

An edge's attributes are an :class:`EdgeData` rather than a dict: a mapping whose
own keys are those (read-only; others may be added). It holds the transition (or,
for a derived edge, a :class:`~graph.model.DerivedEdge` record, made into a
transition each time one is asked for) and the two numbers the rules give, and
computes the others. A served catalog of 100k roles has 1.2M edges; a dict of seven
numbers per edge took about half its memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from typing import Any

import networkx as nx

from graph.career import CareerRules, development_months
from graph.model import DerivedEdge, Origin, Role, Transition
from graph.search.query import COST_UNIT, fit_units
from graph.transitions import TransitionTable

#: The keys of every edge's attributes.
EDGE_KEYS = ("transition", "fit", "fit_cost", "effort", "peak", "level_change", "months")


class EdgeData(MutableMapping[str, Any]):
    """One edge's attributes (:data:`EDGE_KEYS`), also as attributes.

    Those keys are read-only (a graph's numbers come from its transitions and rules:
    build the graph again to change them); other keys may be added, as a caller's own
    weights (``bench`` adds the baselines' step cost).

    >>> edge = EdgeData(DerivedEdge("a", "b", 0.5, (0, 4, 0, 0, 9, 0)), None, 47.0)
    >>> edge["effort"], edge["peak"], edge.derived, edge["transition"].develop
    (13, 9, True, {<Trait.CONSCIENTIOUSNESS: 'conscientiousness'>: 4, \
<Trait.EMOTIONAL_STABILITY: 'emotional_stability'>: 9})
    >>> edge["cost"] = 1.5
    >>> len(edge), dict(edge) == edge.copy(), edge["transition"] == edge.transition
    (8, True, True)
    >>> edge["fit"] = 0.9
    Traceback (most recent call last):
    ...
    TypeError: an edge's 'fit' comes from its transition and the rules; build the graph again
    """

    __slots__ = ("_edge", "_extra", "_row", "level_change", "months")

    def __init__(
        self,
        edge: Transition | DerivedEdge | TransitionTable,
        level_change: int | None,
        months: float,
        row: int = -1,
    ) -> None:
        #: The transition, a derived record, or the table holding the edge at ``row``.
        self._edge = edge
        self._row = row
        self._extra: dict[str, Any] | None = None
        #: Ranks gained (``None`` if a level is off the scale).
        self.level_change = level_change
        #: Months the step takes.
        self.months = months

    @property
    def transition(self) -> Transition:
        """The edge's transition; a derived one is made anew on each use.

        Not kept: readers that scan many edges (a personal search's neighbours, an
        audit) would otherwise grow the graph back to a Transition per derived edge.
        :meth:`graph.search.CompiledGraph.step` keeps the steps answers show.
        """
        edge = self._edge
        if isinstance(edge, TransitionTable):
            return edge.transition_at(self._row)
        return edge.transition() if isinstance(edge, DerivedEdge) else edge

    @property
    def derived(self) -> bool:
        """Whether the edge is derived from profiles rather than a catalog transition."""
        edge = self._edge
        if isinstance(edge, TransitionTable):
            return edge.origin_at(self._row) is Origin.DERIVED
        return isinstance(edge, DerivedEdge) or edge.origin is Origin.DERIVED

    @property
    def fit(self) -> float:
        edge = self._edge
        return edge.fit_at(self._row) if isinstance(edge, TransitionTable) else edge.fit

    @property
    def fit_cost(self) -> float:
        """``-ln fit`` in whole cost units (:func:`graph.search.query.fit_units`)."""
        return fit_units(self.fit) / COST_UNIT

    @property
    def effort(self) -> int:
        """Development points the step asks for, summed over traits."""
        return sum(_points(self._edge, self._row))

    @property
    def peak(self) -> int:
        """The most points the step asks of one trait."""
        return max(_points(self._edge, self._row), default=0)

    def numbers(self) -> tuple[float, float, int, int, bool, int, float]:
        """``fit, fit_cost, effort, peak, derived, level_change, months`` in one call,
        the level change 0 where it is ``None`` (as the compiled graph holds it).

        What :func:`graph.search.compile_graph` reads of every edge, without a property
        call (and a type check) per number.
        """
        edge = self._edge
        points: Iterable[int]
        if isinstance(edge, TransitionTable):
            fit, points = edge.fit_at(self._row), edge.points_at(self._row)
            derived = edge.origin_at(self._row) is Origin.DERIVED
        elif isinstance(edge, DerivedEdge):
            fit, points, derived = edge.fit, edge.points, True
        else:
            fit, points = edge.fit, tuple(edge.develop.values())
            derived = edge.origin is Origin.DERIVED
        cost = fit_units(fit) / COST_UNIT
        effort, peak = sum(points), max(points, default=0)
        return fit, cost, effort, peak, derived, self.level_change or 0, self.months

    def __getitem__(self, key: str) -> Any:
        if key in EDGE_KEYS:
            return getattr(self, key)
        if self._extra is None:
            raise KeyError(key)
        return self._extra[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if key in EDGE_KEYS:
            message = f"an edge's {key!r} comes from its transition and the rules"
            raise TypeError(f"{message}; build the graph again")
        if self._extra is None:
            self._extra = {}
        self._extra[key] = value

    def __delitem__(self, key: str) -> None:
        if key in EDGE_KEYS or self._extra is None:
            raise KeyError(key)
        del self._extra[key]

    def __iter__(self) -> Iterator[str]:
        yield from EDGE_KEYS
        if self._extra:
            yield from self._extra

    def __len__(self) -> int:
        return len(EDGE_KEYS) + len(self._extra or ())

    def __repr__(self) -> str:
        return f"EdgeData({dict(self)!r})"

    def copy(self) -> dict[str, Any]:
        """The attributes as a plain dict (as networkx copies a graph's edges)."""
        return dict(self)


def _points(edge: Transition | DerivedEdge | TransitionTable, row: int = -1) -> Iterable[int]:
    if isinstance(edge, TransitionTable):
        return edge.points_at(row)
    return edge.points if isinstance(edge, DerivedEdge) else edge.develop.values()


def role_graph(
    roles: Iterable[Role],
    transitions: Iterable[Transition | DerivedEdge] | TransitionTable,
    rules: CareerRules | None = None,
    derived: Iterable[DerivedEdge] | TransitionTable = (),
) -> nx.DiGraph:
    """Build the career graph from roles and transitions, under a catalog's career rules.

    ``transitions`` may hold derived edges as :class:`~graph.model.DerivedEdge` records,
    or be a catalog's :class:`~graph.transitions.TransitionTable`, whose edges then hold
    their row of it rather than a :class:`~graph.model.Transition`; ``derived`` are more
    edges (records or a table), after those.

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
    months: dict[float, float] = {}  # one float object per distinct value
    for edges in (transitions, derived):
        if isinstance(edges, TransitionTable):
            for source, target, row in edges.rows():
                data = _edge_data(graph, source, target, edges, row)
                data.months = months.setdefault(data.months, data.months)
                _put(graph, source, target, data)
            continue
        for edge in edges:
            data = _edge_data(graph, edge.source, edge.target, edge)
            data.months = months.setdefault(data.months, data.months)
            _put(graph, edge.source, edge.target, data)
    return graph


def add_transition(graph: nx.DiGraph, edge: Transition | DerivedEdge) -> None:
    """Add (or replace) one edge with the numbers the search needs.

    Compile the graph for search (:func:`graph.search.compile_graph`) once it
    is complete: a compiled graph does not see later changes.
    """
    _put(graph, edge.source, edge.target, _edge_data(graph, edge.source, edge.target, edge))
    nx._clear_cache(graph)


def _edge_data(
    graph: nx.DiGraph,
    source_id: str,
    target_id: str,
    edge: Transition | DerivedEdge | TransitionTable,
    row: int = -1,
) -> EdgeData:
    rules: CareerRules = graph.graph["rules"]
    source, target = graph.nodes[source_id], graph.nodes[target_id]
    rank_a, rank_b = source["rank"], target["rank"]
    develop_months = development_months(_points(edge, row), rules.development_rate)
    return EdgeData(
        edge,
        None if rank_a is None or rank_b is None else rank_b - rank_a,
        max(source["months_in_role"], develop_months),
        row,
    )


def _put(graph: nx.DiGraph, source: str, target: str, data: EdgeData) -> None:
    """Set the edge's attributes to ``data`` itself, in networkx's adjacency dicts.

    ``add_edge`` would copy them into a new dict; both roles are nodes already
    (:func:`_edge_data` looked them up).
    """
    graph._succ[source][target] = data
    graph._pred[target][source] = data
