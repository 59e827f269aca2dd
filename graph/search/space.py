"""The part of the graph one query can use, in local numbers, and its bounds.

A route of at most ``H`` steps visits, at position ``i``, a role at most ``i``
steps from its start or at most ``H - i`` steps before its target. So every
role of every admissible route lies in the forward ball of depth ``ceil(H/2)``
around the start or in the backward ball of depth ``floor(H/2)`` around the
target. A query searches only their union: on a large catalog that is a few
hundred roles instead of all of them, and the answer is unchanged.

Roles of that union are renumbered 0..m-1 in id order, so comparing tuples of
local numbers orders routes exactly as comparing tuples of role ids.

Interface
---------
Every mode starts with :func:`query_space`, which checks the query
(:func:`check_query`) and builds its :class:`SearchSpace` on the compiled graph
(:func:`~graph.search.index.compile_graph`). Then:

- :meth:`SearchSpace.out_arcs` lists a local role's usable edges (:class:`Arc`),
  by target id; :meth:`SearchSpace.route` turns a local path into a route;
- :func:`itinerary` gives the goals (via roles, then the target), the lower
  bounds towards each (:class:`Itinerary`, :class:`Bounds`) and the stage a
  route reaches by entering a role (:attr:`Itinerary.advance`).

The ranked modes (best, alternatives, shortest gap) hand both to
:func:`graph.search.ranked.ranked_routes` (through ``ranked_search``); pareto
and the personal searches run their own label loops on them, and reachable
uses the space alone.
Bounds never exceed the true remaining cost (:data:`BOUND_SLACK`), so a
search that prunes with them stays exact. Costs are whole
:data:`~graph.search.query.COST_UNIT` (see :mod:`graph.search.query`), so
equal routes tie exactly.

Seniority and credential rules (see :class:`~graph.search.query.Constraints`)
are filters of the space when the query has a target: a derived edge rising
more than ``max_level_rise`` levels is never usable; when the target's rank is
at least the start's (both known) and ``allow_step_down`` is off, no edge
stepping down is usable (:attr:`SearchSpace.no_step_down`); unless
``allow_credential_gates``, roles whose Job Zone exceeds both ends' are left
out (:attr:`SearchSpace.gate`), and so are roles requiring a credential that
neither end holds (:attr:`SearchSpace.held`: the ends' credentials; a person
starting from no role holds none). Reachability has one target per role, so
it applies the last two per target instead (:meth:`SearchSpace.reach_rules`).
Unknown ranks, Job Zones and credentials never block.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from graph.errors import InvalidQueryError, UnknownRoleError
from graph.model import suggest_role_ids
from graph.routes import Route, route_from_steps
from graph.search.index import (
    BoolArray,
    CompiledGraph,
    FloatArray,
    GraphIndex,
    IntArray,
    compile_graph,
    edge_slices,
    networkx_graph,
)
from graph.search.query import COST_UNIT, Constraints, Objective, units

#: Relative tolerance that keeps float lower bounds below the true values.
BOUND_SLACK = 1e-9
#: Stand-in for "cannot reach": larger than any step count or cost.
FAR = math.inf
#: Gate of a role no Job Zone rule limits (above every Job Zone).
NO_GATE = 99
#: Graphs up to this many roles are searched whole: on them the balls cost more
#: than they save, and the space then depends on the filters alone, so a
#: target's bounds are kept for the next query to it (``CompiledGraph.memo``).
WHOLE_GRAPH_ROLES = 500

__all__ = [
    "BOUND_SLACK",
    "FAR",
    "NO_GATE",
    "WHOLE_GRAPH_ROLES",
    "Arc",
    "Bounds",
    "Itinerary",
    "ReachRules",
    "SearchSpace",
    "check_query",
    "check_roles",
    "dominated",
    "itinerary",
    "query_space",
]


class Arc(NamedTuple):
    """One usable edge, in local numbers: where it goes and what it costs.

    ``weight`` (the scalar objective), ``fit_cost`` (``-ln fit``) and
    ``months`` are whole cost units; ``down`` is whether it steps down a level.
    """

    node: int
    weight: int
    fit_cost: int
    effort: int
    months: int
    down: bool


class ReachRules(NamedTuple):
    """Per-role rules of a reachability query, by local number.

    A route to role ``t`` may step down only if ``not no_step_down[t]``; its
    intermediate roles' highest Job Zone (``zones``, 0 if unknown) may be at
    most ``gate[t]``; and every credential its intermediate roles require
    (``credential``: the index's number, -1 for none or for the start's own)
    must be ``credential[t]``. So a route may cross roles of one credential at
    most, besides the start's: see :meth:`credential_after` and
    :meth:`credential_flags`.
    """

    no_step_down: list[bool]
    gate: list[int]
    zones: list[int]
    credential: list[int]
    credential_count: int

    def credential_after(self, carried: int, node: int) -> int | None:
        """The credential a route carries on after leaving ``node`` (-1: none yet),
        ``None`` when it has crossed two: no role's rules accept it any more."""
        needed = self.credential[node]
        if needed < 0 or needed == carried:
            return carried
        return needed if carried < 0 else None

    def accepts(self, node: int, down: int, zone: int, carried: int) -> bool:
        """Whether a route ending at ``node`` meets that role's rules."""
        return (
            not (down and self.no_step_down[node])
            and zone <= self.gate[node]
            and carried in (-1, self.credential[node])
        )

    def credential_flags(self, carried: int) -> tuple[int, ...]:
        """``carried`` as flags for label dominance (each lower is better): no credential
        (all 0) beats every label; one credential beats only labels carrying the same."""
        return tuple(int(code == carried) for code in range(self.credential_count))


