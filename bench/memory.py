"""Resident memory of one loaded catalog graph, measured in a fresh process.

``python -m bench.memory --synthetic 10000`` (or ``--bundled``, ``--onet PATH``)
prints one JSON object: the process's resident set size (RSS) after imports,
after loading the catalog and building its networkx graph, and after compiling
it for search (:func:`graph.search.compile_graph`) and asking the first route query.
:mod:`bench.run` calls it once per graph so that the sizes measured earlier in
the run do not distort the later ones.

A synthetic graph is built in bulk from its records (catalog transitions only), the
way :mod:`bench.run` searches it. ``--served`` holds what a served catalog holds
instead: a :class:`graph.store.CatalogSnapshot` of the validated
:class:`~graph.catalog.Catalog`, whose graph (``catalog.to_graph()``, derived edges
included) and compiled graph are made as a served snapshot makes them.
``--reloaded`` (with ``--served``) reads that ``Catalog`` back from a pickle instead,
as a replica does from its projection file (:mod:`stores.projection_file`): its roles
already share their equal parts (:class:`graph.model.SharedParts`), its transitions are
columns (:class:`graph.transitions.TransitionTable`) and its derived transitions are
computed already (:attr:`graph.catalog.Catalog.derived`), as a projection file holds them.
The pickle is made once per size, seed and layout of the catalog, in another process,
under ``bench/.cache/``.
``--breakdown`` adds the bytes Python allocated for each part (``tracemalloc``, which
itself costs memory and time: its RSS figures are not comparable).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import networkx as nx

from graph.catalog import Catalog
from graph.store import CatalogSnapshot

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def rss_bytes() -> int:
    """The current resident set size of this process, from ``/proc/self/statm``."""
    with open("/proc/self/statm") as fh:
        resident_pages = int(fh.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE")


def _settled_rss() -> int:
    gc.collect()
    return rss_bytes()


def _load(args: argparse.Namespace, parts: Parts) -> tuple[nx.DiGraph, object]:
    """The graph to measure, and whatever else stays alive with it (a served catalog)."""
    if args.synthetic:
        from bench.synthetic import load

        if args.served and args.reloaded:
            catalog = parts.step("catalog", lambda: _reloaded(args.synthetic, args.seed))
        else:
            records = parts.step("records", lambda: load(args.synthetic, args.seed))
            if not args.served:
                return parts.step("graph", records.graph), None
            catalog = parts.step("catalog", records.catalog)
            del records
        snapshot = CatalogSnapshot(1, catalog)
        return parts.step("graph", lambda: snapshot.graph), snapshot
    if args.bundled:
        from loaders import read_catalog

        return read_catalog(ROOT / "loaders" / "bundled").to_graph(), None
    from loaders.onet import import_onet

    return import_onet(Path(args.onet)).catalog.to_graph(), None


def _reloaded(roles: int, seed: int) -> Catalog:
    """The synthetic catalog as pickled once built, read back (see ``--reloaded``)."""
    from bench.synthetic import CACHE_DIR

    path = CACHE_DIR / f"served-catalog-v4-{roles}-{seed}.pickle"
    if not path.is_file():  # built in another process, which this one's RSS must not see
        make = (
            "import os, pickle, sys; from bench.synthetic import load; "
            "catalog = load(int(sys.argv[1]), int(sys.argv[2])).catalog(); "
            "catalog.derived; "  # computed and kept, as a projection file keeps them
            "data = pickle.dumps(catalog, pickle.HIGHEST_PROTOCOL); "
            "open(sys.argv[3] + '.tmp', 'wb').write(data); "
            "os.replace(sys.argv[3] + '.tmp', sys.argv[3])"
        )
        command = [sys.executable, "-c", make, str(roles), str(seed), str(path)]
        subprocess.run(command, check=True, cwd=ROOT)
    with path.open("rb") as fh:
        catalog = pickle.load(fh)
    if not isinstance(catalog, Catalog):
        raise TypeError(f"{path} holds no catalog; delete it")
    return catalog


class Parts:
    """Bytes Python holds after each step (``tracemalloc``), when asked for them."""

    def __init__(self, traced: bool) -> None:
        self.traced = traced
        self.bytes: dict[str, int] = {}
        if traced:
            tracemalloc.start()

    def step(self, name: str, make: Callable[[], T]) -> T:
        """``make()``, noting how much more Python memory is held after it."""
        before = self._held()
        made = make()
        if self.traced:
            self.bytes[name] = self._held() - before
        return made

    def _held(self) -> int:
        gc.collect()
        return tracemalloc.get_traced_memory()[0] if self.traced else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--synthetic", type=int, metavar="ROLES")
    which.add_argument("--bundled", action="store_true")
    which.add_argument("--onet", metavar="PATH")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--served", action="store_true", help="hold the catalog as served")
    parser.add_argument(
        "--reloaded", action="store_true", help="with --served: the catalog read from a pickle"
    )
    parser.add_argument("--breakdown", action="store_true", help="Python bytes per part")
    args = parser.parse_args(argv)
    if args.synthetic and args.seed is None:
        from bench.synthetic import DEFAULT_SEED

        args.seed = DEFAULT_SEED

    # Import everything a query needs before the first reading.
    from graph.search import Constraints, best_route, compile_graph

    before = _settled_rss()
    parts = Parts(args.breakdown)
    graph, kept = _load(args, parts)
    loaded = _settled_rss()
    nodes = sorted(graph)
    source = nodes[0]
    target = next(iter(sorted(graph.succ[source])), nodes[-1])
    served = kept if isinstance(kept, CatalogSnapshot) else None  # compiled as it compiles
    compiled = parts.step("compiled", lambda: served.compiled if served else compile_graph(graph))
    if target != source:
        parts.step(
            "first query", lambda: best_route(compiled, source, target, Constraints(max_steps=6))
        )
    searched = _settled_rss()
    json.dump(
        {
            "roles": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "served": bool(args.served),
            "reloaded": bool(args.served and args.reloaded),
            "rss_before": before,
            "rss_loaded": loaded,
            "rss_searched": searched,
            **({"python_bytes": parts.bytes} if args.breakdown else {}),
        },
        sys.stdout,
    )
    del kept
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
