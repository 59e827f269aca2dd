"""``rumbo db`` and ``--neo4j`` as users run them, against the real server."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

from neo4j import Driver
from neo4j_e2e import PASSWORD, URI, open_store

from graph.model import DevelopmentAction
from graph.traits import Trait
from loaders import read_catalog

REPO = Path(__file__).resolve().parents[3]


def rumbo(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RUMBO_NEO4J_PASSWORD": PASSWORD, "COLUMNS": "200"}
    env.pop("RUMBO_NEO4J_URI", None)
    command = [sys.executable, "-c", "from rumbo_cli.main import run; run()", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, timeout=300)


def test_load_status_export_and_query(clean: Driver, tmp_path: Path) -> None:
    assert rumbo("db", "init", "--neo4j", URI).returncode == 0
    loaded = rumbo("db", "load", "loaders/bundled", "--neo4j", URI)
    assert loaded.returncode == 0, loaded.stderr
    status = rumbo("db", "status", "--neo4j", URI)
    assert "55 roles, 215 transitions, 18 actions" in " ".join(status.stdout.split())
    exported = rumbo("db", "export", str(tmp_path / "out"), "--neo4j", URI)
    assert exported.returncode == 0, exported.stderr
    compare = filecmp.dircmp(REPO / "loaders" / "bundled" / "roles", tmp_path / "out" / "roles")
    assert compare.left_only == compare.right_only == compare.diff_files == []
    route = rumbo(
        "route", "mlops-engineer", "chief-data-officer", "--k", "3", "--json", "--neo4j", URI
    )
    on_files = rumbo("route", "mlops-engineer", "chief-data-officer", "--k", "3", "--json")
    assert route.returncode == 0, route.stderr
    assert json.loads(route.stdout) == json.loads(on_files.stdout)


def test_if_empty_leaves_a_loaded_catalog_alone(clean: Driver) -> None:
    assert rumbo("db", "load", "loaders/bundled", "--neo4j", URI).returncode == 0
    again = rumbo("db", "load", "loaders/bundled", "--neo4j", URI, "--if-empty")
    assert again.returncode == 0
    assert "nothing loaded" in again.stderr


def test_unreachable_server_is_one_clear_line() -> None:
    result = rumbo("db", "status", "--neo4j", "bolt://127.0.0.1:1")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in " ".join(result.stderr.split())


def test_action_table_is_written_through_and_seen_by_another_store(clean: Driver) -> None:
    writer, reader = open_store(), open_store()
    try:
        writer.load(read_catalog(REPO / "loaders" / "bundled"))
        before = reader.snapshot().version
        table = [DevelopmentAction(trait=Trait.OPENNESS, es="Probar algo", en="Try something")]
        written = writer.put_actions(table, expected_version=before)
        assert written.version == before + 1
        seen = reader.snapshot()
        assert seen.version == before + 1 and list(seen.catalog.actions) == table
    finally:
        writer.close()
        reader.close()


def test_export_refuses_hostile_folders_and_writes_nothing(clean: Driver, tmp_path: Path) -> None:
    """``db export`` into a file, or into a folder whose roles/ links elsewhere, is refused
    with the path named, and not one file is written (the same writer as ``import --out``,
    whose hostile paths tests/unit/cli/test_cli_paths.py covers)."""
    assert rumbo("db", "load", "loaders/bundled", "--neo4j", URI).returncode == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "roles").symlink_to(outside)
    for target, words in (
        (out, [str(out / "roles"), "link out of the catalog folder"]),
        (outside / "passwd", [str(outside / "passwd"), "not a folder"]),
        (tmp_path / "a" / ".." / "outside" / "passwd", ["passwd", "not a folder"]),
    ):
        for fmt in ("yaml", "csv"):
            if fmt == "csv" and target == out:
                continue  # CSV files replace a link, they never write through it
            result = rumbo(
                "db", "export", str(target), "--neo4j", URI, "--format", fmt, "--replace"
            )
            assert result.returncode == 2, result.stderr
            assert "Traceback" not in result.stderr
            flat = " ".join(result.stderr.split())
            assert all(word in flat for word in words), flat
    assert sorted(p.name for p in outside.iterdir()) == ["passwd"]
    assert (outside / "passwd").read_text(encoding="utf-8") == "root:x:0:0\n"
    assert sorted(p.name for p in out.iterdir()) == ["roles"]


def test_export_refuses_a_folder_with_files_unless_asked(tmp_path: Path) -> None:
    """Exporting over a folder deletes role files of other roles: it must be asked for."""
    assert rumbo("db", "load", "loaders/bundled", "--neo4j", URI).returncode == 0
    mine = tmp_path / "mine"
    (mine / "roles").mkdir(parents=True)
    (mine / "roles" / "my-own-role.yaml").write_text("id: my-own-role\n", encoding="utf-8")
    refused = rumbo("db", "export", str(mine), "--neo4j", URI)
    assert refused.returncode == 2 and "--replace" in refused.stderr
    assert [p.name for p in (mine / "roles").iterdir()] == ["my-own-role.yaml"]
    replaced = rumbo("db", "export", str(mine), "--neo4j", URI, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert not (mine / "roles" / "my-own-role.yaml").exists()
