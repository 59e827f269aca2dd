"""The catalog: roles and transitions with referential integrity."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx

from graph.career import CareerRules
from graph.derived import derived_edges, derived_transitions
from graph.derived import derived_fit as derived_fit  # re-exported: graph.personal uses it
from graph.errors import CatalogError, Problem, UnknownRoleError
from graph.model import (
    DevelopmentAction,
    Origin,
    Role,
    SharedParts,
    Transition,
    suggest_role_ids,
)
from graph.traits import TRAITS, Trait
from graph.transitions import TransitionTable

T = TypeVar("T")
#: Held while a catalog's derived transitions are computed (see :attr:`Catalog.derived`).
_DERIVING = threading.Lock()


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
    #: A :class:`~graph.transitions.TransitionTable` (columns; a transition is made when read).
    transitions: Mapping[tuple[str, str], Transition]
    actions: tuple[DevelopmentAction, ...] = ()
    rules: CareerRules = CareerRules()

    @classmethod
    def build(
        cls,
        roles: Iterable[tuple[Role, Where]] | Iterable[Role],
        transitions: Iterable[tuple[Transition, Where]] | Iterable[Transition] | TransitionTable,
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
        rules = rules or CareerRules()
        problems: list[Problem] = []
        role_map: dict[str, Role] = {}
        # A large catalog's records repeat many equal parts: hold each once.
        parts = SharedParts()
        for role, where in _with_where(roles):
            parts.share(role)
            if role.id in role_map:
                problems.append(where.problem(f"duplicate role id {role.id!r}", role.id, "id"))
            else:
                role_map[role.id] = role
            if role.level and rules.levels.rank(role.level) is None:
                scale = ", ".join(rules.levels.names())
                message = f"level {role.level!r} is not on the catalog's scale ({scale})"
                problems.append(where.problem(message, role.id, "level"))
        table = _clean_table(transitions, role_map)
        if table is None:
            if isinstance(transitions, TransitionTable):  # to name each bad record
                transitions = transitions.values()
            edge_map: dict[tuple[str, str], Transition] = {}
            for edge, where in _with_where(transitions):
                problems.extend(_edge_problems(edge, where, role_map, edge_map))
                edge_map.setdefault(edge.key, edge)
            if not problems:
                table = TransitionTable.from_transitions(edge_map.values())
        if problems or table is None:
            raise CatalogError(problems)
        ordered_roles = {rid: role_map[rid] for rid in sorted(role_map)}
        return cls(ordered_roles, table, _by_trait(actions), rules)

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
        catalog = Catalog(self.roles, self.transitions, _by_trait(actions), self.rules)
        derived = self.__dict__.get("_derived")  # actions do not change derived transitions
        return catalog if derived is None else catalog.with_derived(derived)

    def with_rules(self, rules: CareerRules) -> Catalog:
        """The same catalog under other career rules (every level must be on their scale).

        Raises
        ------
        CatalogError
            Naming each role whose level is not on the new scale.
        """
        return Catalog.build(self.roles.values(), self.transition_table(), self.actions, rules)

    def actions_for(self, trait: Trait) -> tuple[DevelopmentAction, ...]:
        """The development actions listed for one trait, in table order."""
        return tuple(a for a in self.actions if a.trait is trait)

    def outgoing(self, role_id: str) -> list[Transition]:
        """Catalog transitions leaving a role, by target id."""
        return self.transition_table().outgoing(role_id)

    def incoming(self, role_id: str) -> list[Transition]:
        """Catalog transitions entering a role, by source id."""
        return self.transition_table().incoming(role_id)

    def derived_transitions(
        self, threshold: float | None = None, per_role: int | None = None
    ) -> list[Transition]:
        """Edges computed from profiles between plausible roles with no catalog edge.

        Under the catalog's :class:`~graph.career.DerivedRules` (``rules.derived``): none
        unless ``enabled``; for every role, the ``per_role`` best other roles (by profile
        fit, ties by target id) that no catalog edge already joins, whose profile fit
        reaches ``threshold``, and that the rules allow. A derived edge's fit is
        ``round(profile fit * no_link_prior, 2)`` (at least 0.01) and its development the
        profile shortfall. ``threshold`` and ``per_role`` override the rules' values.
        :func:`graph.derived.derived_transitions` computes them without comparing every
        pair of roles.
        """
        return derived_transitions(
            list(self.roles.values()), self.transitions, self.rules, threshold, per_role
        )

    def to_graph(self, include_derived: bool = True) -> nx.DiGraph:
        """The career graph the route search runs on (see :func:`graph.network.role_graph`)."""
        from graph.network import role_graph

        derived = self.derived if include_derived else ()
        graph = role_graph(self.roles.values(), self.transition_table(), self.rules, derived)
        graph.graph["actions"] = self.actions
        return graph

    @property
    def derived(self) -> TransitionTable:
        """The derived transitions under the catalog's rules, computed once, as a table.

        What :meth:`to_graph` adds (see :meth:`derived_transitions`); a projection file
        keeps them, so a replica restarting on the same version does not derive them again.
        Threads asking at once wait for one computation (one at a time in the process:
        deriving is CPU-bound, two at once would not finish sooner).
        """
        made = self.__dict__.get("_derived")
        if made is None:
            with _DERIVING:
                made = self.__dict__.get("_derived")
                if made is None:
                    roles = list(self.roles.values())
                    edges = derived_edges(roles, self.transitions, self.rules)
                    made = self.__dict__["_derived"] = TransitionTable.from_derived(edges)
        assert isinstance(made, TransitionTable)
        return made

    def with_derived(self, derived: TransitionTable) -> Catalog:
        """This catalog, its :attr:`derived` given (as computed for it before, and saved).

        Raises
        ------
        ValueError
            If ``derived`` names a role the catalog does not hold.
        """
        if not derived.role_ids() <= self.roles.keys():
            raise ValueError("the derived transitions name roles the catalog does not hold")
        self.__dict__["_derived"] = derived  # a cache of this immutable catalog, seeded
        return self

    def transition_table(self) -> TransitionTable:
        """The transitions as a table (a catalog made by hand may hold a plain mapping)."""
        edges = self.transitions
        if isinstance(edges, TransitionTable):
            return edges
        return TransitionTable.from_transitions(edges.values())


def _with_where(items: Iterable[tuple[T, Where]] | Iterable[T]) -> Iterable[tuple[T, Where]]:
    for item in items:
        if isinstance(item, tuple):
            yield item
        else:
            yield item, Where()


def _clean_table(transitions: object, roles: Mapping[str, Role]) -> TransitionTable | None:
    """``transitions`` if it is a table that breaks no rule among ``roles``, else ``None``.

    A table's records are valid and their keys distinct: what is left to check is what
    :func:`_edge_problems` checks between records and roles, column by column.
    """
    if not isinstance(transitions, TransitionTable):
        return None
    if not transitions.role_ids() <= roles.keys():
        return None
    if transitions.loops() or Origin.DERIVED in transitions.origins():
        return None
    return transitions


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


def _by_trait(actions: Iterable[DevelopmentAction]) -> tuple[DevelopmentAction, ...]:
    """Actions grouped by trait in OCEAN+ order, each trait's in the order given."""
    return tuple(sorted(actions, key=lambda a: TRAITS.index(a.trait)))
