"""Label searches over routes whose costs depend on the person's developed profile.

A label carries the route so far and the profile developed along it. Labels
at the same role are compared only when they carry the same developed
profile and one label's roles are a subset of the other's: then every
completion of the second is also a simple completion of the first with
exactly the same future steps, so dropping the second keeps the answer exact.
(A higher developed score is not always better: excess over a role's ideal
lowers its fit, so profiles must be equal, not merely larger.) Costs are
whole cost units (:func:`~graph.search.query.units`), so equal routes tie
exactly and the documented tie-breaks decide.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from graph.personal._space import Move, PersonalSpace, Scores, effort_bound
from graph.search.budget import tick
from graph.search.pareto import matched
from graph.search.space import Itinerary, itinerary

Path = tuple[int, ...]


@dataclass
class _Seen:
    """Labels already expanded at one (role, stage): their roles, profile and costs."""

    labels: list[tuple[frozenset[int], Scores, tuple[int, ...]]]

    def beats(self, path: Path, scores: Scores, costs: tuple[int, ...]) -> bool:
        """Whether a label seen has this profile, a subset of these roles and no higher
        costs (each of ``costs`` lower is better); if none has, this label joins them."""
        roles = frozenset(path)
        for seen_roles, seen_scores, seen_costs in self.labels:
            if (
                seen_scores == scores
                and all(s <= c for s, c in zip(seen_costs, costs, strict=True))
                and seen_roles <= roles
            ):
                return True
        self.labels.append((roles, scores, costs))
        return False


class _Plan:
    """Goals (via roles, then the target), their entry requirements and step bounds."""

    def __init__(self, space: PersonalSpace, target: str) -> None:
        self.space = space
        self.trip: Itinerary | None = itinerary(space.space, target)
        goals = self.trip.goals if self.trip else ()
        self.goals = goals
        self.final = len(goals)
        self.advance = self.trip.advance if self.trip else []
        self.hops_left = self.trip.table("hops") if self.trip else []
        self.needs = [[space.required(g) for g in goals[i:]] for i in range(len(goals))]

    def moves(self, path: Path, scores: Scores, stage: int, hops: int) -> list[tuple[Move, int]]:
        """Moves that keep the route simple, in via order and within the step limit."""
        limit = self.space.constraints.max_steps
        stage_after, hops_left = self.advance[stage], self.hops_left
        out = []
        here = path[-1] if path else None
        for nxt in self.space.neighbours(here):
            next_stage = stage_after[nxt]
            if next_stage < 0 or nxt in path:
                continue  # on the route already, or a later via role before this one
            if next_stage < self.final and hops + 1 + hops_left[next_stage][nxt] > limit:
                continue  # also when the goal is unreachable from nxt (inf)
            move = self.space.enter(scores, nxt, here)
            if move is not None:
                out.append((move, next_stage))
        return out

    def effort_left(self, scores: Scores, stage: int) -> int:
        return 0 if stage == self.final else effort_bound(scores, self.needs[stage])


def ranked_paths(space: PersonalSpace, target: str, k: int, by_effort: bool) -> list[Path]:
    """The ``k`` least routes by cost (or by effort, then -ln fit), ties by steps and ids."""
    plan = _Plan(space, target)
    if plan.trip is None:
        return []
    start: Path = (space.start,) if space.start is not None else ()
    person = space.person.scores.scores()
    prune = k == 1
    seen: dict[tuple[int, int], _Seen] = {}
    heap: list[tuple[float, int, int, Path, int, int, int, Scores]] = [
        (0.0, 0, 0, start, 0, 0, 0, person)
    ]
    found: list[tuple[int, int, int, Path]] = []
    kth: tuple[int, int, int] | None = None
    # A step's units are at least its effort times the whole units of one point
    # (Objective.step_units), so this bound is exact: no rounding slack to take off.
    effort_unit = space.objective.effort_unit
    while heap:
        f0, f1, hops, path, g0, g1, stage, scores = heapq.heappop(heap)
        tick()
        # A later label's routes take a step more than it has: none can rank before the kth.
        if kth is not None and (f0, f1, hops + 1) > kth:
            break
        if stage == plan.final:
            found.append((g0, g1, hops, path))
            if len(found) >= k:
                kth = heapq.nsmallest(k, found)[-1][:3]
            continue
        if prune and path:
            if seen.setdefault((path[-1], stage), _Seen([])).beats(path, scores, (g0, g1)):
                continue
        for move, next_stage in plan.moves(path, scores, stage, hops):
            if by_effort:
                n0, n1 = g0 + move.effort, g1 + move.fit_cost
                b0 = float(plan.effort_left(move.scores, next_stage))
            else:
                n0, n1 = g0 + move.weight, 0
                b0 = float(effort_unit * plan.effort_left(move.scores, next_stage))
            heapq.heappush(
                heap,
                (n0 + b0, n1, hops + 1, (*path, move.node), n0, n1, next_stage, move.scores),
            )
    found.sort()
    return [key[3] for key in found[:k]]


def pareto_paths(space: PersonalSpace, target: str) -> list[Path]:
    """Routes no other beats on cumulative fit, effort and months, by fit descending."""
    plan = _Plan(space, target)
    if plan.trip is None:
        return []
    start: Path = (space.start,) if space.start is not None else ()
    seen: dict[tuple[int, int], _Seen] = {}
    frontier: list[tuple[int, int, int]] = []
    answer: list[Path] = []
    heap: list[tuple[int, int, int, int, Path, int, Scores]] = [
        (0, 0, 0, 0, start, 0, space.person.scores.scores())
    ]
    while heap:
        fit_cost, effort, months, hops, path, stage, scores = heapq.heappop(heap)
        tick()
        if stage == plan.final:
            if not matched(frontier, fit_cost, effort, months):
                frontier.append((fit_cost, effort, months))
                answer.append(path)
            continue
        # Equal profiles mean equal efforts so far: fit and months decide.
        if path and seen.setdefault((path[-1], stage), _Seen([])).beats(
            path, scores, (fit_cost, months)
        ):
            continue
        for move, next_stage in plan.moves(path, scores, stage, hops):
            nf, ne, nm = fit_cost + move.fit_cost, effort + move.effort, months + move.month_units
            if matched(frontier, nf, ne + plan.effort_left(move.scores, next_stage), nm):
                continue
            heapq.heappush(
                heap, (nf, ne, nm, hops + 1, (*path, move.node), next_stage, move.scores)
            )
    return answer


def reachable_paths(space: PersonalSpace) -> dict[int, Path]:
    """Best route (scalar objective) to every role within the step limit.

    Each reached role has its own step-down, Job Zone and credential rules
    (:meth:`~graph.search.space.SearchSpace.reach_rules`), so a label also
    carries whether it stepped down, its intermediate roles' highest Job
    Zone and the credential they require, as
    :func:`graph.search.reachable.reachable_routes` does.
    """
    start: Path = (space.start,) if space.start is not None else ()
    rules = space.space.reach_rules()
    adjacency = space.space.out_arcs
    seen: dict[int, _Seen] = {}
    best: dict[int, Path] = {}
    # (cost, steps, path, profile, stepped down, highest Job Zone and credential of the
    # intermediate roles)
    heap: list[tuple[int, int, Path, Scores, int, int, int]] = [
        (0, 0, start, space.person.scores.scores(), 0, 0, -1)
    ]
    while heap:
        cost, hops, path, scores, down, zone, carried = heapq.heappop(heap)
        tick()
        here = path[-1] if path else None
        if here is not None:
            costs = (cost, down, zone, *rules.credential_flags(carried))
            if seen.setdefault(here, _Seen([])).beats(path, scores, costs):
                continue
            if here != space.start and rules.accepts(here, down, zone, carried):
                best.setdefault(here, path)
        if hops == space.constraints.max_steps:
            continue
        carried_on: int | None
        if here is None or here == space.start:
            onward, carried_on = zone, carried
        else:
            onward, carried_on = max(zone, rules.zones[here]), rules.credential_after(carried, here)
        if carried_on is None:
            continue  # two credentials crossed: no role accepts the route
        if here is None:
            nexts = [(nxt, False) for nxt in space.neighbours(None)]
        else:
            nexts = [(arc.node, arc.down) for arc in adjacency(here)]
        for nxt, step_down in nexts:
            if nxt not in path and (move := space.enter(scores, nxt, here)) is not None:
                stepped = down | step_down
                label = (
                    cost + move.weight,
                    hops + 1,
                    (*path, nxt),
                    move.scores,
                    stepped,
                    onward,
                    carried_on,
                )
                heapq.heappush(heap, label)
    return best
