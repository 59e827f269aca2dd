"""Tiny runs of the scale benchmarks: derived edges, CSV reading, memory (no timing asserted)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bench import catalog_read, derived_edges, memory


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
