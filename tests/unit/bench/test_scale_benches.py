"""Tiny runs of the scale benchmarks: derived edges, CSV reading, memory (no timing asserted)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import catalog_read, derived_edges, memory, scale


def _rows(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_derived_edges_equal_the_quadratic_method(capsys: pytest.CaptureFixture[str]) -> None:
    code = derived_edges.main(["--sizes", "300,600", "--quadratic-max", "300", "--seeds", "1"])
    rows = _rows(capsys.readouterr().out)
    assert code == 0
    assert [r["roles"] for r in rows] == [300, 600, 2000, 2000]
    assert all(r["equal"] for r in rows if "quadratic" in r)
    assert rows[1]["estimated_from"] == 300 and "quadratic" not in rows[1]


def test_catalog_read_gives_the_written_catalog_back(capsys: pytest.CaptureFixture[str]) -> None:
    assert catalog_read.main(["--sizes", "300"]) == 0
    (row,) = _rows(capsys.readouterr().out)
    assert row["roles"] == 300 and row["same_catalog"] is True


def test_memory_of_a_served_catalog_by_part(capsys: pytest.CaptureFixture[str]) -> None:
    assert memory.main(["--synthetic", "300", "--served", "--breakdown"]) == 0
    (row,) = _rows(capsys.readouterr().out)
    assert row["served"] is True and row["roles"] == 300
    assert set(row["python_bytes"]) == {"records", "catalog", "graph", "compiled", "first query"}


def test_memory_of_a_catalog_read_back_as_replicas_do(capsys: pytest.CaptureFixture[str]) -> None:
    assert memory.main(["--synthetic", "300", "--served", "--reloaded", "--breakdown"]) == 0
    (row,) = _rows(capsys.readouterr().out)
    assert row["reloaded"] is True and row["roles"] == 300
    assert set(row["python_bytes"]) == {"catalog", "graph", "compiled", "first query"}


def test_one_run_gives_every_scale_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """bench.scale runs each bench in turn and sums them up (tiny catalogs, no Neo4j)."""
    out = tmp_path / "scale.json"
    assert scale.main(["--sizes", "300,600", "--out", str(out)]) == 0
    results = json.loads(out.read_text())
    assert [r["roles"] for r in results["derived_edges"]["rows"]] == [300, 600]
    assert all(r["same_catalog"] for r in results["csv_read"]["rows"])
    assert [(r["roles"], r["reloaded"]) for r in results["memory"]] == [
        (300, False),
        (300, True),
        (600, False),
        (600, True),
    ]
    assert results["ready"]["rows"][0]["roles"] == 600
    table = capsys.readouterr().out
    assert "| derived edges 600, quadratic | ≈" in table
    assert "| replica ready from the projection file 600 |" in table


def test_the_neo4j_phases_are_read_from_its_report() -> None:
    lines = [
        "load (1,000,000 transitions)                         128.6 s  (this process's CPU"
        "   23.2 s; load average 4.1, 3.2, 2.3)",
        "    readers see the new catalog after 128.0 s; old generations deleted in 0.7 s",
    ]
    assert scale.neo4j_phases(lines) == {
        "load (1,000,000 transitions)": {"wall_s": 128.6, "cpu_s": 23.2}
    }
