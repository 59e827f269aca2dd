"""Concurrent creates of one role on a real Neo4j: exactly one is created.

Eight writers, each on its own connection (as eight processes would be), create the
same new role at once through the use case the API calls. Whether a write created
the role is decided in its transaction, so one answers created and seven replaced
(before, the use case looked at a snapshot first, and all eight said created).
``If-None-Match: *`` (``create_only``) lets exactly one through and leaves the
others' writes out.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from neo4j_e2e import open_store

from graph.model import Role
from graph.store import AlreadyExists
from graph.traits import TRAITS
from stores.neo4j import Neo4jStore
from usecases import catalog_writes

WRITERS = 8


def raced_role(writer: int) -> Role:
    return Role.model_validate(
        {
            "id": "raced-role",
            "name": f"Rol disputado {writer}",
            "profile": dict.fromkeys((t.value for t in TRAITS), 50 + writer),
        }
    )


def race(create_only: bool) -> list[bool | None]:
    """Each writer's answer: created (True), replaced (False) or refused (None)."""
    stores = [open_store() for _ in range(WRITERS)]
    for store in stores:
        store.snapshot()  # every writer has read the catalog before the race
    start = threading.Barrier(WRITERS)

    def write(writer: int) -> bool | None:
        start.wait()
        try:
            written = catalog_writes.put_role(
                stores[writer], raced_role(writer), None, "es", create_only=create_only
            )
        except AlreadyExists:
            return None
        return written.created

    try:
        with ThreadPoolExecutor(max_workers=WRITERS) as pool:
            return list(pool.map(write, range(WRITERS)))
    finally:
        for store in stores:
            store.close()


def test_eight_concurrent_creates_make_one_created(loaded: Neo4jStore) -> None:
    before = loaded.snapshot().version
    answers = race(create_only=False)
    assert sorted(answers, key=str) == [False] * 7 + [True]
    assert loaded.snapshot().version == before + WRITERS
    assert "raced-role" in loaded.snapshot().catalog.roles


def test_create_only_lets_one_through(loaded: Neo4jStore) -> None:
    before = loaded.snapshot().version
    answers = race(create_only=True)
    assert answers.count(True) == 1 and answers.count(None) == WRITERS - 1
    winner = answers.index(True)
    after = loaded.snapshot()
    assert after.version == before + 1
    assert after.catalog.roles["raced-role"].name == f"Rol disputado {winner}"