class SearchSpace:
    """The usable subgraph of one query, in local numbers.

    With ``structural`` only the constraints that do not depend on a step's
    numbers (avoided roles, curated-only) filter edges; personal searches,
    whose fits and efforts depend on the person, use that.
    """

    def __init__(
        self,
        compiled: CompiledGraph,
        constraints: Constraints,
        objective: Objective,
        source: str | None,
        target: str | None,
        structural: bool = False,
    ) -> None:
        self.compiled = compiled
        self.graph = compiled.graph
        self.constraints = constraints
        self.objective = objective
        self.structural = structural
        self.index = index = compiled.index
        self.source = source
        self.no_step_down = target is not None and _steps_up(index, constraints, source, target)
        self.gate = None if target is None else _gate(index, constraints, source, target)
        self._avoid = np.zeros(index.size, dtype=np.bool_)
        for role in constraints.avoid:
            self._avoid[index.position[role]] = True
        if self.gate is not None:
            self._avoid |= index.job_zone > self.gate
        self.held = None if target is None else _held(index, constraints, source, target)
        if self.held is not None:
            credential = index.credential
            self._avoid |= (credential >= 0) & ~np.isin(credential, self.held)
        self.whole = index.size <= WHOLE_GRAPH_ROLES
        self.nodes = self._usable_roles(source, target)
        self._local: dict[int, int] | None = None
        self._out: dict[int, list[Arc]] = (
            {} if self.filters is None else compiled.memo.get((self.filters, "arcs"), dict)
        )

    @cached_property
    def filters(self) -> Hashable | None:
        """What decides this space's nodes, edges and costs; ``None`` if the ends do too.

        Equal filters on a whole-graph space mean equal spaces, whatever the
        query's ends: the key under which bounds are shared.
        """
        if not self.whole:
            return None
        c, o = self.constraints, self.objective
        numbers = () if self.structural else (c.min_step_fit, c.max_step_effort, c.max_trait_step)
        return (
            tuple(sorted(c.avoid)),
            c.curated_only,
            c.max_level_rise,
            self.no_step_down,
            self.gate,
            self.held,
            self.structural,
            numbers,
            o.fit_weight,
            o.effort_weight,
            o.months_weight,
        )

    def number(self, role: str) -> int:
        """Local number of a role of the usable subgraph, -1 if outside it."""
        return self._locals().get(self.index.position[role], -1)

    def to_local(self, nodes: IntArray) -> IntArray:
        """Local numbers of global nodes, -1 for those outside the subgraph."""
        return self._local_of[nodes]

    @cached_property
    def _local_of(self) -> IntArray:
        """Local number of every global node (-1 outside): one array, filled once."""
        local_of = np.full(self.index.size, -1, dtype=np.int64)
        local_of[self.nodes] = np.arange(len(self.nodes), dtype=np.int64)
        return local_of

    def role_id(self, node: int) -> str:
        return self.index.ids[int(self.nodes[node])]

    @property
    def size(self) -> int:
        return len(self.nodes)

    def out_arcs(self, node: int) -> list[Arc]:
        """Usable edges leaving a local node, by target id."""
        arcs = self._out.get(node)
        if arcs is None:
            local = self._locals()
            c, o, structural = self.constraints, self.objective, self.structural
            arcs = []
            rise_cap = c.max_level_rise
            for dst, fit, fit_cost, effort, peak, derived, months, rise in self.compiled.out_edges(
                int(self.nodes[node])
            ):
                target = local.get(dst, -1)
                if target < 0 or (derived and (c.curated_only or _too_high(rise, rise_cap))):
                    continue
                if rise < 0 and self.no_step_down:
                    continue
                if not structural and not _step_ok(c, fit, effort, peak):
                    continue
                fit_units = units(fit_cost)  # exact: role_graph stores whole units
                weight = o.step_units(fit_units, effort, months)
                arcs.append(Arc(target, weight, fit_units, effort, units(months), rise < 0))
            self._out[node] = arcs
        return arcs

    def _locals(self) -> dict[int, int]:
        if self._local is None:
            self._local = dict(zip(self.nodes.tolist(), range(len(self.nodes)), strict=True))
        return self._local

    def edge_mask(self, edges: IntArray) -> BoolArray:
        """Which of these edges the constraints allow (their targets aside)."""
        ix, c = self.index, self.constraints
        ok = ~self._avoid[ix.src[edges]] & ~self._avoid[ix.dst[edges]]
        if c.curated_only:
            ok &= ~ix.derived[edges]
        if c.max_level_rise is not None:
            ok &= ~(ix.derived[edges] & (ix.rise[edges] > c.max_level_rise))
        if self.no_step_down:
            ok &= ix.rise[edges] >= 0
        if not self.structural:
            if c.min_step_fit > 0:
                ok &= ix.fit[edges] >= c.min_step_fit
            if c.max_step_effort is not None:
                ok &= ix.effort[edges] <= c.max_step_effort
            if c.max_trait_step is not None:
                ok &= ix.peak[edges] <= c.max_trait_step
        return ok

    def _ball(self, start: int, depth: int, forward: bool) -> BoolArray:
        ix = self.index
        seen = np.zeros(ix.size, dtype=np.bool_)
        seen[start] = True
        frontier = np.array([start], dtype=np.int64)
        for _ in range(depth):
            if forward:
                edges = edge_slices(ix.out_ptr, frontier)
            else:
                edges = ix.in_edges[edge_slices(ix.in_ptr, frontier)]
            edges = edges[self.edge_mask(edges)]
            ends = ix.dst[edges] if forward else ix.src[edges]
            fresh = np.unique(ends[~seen[ends]])
            if len(fresh) == 0:
                break
            seen[fresh] = True
            frontier = fresh
        return seen

    def _usable_roles(self, source: str | None, target: str | None) -> IntArray:
        ix, steps = self.index, self.constraints.max_steps
        if self.whole:
            return np.flatnonzero(~self._avoid)
        if target is None:
            if source is None:
                return np.flatnonzero(~self._avoid)
            usable = self._ball(ix.position[source], steps, forward=True)
        elif source is None:
            usable = self._ball(ix.position[target], steps - 1, forward=False)
        else:
            ahead = (steps + 1) // 2
            usable = self._ball(ix.position[source], ahead, forward=True)
            usable |= self._ball(ix.position[target], steps - ahead, forward=False)
        return np.flatnonzero(usable & ~self._avoid)

    @cached_property
    def reverse(self) -> tuple[IntArray, IntArray, IntArray]:
        """Usable edges of the subgraph, reversed, in CSR form by their local target.

        Returns ``(indptr, local sources, global edge numbers)``.
        """
        ix = self.index
        edges = edge_slices(ix.out_ptr, self.nodes)
        edges = edges[self.edge_mask(edges)]
        dst = self.to_local(ix.dst[edges])
        keep = dst >= 0
        edges, dst = edges[keep], dst[keep]
        order = np.argsort(dst, kind="stable")
        edges, dst = edges[order], dst[order]
        indptr = np.zeros(self.size + 1, dtype=np.int64)
        np.cumsum(np.bincount(dst, minlength=self.size), out=indptr[1:])
        return indptr, self.to_local(ix.src[edges]), edges

    def route(self, path: Sequence[int]) -> Route:
        """The route along local ``path`` with its objective (summed in cost units)."""
        nodes = [self.role_id(n) for n in path]
        adjacency, step_units, step = self.graph.adj, self.objective.step_units, self.compiled.step
        score = 0
        steps = []
        for u, v in zip(nodes[:-1], nodes[1:], strict=True):
            data = adjacency[u][v]
            score += step_units(units(data["fit_cost"]), data["effort"], data["months"])
            steps.append(step(u, v))
        return route_from_steps(steps, score / COST_UNIT)

    def reach_rules(self) -> ReachRules:
        """The step-down, Job Zone and credential rules of a reachability query, for every role.

        The query's start is the space's ``source`` (``None``: the person, who
        has no rank and no credential; then only the reached role's Job Zone
        and credential gate the route).
        """
        c, ix = self.constraints, self.index
        ranks = ix.rank[self.nodes].tolist()
        zones = ix.job_zone[self.nodes].tolist()
        start = None if self.source is None else ix.position[self.source]
        start_rank = -1 if start is None else int(ix.rank[start])
        start_zone = None if start is None else int(ix.job_zone[start])
        no_down = [not c.allow_step_down and start_rank >= 0 and r >= start_rank for r in ranks]
        size = len(zones)
        if c.allow_credential_gates:
            return ReachRules(no_down, [NO_GATE] * size, [0] * size, [-1] * size, 0)
        held = -1 if start is None else int(ix.credential[start])
        credential = [-1 if k == held else k for k in ix.credential[self.nodes].tolist()]
        count = len(ix.credentials)
        if start_zone == 0:
            return ReachRules(no_down, [NO_GATE] * size, [0] * size, credential, count)
        gate = [NO_GATE if z == 0 else max(z, start_zone or 0) for z in zones]
        return ReachRules(no_down, gate, zones, credential, count)


