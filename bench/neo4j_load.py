"""Load a large synthetic catalog into Neo4j and read it back as a replica starting cold would.

Usage (against a private local server, so that other work on the default one is undisturbed,
with the memory a 100k-role catalog needs: see docs/neo4j-local.md)::

    export NEO4J_LOCAL_PORT=7697 NEO4J_LOCAL_DIR=/tmp/neo4j-bench
    NEO4J_LOCAL_HEAP=2g NEO4J_LOCAL_PAGECACHE=2g scripts/neo4j-local start
    python -m bench.neo4j_load --uri bolt://127.0.0.1:7697 --roles 100000 --per-role 10 --yes

It replaces the catalog in that database (``--yes`` is required for a non-empty one) and
prints one line per phase with its time and the machine's load average when it ended:
generating the catalog, validating it, loading it (batches of ``--batch-size`` rows, up to
``--writers`` of them at once; the time the server spent executing them, before their
commits, is summed from the store's log),
a cold start without a projection file (a fresh store's first ``snapshot()``: the graph
read from Neo4j and validated), saving the projection file, a cold start from that file,
and a second load (which also deletes the first generation). ``--pure-python`` blocks the
driver's Rust extension (``neo4j-rust-ext``) for a run without it; ``--profile N`` prints the
N most expensive functions (cProfile, by own time) of the load and of each cold start.
The figures are in ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import os
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from bench.harness import trim_profile
from graph.catalog import Catalog
from graph.model import DevelopmentAction, Origin, Role, Transition
from graph.traits import TRAITS, Profile

T = TypeVar("T")


def synthetic_catalog(roles: int, per_role: int, seed: int = 7) -> Catalog:
    """``roles`` roles, each with ``per_role`` transitions to distinct random other roles."""
    rnd = random.Random(seed)
    families = ("data", "ml", "product", "platform", "security", "research")
    levels = ("junior", "mid", "senior", "lead")
    role_list = [
        Role(
            id=f"role-{i:06d}",
            name=f"Rol sintético {i}",
            name_en=f"Synthetic role {i}",
            family=families[i % len(families)],
            level=levels[i % len(levels)],
            profile=Profile.from_scores([float(rnd.randint(20, 95)) for _ in TRAITS]),
            strengths=("Análisis", "Comunicación"),
            red_flags=("Aislamiento",),
        )
        for i in range(roles)
    ]
    edges: list[Transition] = []
    for i in range(roles):
        targets: set[int] = set()
        while len(targets) < min(per_role, roles - 1):
            j = rnd.randrange(roles)
            if j != i:
                targets.add(j)
        for j in sorted(targets):
            develop = {t: rnd.randint(1, 12) for t in rnd.sample(TRAITS, 2)}
            edges.append(
                Transition(
                    source=f"role-{i:06d}",
                    target=f"role-{j:06d}",
                    fit=round(rnd.uniform(0.4, 0.95), 2),
                    strengths=("Experiencia compartida",),
                    develop=develop,
                    origin=Origin.ONET if j % 3 == 0 else Origin.CURATED,
                )
            )
    actions = [
        DevelopmentAction(trait=t, es=f"Acción {t.value} {k}", en=f"Action {t.value} {k}")
        for t in TRAITS
        for k in range(3)
    ]
    return Catalog(
        {r.id: r for r in role_list}, {e.key: e for e in edges}, tuple(actions)
    )  # validated by the store's load


class Phases:
    """Times phases, printing each with the load average; profiles them on request."""

    def __init__(self, profile_lines: int) -> None:
        self.profile_lines = profile_lines
        self.started = time.perf_counter()  # of the phase running

    def run(self, label: str, work: Callable[[], T], profiled: bool = True) -> T:
        profiler = cProfile.Profile() if self.profile_lines and profiled else None
        self.started = time.perf_counter()
        cpu = time.process_time()
        if profiler is not None:
            profiler.enable()
        try:
            result = work()
        finally:
            if profiler is not None:
                profiler.disable()
        seconds = time.perf_counter() - self.started
        cpu = time.process_time() - cpu
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"{label:<50} {seconds:7.1f} s  (this process's CPU {cpu:6.1f} s; load average {load})",
            flush=True,
        )
        if profiler is not None:
            text = io.StringIO()
            stats = pstats.Stats(profiler, stream=text)
            stats.sort_stats("tottime").print_stats(self.profile_lines)
            print(trim_profile(text.getvalue()), flush=True)
        return result


class LoadLog(logging.Handler):
    """What the store logs during a load: the server's execution time of each batch
    (DEBUG) and when the new generation became current (INFO)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.milliseconds = 0
        self.batches = 0
        self.current_at: float | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg.startswith("%s: %d records, %d ms on the server") and record.args:
            self.milliseconds += int(record.args[2])  # type: ignore[index, call-overload]
            self.batches += 1
        elif record.msg.startswith("catalog version %d (generation %d) is current"):
            self.current_at = time.perf_counter()

    def report(self, started: float) -> str:
        """The load's figures since ``started``; starts counting again."""
        ended = time.perf_counter()
        current = (self.current_at or ended) - started
        text = (
            f"    readers see the new catalog after {current:.1f} s; old generations deleted "
            f"in {ended - started - current:.1f} s\n"
            f"    server execution of the write batches (before their commits): "
            f"{self.milliseconds / 1000:.1f} s in {self.batches} batches"
        )
        self.milliseconds = self.batches = 0
        self.current_at = None
        return text


