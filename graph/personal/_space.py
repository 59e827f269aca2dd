"""How a person's profile evolves along a route, and the moves they may make."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import networkx as nx

from graph.fit import fit_of_scores, points_to_reach
from graph.personal.person import Person
from graph.routes import Route, Step, route_from_steps
from graph.search.index import CompiledGraph
from graph.search.query import Constraints, Objective
from graph.search.space import SearchSpace, query_space
from graph.traits import TRAITS

Scores = tuple[float, ...]


class Move(NamedTuple):
    """Entering one role (local number) from a developed profile."""

    node: int
    develop: tuple[int, ...]
    scores: Scores
    fit: float
    fit_cost: float
    effort: int
    weight: float


@dataclass
class PersonalSpace:
    """The usable subgraph of one personal query, and the person's moves on it."""

    space: SearchSpace
    person: Person
    _ideal: dict[int, Scores] = field(default_factory=dict, repr=False)

    @property
    def constraints(self) -> Constraints:
        return self.space.constraints

    @property
    def objective(self) -> Objective:
        return self.space.objective

    @property
    def start(self) -> int | None:
        """The current role's local number, or ``None`` when starting from the person."""
        role = self.person.current_role
        return None if role is None else self.space.number(role)

    def ideal(self, node: int) -> Scores:
        scores = self._ideal.get(node)
        if scores is None:
            role = self.space.graph.nodes[self.space.role_id(node)]["role"]
            scores = self._ideal[node] = role.profile.scores()
        return scores

    def required(self, node: int) -> Scores:
        """Scores needed to enter ``node``: its ideal minus the tolerance."""
        return tuple(s - self.person.tolerance for s in self.ideal(node))

    def neighbours(self, node: int | None) -> Iterator[int]:
        """Roles the catalog lets the person move to next (any role to start with)."""
        if node is None:
            yield from range(self.space.size)
        else:
            yield from (arc.node for arc in self.space.out_arcs(node))

    def enter(self, scores: Scores, node: int) -> Move | None:
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

    def route(self, path: Sequence[int]) -> Route:
        """Replay local ``path`` (starting at the start role, if any) into a route."""
        graph = self.space.graph
        scores: Scores = self.person.scores.scores()
        previous = self.person.current_role
        steps, score = [], 0.0
        nodes = path[1:] if previous is not None else path
        for node in nodes:
            move = self.enter(scores, node)
            assert move is not None, "replayed a move the search had accepted"
            role = self.space.role_id(node)
            edge = graph.edges[previous, role]["transition"] if previous else None
            steps.append(
                Step(
                    source=previous,
                    target=role,
                    fit=move.fit,
                    strengths=edge.strengths if edge else (),
                    develop={t: d for t, d in zip(TRAITS, move.develop, strict=True) if d},
                    origin=edge.origin if edge else None,
                    months=self.months(move.develop),
                )
            )
            score += move.weight
            scores, previous = move.scores, role
        return route_from_steps(steps, score)


def personal_space(
    graph: nx.DiGraph | CompiledGraph,
    person: Person,
    target: str | None,
    constraints: Constraints | None,
    objective: Objective | None,
) -> PersonalSpace:
    """Validate a personal query and prepare its search space (see
    :func:`~graph.search.space.query_space`)."""
    space = query_space(graph, person.current_role, target, constraints, objective, structural=True)
    return PersonalSpace(space, person)


def effort_bound(scores: Scores, goals: Sequence[Scores]) -> int:
    """Least development still needed to enter every remaining goal role."""
    return sum(points_to_reach(s, max(g[i] for g in goals)) for i, s in enumerate(scores))