def _too_high(rise: int, cap: int | None) -> bool:
    """Whether a derived edge rises more levels than the query allows."""
    return cap is not None and rise > cap


def _steps_up(ix: GraphIndex, c: Constraints, source: str | None, target: str) -> bool:
    """Whether the no-step-down rule holds: a start and a target of known ranks, the
    target's at least the start's, and the query does not allow stepping down."""
    if c.allow_step_down or source is None:
        return False
    start, end = int(ix.rank[ix.position[source]]), int(ix.rank[ix.position[target]])
    return start >= 0 and end >= start


def _gate(ix: GraphIndex, c: Constraints, source: str | None, target: str) -> int | None:
    """Highest Job Zone an intermediate role may have, ``None`` for no limit.

    The limit is the ends' highest Job Zone (from the person: the target's);
    an end without one sets no limit.
    """
    if c.allow_credential_gates:
        return None
    zones = [int(ix.job_zone[ix.position[e]]) for e in (source, target) if e is not None]
    return None if min(zones) == 0 else max(zones)


def _held(
    ix: GraphIndex, c: Constraints, source: str | None, target: str
) -> tuple[int, ...] | None:
    """The credentials the ends hold (sorted numbers), ``None`` when credentials do not gate."""
    if c.allow_credential_gates:
        return None
    codes = {int(ix.credential[ix.position[e]]) for e in (source, target) if e is not None}
    return tuple(sorted(codes - {-1}))


