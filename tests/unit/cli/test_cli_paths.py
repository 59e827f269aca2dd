"""Hostile catalog paths given to the ``rumbo`` commands, as a real process.

Every command that takes a catalog folder (``validate``, ``db load``, ``serve``,
``import`` and the queries' ``--catalog``) or writes one (``import --out``) is given
paths that climb out with ``..``, name a file, carry NUL bytes or rich markup, are too
long, or hold a symbolic link out of the catalog folder. Each must answer with exit code
2 and a one-line-per-problem error naming the path, never a traceback, and must write
nothing anywhere but the folder it was asked to write. (``db export`` writes through the
same code; its Neo4j test is in ``tests/e2e/neo4j/test_cli_db.py``.)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.cli.cli_batch import REPO, Result, rumbo, rumbo_batch

DATA = REPO / "loaders" / "bundled"

#: A role that must never be read into a catalog through a link (its name is the canary).
SECRET_ROLE = """\
id: secret-role
name: TOP-SECRET-CANARY
profile: {openness: 50, conscientiousness: 50, extraversion: 50, agreeableness: 50,
  emotional_stability: 50, relational_engagement: 50}
"""


def commands_reading(path: str) -> list[list[str]]:
    """Every way of handing ``path`` to the CLI as a catalog to read."""
    return [
        ["validate", path],
        ["db", "load", path, "--neo4j", "bolt://127.0.0.1:1"],
        ["route", "mlops-engineer", "chief-data-officer", "--catalog", path],
        ["roles", "--catalog", path],
        ["role", "mlops-engineer", "--catalog", path],
        ["reachable", "mlops-engineer", "--catalog", path],
        ["fit-now", "--scores", "O=70,C=75,E=40,A=60,ES=70,RE=45", "--catalog", path],
        ["serve", "--catalog", path, "--port", "1"],
    ]


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root``: links by target, files by content hash, folders by name."""
    seen: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            key = str(path.relative_to(root))
            if path.is_symlink():
                seen[key] = "link:" + os.readlink(path)
            elif path.is_file():
                seen[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif path.is_dir():
                seen[key] = "dir"
            else:
                seen[key] = "special"
    return seen


def assert_refused(result: Result, *naming: str) -> str:
    """Exit code 2, no traceback, an error that names each of ``naming``; the error text."""
    text = f"rumbo {' '.join(result.args)[:300]}: {result.stdout + result.stderr}"
    assert result.returncode == 2, text
    assert "Traceback" not in text
    assert "error" in result.stderr.lower()
    flat = "".join(result.stderr.split())
    for name in naming:
        assert "".join(name.split()) in flat, f"{name!r} not named in: {result.stderr}"
    return result.stderr


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A copy of the bundled catalog, with a secret role file beside (not inside) it."""
    folder = tmp_path / "catalog"
    shutil.copytree(DATA, folder)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret-role.yaml").write_text(SECRET_ROLE, encoding="utf-8")
    return folder


def test_climbing_out_to_etc_passwd_is_not_a_catalog(tmp_path: Path) -> None:
    deep = "../" * 40 + "etc/passwd"  # /etc/passwd from anywhere
    paths = ("../../etc/passwd", deep)
    commands = [c for path in paths for c in commands_reading(path)]
    for result in rumbo_batch(commands, cwd=tmp_path):
        path = paths[0] if paths[0] in result.args else paths[1]
        stderr = assert_refused(result, path)
        assert "root:" not in stderr


def test_dot_dot_components_resolving_to_a_non_catalog_folder(catalog: Path) -> None:
    path = str(catalog / "roles" / ".." / ".." / "outside")
    for result in rumbo_batch(commands_reading(path)):
        stderr = assert_refused(result, path)
        assert "not a catalog folder" in " ".join(stderr.split())


def test_dot_dot_components_that_land_in_a_catalog_are_fine(catalog: Path) -> None:
    """``..`` itself is not hostile: a path that resolves to a catalog folder works."""
    path = str(catalog / "roles" / ".." / ".." / "catalog")
    result = rumbo("validate", path)
    assert result.returncode == 0, result.stderr
    assert "55 roles" in result.stdout


def test_a_role_file_linking_out_of_the_catalog_is_refused(catalog: Path) -> None:
    link = catalog / "roles" / "secret-role.yaml"
    link.symlink_to(catalog.parent / "outside" / "secret-role.yaml")
    for result in rumbo_batch(commands_reading(str(catalog))):
        stderr = assert_refused(result, str(link), "link out of the catalog folder")
        assert "TOP-SECRET-CANARY" not in stderr


def test_a_roles_folder_linking_out_of_the_catalog_is_refused(catalog: Path) -> None:
    shutil.rmtree(catalog / "roles")
    (catalog / "roles").symlink_to(DATA / "roles")  # a whole, valid catalog elsewhere
    for result in rumbo_batch(commands_reading(str(catalog))):
        assert_refused(result, str(catalog / "roles"), "link out of the catalog folder")


def test_csv_and_action_files_linking_out_are_refused(tmp_path: Path, catalog: Path) -> None:
    csv_folder = tmp_path / "csv"
    written = rumbo("import", str(catalog), "--out", str(csv_folder), "--format", "csv")
    assert written.returncode == 0, written.stderr
    os.replace(csv_folder / "roles.csv", tmp_path / "outside" / "roles.csv")
    (csv_folder / "roles.csv").symlink_to(tmp_path / "outside" / "roles.csv")
    assert_refused(rumbo("validate", str(csv_folder)), str(csv_folder / "roles.csv"))
    os.replace(catalog / "actions.yaml", tmp_path / "outside" / "actions.yaml")
    (catalog / "actions.yaml").symlink_to(tmp_path / "outside" / "actions.yaml")
    assert_refused(rumbo("validate", str(catalog)), str(catalog / "actions.yaml"))


def test_a_link_to_the_catalog_folder_itself_is_fine(tmp_path: Path, catalog: Path) -> None:
    """The folder the user names may be a link; only links inside it are checked."""
    (tmp_path / "current").symlink_to(catalog)
    result = rumbo("validate", str(tmp_path / "current"))
    assert result.returncode == 0, result.stderr


def test_a_pipe_posing_as_a_role_file_is_refused_without_blocking(catalog: Path) -> None:
    fifo = catalog / "roles" / "pipe.yaml"
    os.mkfifo(fifo)
    assert_refused(rumbo("validate", str(catalog)), str(fifo), "not a regular file")


def test_a_file_instead_of_a_folder(catalog: Path) -> None:
    path = str(catalog / "roles" / "mlops-engineer.yaml")
    for result in rumbo_batch(commands_reading(path)):
        assert_refused(result, path, "not a catalog folder")


def test_very_long_names(tmp_path: Path) -> None:
    too_long_name = str(tmp_path / ("n" * 300))
    too_long_path = str(tmp_path / "/".join(["p" * 200] * 30))
    commands = commands_reading(too_long_name) + commands_reading(too_long_path)
    for result in rumbo_batch(commands):
        path = too_long_name if too_long_name in result.args else too_long_path
        assert_refused(result, path, "too long")


def test_markup_in_a_path_is_printed_as_is(tmp_path: Path) -> None:
    paths = (str(tmp_path / "[/x]"), str(tmp_path / "[bold]y[/bold]"))
    for result in rumbo_batch(commands_reading(paths[0]) + commands_reading(paths[1])):
        assert_refused(result, paths[0] if paths[0] in result.args else paths[1])


def test_nul_bytes_are_refused(tmp_path: Path) -> None:
    """The OS cannot pass a NUL in an argument; a process that has one gets a clear error."""
    with pytest.raises(ValueError, match="null byte"):
        subprocess.run([sys.executable, "-c", "pass", "data\x00/etc/passwd"], check=False)
    results = rumbo_batch(
        [
            ["validate", "data\x00/../etc/passwd"],
            ["db", "load", "data\x00x"],
            ["route", "a", "b", "--catalog", "data\x00x"],
            ["import", "loaders/bundled", "--out", f"{tmp_path}/out\x00x"],
        ]
    )
    for result in results:
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert "null byte" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- writing


def test_writing_over_a_file_changes_nothing(tmp_path: Path, catalog: Path) -> None:
    decoy = tmp_path / "outside" / "passwd"
    decoy.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (tmp_path / "a" / "b").mkdir(parents=True)
    before = snapshot(tmp_path)
    outs = (
        str(decoy),
        str(tmp_path / "a" / "b" / ".." / ".." / "outside" / "passwd"),
        str(tmp_path / "missing" / ".." / "outside" / "passwd"),  # must not create missing/
    )
    commands = [
        ["import", str(catalog), "--out", out, "--format", fmt]
        for out in outs
        for fmt in ("yaml", "csv")
    ]
    for result in rumbo_batch(commands):
        assert_refused(result, result.args[3], "not a folder")
    assert snapshot(tmp_path) == before


def test_writing_through_a_roles_link_out_of_the_folder_is_refused(
    tmp_path: Path, catalog: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "roles").symlink_to(tmp_path / "outside")
    before = snapshot(tmp_path)
    result = rumbo("import", str(catalog), "--out", str(out), "--replace")
    assert_refused(result, str(out / "roles"), "link out of the catalog folder")
    assert snapshot(tmp_path) == before  # not one role file landed in outside/


def test_a_csv_write_replaces_links_instead_of_writing_through_them(
    tmp_path: Path, catalog: Path
) -> None:
    decoy = tmp_path / "outside" / "roles.csv"
    decoy.write_text("keep me\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "roles.csv").symlink_to(decoy)
    result = rumbo("import", str(catalog), "--out", str(out), "--format", "csv", "--replace")
    assert result.returncode == 0, result.stderr
    assert decoy.read_text(encoding="utf-8") == "keep me\n"
    assert not (out / "roles.csv").is_symlink()
    assert rumbo("validate", str(out)).returncode == 0


def test_writing_to_very_long_names_changes_nothing(tmp_path: Path, catalog: Path) -> None:
    before = snapshot(tmp_path)
    outs = (str(tmp_path / ("n" * 300)), str(tmp_path / "/".join(["p" * 200] * 30)))
    commands = [
        ["import", str(catalog), "--out", out, "--format", fmt]
        for out in outs
        for fmt in ("yaml", "csv")
    ]
    for result in rumbo_batch(commands):
        assert_refused(result, result.args[3][:60])
    assert snapshot(tmp_path) == before


def test_writing_to_a_path_with_markup_writes_exactly_there(tmp_path: Path, catalog: Path) -> None:
    out = tmp_path / "[bold]" / "x[/bold]"  # folders "[bold]" and "x[/bold]"
    result = rumbo("import", str(catalog), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["[bold]", "catalog", "outside"]
    assert rumbo("validate", str(out)).returncode == 0


def test_reading_a_hostile_input_to_import_is_refused(tmp_path: Path, catalog: Path) -> None:
    before = snapshot(tmp_path)
    sources = ("../" * 40 + "etc/shadow-does-not-exist", str(tmp_path / ("n" * 300)))
    for result in rumbo_batch([["import", s, "--out", str(tmp_path / "out")] for s in sources]):
        assert_refused(result, result.args[1][:60])
    assert snapshot(tmp_path) == before
    link = catalog / "roles" / "secret-role.yaml"
    link.symlink_to(tmp_path / "outside" / "secret-role.yaml")
    before = snapshot(tmp_path)
    result = rumbo("import", str(catalog), "--out", str(tmp_path / "out"))
    assert_refused(result, str(link), "link out of the catalog folder")
    assert snapshot(tmp_path) == before


def test_importing_into_a_folder_that_holds_files_needs_replace(
    tmp_path: Path, catalog: Path
) -> None:
    """``import --out`` once deleted a catalog's own roles and other YAML without a word."""
    (catalog / "roles" / "custom-role.yaml").write_text(SECRET_ROLE, encoding="utf-8")
    (catalog / "roles" / "notes.yaml").write_text("mine: true\n", encoding="utf-8")
    source = tmp_path / "source"
    (source / "roles").mkdir(parents=True)
    only_role = SECRET_ROLE.replace("secret-role", "only-role")
    (source / "roles" / "only-role.yaml").write_text(only_role, encoding="utf-8")
    before = snapshot(tmp_path)
    refused = rumbo_batch(
        [
            ["import", str(source), "--out", str(catalog)],
            ["import", str(source), "--out", str(catalog), "--format", "csv"],
            ["import", str(source), "--out", str(catalog / "roles" / "..")],
        ]
    )
    for result in refused:
        stderr = assert_refused(result, str(catalog), "--replace")
        assert len(stderr.strip().splitlines()) == 1, stderr
    assert snapshot(tmp_path) == before

    empty = tmp_path / "empty"
    empty.mkdir()
    assert rumbo("import", str(source), "--out", str(empty)).returncode == 0
    replaced = rumbo("import", str(source), "--out", str(catalog), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert sorted(p.name for p in (catalog / "roles").iterdir()) == ["only-role.yaml"]


# --------------------------------------------------------------------------- hostile files


def test_files_nested_too_deep_are_one_clear_error(tmp_path: Path, catalog: Path) -> None:
    """2 KB nested 1,000 deep once ended validate, serve, import and route in a traceback."""
    deep = "[" * 1000 + "]" * 1000
    role = catalog / "roles" / "deep.yaml"
    role.write_text("id: deep\nname: D\nprofile: " + deep + "\n", encoding="utf-8")
    person = tmp_path / "person.yaml"
    person.write_text("scores: " + deep + "\n", encoding="utf-8")
    commands = [
        *commands_reading(str(catalog)),
        ["import", str(catalog), "--out", str(tmp_path / "out")],
        ["route", "-", "chief-data-officer", "--person", str(person)],
        ["fit-now", "--person", str(person)],
    ]
    for result in rumbo_batch(commands):
        named = f"{person}:1" if str(person) in result.args else f"{role}:3"
        assert_refused(result, named, "nested more than 32 levels deep")
    assert not (tmp_path / "out").exists()


def test_an_endless_input_to_import_is_refused_at_the_size_limit(tmp_path: Path) -> None:
    result = rumbo("import", "/dev/zero", "--out", str(tmp_path / "out"))
    assert_refused(result, "/dev/zero", "larger than 256 KiB")
    assert list(tmp_path.iterdir()) == []
