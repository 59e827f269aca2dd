"""The projection file: used for exactly one catalog head, ignored when damaged, never run."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from graph.catalog import Catalog
from stores.neo4j import Neo4jStore
from stores.projection_file import MAGIC, CatalogHead, ProjectionFile
from tests.unit.store.catalogs import full_role, sample_catalog
from tests.unit.store.fakes import FakeDriver

HEAD = CatalogHead("1b4e28ba-2fa1-11d2-883f-0016d3cca427", 7, 3)


@pytest.fixture
def files(tmp_path: Path) -> ProjectionFile:
    return ProjectionFile(tmp_path / "projection")


def test_a_saved_projection_is_read_back_for_its_head_only(files: ProjectionFile) -> None:
    catalog = sample_catalog()
    files.write(HEAD, catalog)
    assert files.read(HEAD) == catalog
    assert files.read(CatalogHead(HEAD.uid, 8, 3)) is None  # the version moved
    assert files.read(CatalogHead(HEAD.uid, 7, 4)) is None  # another generation
    assert files.read(CatalogHead("another-catalog", 7, 3)) is None
    assert [p.name for p in files.folder.iterdir()] == [files.path(HEAD.uid).name]


def test_every_field_of_a_role_survives(files: ProjectionFile) -> None:
    role = full_role()
    catalog = Catalog.build([role], [], sample_catalog().actions)
    files.write(HEAD, catalog)
    assert files.read(HEAD) == catalog
    assert files.read(HEAD).roles[role.id].model_dump() == role.model_dump()  # type: ignore[union-attr]


def test_holds_reads_the_header_only(files: ProjectionFile) -> None:
    assert not files.holds(HEAD)
    files.write(HEAD, sample_catalog())
    assert files.holds(HEAD) and not files.holds(CatalogHead(HEAD.uid, 8, 3))
    path = files.path(HEAD.uid)
    path.write_bytes(path.read_bytes()[:-10])  # the payload is not checked
    assert files.holds(HEAD)
    path.write_bytes(path.read_bytes()[: len(MAGIC) + 3])
    assert not files.holds(HEAD)


def test_a_file_of_another_uid_under_the_same_name_is_not_served(files: ProjectionFile) -> None:
    files.write(CatalogHead("a/b", 7, 3), sample_catalog())
    assert files.path("a/b") == files.path("a_b")  # both names map to one file
    assert files.read(CatalogHead("a_b", 7, 3)) is None


def test_a_new_write_replaces_the_file_and_leaves_no_temporary(files: ProjectionFile) -> None:
    files.write(HEAD, sample_catalog())
    newer = CatalogHead(HEAD.uid, 8, 3)
    files.write(newer, sample_catalog())
    assert files.read(HEAD) is None and files.read(newer) == sample_catalog()
    assert len(list(files.folder.iterdir())) == 1


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="cut-short"),
        pytest.param(lambda data: data[:-10] + bytes(10), id="payload-changed"),
        pytest.param(lambda data: b"RUMBO-PROJECTION 0\n" + data[len(MAGIC) :], id="old-format"),
        pytest.param(lambda data: data[: len(MAGIC) + 5], id="header-cut"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_file_is_ignored_with_a_warning(
    files: ProjectionFile, damage: object, caplog: pytest.LogCaptureFixture
) -> None:
    files.write(HEAD, sample_catalog())
    path = files.path(HEAD.uid)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert files.read(HEAD) is None
    assert "ignoring the projection file" in caplog.text


def test_a_file_of_other_models_is_ignored(files: ProjectionFile) -> None:
    files.write(HEAD, sample_catalog())
    path = files.path(HEAD.uid)
    magic, header, payload = path.read_bytes().split(b"\n", 2)
    fields = json.loads(header) | {"models": "0" * 64}
    path.write_bytes(magic + b"\n" + json.dumps(fields).encode() + b"\n" + payload)
    assert files.read(HEAD) is None


class _Planted:
    """A pickle that would run a command when loaded by a plain unpickler."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted-by-a-projection-file",))


