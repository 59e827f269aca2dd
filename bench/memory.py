"""Resident memory of one loaded catalog graph, measured in a fresh process.

``python -m bench.memory --synthetic 10000`` (or ``--bundled``, ``--onet PATH``)
prints one JSON object: the process's resident set size (RSS) after imports,
after loading the catalog and building its networkx graph, and after compiling
it for search (:func:`graph.search.compile_graph`) and asking the first route query.
:mod:`bench.run` calls it once per graph so that the sizes measured earlier in
the run do not distort the later ones.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent


def rss_bytes() -> int:
    """The current resident set size of this process, from ``/proc/self/statm``."""
    with open("/proc/self/statm") as fh:
        resident_pages = int(fh.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE")


def _settled_rss() -> int:
    gc.collect()
    return rss_bytes()


def _load(args: argparse.Namespace) -> nx.DiGraph:
    if args.synthetic:
        from bench.synthetic import load

        return load(args.synthetic, args.seed).graph()
    if args.bundled:
        from loaders import read_catalog

        return read_catalog(ROOT / "loaders" / "bundled").to_graph()
    from loaders.onet import import_onet

    return import_onet(Path(args.onet)).catalog.to_graph()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--synthetic", type=int, metavar="ROLES")
    which.add_argument("--bundled", action="store_true")
    which.add_argument("--onet", metavar="PATH")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    if args.synthetic and args.seed is None:
        from bench.synthetic import DEFAULT_SEED

        args.seed = DEFAULT_SEED

    # Import everything a query needs before the first reading.
    from graph.search import Constraints, best_route, compile_graph

    before = _settled_rss()
    graph = _load(args)
    loaded = _settled_rss()
    nodes = sorted(graph)
    source = nodes[0]
    target = next(iter(sorted(graph.succ[source])), nodes[-1])
    compiled = compile_graph(graph)
    if target != source:
        best_route(compiled, source, target, Constraints(max_steps=6))
    searched = _settled_rss()
    json.dump(
        {
            "roles": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "rss_before": before,
            "rss_loaded": loaded,
            "rss_searched": searched,
        },
        sys.stdout,
    )
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