def _step_ok(c: Constraints, fit: float, effort: int, peak: int) -> bool:
    if fit < c.min_step_fit:
        return False
    if c.max_step_effort is not None and effort > c.max_step_effort:
        return False
    return c.max_trait_step is None or peak <= c.max_trait_step


def dominated(seen: list[tuple[int, ...]], label: tuple[int, ...]) -> bool:
    """Whether a label at one role is beaten by one ``seen`` there; if not, it joins them.

    ``label`` lists what the search sums or tracks (costs, steps, ...), each
    better when lower; beaten means no better on any of them. Exact only
    where every completion of the beaten label is matched by one of the
    earlier label or a shortcut of it (see the label searches that use it).

    >>> seen = []
    >>> dominated(seen, (3, 1)), dominated(seen, (3, 2)), dominated(seen, (2, 2))
    (False, True, False)
    """
    for other in seen:
        if all(o <= x for o, x in zip(other, label, strict=True)):
            return True
    seen.append(label)
    return False


def check_roles(graph: nx.DiGraph, *role_ids: str) -> None:
    """Raise :class:`UnknownRoleError` for the first id the graph lacks."""
    for role_id in role_ids:
        if role_id not in graph:
            roles = (graph.nodes[n]["role"] for n in graph)
            raise UnknownRoleError(role_id, suggest_role_ids(role_id, roles))


