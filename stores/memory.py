"""The in-memory store: a catalog held in this process only (the embedded default)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from graph.catalog import Catalog
from graph.model import DevelopmentAction, Role, Transition
from graph.store import (
    CatalogSnapshot,
    StoreKind,
    VersionConflict,
    with_role,
    with_transition,
    without_role,
    without_transition,
)

__all__ = ["MemoryStore"]


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

    kind: StoreKind = "memory"

    def __init__(self, catalog: Catalog, version: int = 1) -> None:
        self._snapshot = CatalogSnapshot(version, catalog)
        self._write_lock = threading.Lock()

    def snapshot(self) -> CatalogSnapshot:
        return self._snapshot

    def _commit(
        self, expected: int | None, change: Callable[[Catalog], Catalog]
    ) -> CatalogSnapshot:
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
