"""The filtered view of the graph that one query searches, and its bounds."""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import networkx as nx

from graph.errors import InvalidQueryError, UnknownRoleError
from graph.model import Origin, suggest_role_ids
from graph.routes import Route, route_on_graph
from graph.search.query import Constraints, Objective

#: Relative tolerance that keeps float lower bounds below the true values.
BOUND_SLACK = 1e-9


class Arc(NamedTuple):
    """One usable edge: where it goes and what it costs."""

    node: str
    weight: float
    fit_cost: float
    effort: int


@dataclass
class SearchSpace:
    """The graph as one query sees it: constraints applied lazily, per node."""

    graph: nx.DiGraph
    constraints: Constraints
    objective: Objective
    _out: dict[str, list[Arc]] = field(default_factory=dict, repr=False)
    _in: dict[str, list[Arc]] = field(default_factory=dict, repr=False)

    def out_arcs(self, node: str) -> list[Arc]:
        """Usable edges leaving ``node``, by target id."""
        arcs = self._out.get(node)
        if arcs is None:
            arcs = [a for v, d in sorted(self.graph.succ[node].items()) if (a := self._arc(v, d))]
            self._out[node] = arcs
        return arcs

    def in_arcs(self, node: str) -> list[Arc]:
        """Usable edges entering ``node``; ``Arc.node`` is the source."""
        arcs = self._in.get(node)
        if arcs is None:
            arcs = [
                a
                for u, d in sorted(self.graph.pred[node].items())
                if u not in self.constraints.avoid and (a := self._arc(u, d)) is not None
            ]
            self._in[node] = arcs
        return arcs

    def _arc(self, node: str, data: dict[str, object]) -> Arc | None:
        c = self.constraints
        fit = data["fit"]
        effort = data["effort"]
        fit_cost = data["fit_cost"]
        assert isinstance(fit, float) and isinstance(effort, int)
        assert isinstance(fit_cost, float)
        if node in c.avoid or fit < c.min_step_fit:
            return None
        if c.max_step_effort is not None and effort > c.max_step_effort:
            return None
        if c.max_trait_step is not None and data["peak"] > c.max_trait_step:  # type: ignore[operator]
            return None
        if c.curated_only and data["transition"].origin is Origin.DERIVED:  # type: ignore[attr-defined]
            return None
        return Arc(node, self.objective.step_cost(fit_cost, effort), fit_cost, effort)

    def route(self, nodes: Sequence[str]) -> Route:
        """The route along ``nodes`` with its scalar objective, summed in path order."""
        score = 0.0
        for u, v in zip(nodes[:-1], nodes[1:], strict=True):
            data = self.graph[u][v]
            score += self.objective.step_cost(data["fit_cost"], data["effort"])
        return route_on_graph(self.graph, nodes, score)


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
        raise InvalidQueryError("the route must end at a role other than its start", "to")
    if target is None and c.via:
        raise InvalidQueryError("via roles do not apply to a reachability query", "via")
    for end in ends:
        if end in c.avoid:
            raise InvalidQueryError(f"{end!r} is both an end of the route and avoided", "avoid")
    if len(set(c.via)) != len(c.via):
        raise InvalidQueryError("a role is listed twice in via", "via")
    for hop in c.via:
        if hop in ends:
            raise InvalidQueryError(f"{hop!r} is an end of the route, not a via role", "via")
        if hop in c.avoid:
            raise InvalidQueryError(f"{hop!r} is both required (via) and avoided", "via")
    if len(c.via) + 1 > c.max_steps:
        raise InvalidQueryError(
            f"passing through {len(c.via)} via roles needs more than max_steps={c.max_steps}",
            "max_steps",
        )


@dataclass(frozen=True)
class Bounds:
    """Lower bounds, towards one goal, on hops and on each summed quantity."""

    hops: dict[str, int]
    weight: dict[str, float]
    fit_cost: dict[str, float]
    effort: dict[str, float]


def bounds_to(space: SearchSpace, goal: str, max_hops: int) -> Bounds:
    """Backward searches from ``goal``: least hops and least cost of each kind.

    Only nodes that can reach ``goal`` within ``max_hops`` usable edges are
    kept. The float bounds are shaved by :data:`BOUND_SLACK` so that summation
    order can never make them exceed the true remaining cost.
    """
    hops = {goal: 0}
    frontier = deque([goal])
    while frontier:
        node = frontier.popleft()
        if hops[node] == max_hops:
            continue
        for arc in space.in_arcs(node):
            if arc.node not in hops:
                hops[arc.node] = hops[node] + 1
                frontier.append(arc.node)
    return Bounds(
        hops,
        _backward_dijkstra(space, goal, hops, 1),
        _backward_dijkstra(space, goal, hops, 2),
        _backward_dijkstra(space, goal, hops, 3),
    )


def _backward_dijkstra(
    space: SearchSpace, goal: str, allowed: dict[str, int], index: int
) -> dict[str, float]:
    dist: dict[str, float] = {goal: 0.0}
    heap = [(0.0, goal)]
    done: set[str] = set()
    while heap:
        d, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for arc in space.in_arcs(node):
            if arc.node in allowed:
                nd = d + float(arc[index])
                if nd < dist.get(arc.node, float("inf")):
                    dist[arc.node] = nd
                    heapq.heappush(heap, (nd, arc.node))
    return {n: max(0.0, v - BOUND_SLACK * (1.0 + v)) for n, v in dist.items()}


@dataclass(frozen=True)
class Itinerary:
    """The goals a route visits in order (via roles, then the target) and bounds to each."""

    goals: tuple[str, ...]
    legs: tuple[Bounds, ...]
    tail_hops: tuple[int, ...]
    tail: tuple[tuple[float, float, float], ...]

    def reachable(self, node: str, stage: int) -> bool:
        return node in self.legs[stage].hops

    def min_hops(self, node: str, stage: int) -> int:
        return self.legs[stage].hops[node] + self.tail_hops[stage]

    def lower(self, node: str, stage: int) -> tuple[float, float, float]:
        """Lower bounds on (weight, fit_cost, effort) still to pay from ``node``."""
        leg = self.legs[stage]
        w, f, e = self.tail[stage]
        return (leg.weight[node] + w, leg.fit_cost[node] + f, leg.effort[node] + e)

    def advance(self, node: str, stage: int) -> int | None:
        """Stage after entering ``node``; ``None`` when that breaks the via order."""
        if node == self.goals[stage]:
            return stage + 1
        if node in self.goals[stage + 1 :]:
            return None
        return stage


def itinerary(space: SearchSpace, target: str) -> Itinerary | None:
    """Bounds for the via roles then the target; ``None`` when a leg is unreachable."""
    goals = (*space.constraints.via, target)
    legs = tuple(bounds_to(space, g, space.constraints.max_steps) for g in goals)
    tail_hops = [0] * len(goals)
    tail = [(0.0, 0.0, 0.0)] * len(goals)
    for i in range(len(goals) - 2, -1, -1):
        nxt, here = legs[i + 1], goals[i]
        if here not in nxt.hops:
            return None
        tail_hops[i] = tail_hops[i + 1] + nxt.hops[here]
        w, f, e = tail[i + 1]
        tail[i] = (w + nxt.weight[here], f + nxt.fit_cost[here], e + nxt.effort[here])
    return Itinerary(goals, legs, tuple(tail_hops), tuple(tail))
