"""Best-first enumeration of simple routes in the order of a ranking key.

Labels are whole partial routes, so simplicity is checked exactly. The heap
is ordered by ``(lower bound on the primary, lower bound on the secondary,
steps, roles)``; a completed route is final once the heap's least bound
exceeds its key, which also gathers every exact tie before ordering them.

Interface
---------
:func:`ranked_search` answers a whole query: the ``k`` best routes under a
:class:`Ranking` (:data:`BY_WEIGHT` for the scalar objective, :data:`BY_EFFORT`
for least development). ``best``, ``alternatives`` and ``shortest_gap`` are
this with ``k`` and the ranking fixed. :func:`ranked_routes` is the label
search alone, on a prepared space and itinerary: local paths, no answers built.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import networkx as nx

from graph.routes import Route
from graph.search.budget import tick
from graph.search.index import CompiledGraph
from graph.search.query import Constraints, Objective
from graph.search.space import Arc, Itinerary, SearchSpace, dominated, itinerary, query_space

Path = tuple[int, ...]

__all__ = ["BY_EFFORT", "BY_WEIGHT", "Path", "Ranking", "ranked_routes", "ranked_search"]


@dataclass(frozen=True)
class Ranking:
    """What a ranked search minimises, lexicographically: fields of :class:`Arc`."""

    primary: str
    secondary: str | None


BY_WEIGHT = Ranking("weight", None)
BY_EFFORT = Ranking("effort", "fit_cost")


def ranked_search(
    graph: nx.DiGraph | CompiledGraph,
    source: str,
    target: str,
    k: int,
    ranking: Ranking,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> list[Route]:
    """The ``k`` best simple routes from ``source`` to ``target`` under ``ranking``.

    Checks the query first (:func:`~graph.search.space.query_space`); fewer
    than ``k`` routes come back when fewer exist.
    """
    space = query_space(graph, source, target, constraints, objective)
    trip = itinerary(space, target)
    if trip is None:
        return []
    return [space.route(p) for p in ranked_routes(space, space.number(source), trip, k, ranking)]


def ranked_routes(
    space: SearchSpace, source: int, trip: Itinerary, k: int, ranking: Ranking
) -> list[Path]:
    """The ``k`` least simple routes under ``ranking``, ties by steps then roles.

    Costs are whole units, so equal routes tie exactly and the tie-breaks decide.

    Dominance pruning (a label at a node beaten on both criteria and on steps
    by an earlier one there) is exact only for ``k == 1`` without via roles:
    then any completion of the beaten label is matched by a completion of
    the earlier one or by a shortcut of it, which is no worse.
    """
    max_steps = space.constraints.max_steps
    goals = trip.goals
    final = len(goals)
    prune = k == 1 and final == 1
    settled: dict[int, list[tuple[int, ...]]] = {}
    hops_left = trip.table("hops")
    if hops_left[0][source] > max_steps:
        return []
    primary, secondary = ranking.primary, ranking.secondary
    first = Arc._fields.index(primary)
    second = Arc._fields.index(secondary) if secondary else None
    bound0 = trip.table(primary)
    bound1 = trip.table(secondary) if secondary else None
    advance = trip.advance

    b1 = bound1[0][source] if bound1 else 0.0
    heap: list[tuple[float, float, int, Path, int, int, int]] = [
        (bound0[0][source], b1, 0, (source,), 0, 0, 0)
    ]
    found: list[tuple[int, int, int, Path]] = []
    kth: tuple[float, float] | None = None
    while heap:
        f0, f1, hops, path, g0, g1, stage = heapq.heappop(heap)
        tick()
        if kth is not None and (f0, f1) > kth:
            break
        node = path[-1]
        if stage == final:
            found.append((g0, g1, hops, path))
            if len(found) >= k:
                kth = heapq.nsmallest(k, found)[-1][:2]
            continue
        if prune and dominated(settled.setdefault(node, []), (g0, g1, hops)):
            continue
        stage_after = advance[stage]
        for arc in space.out_arcs(node):
            nxt = arc.node
            next_stage = stage_after[nxt]
            if next_stage < 0 or nxt in path:
                continue
            n0 = g0 + arc[first]
            n1 = g1 + arc[second] if second is not None else 0
            if next_stage == final:
                heapq.heappush(heap, (n0, n1, hops + 1, (*path, nxt), n0, n1, next_stage))
                continue
            if hops + 1 + hops_left[next_stage][nxt] > max_steps:
                continue  # also when the goal is unreachable from nxt (inf)
            b1 = bound1[next_stage][nxt] if bound1 else 0.0
            heapq.heappush(
                heap,
                (n0 + bound0[next_stage][nxt], n1 + b1, hops + 1, (*path, nxt), n0, n1, next_stage),
            )
    found.sort()
    return [key[3] for key in found[:k]]
