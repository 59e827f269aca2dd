"""The benchmark's Cypher-only baseline on the real server: its answers equal Rumbo's.

``routes_by_objective`` computes the service's objective in Cypher over variable-length
paths; on the bundled catalog (its own transitions, which is what Neo4j holds) the best
route it finds must cost what ``best_route`` with ``curated_only`` finds, for every pair.
"""

from __future__ import annotations

from neo4j import Driver
from neo4j_e2e import PASSWORD, URI

from bench.report import mismatch_count
from bench.run import main


def test_a_small_benchmark_run_against_cypher_agrees_on_every_pair(clean: Driver) -> None:
    results = main(
        [
            "--sizes", "",
            "--graphs", "bundled",
            "--queries", "catalog_best",
            "--pairs", "12",
            "--cypher-pairs", "12",
            "--max-steps", "4",
            "--neo4j", URI,
            "--neo4j-password", PASSWORD,
            "--out", "",
            "--json", "",
            "--no-memory",
            "--profile", "",
        ],
        log=lambda _: None,
    )  # fmt: skip

    assert mismatch_count(results) == 0
    (graph,) = results["graphs"]
    assert "Neo4j load (catalog transitions)" in graph["load_s"]
    (query,) = graph["queries"]
    assert query["name"] == "catalog_best"
    (cypher,) = query["baselines"]
    assert cypher["error_count"] == 0, cypher["errors"]
    assert cypher["checks"] == {"ok": 12}, cypher
    assert cypher["answered"] > 0  # some pairs have a route within 4 steps
