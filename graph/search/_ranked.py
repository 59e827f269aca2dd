"""Best-first enumeration of simple routes in the order of a ranking key.

Labels are whole partial routes, so simplicity is checked exactly. The heap
is ordered by ``(lower bound on the primary, lower bound on the secondary,
steps, roles)``; a completed route is final once the heap's least bound
exceeds its key, which also gathers every exact tie before ordering them.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass

from graph.search._space import Arc, Itinerary, SearchSpace
from graph.search.budget import tick

Path = tuple[int, ...]


@dataclass(frozen=True)
class Ranking:
    """What a ranked search minimises, lexicographically, and the bounds it uses."""

    criteria: Callable[[Arc], tuple[float, float]]
    primary: str
    secondary: str | None


BY_WEIGHT = Ranking(lambda a: (a.weight, 0.0), "weight", None)
BY_EFFORT = Ranking(lambda a: (float(a.effort), a.fit_cost), "effort", "fit_cost")


def ranked_routes(
    space: SearchSpace, source: int, trip: Itinerary, k: int, ranking: Ranking
) -> list[Path]:
    """The ``k`` least simple routes under ``ranking``, ties by steps then roles.

    Dominance pruning (a label at a node beaten on both criteria and on steps
    by an earlier one there) is exact only for ``k == 1`` without via roles:
    then any completion of the beaten label is matched by a completion of
    the earlier one or by a shortcut of it, which is no worse.
    """
    max_steps = space.constraints.max_steps
    final = len(trip.goals)
    prune = k == 1 and final == 1
    settled: dict[int, list[tuple[float, float, int]]] = {}
    if not trip.reachable(source, 0) or trip.min_hops(source, 0) > max_steps:
        return []
    primary, secondary, criteria = ranking.primary, ranking.secondary, ranking.criteria

    def bounds(node: int, stage: int) -> tuple[float, float]:
        b1 = trip.bound(secondary, node, stage) if secondary else 0.0
        return trip.bound(primary, node, stage), b1

    b0, b1 = bounds(source, 0)
    heap: list[tuple[float, float, int, Path, float, float, int]] = [
        (b0, b1, 0, (source,), 0.0, 0.0, 0)
    ]
    found: list[tuple[float, float, int, Path]] = []
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
        if prune and _dominated(settled.setdefault(node, []), g0, g1, hops):
            continue
        for arc in space.out_arcs(node):
            nxt = arc.node
            if nxt in path:
                continue
            next_stage = trip.advance(nxt, stage)
            if next_stage is None:
                continue
            c0, c1 = criteria(arc)
            n0, n1 = g0 + c0, g1 + c1
            if next_stage == final:
                heapq.heappush(heap, (n0, n1, hops + 1, (*path, nxt), n0, n1, next_stage))
                continue
            if not trip.reachable(nxt, next_stage):
                continue
            if hops + 1 + trip.min_hops(nxt, next_stage) > max_steps:
                continue
            b0, b1 = bounds(nxt, next_stage)
            heapq.heappush(heap, (n0 + b0, n1 + b1, hops + 1, (*path, nxt), n0, n1, next_stage))
    found.sort()
    return [key[3] for key in found[:k]]


def _dominated(seen: list[tuple[float, float, int]], g0: float, g1: float, hops: int) -> bool:
    for s0, s1, sh in seen:
        if s0 <= g0 and s1 <= g1 and sh <= hops:
            return True
    seen.append((g0, g1, hops))
    return False
