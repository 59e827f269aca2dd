"""Reference answers by enumerating every simple route: slow, obviously right.

The tests check every search against these functions, and the benchmarks use
them as the baseline a user without Rumbo would write. Constraints are applied
here directly from the edges' transitions, independently of the searches.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import networkx as nx

from graph.model import Origin, Transition
from graph.search.query import Constraints, Objective, fit_units, units
from graph.search.space import check_query


class Scored(NamedTuple):
    """One enumerated route; ``cost``, ``fit_cost`` (-ln cumulative fit) and ``months``
    are whole cost units, summed step by step (see :func:`graph.search.query.units`)."""

    cost: int
    fit_cost: int
    effort: int
    months: int
    roles: tuple[str, ...]


def allowed(edge: Transition, c: Constraints) -> bool:
    """Whether one transition meets the per-step constraints."""
    return (
        edge.target not in c.avoid
        and edge.fit >= c.min_step_fit
        and (c.max_step_effort is None or edge.effort <= c.max_step_effort)
        and (c.max_trait_step is None or max(edge.develop.values(), default=0) <= c.max_trait_step)
        and not (c.curated_only and edge.origin is Origin.DERIVED)
    )


def level_change(graph: nx.DiGraph, source: str, target: str) -> int | None:
    """Ranks gained from ``source`` to ``target``; ``None`` if either rank is unknown."""
    a, b = graph.nodes[source]["rank"], graph.nodes[target]["rank"]
    return None if a is None or b is None else int(b - a)


def edge_allowed(graph: nx.DiGraph, source: str, target: str, c: Constraints) -> bool:
    """:func:`allowed`, and a derived move rises at most ``max_level_rise`` levels."""
    edge: Transition = graph[source][target]["transition"]
    change = level_change(graph, source, target)
    too_high = (
        edge.origin is Origin.DERIVED
        and c.max_level_rise is not None
        and change is not None
        and change > c.max_level_rise
    )
    return allowed(edge, c) and not too_high


def career_rules_met(
    graph: nx.DiGraph, start: str | None, path: tuple[str, ...], c: Constraints
) -> bool:
    """Whether a whole route meets the step-down and credential-gate rules.

    ``path`` is every role of the route, its start included when there is one
    (``start`` is ``None`` for a person's route from no role: no start rank,
    no credential held, and the target's Job Zone alone is the gate). An
    intermediate role may not have a Job Zone above both ends' nor require a
    credential neither end requires. Unknown ranks, Job Zones and credentials
    never block.
    """
    end = path[-1]
    nodes = graph.nodes
    if not c.allow_step_down and start is not None:
        start_rank, end_rank = nodes[start]["rank"], nodes[end]["rank"]
        if start_rank is not None and end_rank is not None and end_rank >= start_rank:
            changes = (level_change(graph, u, v) for u, v in zip(path, path[1:], strict=False))
            if any(ch is not None and ch < 0 for ch in changes):
                return False
    if not c.allow_credential_gates:
        ends = [e for e in (start, end) if e is not None]
        middle = path[1:-1] if start is not None else path[:-1]
        zones = [nodes[e]["job_zone"] for e in ends]
        if None not in zones and any((nodes[m]["job_zone"] or 0) > max(zones) for m in middle):
            return False
        held = {None, *(nodes[e]["credential"] for e in ends)}
        if any(nodes[m]["credential"] not in held for m in middle):
            return False
    return True


def via_in_order(path: tuple[str, ...], via: tuple[str, ...]) -> bool:
    """Whether every via role is on ``path``, in the given order."""
    positions = [path.index(v) for v in via if v in path]
    return len(positions) == len(via) and positions == sorted(positions)


def all_routes(
    graph: nx.DiGraph,
    source: str,
    target: str | None,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> Iterator[Scored]:
    """Every simple route from ``source`` that meets the constraints.

    With ``target`` None, routes to every role (at least one step) are given.

    >>> from graph.model import Role, Transition
    >>> from graph.network import role_graph
    >>> from graph.traits import Profile
    >>> p = Profile.from_scores([50] * 6)
    >>> g = role_graph([Role(id=i, name=i, profile=p) for i in "ab"],
    ...                [Transition(source="a", target="b", fit=1.0)])
    >>> [r.roles for r in all_routes(g, "a", "b")]
    [('a', 'b')]
    """
    c = constraints or Constraints()
    o = objective or Objective()
    check_query(graph, source, target, c)

    def extend(
        path: tuple[str, ...], cost: int, fit_cost: int, effort: int, months: int
    ) -> Iterator[Scored]:
        node = path[-1]
        if (
            len(path) > 1
            and (target is None or node == target)
            and via_in_order(path, c.via)
            and career_rules_met(graph, source, path, c)
        ):
            yield Scored(cost, fit_cost, effort, months, path)
        if node == target or len(path) - 1 == c.max_steps:
            return
        for nxt in sorted(graph.succ[node]):
            if nxt in path or not edge_allowed(graph, node, nxt, c):
                continue
            edge: Transition = graph[node][nxt]["transition"]
            step_fit = fit_units(edge.fit)
            step_months = graph[node][nxt]["months"]
            yield from extend(
                (*path, nxt),
                cost + o.step_units(step_fit, edge.effort, step_months),
                fit_cost + step_fit,
                effort + edge.effort,
                months + units(step_months),
            )

    yield from extend((source,), 0, 0, 0, 0)


def rank(r: Scored) -> tuple[int, int, tuple[str, ...]]:
    """The order of the scalar objective: cost, then steps, then role ids."""
    return (r.cost, len(r.roles), r.roles)


def gap_rank(r: Scored) -> tuple[int, int, int, tuple[str, ...]]:
    """The order of least development: effort, then -ln fit, steps, role ids."""
    return (r.effort, r.fit_cost, len(r.roles), r.roles)


def brute_best(graph: nx.DiGraph, source: str, target: str, **kw: object) -> tuple[str, ...] | None:
    """Least-cost route, ties by steps then ids."""
    routes = sorted(all_routes(graph, source, target, **kw), key=rank)  # type: ignore[arg-type]
    return routes[0].roles if routes else None


def brute_alternatives(
    graph: nx.DiGraph, source: str, target: str, k: int, **kw: object
) -> list[tuple[str, ...]]:
    """The ``k`` least-cost routes in order."""
    routes = sorted(all_routes(graph, source, target, **kw), key=rank)  # type: ignore[arg-type]
    return [r.roles for r in routes[:k]]


def brute_shortest_gap(
    graph: nx.DiGraph, source: str, target: str, **kw: object
) -> tuple[str, ...] | None:
    """Least-effort route, ties by -ln fit, then steps, then ids."""
    routes = sorted(all_routes(graph, source, target, **kw), key=gap_rank)  # type: ignore[arg-type]
    return routes[0].roles if routes else None


def pareto_front(routes: list[Scored]) -> list[tuple[str, ...]]:
    """Routes no other beats on -ln fit, effort and months, one per vector, by fit."""
    kept: list[Scored] = []
    order = sorted(routes, key=lambda r: (r.fit_cost, r.effort, r.months, len(r.roles), r.roles))
    for r in order:
        if not any(
            k.fit_cost <= r.fit_cost and k.effort <= r.effort and k.months <= r.months for k in kept
        ):
            kept.append(r)
    return [r.roles for r in kept]


def brute_pareto(
    graph: nx.DiGraph, source: str, target: str, **kw: object
) -> list[tuple[str, ...]]:
    """Pareto set over (-ln fit, effort, months), one route per vector (fewest steps, then ids)."""
    return pareto_front(list(all_routes(graph, source, target, **kw)))  # type: ignore[arg-type]


def brute_reachable(graph: nx.DiGraph, source: str, **kw: object) -> dict[str, tuple[str, ...]]:
    """Best route to every reachable role."""
    best: dict[str, tuple[str, ...]] = {}
    for r in sorted(all_routes(graph, source, None, **kw), key=rank):  # type: ignore[arg-type]
        best.setdefault(r.roles[-1], r.roles)
    return best
