"""How a person's profile evolves along a route, and the moves they may make."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import networkx as nx

from graph.fit import fit_of_scores, points_to_reach
from graph.model import Origin, Transition
from graph.personal.person import Person
from graph.routes import Route, Step, route_from_steps
from graph.search._space import SearchSpace, check_query
from graph.search.query import Constraints, Objective
from graph.traits import TRAITS

Scores = tuple[float, ...]


class Move(NamedTuple):
    """Entering one role from a developed profile."""

    node: str
    develop: tuple[int, ...]
    scores: Scores
    fit: float
    fit_cost: float
    effort: int
    weight: float


@dataclass
class PersonalSpace:
    """The graph as one personal query sees it."""

    graph: nx.DiGraph
    person: Person
    constraints: Constraints
    objective: Objective
    _ideal: dict[str, Scores] = field(default_factory=dict, repr=False)

    @property
    def start(self) -> str | None:
        """The current role, or ``None`` when the route starts from the person."""
        return self.person.current_role

    def ideal(self, node: str) -> Scores:
        scores = self._ideal.get(node)
        if scores is None:
            scores = self._ideal[node] = self.graph.nodes[node]["role"].profile.scores()
        return scores

    def required(self, node: str) -> Scores:
        """Scores needed to enter ``node``: its ideal minus the tolerance."""
        return tuple(s - self.person.tolerance for s in self.ideal(node))

    def neighbours(self, node: str | None) -> Iterator[str]:
        """Roles the catalog lets the person move to next (any role to start with)."""
        c = self.constraints
        if node is None:
            yield from (n for n in sorted(self.graph) if n not in c.avoid)
            return
        for nxt, data in sorted(self.graph.succ[node].items()):
            edge: Transition = data["transition"]
            if nxt in c.avoid or (c.curated_only and edge.origin is Origin.DERIVED):
                continue
            yield nxt

    def enter(self, scores: Scores, node: str) -> Move | None:
        """The move into ``node`` from ``scores``, or ``None`` if a constraint forbids it."""
        c = self.constraints
        develop = tuple(
            points_to_reach(s, r) for s, r in zip(scores, self.required(node), strict=True)
        )
        effort = sum(develop)
        if c.max_step_effort is not None and effort > c.max_step_effort:
            return None
        if c.max_trait_step is not None and max(develop) > c.max_trait_step:
            return None
        fit = fit_of_scores(scores, self.ideal(node))
        if fit < c.min_step_fit:
            return None
        fit_cost = -math.log(fit)
        grown = tuple(s + d for s, d in zip(scores, develop, strict=True))
        weight = self.objective.step_cost(fit_cost, effort)
        return Move(node, develop, grown, fit, fit_cost, effort, weight)

    def months(self, develop: Sequence[int]) -> float:
        """Months one step takes: the slowest trait's growth, at least the minimum stay."""
        return max(self.person.min_months_in_role, max(develop) / self.person.development_rate)

    def route(self, path: Sequence[str]) -> Route:
        """Replay ``path`` (starting at the start role, if any) into a route."""
        scores: Scores = self.person.scores.scores()
        previous = self.start
        steps, score = [], 0.0
        nodes = path[1:] if self.start is not None else path
        for node in nodes:
            move = self.enter(scores, node)
            assert move is not None, "replayed a move the search had accepted"
            edge = self.graph.edges[previous, node]["transition"] if previous else None
            steps.append(
                Step(
                    source=previous,
                    target=node,
                    fit=move.fit,
                    strengths=edge.strengths if edge else (),
                    develop={t: d for t, d in zip(TRAITS, move.develop, strict=True) if d},
                    origin=edge.origin if edge else None,
                    months=self.months(move.develop),
                )
            )
            score += move.weight
            scores, previous = move.scores, node
        return route_from_steps(steps, score)


def personal_space(
    graph: nx.DiGraph,
    person: Person,
    target: str | None,
    constraints: Constraints | None,
    objective: Objective | None,
) -> PersonalSpace:
    """Validate a personal query and prepare its search space."""
    c = constraints or Constraints()
    check_query(graph, person.current_role, target, c)
    return PersonalSpace(graph, person, c, objective or Objective())


def hop_space(space: PersonalSpace) -> SearchSpace:
    """The structural graph (avoid and curated-only applied) for step-count bounds."""
    c = space.constraints
    loose = Constraints(
        max_steps=c.max_steps, avoid=c.avoid, via=c.via, curated_only=c.curated_only
    )
    return SearchSpace(space.graph, loose, space.objective)


def effort_bound(scores: Scores, goals: Sequence[Scores]) -> int:
    """Least development still needed to enter every remaining goal role."""
    return sum(points_to_reach(s, max(g[i] for g in goals)) for i, s in enumerate(scores))