def check_query(graph: nx.DiGraph, source: str | None, target: str | None, c: Constraints) -> None:
    """Validate a query's roles and constraints before any search.

    ``source`` is None for a personal route that starts from the person.
    """
    ends = tuple(e for e in (source, target) if e is not None)
    check_roles(graph, *ends, *sorted(c.avoid), *c.via)
    if source is not None and source == target:
        raise InvalidQueryError(
            "the route must end at a role other than its start", "to", "same_ends"
        )
    if target is None and c.via:
        raise InvalidQueryError(
            "via roles do not apply to a reachability query", "via", "via_reachable"
        )
    for end in ends:
        if end in c.avoid:
            message = f"{end!r} is both an end of the route and avoided"
            raise InvalidQueryError(message, "avoid", "end_avoided", role=end)
    if len(set(c.via)) != len(c.via):
        raise InvalidQueryError("a role is listed twice in via", "via", "via_twice")
    for hop in c.via:
        if hop in ends:
            message = f"{hop!r} is an end of the route, not a via role"
            raise InvalidQueryError(message, "via", "via_is_end", role=hop)
        if hop in c.avoid:
            message = f"{hop!r} is both required (via) and avoided"
            raise InvalidQueryError(message, "via", "via_avoided", role=hop)
    if len(c.via) + 1 > c.max_steps:
        raise InvalidQueryError(
            f"passing through {len(c.via)} via roles needs more than max_steps={c.max_steps}",
            "max_steps",
            "via_steps",
            count=len(c.via),
            max_steps=c.max_steps,
        )


def query_space(
    graph: nx.DiGraph | CompiledGraph,
    source: str | None,
    target: str | None,
    constraints: Constraints | None,
    objective: Objective | None,
    structural: bool = False,
) -> SearchSpace:
    """Check a query (:func:`check_query`), then build its search space.

    A plain graph is compiled for this query only (see
    :func:`~graph.search.index.compile_graph`). Defaults: ``Constraints()`` and
    ``Objective()``; ``structural`` as in :class:`SearchSpace`.
    """
    c = constraints or Constraints()
    check_query(networkx_graph(graph), source, target, c)
    compiled = compile_graph(graph)
    return SearchSpace(compiled, c, objective or Objective(), source, target, structural)


