"""A real crash mid-load: ``rumbo db load`` killed with SIGKILL while it writes.

Unlike the in-process failure of ``test_neo4j_store_e2e.py`` (an exception the loader
sees and cleans up after), a killed process runs no cleanup at all: the batches it
committed stay in the database as an orphaned generation. Readers must not notice — the
database serves the previous version, exactly — and the next load must succeed and
remove the orphan.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from neo4j import Driver
from neo4j_e2e import PASSWORD, URI, open_store, raw_counts

from graph.catalog import Catalog
from graph.model import Role, Transition
from graph.traits import Profile
from loaders import write_catalog
from stores.neo4j import Neo4jStore

REPO = Path(__file__).resolve().parents[3]

#: Big enough that, in batches of BATCH rows, the load runs for several seconds after its
#: first batch is committed (about 70 batches before the switch).
ROLES, PER_ROLE, BATCH = 2_000, 6, 200


def synthetic_catalog(folder: Path) -> Catalog:
    """ROLES roles with seeded profiles, each with PER_ROLE transitions; written as CSV."""
    rng = random.Random(20261126)
    roles = [
        Role(
            id=f"synthetic-{i:05d}",
            name=f"Synthetic {i}",
            profile=Profile.from_scores([rng.randint(20, 90) for _ in range(6)]),
        )
        for i in range(ROLES)
    ]
    edges = [
        Transition(
            source=roles[i].id,
            target=roles[(i + step) % ROLES].id,
            fit=round(rng.uniform(0.3, 0.95), 2),
        )
        for i in range(ROLES)
        for step in range(1, PER_ROLE + 1)
    ]
    catalog = Catalog.build(roles, edges)
    write_catalog(catalog, folder, "csv")
    return catalog


def rumbo_env() -> dict[str, str]:
    env = {**os.environ, "RUMBO_NEO4J_PASSWORD": PASSWORD, "COLUMNS": "200"}
    env.pop("RUMBO_NEO4J_URI", None)
    return env


def rumbo(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from rumbo_cli.main import run; run()", *args]
    return subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, env=rumbo_env(), timeout=300
    )


def test_a_load_killed_midway_leaves_the_previous_version_served_exactly(
    loaded: Neo4jStore, bundled: Catalog, clean: Driver, tmp_path: Path
) -> None:
    before = loaded.status()
    baseline = raw_counts(clean)
    assert (before.version, before.other_generations) == (1, {})
    synthetic_catalog(tmp_path / "big")

    load = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from rumbo_cli.main import run; run()",
            "db",
            "load",
            str(tmp_path / "big"),
            "--neo4j",
            URI,
            "--batch-size",
            str(BATCH),
        ],
        cwd=REPO,
        env=rumbo_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        # Wait until the new generation has begun being written, then kill at once.
        deadline = time.monotonic() + 120
        while raw_counts(clean)[0] == baseline[0]:
            if load.poll() is not None:
                raise AssertionError(f"the load ended before it wrote: {load.stderr!r}")
            assert time.monotonic() < deadline, "the load wrote nothing within 120 s"
            time.sleep(0.02)
        load.send_signal(signal.SIGKILL)
        load.wait(timeout=60)
    finally:
        if load.poll() is None:
            load.kill()
            load.wait()
    assert load.returncode == -signal.SIGKILL

    # The killed load's committed batches are still there, as another generation ...
    with open_store() as reader:
        after = reader.status()
        served = reader.snapshot()
    assert after.other_generations, "the kill landed after the load finished"
    orphaned = sum(after.other_generations.values())
    assert 0 < orphaned <= ROLES  # roles of the new generation, not switched to
    assert raw_counts(clean)[0] == baseline[0] + orphaned
    # ... and nobody reading the catalog sees them: the previous version, exactly.
    assert (after.version, after.generation) == (before.version, before.generation)
    assert (after.roles, after.transitions, after.actions) == (
        before.roles,
        before.transitions,
        before.actions,
    )
    assert served.version == before.version
    assert served.catalog == bundled
    status = rumbo("db", "status", "--neo4j", URI)
    assert status.returncode == 0, status.stderr
    assert "catalog version 1, 55 roles, 215 transitions, 18 actions" in " ".join(
        status.stdout.split()
    )
    assert "rows of other generations" in status.stdout

    # The next load succeeds and takes the orphaned generation away with the old one.
    again = rumbo("db", "load", "loaders/bundled", "--neo4j", URI)
    assert again.returncode == 0, again.stderr
    with open_store() as reader:
        final = reader.status()
        reloaded = reader.snapshot()
    assert final.version == before.version + 1
    assert final.other_generations == {}
    assert reloaded.catalog == bundled
    assert raw_counts(clean) == baseline
