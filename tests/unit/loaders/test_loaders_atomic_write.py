"""A write that fails midway leaves the catalog folder exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graph.catalog import Catalog
from graph.errors import CatalogError
from loaders import _atomic, write_catalog

Snapshot = dict[str, bytes | None]


def _fail_on_call(number: int, real: Callable[..., None]) -> Callable[..., None]:
    calls = {"n": 0}

    def patched(*args: object) -> None:
        calls["n"] += 1
        if calls["n"] == number:
            raise OSError(28, "No space left on device")
        real(*args)

    return patched


def _existing(tmp_path: Path, catalog: Catalog, fmt: str) -> Path:
    """A folder holding a catalog plus files of the user's."""
    folder = tmp_path / "catalog"
    small = Catalog.build([catalog.role("yes")], [])
    write_catalog(small, folder, fmt)  # type: ignore[arg-type]
    (folder / "README.md").write_text("mine\n")
    if fmt == "yaml":
        (folder / "roles" / "stale-role.yaml").write_text("id: stale-role\n")
        (folder / "roles" / "notes.txt").write_text("also mine\n")
    return folder


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
@pytest.mark.parametrize("failing_call", [1, 2])
def test_failure_while_staging_files_changes_nothing(
    tmp_path: Path,
    sample_catalog: Catalog,
    snapshot: Callable[[Path], Snapshot],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    failing_call: int,
) -> None:
    folder = _existing(tmp_path, sample_catalog, fmt)
    before = snapshot(folder)
    monkeypatch.setattr(_atomic, "_write_file", _fail_on_call(failing_call, _atomic._write_file))
    with pytest.raises(CatalogError) as caught:
        write_catalog(sample_catalog, folder, fmt)  # type: ignore[arg-type]
    assert "No space left on device" in caught.value.problems[0].message
    assert snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalog"]


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_failure_while_swapping_in_is_rolled_back(
    tmp_path: Path,
    sample_catalog: Catalog,
    snapshot: Callable[[Path], Snapshot],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    folder = _existing(tmp_path, sample_catalog, fmt)
    before = snapshot(folder)
    # yaml: 1st rename retires roles/, 2nd puts the new one in place;
    # csv: 1st rename replaces roles.csv, 2nd transitions.csv.
    monkeypatch.setattr(_atomic, "_rename", _fail_on_call(2, _atomic._rename))
    with pytest.raises(CatalogError):
        write_catalog(sample_catalog, folder, fmt)  # type: ignore[arg-type]
    assert snapshot(folder) == before


def test_successful_write_keeps_user_files_and_replaces_roles(
    tmp_path: Path, sample_catalog: Catalog, snapshot: Callable[[Path], Snapshot]
) -> None:
    folder = _existing(tmp_path, sample_catalog, "yaml")
    (folder / "roles").chmod(0o750)
    write_catalog(sample_catalog, folder, "yaml")
    after = snapshot(folder)
    assert after["README.md"] == b"mine\n"
    assert after["roles/notes.txt"] == b"also mine\n"
    assert "roles/stale-role.yaml" not in after
    assert "roles/mlops-engineer.yaml" in after
    assert (folder / "roles").stat().st_mode & 0o777 == 0o750
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "catalog.yaml", "roles"]


def test_writing_into_a_file_is_a_catalog_error(tmp_path: Path, sample_catalog: Catalog) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    for fmt in ("yaml", "csv"):
        with pytest.raises(CatalogError) as caught:
            write_catalog(sample_catalog, target, fmt)  # type: ignore[arg-type]
        assert len(caught.value.problems) == 1
    assert target.read_text() == "x"