@dataclass
class Bounds:
    """Lower bounds towards one goal, per local node: steps, and each summed quantity."""

    space: SearchSpace
    goal: int

    def _kept(self, kind: str, compute: Callable[[], list[float]]) -> list[float]:
        """``compute()``, or the table an earlier query with the same filters made."""
        filters = self.space.filters
        if filters is None:
            return compute()
        key = (filters, kind, int(self.space.nodes[self.goal]))
        return self.space.compiled.memo.get(key, compute)

    def _towards(self, weights: np.ndarray | None) -> list[float]:
        indptr, sources, _ = self.space.reverse
        m = self.space.size
        data = np.ones(len(sources)) if weights is None else weights
        # Reversed edges, so that one search from the goal gives distances to it.
        matrix = csr_matrix((data, sources, indptr), shape=(m, m))
        dist = dijkstra(matrix, indices=self.goal, unweighted=weights is None)
        if weights is not None:
            finite = np.isfinite(dist)
            dist[finite] = np.maximum(0.0, dist[finite] - BOUND_SLACK * (1.0 + dist[finite]))
        result: list[float] = dist.tolist()
        return result

    @cached_property
    def hops(self) -> list[float]:
        return self._kept("hops", lambda: self._towards(None))

    @cached_property
    def weight(self) -> list[float]:
        def compute() -> list[float]:
            ix, o = self.space.index, self.space.objective
            edges = self.space.reverse[2]
            # The same operations as Objective.step_units, on whole units.
            weight = (
                np.rint(o.fit_weight * np.rint(ix.fit_cost[edges] * COST_UNIT))
                + ix.effort[edges] * o.effort_unit
                + np.rint(o.months_weight * ix.months[edges] / 12 * COST_UNIT)
            )
            return self._towards(weight)

        return self._kept("weight", compute)

    @cached_property
    def fit_cost(self) -> list[float]:
        return self._kept("fit_cost", lambda: self._towards(self._units(self.space.index.fit_cost)))

    @cached_property
    def months(self) -> list[float]:
        return self._kept("months", lambda: self._towards(self._units(self.space.index.months)))

    def _units(self, values: FloatArray) -> FloatArray:
        units: FloatArray = np.rint(values[self.space.reverse[2]] * COST_UNIT)
        return units

    @cached_property
    def effort(self) -> list[float]:
        return self._kept(
            "effort",
            lambda: self._towards(
                self.space.index.effort[self.space.reverse[2]].astype(np.float64)
            ),
        )


class Itinerary:
    """The goals a route visits in order (via roles, then the target) and bounds to each.

    Bounds are of five kinds: ``hops``, ``weight`` (the scalar objective),
    ``fit_cost``, ``effort`` and ``months``; each is computed on first use.
    """

    def __init__(self, goals: tuple[int, ...], legs: tuple[Bounds, ...]) -> None:
        self.goals = goals
        self.legs = legs
        self._tails: dict[str, list[float]] = {}

    @cached_property
    def advance(self) -> list[list[int]]:
        """``advance[stage][node]``: the stage a route at ``stage`` is in once it enters ``node``.

        That is ``stage + 1`` at the stage's goal, ``-1`` at a later goal
        (entering it now would break the via order), and ``stage`` elsewhere.
        The last stage (``len(goals)``, the route complete) has no entry.
        """
        size = self.legs[0].space.size
        table = []
        for stage, goal in enumerate(self.goals):
            row = [stage] * size
            row[goal] = stage + 1
            for later in self.goals[stage + 1 :]:
                row[later] = -1
            table.append(row)
        return table

    def tail(self, kind: str) -> list[float]:
        """Least ``kind`` from each goal through the later goals to the target."""
        tails = self._tails.get(kind)
        if tails is None:
            tails = [0.0] * len(self.goals)
            for i in range(len(self.goals) - 2, -1, -1):
                tails[i] = tails[i + 1] + getattr(self.legs[i + 1], kind)[self.goals[i]]
            self._tails[kind] = tails
        return tails

    def table(self, kind: str) -> list[list[float]]:
        """``table(kind)[stage][node]``: a lower bound on ``kind`` still to pay from
        ``node`` at ``stage`` (through the later goals to the target), for hot loops.

        Nodes that cannot reach the stage's goal hold ``inf``.
        """
        tails = self.tail(kind)
        tables = []
        for leg, tail in zip(self.legs, tails, strict=True):
            values: list[float] = getattr(leg, kind)
            tables.append(values if tail == 0.0 else [v + tail for v in values])
        return tables


def itinerary(space: SearchSpace, target: str) -> Itinerary | None:
    """Bounds for the via roles then the target; ``None`` when they cannot all be reached."""
    goals = tuple(space.number(g) for g in (*space.constraints.via, target))
    if min(goals) < 0:
        return None
    trip = Itinerary(goals, tuple(Bounds(space, g) for g in goals))
    return trip if trip.tail("hops")[0] < FAR else None
