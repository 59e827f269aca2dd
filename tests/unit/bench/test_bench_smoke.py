"""A tiny run of the benchmark suite: every answer check must pass (no timing assertions)."""

from __future__ import annotations

from pathlib import Path

from bench.queries import QUERIES
from bench.report import BEGIN, END, mismatch_count
from bench.run import main


def test_smoke_run_answers_match_every_baseline(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    out.write_text(f"# Title\n\nkept above\n\n{BEGIN}\nstale generated text\n{END}\n\nkept below\n")
    results = main(
        [
            "--sizes", "200",
            "--pairs", "10",
            "--quick",
            "--no-cache",
            "--out", str(out),
            "--json", str(tmp_path / "results.json"),
        ],
        log=lambda _: None,
    )  # fmt: skip

    assert mismatch_count(results) == 0
    assert [g["key"] for g in results["graphs"]] == ["200", "bundled"]
    # Without --neo4j the Cypher-only baseline says it did not run (tests/e2e/neo4j runs it).
    assert "Cypher-only baseline not run: no --neo4j server given" in results["notes"]
    for graph in results["graphs"]:
        assert [q["name"] for q in graph["queries"]] == [q for q in QUERIES if q != "catalog_best"]
        for query in graph["queries"]:
            ours = query["rumbo"]
            assert ours["error_count"] == 0, ours["errors"]
            assert len(ours["times_ns"]) == 10
            assert all(t is not None for _, t in ours["times_ns"]), "a Rumbo query timed out"
            for baseline in query["baselines"]:
                checks = baseline["checks"]
                assert baseline["error_count"] == 0, baseline["errors"]
                assert checks.get("ok", 0) > 0, (graph["key"], query["name"], baseline)
                assert set(checks) <= {"ok", "unverified", "partial"}, checks

    text = out.read_text()
    assert text.startswith("# Title\n\nkept above\n") and text.endswith("\nkept below\n")
    assert "stale generated text" not in text and "### Route queries" in text
    assert (tmp_path / "results.json").is_file()