def test_a_planted_pickle_is_refused_not_run(
    files: ProjectionFile, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    _plant(files, _Planted())
    os.chdir(tmp_path)
    assert files.read(HEAD) is None
    assert not (tmp_path / "planted-by-a-projection-file").exists()
    assert "is not allowed in a projection file" in caplog.text


def _plant(files: ProjectionFile, value: object) -> None:
    """Write ``value`` (or these pickled bytes) as the projection file of HEAD, validly
    headed."""
    import hashlib

    from stores.projection_file import models_fingerprint

    payload = value if isinstance(value, bytes) else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    header = {
        "uid": HEAD.uid,
        "version": HEAD.version,
        "generation": HEAD.generation,
        "models": models_fingerprint(),
        "bytes": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    files.folder.mkdir(exist_ok=True)
    files.path(HEAD.uid).write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + payload)


def test_a_table_made_without_its_constructor_is_refused(
    files: ProjectionFile, caplog: pytest.LogCaptureFixture
) -> None:
    """NEWOBJ on the class would make a table whose columns nothing checked."""
    newobj = b"".join(
        [
            pickle.PROTO + b"\x04",
            pickle.GLOBAL + b"graph.transitions\nTransitionTable\n",
            pickle.EMPTY_TUPLE,
            pickle.NEWOBJ,
            pickle.STOP,
        ]
    )
    _plant(files, newobj)
    assert files.read(HEAD) is None
    assert "is not allowed in a projection file" in caplog.text


class _TableOverwritten:
    """A checked table whose columns a BUILD step would then replace."""

    def __reduce__(self) -> tuple[object, ...]:
        table = sample_catalog().transition_table()
        factory, columns = table.__reduce__()
        return (factory, columns, (None, {"_targets": [99]}))


def test_a_table_whose_columns_are_replaced_after_it_is_made_is_refused(
    files: ProjectionFile,
) -> None:
    catalog = sample_catalog()
    table = _TableOverwritten()
    _plant(files, (dict(catalog.roles), table, catalog.actions, catalog.rules, table))
    assert files.read(HEAD) is None


def test_a_table_naming_roles_the_catalog_lacks_is_refused(files: ProjectionFile) -> None:
    catalog = sample_catalog()
    roles = dict(list(catalog.roles.items())[:1])
    table = catalog.transition_table()
    _plant(files, (roles, table, catalog.actions, catalog.rules, catalog.derived))
    assert files.read(HEAD) is None


def test_a_failed_write_raises_and_leaves_nothing_behind(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    with pytest.raises(OSError):
        ProjectionFile(blocked).write(HEAD, sample_catalog())
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-folder"]


# ------------------------------------------------------------------ the store uses it


def store_on(driver: FakeDriver, folder: Path) -> Neo4jStore:
    return Neo4jStore(driver, uri="bolt://x:1", projection_dir=folder)  # type: ignore[arg-type]


def test_a_restart_on_the_same_version_reads_the_file_not_the_graph(tmp_path: Path) -> None:
    driver = FakeDriver()
    store_on(driver, tmp_path).load(sample_catalog())
    first = store_on(driver, tmp_path)
    assert first.snapshot().catalog == sample_catalog()  # read from the graph, then saved
    first.close()  # waits for the save
    driver.reset()
    restarted = store_on(driver, tmp_path)
    snapshot = restarted.snapshot()
    assert snapshot.catalog == sample_catalog() and snapshot.version == driver.model.version
    assert snapshot.catalog_id == driver.model.uid.replace("-", "")
    assert driver.names() == ["read_version"]  # the version probe only


def test_a_projection_another_process_saved_is_not_saved_again(tmp_path: Path) -> None:
    driver = FakeDriver()
    store_on(driver, tmp_path).load(sample_catalog())
    with store_on(driver, tmp_path) as first:
        first.snapshot()
    path = next(tmp_path.iterdir())
    saved = path.stat().st_mtime_ns
    driver.model.roles[1]["a"]["name"] = "Changed without a new version"
    second = store_on(driver, tmp_path)
    second._save_projection(*second._read_projection())  # what a read from Neo4j does
    second.close()
    assert path.stat().st_mtime_ns == saved


def test_the_file_is_not_used_once_the_version_moved(tmp_path: Path) -> None:
    driver = FakeDriver()
    store_on(driver, tmp_path).load(sample_catalog())
    with store_on(driver, tmp_path) as first:
        first.snapshot()
    driver.model.version += 1  # another process wrote (here: nothing visible changed)
    driver.model.roles[1]["a"]["name"] = "Renamed"
    driver.reset()
    with store_on(driver, tmp_path) as restarted:
        assert restarted.snapshot().catalog.roles["a"].name == "Renamed"
    assert "read_projection" in driver.names()


def test_the_file_of_a_wiped_database_is_not_used(tmp_path: Path) -> None:
    driver = FakeDriver()
    store_on(driver, tmp_path).load(sample_catalog())
    with store_on(driver, tmp_path) as first:
        first.snapshot()
    driver.model.uid = "catalog-after-a-wipe"  # same version and generation, another catalog
    driver.model.roles[1]["a"]["name"] = "Renamed"
    driver.reset()
    with store_on(driver, tmp_path) as restarted:
        assert restarted.snapshot().catalog.roles["a"].name == "Renamed"
    assert "read_projection" in driver.names()


def test_a_store_without_a_folder_writes_no_file(tmp_path: Path) -> None:
    driver = FakeDriver()
    Neo4jStore(driver, uri="bolt://x:1").load(sample_catalog())  # type: ignore[arg-type]
    with Neo4jStore(driver, uri="bolt://x:1") as store:  # type: ignore[arg-type]
        store.snapshot()
    assert list(tmp_path.iterdir()) == []


def test_the_derived_transitions_are_saved_and_not_derived_again(
    files: ProjectionFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled catalog derives moves between its roles; a replica reads them back."""
    from graph import catalog as catalog_module
    from loaders import bundled_catalog, read_catalog

    catalog = read_catalog(bundled_catalog())
    files.write(HEAD, catalog)
    expected = catalog.derived
    assert len(expected) > 0

    def derive_again(*args: object) -> object:
        raise AssertionError("a catalog read from its projection file derived its edges again")

    monkeypatch.setattr(catalog_module, "derived_edges", derive_again)
    read = files.read(HEAD)
    assert read is not None and read.derived == expected
    assert sorted(read.to_graph().edges) == sorted(catalog.to_graph().edges)
