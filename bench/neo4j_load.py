"""Load a large synthetic catalog into Neo4j and read its projection back, timing both.

Usage (against a private local server, so that other work on the default one is undisturbed)::

    NEO4J_LOCAL_PORT=7697 NEO4J_LOCAL_DIR=/tmp/neo4j-bench scripts/neo4j-local start
    python bench/neo4j_load.py --uri bolt://127.0.0.1:7697 --roles 100000 --per-role 10

It replaces the catalog in that database (``--yes`` is required for a non-empty one) and
prints one line per phase: generating the catalog, validating it, loading it (batches of
``--batch-size`` rows), reading the projection into a fresh store, and a second load (which
also deletes the first generation). The figures are in ``docs/neo4j.md``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable

from graph.catalog import Catalog
from graph.model import DevelopmentAction, Origin, Role, Transition
from graph.traits import TRAITS, Profile
from stores.neo4j import DEFAULT_BATCH_SIZE, connect


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


def timed(label: str, work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    print(f"{label:<44} {seconds:8.1f} s", flush=True)
    return seconds


def progress_printer(every: int) -> Callable[[int, int], None]:
    last = [-every]

    def report(done: int, total: int) -> None:
        if done - last[0] >= every or done == total:
            last[0] = done
            print(f"    {done:>9,} / {total:,}", file=sys.stderr, flush=True)

    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uri", default="bolt://127.0.0.1:7697")
    parser.add_argument("--user", default="neo4j")
    parser.add_argument("--password", default="rumbo-local-pw")
    parser.add_argument("--database", default="neo4j")
    parser.add_argument("--roles", type=int, default=100_000)
    parser.add_argument("--per-role", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--yes", action="store_true", help="replace a non-empty catalog")
    parser.add_argument("--no-second-load", action="store_true")
    parser.add_argument(
        "--read-only", action="store_true", help="only time reading what the database holds"
    )
    args = parser.parse_args(argv)

    if args.read_only:
        with connect(args.uri, args.user, args.password, args.database) as reader:
            print(f"    status: {reader.status()}", flush=True)
            timed("read projection (fresh store snapshot)", reader.snapshot)
        return 0

    store = connect(args.uri, args.user, args.password, args.database, batch_size=args.batch_size)
    with store:
        if not store.is_empty() and not args.yes:
            print(f"{args.uri} already holds a catalog; pass --yes to replace it", file=sys.stderr)
            return 2
        holder: dict[str, Catalog] = {}
        timed(
            f"generate {args.roles:,} roles x {args.per_role} transitions",
            lambda: holder.__setitem__("c", synthetic_catalog(args.roles, args.per_role)),
        )
        catalog = holder["c"]
        timed(
            "validate (Catalog.build)",
            lambda: Catalog.build(
                catalog.roles.values(), catalog.transitions.values(), catalog.actions
            ),
        )
        every = max(args.batch_size * 20, 1)
        timed(
            f"load ({len(catalog.transitions):,} transitions, batch {args.batch_size})",
            lambda: store.load(catalog, progress=progress_printer(every)),
        )
        print(f"    status: {store.status()}", flush=True)
        with connect(args.uri, args.user, args.password, args.database) as reader:
            timed("read projection (fresh store snapshot)", reader.snapshot)
            assert reader.snapshot().catalog == catalog
        if not args.no_second_load:
            timed(
                "second load (replaces and deletes the first)",
                lambda: store.load(catalog, progress=progress_printer(every)),
            )
            print(f"    status: {store.status()}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
