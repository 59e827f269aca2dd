"""The catalog: roles and transitions with referential integrity."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx
import numpy as np

from graph.career import CareerRules
from graph.errors import CatalogError, Problem, UnknownRoleError
from graph.fit import development_needed, profile_fit
from graph.model import DevelopmentAction, Origin, Role, Transition, suggest_role_ids
from graph.traits import TRAITS, Trait

T = TypeVar("T")

#: Derived edges are only added where the profile fit reaches this value.
DEFAULT_DERIVED_THRESHOLD = 0.75
#: At most this many derived edges leave one role (the best-fitting ones).
DEFAULT_DERIVED_PER_ROLE = 4
#: Source roles compared at once when deriving edges (bounds the temporary arrays).
_DERIVE_CHUNK = 256
#: Slack for the vectorised pre-selection, wider than any rounding to whole percent.
_ROUNDING_MARGIN = 0.006


@dataclass(frozen=True)
class Where:
    """Where a record came from, for error messages."""

    file: str | None = None
    line: int | None = None

    def problem(self, message: str, record: str | None, field_name: str | None) -> Problem:
        return Problem(message, self.file, self.line, record, field_name)


@dataclass(frozen=True)
class Catalog:
    """An immutable, validated set of roles and catalog transitions.

    Build one with :meth:`build`, which checks every rule and reports every
    violation at once.
    """

    roles: Mapping[str, Role]
    transitions: Mapping[tuple[str, str], Transition]
    actions: tuple[DevelopmentAction, ...] = ()
    rules: CareerRules = CareerRules()

    @classmethod
    def build(
        cls,
        roles: Iterable[tuple[Role, Where]] | Iterable[Role],
        transitions: Iterable[tuple[Transition, Where]] | Iterable[Transition],
        actions: Iterable[DevelopmentAction] = (),
        rules: CareerRules | None = None,
    ) -> Catalog:
        """Validate records and build a catalog, or raise :class:`CatalogError`.

        >>> from graph.traits import Profile
        >>> p = Profile.from_scores([50] * 6)
        >>> a, b = Role(id="a", name="A", profile=p), Role(id="b", name="B", profile=p)
        >>> cat = Catalog.build([a, b], [Transition(source="a", target="b", fit=0.7)])
        >>> sorted(cat.roles), list(cat.transitions)
        (['a', 'b'], [('a', 'b')])
        >>> Catalog.build([a], [Transition(source="a", target="x", fit=0.7)])
        Traceback (most recent call last):
        ...
        graph.errors.CatalogError: 1 problem in the catalog:
          - <catalog>, record a -> x, field target: unknown role 'x'
        """
        problems: list[Problem] = []
        role_map: dict[str, Role] = {}
        for role, where in _with_where(roles):
            if role.id in role_map:
                problems.append(where.problem(f"duplicate role id {role.id!r}", role.id, "id"))
            else:
                role_map[role.id] = role
        edge_map: dict[tuple[str, str], Transition] = {}
        for edge, where in _with_where(transitions):
            problems.extend(_edge_problems(edge, where, role_map, edge_map))
            edge_map.setdefault(edge.key, edge)
        if problems:
            raise CatalogError(problems)
        ordered_roles = {rid: role_map[rid] for rid in sorted(role_map)}
        ordered_edges = {k: edge_map[k] for k in sorted(edge_map)}
        return cls(ordered_roles, ordered_edges, _by_trait(actions), rules or CareerRules())

    def role(self, role_id: str) -> Role:
        """The role with this id, or :class:`UnknownRoleError` with suggestions."""
        role = self.roles.get(role_id)
        if role is None:
            raise UnknownRoleError(role_id, self.suggest(role_id))
        return role

    def suggest(self, text: str, limit: int = 3) -> tuple[str, ...]:
        """Role ids close to ``text`` (see :func:`graph.model.suggest_role_ids`)."""
        return suggest_role_ids(text, self.roles.values(), limit)

    def with_actions(self, actions: Iterable[DevelopmentAction]) -> Catalog:
        """The same catalog with another development-action table."""
        return Catalog(self.roles, self.transitions, _by_trait(actions), self.rules)

    def with_rules(self, rules: CareerRules) -> Catalog:
        """The same catalog under other career rules."""
        return Catalog(self.roles, self.transitions, self.actions, rules)

    def actions_for(self, trait: Trait) -> tuple[DevelopmentAction, ...]:
        """The development actions listed for one trait, in table order."""
        return tuple(a for a in self.actions if a.trait is trait)

    def outgoing(self, role_id: str) -> list[Transition]:
        """Catalog transitions leaving a role, by target id."""
        return [t for (s, _), t in self.transitions.items() if s == role_id]

    def incoming(self, role_id: str) -> list[Transition]:
        """Catalog transitions entering a role, by source id."""
        return [t for (_, d), t in self.transitions.items() if d == role_id]

    def derived_transitions(
        self,
        threshold: float = DEFAULT_DERIVED_THRESHOLD,
        per_role: int = DEFAULT_DERIVED_PER_ROLE,
    ) -> list[Transition]:
        """Edges computed from profiles between roles with no catalog edge.

        For every role, the ``per_role`` best other roles whose profile fit
        reaches ``threshold`` (ties by target id) and that no catalog edge
        already joins.
        """
        roles = list(self.roles.values())
        scores = np.array([r.profile.scores() for r in roles], dtype=np.float64)
        position = {r.id: i for i, r in enumerate(roles)}
        joined: dict[int, set[int]] = {}
        for source_id, target_id in self.transitions:
            joined.setdefault(position[source_id], set()).add(position[target_id])
        derived: list[Transition] = []
        for start in range(0, len(roles), _DERIVE_CHUNK):
            rows = scores[start : start + _DERIVE_CHUNK]
            gap = scores[None, :, :] - rows[:, None, :]
            # Unrounded fit; the exact (rounded) fit is computed below for candidates only.
            raw = 1.0 - (np.clip(gap, 0, None).sum(-1) + 0.5 * np.clip(-gap, 0, None).sum(-1)) / 100
            for offset, row in enumerate(raw):
                i = start + offset
                row[i] = -np.inf
                row[list(joined.get(i, ()))] = -np.inf
                candidates = np.flatnonzero(row >= threshold - _ROUNDING_MARGIN)
                if len(candidates) > 4 * per_role:
                    cut = np.sort(row[candidates])[-per_role] - 2 * _ROUNDING_MARGIN
                    candidates = candidates[row[candidates] >= cut]
                derived += _derived_from(roles, i, candidates.tolist(), threshold, per_role)
        return derived

    def to_graph(
        self,
        include_derived: bool = True,
        threshold: float = DEFAULT_DERIVED_THRESHOLD,
        per_role: int = DEFAULT_DERIVED_PER_ROLE,
    ) -> nx.DiGraph:
        """The career graph the route search runs on (see :func:`graph.network.role_graph`)."""
        from graph.network import role_graph

        edges = list(self.transitions.values())
        if include_derived:
            edges += self.derived_transitions(threshold, per_role)
        graph = role_graph(self.roles.values(), edges, self.rules)
        graph.graph["actions"] = self.actions
        return graph


def _with_where(items: Iterable[tuple[T, Where]] | Iterable[T]) -> Iterable[tuple[T, Where]]:
    for item in items:
        if isinstance(item, tuple):
            yield item
        else:
            yield item, Where()


def _edge_problems(
    edge: Transition,
    where: Where,
    roles: Mapping[str, Role],
    seen: Mapping[tuple[str, str], Transition],
) -> list[Problem]:
    record = f"{edge.source} -> {edge.target}"
    problems = []
    if edge.source not in roles:
        problems.append(where.problem(f"unknown role {edge.source!r}", record, "source"))
    if edge.target not in roles:
        problems.append(where.problem(f"unknown role {edge.target!r}", record, "target"))
    if edge.source == edge.target:
        problems.append(where.problem("a role cannot transition to itself", record, "target"))
    if edge.origin is Origin.DERIVED:
        problems.append(
            where.problem("derived transitions are computed, not stored", record, "origin")
        )
    if edge.key in seen:
        problems.append(where.problem("duplicate transition", record, "target"))
    return problems


def _derived_from(
    roles: list[Role], i: int, candidates: Iterable[int], threshold: float, per_role: int
) -> list[Transition]:
    """Derived edges from role ``i`` to the best candidates, by exact (rounded) fit."""
    source = roles[i]
    ranked = []
    for j in candidates:
        fit = profile_fit(source.profile, roles[j].profile)
        if fit >= threshold:
            ranked.append((-fit, roles[j].id, j))
    return [
        Transition(
            source=source.id,
            target=target_id,
            fit=-neg_fit,
            develop=development_needed(source.profile, roles[j].profile),
            origin=Origin.DERIVED,
        )
        for neg_fit, target_id, j in sorted(ranked)[:per_role]
    ]


def _by_trait(actions: Iterable[DevelopmentAction]) -> tuple[DevelopmentAction, ...]:
    """Actions grouped by trait in OCEAN+ order, each trait's in the order given."""
    return tuple(sorted(actions, key=lambda a: TRAITS.index(a.trait)))
