"""The in-memory store: a catalog held in this process (the embedded default).

Nothing it accepts outlives the process, so the service opens it read-only
(:func:`usecases.store.open_store`); :class:`stores.folder.FolderStore` is the
same store saving every write to its folder before answering.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Sequence
from functools import partial

from graph.catalog import Catalog
from graph.model import DevelopmentAction, Role, Transition
from graph.store import (
    AlreadyExists,
    CatalogSnapshot,
    ReadOnlyCatalog,
    StoreKind,
    Upserted,
    VersionConflict,
    with_role,
    with_transition,
    without_role,
    without_transition,
)

__all__ = ["MemoryStore", "new_catalog_id"]


def new_catalog_id() -> str:
    """A fresh catalog identity: 16 random hex digits.

    >>> len(new_catalog_id()), new_catalog_id() == new_catalog_id()
    (16, False)
    """
    return secrets.token_hex(8)


class MemoryStore:
    """A catalog held in this process.

    Parameters
    ----------
    catalog
        The catalog, as version ``version``.
    catalog_id
        The catalog's identity (a fresh one if left out: a new process holds a new catalog).
    read_only
        Why writes are refused (:class:`~graph.store.ReadOnlyCatalog` with this message);
        ``None`` accepts them.

    >>> from graph.traits import Profile
    >>> store = MemoryStore(Catalog.build([], []), catalog_id="c0ffee")
    >>> role = Role(id="a", name="A", profile=Profile.from_scores([50] * 6))
    >>> written = store.put_role(role)
    >>> written.created, written.snapshot.version, written.snapshot.catalog_id
    (True, 2, 'c0ffee')
    >>> store.put_role(role).created
    False
    >>> store.put_role(role, create_only=True)
    Traceback (most recent call last):
    ...
    graph.store.AlreadyExists: role 'a' already exists; a create-only write changes nothing
    >>> store.delete_role("a", expected_version=1)
    Traceback (most recent call last):
    ...
    graph.store.VersionConflict: catalog version is 3, not 1; reload and retry
    """

    kind: StoreKind = "memory"

    def __init__(
        self,
        catalog: Catalog,
        version: int = 1,
        *,
        catalog_id: str | None = None,
        read_only: str | None = None,
    ) -> None:
        self._snapshot = CatalogSnapshot(
            version, catalog, catalog_id=catalog_id or new_catalog_id()
        )
        self._read_only = read_only
        self._write_lock = threading.Lock()

    def snapshot(self) -> CatalogSnapshot:
        return self._snapshot

    def _commit(
        self, expected: int | None, change: Callable[[Catalog], Catalog]
    ) -> CatalogSnapshot:
        with self._write_lock:
            if self._read_only is not None:
                raise ReadOnlyCatalog(self._read_only)
            current = self._snapshot
            if expected is not None and expected != current.version:
                raise VersionConflict(expected, current.version)
            snapshot = CatalogSnapshot(
                current.version + 1, change(current.catalog), catalog_id=current.catalog_id
            )
            self._persist(snapshot)
            self._snapshot = snapshot
            return snapshot

    def _persist(self, snapshot: CatalogSnapshot) -> None:
        """Keep ``snapshot`` before it becomes current; here, nowhere but in memory."""

    def _upsert(
        self,
        expected: int | None,
        exists: Callable[[Catalog], bool],
        what: str,
        create_only: bool,
        change: Callable[[Catalog], Catalog],
    ) -> Upserted:
        created = False

        def checked(catalog: Catalog) -> Catalog:
            # Decided under the write lock, on the catalog the write applies to.
            nonlocal created
            created = not exists(catalog)
            if create_only and not created:
                raise AlreadyExists(what)
            return change(catalog)

        return Upserted(self._commit(expected, checked), created)

    def put_role(
        self, role: Role, expected_version: int | None = None, *, create_only: bool = False
    ) -> Upserted:
        return self._upsert(
            expected_version,
            lambda c: role.id in c.roles,
            f"role {role.id!r}",
            create_only,
            lambda c: with_role(c, role),
        )

    def delete_role(self, role_id: str, expected_version: int | None = None) -> CatalogSnapshot:
        return self._commit(expected_version, lambda c: without_role(c, role_id))

    def put_transition(
        self,
        transition: Transition,
        expected_version: int | None = None,
        *,
        create_only: bool = False,
    ) -> Upserted:
        exists: Callable[[Catalog], bool] = lambda c: transition.key in c.transitions  # noqa: E731
        what = f"transition {transition.source!r} -> {transition.target!r}"
        change = partial(with_transition, transition=transition)
        return self._upsert(expected_version, exists, what, create_only, change)

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
