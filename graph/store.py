"""Where a catalog lives: the interface every store offers, and the in-memory store.

A store hands out immutable :class:`CatalogSnapshot` objects; every accepted
write makes a new snapshot with the next catalog version, so a query always
runs on one consistent version, never on a half-applied write.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

import networkx as nx

from graph.catalog import Catalog
from graph.errors import RumboError, UnknownTransitionError
from graph.model import DevelopmentAction, Role, Transition


class VersionConflict(RumboError):
    """A conditional write named a catalog version that is no longer current."""

    def __init__(self, expected: int, current: int) -> None:
        self.expected = expected
        self.current = current
        super().__init__(f"catalog version is {current}, not {expected}; reload and retry")


class StoreUnavailable(RumboError):
    """The store cannot be reached; the message says which and why."""


@dataclass(frozen=True)
class CatalogSnapshot:
    """One catalog version and the search graph built from it (once, on first use)."""

    version: int
    catalog: Catalog
    stale: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The career graph with derived edges."""
        with self._lock:
            return self.catalog.to_graph()

    @cached_property
    def curated_graph(self) -> nx.DiGraph:
        """The career graph with catalog transitions only."""
        with self._lock:
            return self.catalog.to_graph(include_derived=False)


class CatalogStore(Protocol):
    """What the service needs from wherever the catalog is kept."""

    def snapshot(self) -> CatalogSnapshot:
        """The current catalog version (reloaded if another process changed it)."""

    def put_role(self, role: Role, expected_version: int | None = None) -> CatalogSnapshot:
        """Create or replace a role; returns the new snapshot."""

    def delete_role(self, role_id: str, expected_version: int | None = None) -> CatalogSnapshot:
        """Delete a role and every transition that touches it."""

    def put_transition(
        self, transition: Transition, expected_version: int | None = None
    ) -> CatalogSnapshot:
        """Create or replace a transition between two existing roles."""

    def delete_transition(
        self, source: str, target: str, expected_version: int | None = None
    ) -> CatalogSnapshot:
        """Delete one transition."""

    def put_actions(
        self, actions: Sequence[DevelopmentAction], expected_version: int | None = None
    ) -> CatalogSnapshot:
        """Replace the development-action table."""

    def replace(self, catalog: Catalog) -> CatalogSnapshot:
        """Replace the whole catalog atomically."""

    def close(self) -> None:
        """Release connections."""


def with_role(catalog: Catalog, role: Role) -> Catalog:
    """The catalog with ``role`` created or replaced."""
    roles = {**catalog.roles, role.id: role}
    return Catalog.build(roles.values(), catalog.transitions.values(), catalog.actions)


def without_role(catalog: Catalog, role_id: str) -> Catalog:
    """The catalog without ``role_id`` and the transitions that touch it."""
    catalog.role(role_id)
    roles = [r for r in catalog.roles.values() if r.id != role_id]
    edges = [t for t in catalog.transitions.values() if role_id not in t.key]
    return Catalog.build(roles, edges, catalog.actions)


def with_transition(catalog: Catalog, transition: Transition) -> Catalog:
    """The catalog with ``transition`` created or replaced (both roles must exist)."""
    edges = {**catalog.transitions, transition.key: transition}
    return Catalog.build(catalog.roles.values(), edges.values(), catalog.actions)


def without_transition(catalog: Catalog, source: str, target: str) -> Catalog:
    """The catalog without the transition ``source -> target``."""
    if (source, target) not in catalog.transitions:
        for role_id in (source, target):
            catalog.role(role_id)
        raise UnknownTransitionError(source, target)
    edges = [t for k, t in catalog.transitions.items() if k != (source, target)]
    return Catalog.build(catalog.roles.values(), edges, catalog.actions)


class MemoryStore:
    """A catalog held in this process only: the embedded default.

    >>> from graph.traits import Profile
    >>> store = MemoryStore(Catalog.build([], []))
    >>> snap = store.put_role(Role(id="a", name="A", profile=Profile.from_scores([50] * 6)))
    >>> snap.version, sorted(snap.catalog.roles)
    (2, ['a'])
    >>> store.delete_role("a", expected_version=1)
    Traceback (most recent call last):
    ...
    graph.store.VersionConflict: catalog version is 2, not 1; reload and retry
    """

    def __init__(self, catalog: Catalog, version: int = 1) -> None:
        self._snapshot = CatalogSnapshot(version, catalog)
        self._write_lock = threading.Lock()

    def snapshot(self) -> CatalogSnapshot:
        return self._snapshot

    def _commit(self, expected: int | None, change: _Change) -> CatalogSnapshot:
        with self._write_lock:
            current = self._snapshot
            if expected is not None and expected != current.version:
                raise VersionConflict(expected, current.version)
            self._snapshot = CatalogSnapshot(current.version + 1, change(current.catalog))
            return self._snapshot

    def put_role(self, role: Role, expected_version: int | None = None) -> CatalogSnapshot:
        return self._commit(expected_version, lambda c: with_role(c, role))

    def delete_role(self, role_id: str, expected_version: int | None = None) -> CatalogSnapshot:
        return self._commit(expected_version, lambda c: without_role(c, role_id))

    def put_transition(
        self, transition: Transition, expected_version: int | None = None
    ) -> CatalogSnapshot:
        return self._commit(expected_version, lambda c: with_transition(c, transition))

    def delete_transition(
        self, source: str, target: str, expected_version: int | None = None
    ) -> CatalogSnapshot:
        return self._commit(expected_version, lambda c: without_transition(c, source, target))

    def put_actions(
        self, actions: Sequence[DevelopmentAction], expected_version: int | None = None
    ) -> CatalogSnapshot:
        return self._commit(expected_version, lambda c: c.with_actions(actions))

    def replace(self, catalog: Catalog) -> CatalogSnapshot:
        return self._commit(None, lambda _: catalog)

    def close(self) -> None:
        """Nothing to release."""


class _Change(Protocol):
    def __call__(self, catalog: Catalog, /) -> Catalog: ...


__all__ = [
    "CatalogSnapshot",
    "CatalogStore",
    "MemoryStore",
    "StoreUnavailable",
    "VersionConflict",
]
