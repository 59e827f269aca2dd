"""How a person's profile evolves along a route, and the moves they may make.

A move's months are the longer of the time in the role being left and the
time to develop the move's points (traits in parallel): the catalog's time in
role of that role's level and its development rate
(:class:`~graph.career.CareerRules`), unless the person sets their own
(``min_months_in_role`` then holds for every role). A first move from no role
takes the development time only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import networkx as nx

from graph.career import CareerRules, development_months
from graph.catalog import derived_fit
from graph.fit import fit_of_scores, points_to_reach
from graph.model import Origin
from graph.personal.person import Person
from graph.routes import Route, Step, route_from_steps
from graph.search.index import CompiledGraph
from graph.search.query import COST_UNIT, Constraints, Objective, fit_units, units
from graph.search.space import SearchSpace, query_space
from graph.traits import TRAITS

Scores = tuple[float, ...]


class Move(NamedTuple):
    """Entering one role (local number) from a developed profile.

    ``fit_cost`` (``-ln fit``), ``weight`` (the scalar objective) and
    ``month_units`` are whole cost units (:func:`~graph.search.query.units`).
    """

    node: int
    develop: tuple[int, ...]
    scores: Scores
    fit: float
    fit_cost: int
    effort: int
    weight: int
    months: float
    month_units: int


@dataclass
class PersonalSpace:
    """The usable subgraph of one personal query, and the person's moves on it."""

    space: SearchSpace
    person: Person
    _ideal: dict[int, Scores] = field(default_factory=dict, repr=False)
    _stay: dict[int, float] = field(default_factory=dict, repr=False)
    _derived_out: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)

    @property
    def rules(self) -> CareerRules:
        rules: CareerRules = self.space.graph.graph.get("rules") or CareerRules()
        return rules

    @property
    def development_rate(self) -> float:
        """Points a trait grows per month: the person's, else the catalog's."""
        if self.person.development_rate is not None:
            return self.person.development_rate
        return self.rules.development_rate

    def time_in_role(self, node: int) -> float:
        """Months spent in a role before moving on: the person's, else its level's."""
        if self.person.min_months_in_role is not None:
            return self.person.min_months_in_role
        months = self._stay.get(node)
        if months is None:
            data = self.space.graph.nodes[self.space.role_id(node)]
            months = self._stay[node] = float(data["months_in_role"])
        return months

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

    def enter(self, scores: Scores, node: int, previous: int | None) -> Move | None:
        """The move into ``node`` from ``scores`` and role ``previous`` (``None``: no role),
        or ``None`` if a constraint forbids it."""
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
        if self.derived_move(previous, node):
            fit = derived_fit(fit, self.rules.derived.no_link_prior)
        if fit < c.min_step_fit:
            return None
        fit_cost = fit_units(fit)
        grown = tuple(s + d for s, d in zip(scores, develop, strict=True))
        months = self.months(develop, previous)
        weight = self.objective.step_units(fit_cost, effort, months)
        return Move(node, develop, grown, fit, fit_cost, effort, weight, months, units(months))

    def derived_move(self, previous: int | None, node: int) -> bool:
        """Whether moving from ``previous`` to ``node`` takes a derived edge, whose fit the
        "no link" prior discounts as it does role to role."""
        if previous is None:
            return False
        targets = self._derived_out.get(previous)
        if targets is None:
            out = self.space.graph.succ[self.space.role_id(previous)]
            targets = self._derived_out[previous] = frozenset(
                t for t, data in out.items() if data["transition"].origin is Origin.DERIVED
            )
        return self.space.role_id(node) in targets

    def months(self, develop: Sequence[int], previous: int | None) -> float:
        """Months one step takes: the slowest trait's growth, and at least the time in
        the role being left (none from no role)."""
        grow = development_months(develop, self.development_rate)
        return grow if previous is None else max(self.time_in_role(previous), grow)

    def route(self, path: Sequence[int]) -> Route:
        """Replay local ``path`` (starting at the start role, if any) into a route."""
        graph = self.space.graph
        scores: Scores = self.person.scores.scores()
        previous = self.person.current_role
        before = self.start
        steps, score = [], 0
        nodes = path[1:] if previous is not None else path
        for node in nodes:
            move = self.enter(scores, node, before)
            assert move is not None, "replayed a move the search had accepted"
            role = self.space.role_id(node)
            data = graph.edges[previous, role] if previous else None
            edge = data["transition"] if data else None
            steps.append(
                Step(
                    source=previous,
                    target=role,
                    fit=move.fit,
                    strengths=edge.strengths if edge else (),
                    develop={t: d for t, d in zip(TRAITS, move.develop, strict=True) if d},
                    origin=edge.origin if edge else None,
                    level_change=data["level_change"] if data else None,
                    months=move.months,
                )
            )
            score += move.weight
            scores, previous, before = move.scores, role, node
        return route_from_steps(steps, score / COST_UNIT)


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
