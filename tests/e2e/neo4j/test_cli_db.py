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
    loaded = rumbo("db", "load", "data", "--neo4j", URI)
    assert loaded.returncode == 0, loaded.stderr
    status = rumbo("db", "status", "--neo4j", URI)
    assert "55 roles, 212 transitions, 18 actions" in " ".join(status.stdout.split())
    exported = rumbo("db", "export", str(tmp_path / "out"), "--neo4j", URI)
    assert exported.returncode == 0, exported.stderr
    compare = filecmp.dircmp(REPO / "data" / "roles", tmp_path / "out" / "roles")
    assert compare.left_only == compare.right_only == compare.diff_files == []
    route = rumbo(
        "route", "mlops-engineer", "chief-data-officer", "--k", "3", "--json", "--neo4j", URI
    )
    on_files = rumbo("route", "mlops-engineer", "chief-data-officer", "--k", "3", "--json")
    assert route.returncode == 0, route.stderr
    assert json.loads(route.stdout) == json.loads(on_files.stdout)


def test_if_empty_leaves_a_loaded_catalog_alone(clean: Driver) -> None:
    assert rumbo("db", "load", "data", "--neo4j", URI).returncode == 0
    again = rumbo("db", "load", "data", "--neo4j", URI, "--if-empty")
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
        writer.load(read_catalog(REPO / "data"))
        before = reader.snapshot().version
        table = [DevelopmentAction(trait=Trait.OPENNESS, es="Probar algo", en="Try something")]
        written = writer.put_actions(table, expected_version=before)
        assert written.version == before + 1
        seen = reader.snapshot()
        assert seen.version == before + 1 and list(seen.catalog.actions) == table
    finally:
        writer.close()
        reader.close()
