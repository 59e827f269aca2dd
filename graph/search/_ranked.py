"""Best-first enumeration of simple routes in the order of a ranking key.

Labels are whole partial routes, so simplicity is checked exactly. The heap
is ordered by ``(lower bound on the primary, lower bound on the secondary,
steps, role ids)``; a completed route is final once the heap's least bound
exceeds its key, which also gathers every exact tie before ordering them.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass

from graph.search._space import Arc, Itinerary, SearchSpace

#: Chooses (primary, secondary) from an arc's ``(weight, fit_cost, effort)``.
Criteria = Callable[[Arc], tuple[float, float]]
BoundPicker = Callable[[tuple[float, float, float]], tuple[float, float]]


@dataclass(frozen=True)
class Ranking:
    """What a ranked search minimises, lexicographically."""

    criteria: Criteria
    bounds: BoundPicker


BY_WEIGHT = Ranking(lambda a: (a.weight, 0.0), lambda lb: (lb[0], 0.0))
BY_EFFORT = Ranking(lambda a: (float(a.effort), a.fit_cost), lambda lb: (lb[2], lb[1]))

Key = tuple[float, float, int, tuple[str, ...]]


def ranked_routes(
    space: SearchSpace,
    source: str,
    trip: Itinerary,
    k: int,
    ranking: Ranking,
) -> list[tuple[str, ...]]:
    """The ``k`` least simple routes under ``ranking``, ties by steps then ids.

    Dominance pruning (a label at a node beaten on both criteria and on steps
    by an earlier one there) is exact only for ``k == 1`` without via roles:
    then any completion of the beaten label is matched by a completion of
    the earlier one or by a shortcut of it, which is no worse.
    """
    max_steps = space.constraints.max_steps
    prune = k == 1 and len(trip.goals) == 1
    settled: dict[str, list[tuple[float, float, int]]] = {}
    if not trip.reachable(source, 0) or trip.min_hops(source, 0) > max_steps:
        return []
    lb = ranking.bounds(trip.lower(source, 0))
    heap: list[tuple[float, float, int, tuple[str, ...], float, float, int]] = [
        (lb[0], lb[1], 0, (source,), 0.0, 0.0, 0)
    ]
    found: list[Key] = []
    while heap:
        f0, f1, hops, path, g0, g1, stage = heapq.heappop(heap)
        if len(found) >= k and (f0, f1) > found_kth(found, k)[:2]:
            break
        node = path[-1]
        if stage == len(trip.goals):
            found.append((g0, g1, hops, path))
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
            c0, c1 = ranking.criteria(arc)
            n0, n1 = g0 + c0, g1 + c1
            if next_stage == len(trip.goals):
                heapq.heappush(heap, (n0, n1, hops + 1, (*path, nxt), n0, n1, next_stage))
                continue
            if not trip.reachable(nxt, next_stage):
                continue
            if hops + 1 + trip.min_hops(nxt, next_stage) > max_steps:
                continue
            b0, b1 = ranking.bounds(trip.lower(nxt, next_stage))
            heapq.heappush(heap, (n0 + b0, n1 + b1, hops + 1, (*path, nxt), n0, n1, next_stage))
    found.sort()
    return [key[3] for key in found[:k]]


def found_kth(found: list[Key], k: int) -> Key:
    """The ``k``-th least key found so far (``found`` holds at least ``k``)."""
    return heapq.nsmallest(k, found)[-1]


def _dominated(seen: list[tuple[float, float, int]], g0: float, g1: float, hops: int) -> bool:
    for s0, s1, sh in seen:
        if s0 <= g0 and s1 <= g1 and sh <= hops:
            return True
    seen.append((g0, g1, hops))
    return False
