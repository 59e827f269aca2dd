"""Settings and helpers of the Neo4j end-to-end tests (imported by name: no package here).

A module of its own rather than ``conftest`` imports, which clash with other folders'
``conftest`` modules in one pytest run.
"""

from __future__ import annotations

import os
from pathlib import Path

from neo4j import Driver

from stores.neo4j import Neo4jStore, connect

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "loaders" / "bundled"
URI = os.environ.get("RUMBO_TEST_NEO4J_URI", "bolt://127.0.0.1:7687")
USER = "neo4j"
PASSWORD = os.environ.get("RUMBO_TEST_NEO4J_PASSWORD", "rumbo-local-pw")
DATABASE = "neo4j"

# Test-only Cypher (never shipped): remove Rumbo's nodes, keep anything else in the database.
WIPE = (
    "MATCH (n) WHERE n:Role OR n:DevelopmentAction OR n:CatalogMeta "
    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS"
)
COUNT_NODES = (
    "MATCH (n) WHERE n:Role OR n:DevelopmentAction OR n:CatalogMeta "
    "RETURN count(n) AS nodes, COUNT { ()-[:TRANSITION]->() } AS transitions"
)


def wipe(drv: Driver) -> None:
    with drv.session(database=DATABASE) as session:
        session.run(WIPE).consume()


def raw_counts(drv: Driver) -> tuple[int, int]:
    """Rumbo's nodes and transitions in the database, whatever their generation."""
    record = drv.execute_query(COUNT_NODES, database_=DATABASE).records[0]
    return int(record["nodes"]), int(record["transitions"])


def open_store(**kwargs: object) -> Neo4jStore:
    return connect(URI, USER, PASSWORD, DATABASE, **kwargs)  # type: ignore[arg-type]
