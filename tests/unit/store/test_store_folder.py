"""The folder store: writes saved before they are answered, versions and identity kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.store import ReadOnlyCatalog, StoreUnavailable
from loaders import read_catalog
from stores.folder import STATE_FILE, FolderStore, folder_digest, read_only_folder
from tests.unit.store.catalogs import bare_role
from usecases.settings import BUNDLED_CATALOG, Settings
from usecases.store import open_store


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(BUNDLED_CATALOG, tmp_path / "catalog"))


def test_a_write_is_in_the_folder_when_answered_and_the_version_carries_on(folder: Path) -> None:
    store = FolderStore.open(folder)
    first = store.snapshot()
    written = store.put_role(bare_role("new-role"))
    assert written.created and written.snapshot.version == first.version + 1
    assert "new-role" in read_catalog(folder).roles  # on disk before the answer
    store.close()  # nothing is saved at close: a kill -9 here loses nothing either
    again = FolderStore.open(folder)
    try:
        snapshot = again.snapshot()
        assert snapshot.version == written.snapshot.version
        assert snapshot.catalog_id == first.catalog_id
        assert snapshot.catalog == written.snapshot.catalog
    finally:
        again.close()


def test_a_folder_edited_while_stopped_is_the_next_version(folder: Path) -> None:
    store = FolderStore.open(folder)
    store.put_role(bare_role("new-role"))
    store.close()
    (folder / "roles" / "new-role.yaml").write_text(
        (folder / "roles" / "new-role.yaml").read_text().replace("name: ", "name: Edited ", 1)
    )
    again = FolderStore.open(folder)
    try:
        assert again.snapshot().version == 3
    finally:
        again.close()


def test_one_process_serves_a_folder_writable(folder: Path) -> None:
    store = FolderStore.open(folder)
    try:
        with pytest.raises(StoreUnavailable, match="another process"):
            FolderStore.open(folder)
    finally:
        store.close()
    FolderStore.open(folder).close()


def test_a_read_only_folder_refuses_writes_and_writes_nothing(folder: Path) -> None:
    before = folder_digest(folder)
    store = open_store(Settings(catalog_dir=folder, neo4j_uri=None, catalog_writable=False))
    with pytest.raises(ReadOnlyCatalog, match="--writable"):
        store.put_role(bare_role("new-role"))
    assert not (folder / STATE_FILE).exists() and folder_digest(folder) == before
    assert store.snapshot().catalog_id == before[:16]


def test_read_only_after_writable_keeps_version_and_identity(folder: Path) -> None:
    store = FolderStore.open(folder)
    written = store.put_role(bare_role("new-role")).snapshot
    store.close()
    served = read_only_folder(folder, "read-only").snapshot()
    assert (served.version, served.catalog_id) == (written.version, written.catalog_id)


def test_the_bundled_catalog_is_never_writable() -> None:
    store = open_store(Settings(catalog_dir=BUNDLED_CATALOG, neo4j_uri=None, catalog_writable=True))
    with pytest.raises(ReadOnlyCatalog, match="bundled"):
        store.put_role(bare_role("new-role"))
    assert not (BUNDLED_CATALOG / STATE_FILE).exists()


def test_a_crash_between_the_role_folder_renames_is_undone_at_open(folder: Path) -> None:
    """A write killed between its two renames leaves roles/ aside; the store puts it back."""
    store = FolderStore.open(folder)
    written = store.put_role(bare_role("kept-role"))
    store.close()
    # What a SIGKILL between the renames of loaders._atomic.replace_folder leaves behind.
    (folder / "roles").rename(folder / ".roles.old.0123456789ab")
    again = FolderStore.open(folder)
    try:
        snapshot = again.snapshot()
        assert "kept-role" in snapshot.catalog.roles
        assert snapshot.version == written.snapshot.version  # nothing changed: same version
        assert (folder / "roles").is_dir()
        assert not list(folder.glob(".roles.old.*"))
    finally:
        again.close()
