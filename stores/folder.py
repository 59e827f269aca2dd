"""A catalog folder as a store: served from memory, every accepted write saved to the folder.

A write is answered only once the folder holds it (written atomically by
:func:`loaders.write_catalog`) and the folder's state file
(``.rumbo-catalog.json``: the catalog's identity, version and the digest of its
files) names the new version, so an acknowledged write survives ``kill -9`` and
the version carries on after a restart. A folder edited while no server ran (its
digest no longer matches) comes back as the next version, so no entity tag given
out before the edit matches it.

One process at a time serves a folder writable (an exclusive lock on the folder);
reading it, as every other command does, needs no lock and writes nothing.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from graph.errors import CatalogError
from graph.store import CatalogSnapshot, StoreUnavailable
from loaders import catalog_format, read_catalog, recover_interrupted_write, write_catalog
from loaders._atomic import replace_files
from stores.memory import MemoryStore, new_catalog_id

__all__ = ["STATE_FILE", "FolderState", "FolderStore", "folder_digest", "read_only_folder"]

#: The state file a writable folder keeps next to its catalog files.
STATE_FILE = ".rumbo-catalog.json"


@dataclass(frozen=True)
class FolderState:
    """Which catalog a folder holds, at which version, and the digest of its files then."""

    catalog_id: str
    version: int
    digest: str


def folder_digest(folder: Path) -> str:
    """SHA-256 of the folder's files (names and bytes), hidden entries left out.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "a.yaml").write_text("x")
    ...     before = folder_digest(Path(tmp))
    ...     _ = (Path(tmp) / ".rumbo-catalog.json").write_text("{}")
    ...     same = folder_digest(Path(tmp)) == before
    ...     _ = (Path(tmp) / "a.yaml").write_text("y")
    ...     same, folder_digest(Path(tmp)) == before
    (True, False)
    """
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        digest.update(relative.as_posix().encode() + b"\0")
        with path.open("rb") as data:  # streamed: a large stray file costs no memory
            for chunk in iter(lambda: data.read(1 << 16), b""):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


def _read_state(folder: Path) -> FolderState | None:
    """The state file's content; ``None`` when missing or not one this module wrote."""
    try:
        data = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
        state = FolderState(str(data["catalog_id"]), int(data["version"]), str(data["digest"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return state if state.catalog_id and state.version >= 1 else None


def _current_state(folder: Path) -> tuple[FolderState, bool]:
    """The folder's state now, and whether it differs from its state file."""
    digest = folder_digest(folder)
    saved = _read_state(folder)
    if saved is None:
        return FolderState(new_catalog_id(), 1, digest), True
    if saved.digest != digest:
        # Edited (or half written) since the last acknowledged write: a new version.
        return FolderState(saved.catalog_id, saved.version + 1, digest), True
    return saved, False


def _save_state(folder: Path, state: FolderState) -> None:
    text = json.dumps(
        {"catalog_id": state.catalog_id, "version": state.version, "digest": state.digest}
    )
    replace_files(folder, {STATE_FILE: text.encode() + b"\n"})


def read_only_folder(folder: Path, reason: str) -> MemoryStore:
    """A catalog folder served read-only, without writing anything to it.

    Its version and identity are the state file's when the folder is as a writable
    server left it; else version 1 of an identity made from the files' digest.

    Raises
    ------
    CatalogError
        If the folder is not a valid catalog.
    """
    catalog = read_catalog(folder)
    digest = folder_digest(folder)
    saved = _read_state(folder)
    if saved is not None and saved.digest == digest:
        return MemoryStore(catalog, saved.version, catalog_id=saved.catalog_id, read_only=reason)
    return MemoryStore(catalog, 1, catalog_id=digest[:16], read_only=reason)


class FolderStore(MemoryStore):
    """A catalog folder served from memory; every write is saved to the folder first.

    Open it with :meth:`open`; :meth:`close` releases the folder's lock.
    """

    def __init__(self, folder: Path, lock: int) -> None:
        self._folder = folder
        self._lock_fd = lock
        self._format = catalog_format(folder)
        state, changed = _current_state(folder)
        if changed:
            _save_state(folder, state)
        super().__init__(read_catalog(folder), state.version, catalog_id=state.catalog_id)

    @classmethod
    def open(cls, folder: Path) -> FolderStore:
        """Serve ``folder`` writable, holding its lock until :meth:`close`.

        Raises
        ------
        CatalogError
            If the folder is not a valid catalog.
        StoreUnavailable
            If another process serves it writable, or it cannot be written.
        """
        folder = folder.resolve()
        if not folder.is_dir():
            catalog_format(folder)  # a clear error for a missing folder
        try:
            lock = os.open(folder, os.O_RDONLY)
        except OSError as exc:
            raise StoreUnavailable(f"cannot open the catalog folder {folder}: {exc}") from None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(lock)
            raise StoreUnavailable(
                f"another process serves the catalog folder {folder} writable"
            ) from None
        try:
            # Under the lock: no other writer can be between its renames right now.
            recover_interrupted_write(folder)
            catalog_format(folder)  # a clear error for a foreign folder
            return cls(folder, lock)
        except OSError as exc:
            os.close(lock)
            raise StoreUnavailable(f"cannot write the catalog folder {folder}: {exc}") from None
        except BaseException:
            os.close(lock)
            raise

    @property
    def folder(self) -> Path:
        """The catalog folder written to."""
        return self._folder

    def _persist(self, snapshot: CatalogSnapshot) -> None:
        """Write the catalog, then the state naming its version; both atomic, in that order.

        A crash between the two leaves the new files with the old state: the next start
        sees the digest differ and serves them as the next version, this one.
        """
        try:
            write_catalog(snapshot.catalog, self._folder, self._format)
            digest = folder_digest(self._folder)
            _save_state(self._folder, FolderState(snapshot.catalog_id, snapshot.version, digest))
        except (CatalogError, OSError) as exc:
            raise StoreUnavailable(
                f"the catalog folder {self._folder} cannot be written: {exc}"
            ) from None

    def close(self) -> None:
        """Release the folder's lock (idempotent)."""
        if self._lock_fd >= 0:
            os.close(self._lock_fd)
            self._lock_fd = -1