def progress_printer(every: int) -> Callable[[int, int], None]:
    last = [-every]

    def report(done: int, total: int) -> None:
        if done - last[0] >= every or done == total:
            last[0] = done
            print(f"    {done:>9,} / {total:,}", file=sys.stderr, flush=True)

    return report


def block_rust_extension() -> None:
    """Make ``import neo4j._rust`` fail, so the driver packs and unpacks in pure Python.

    Must run before the driver is imported.
    """
    if "neo4j" in sys.modules:
        raise RuntimeError("the neo4j driver is already imported")
    sys.modules["neo4j._rust"] = None  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--uri", default="bolt://127.0.0.1:7697")
    parser.add_argument("--user", default="neo4j")
    parser.add_argument("--password", default="rumbo-local-pw")
    parser.add_argument("--database", default="neo4j")
    parser.add_argument("--roles", type=int, default=100_000)
    parser.add_argument("--per-role", type=int, default=10)
    parser.add_argument("--batch-size", type=int, help="rows per batch (the store's default)")
    parser.add_argument("--writers", type=int, help="batches written at once (the store's default)")
    parser.add_argument("--yes", action="store_true", help="replace a non-empty catalog")
    parser.add_argument("--no-second-load", action="store_true")
    parser.add_argument(
        "--read-only", action="store_true", help="only time cold starts on what the database holds"
    )
    parser.add_argument(
        "--pure-python", action="store_true", help="without the driver's Rust extension"
    )
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile top N")
    parser.add_argument(
        "--projection-dir", type=Path, help="where the projection file goes (a temporary folder)"
    )
    args = parser.parse_args(argv)
    if args.pure_python:
        block_rust_extension()
    # The driver is imported only now, so that --pure-python can keep its extension out.
    from stores.neo4j import DEFAULT_BATCH_SIZE, DEFAULT_WRITERS, Neo4jStore, connect

    batch_size = args.batch_size or DEFAULT_BATCH_SIZE
    writers = args.writers or DEFAULT_WRITERS
    phases = Phases(args.profile)
    load_log = LoadLog()
    store_log = logging.getLogger("stores.neo4j")
    store_log.addHandler(load_log)
    store_log.setLevel(logging.DEBUG)

    def open_store(projection_dir: Path | None = None) -> Neo4jStore:
        return connect(
            args.uri,
            args.user,
            args.password,
            args.database,
            batch_size=batch_size,
            writers=writers,
            projection_dir=projection_dir,
        )

    def cold_starts() -> Catalog:
        folder = args.projection_dir or Path(tempfile.mkdtemp(prefix="rumbo-projection-"))
        for stale in folder.glob("catalog-*.projection"):
            stale.unlink()
        with open_store(folder) as reader:
            catalog = phases.run(
                "cold start, no projection file (read Neo4j)", lambda: reader.snapshot().catalog
            )
            phases.run("save the projection file (in the background)", reader.close, profiled=False)
        size = sum(p.stat().st_size for p in folder.glob("catalog-*.projection"))
        print(f"    projection file: {size / 2**20:,.0f} MiB in {folder}", flush=True)
        with open_store(folder) as restarted:
            from_file = phases.run(
                "cold start from the projection file", lambda: restarted.snapshot().catalog
            )
        assert from_file == catalog
        return catalog

    rust = "without" if args.pure_python else "with"
    print(
        f"neo4j driver {rust} its Rust extension; batch {batch_size}, {writers} writers",
        flush=True,
    )
    if args.read_only:
        with open_store() as reader:
            print(f"    status: {reader.status()}", flush=True)
        cold_starts()
        return 0

    with open_store() as store:
        if not store.is_empty() and not args.yes:
            print(f"{args.uri} already holds a catalog; pass --yes to replace it", file=sys.stderr)
            return 2
        print(f"    before: {store.status()}", flush=True)
        catalog = phases.run(
            f"generate {args.roles:,} roles x {args.per_role} transitions",
            lambda: synthetic_catalog(args.roles, args.per_role),
            profiled=False,
        )
        phases.run(
            "validate (Catalog.build)",
            lambda: Catalog.build(
                catalog.roles.values(), catalog.transition_table(), catalog.actions
            ),
            profiled=False,
        )
        every = max(batch_size * 20, 1)
        phases.run(
            f"load ({len(catalog.transitions):,} transitions)",
            lambda: store.load(catalog, progress=progress_printer(every)),
        )
        print(load_log.report(phases.started), flush=True)
        print(f"    after: {store.status()}", flush=True)
        assert cold_starts() == catalog
        if not args.no_second_load:
            phases.run(
                "second load (replaces and deletes the first)",
                lambda: store.load(catalog, progress=progress_printer(every)),
            )
            print(load_log.report(phases.started), flush=True)
            print(f"    after: {store.status()}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
