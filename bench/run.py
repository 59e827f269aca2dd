"""Benchmark Rumbo's route searches against what a user would write instead.

One command::

    python -m bench.run [--sizes 1k,10k,100k] [--pairs 200] [--quick] [--out docs/benchmarks.md]

For every graph (synthetic catalogs of the given sizes, the bundled catalog and
the O*NET 20.3 graph when ``--onet-path`` exists, by default
``<repository>/../shared/data/onet-20.3``) and a fixed, seeded set of
source-target pairs, each query type is timed on Rumbo and on its baselines in
the same process, pair by pair, and every baseline answer is compared with
Rumbo's. The parts:

- :mod:`bench.subjects`: the graphs, the pairs and the person of personal queries;
- :mod:`bench.queries`: each query type's Rumbo call and baselines;
- :mod:`bench.harness`: timing under deadlines and budgets, and profiles;
- :mod:`bench.checks`: the answer checks;
- :mod:`bench.environment`: machine, code version and memory probes;
- :mod:`bench.report`: the Markdown report.

This module is the command: it parses the options, runs each graph and saves
the results to ``--json`` (raw) and ``--out`` (Markdown, between the
``bench:begin``/``bench:end`` markers, so hand-written analysis around them is
kept on a rerun). Brute force runs on the first ``--brute-pairs`` pairs and is
skipped on a graph where its first query exceeds ``--brute-sample-limit``.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import synthetic
from bench.environment import git_state, machine, memory_probe
from bench.harness import Log, Pair, measure, profile_query, run_query
from bench.queries import QUERIES, QueryType, query_types
from bench.report import write_report
from bench.subjects import (
    DEFAULT_ONET_PATH,
    Subject,
    add_cost,
    load_bundled,
    load_onet,
    load_synthetic,
    make_pairs,
)
from graph.search import CompiledGraph, Constraints, best_route, compile_graph

if TYPE_CHECKING:
    from bench.cypher_baseline import CypherBaseline

#: Settings that ``--quick`` makes small: (quick, full) for every option left unset.
DEFAULTS: dict[str, tuple[Any, Any]] = {
    "pairs": (20, 200),
    "max_steps": (4, 6),
    "personal_steps": (4, 5),
    "brute_pairs": (5, 20),
    "cypher_pairs": (5, 20),
    "budget": (30.0, 300.0),
    "check_timeout": (0.5, 2.0),
    "check_budget": (3.0, 60.0),
    "graphs": ("synthetic,bundled", "synthetic,bundled,onet"),
    "profile": ("", "10k,bundled:best"),
}


# --------------------------------------------------------------------------- options


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The run's settings: the options, with ``--quick`` or full defaults for those unset."""
    parser = _parser()
    args = parser.parse_args(argv)
    for key, (quick, full) in DEFAULTS.items():
        if getattr(args, key) is None:
            setattr(args, key, quick if args.quick else full)
    if args.quick:
        args.no_memory = True
        args.csv_load_max = min(args.csv_load_max, 1_000)
    args.size_list = [synthetic.parse_size(s) for s in args.sizes.split(",") if s.strip()]
    args.graph_list = [g.strip() for g in args.graphs.split(",") if g.strip()]
    args.queries = [q.strip() for q in args.queries.split(",") if q.strip()]
    unknown = set(args.queries) - set(QUERIES)
    if unknown:
        parser.error(f"unknown query types: {', '.join(sorted(unknown))}")
    return args


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="Benchmark Rumbo's route searches against networkx and brute force.",
    )
    add = parser.add_argument
    add("--sizes", default="1k,10k,100k", help="synthetic sizes (e.g. 1k,10k); '' for none")
    add("--pairs", type=int, default=None, help="source-target pairs per graph (200)")
    add("--quick", action="store_true", help="small, fast settings (smoke runs)")
    add("--out", default="docs/benchmarks.md", help="Markdown report ('' for none)")
    add(
        "--json",
        default=str(synthetic.CACHE_DIR / "last-run.json"),
        help="raw results ('' for none)",
    )
    add("--graphs", default=None, help="which of synthetic,bundled,onet to run")
    add("--queries", default=",".join(QUERIES), help="query types to run")
    add(
        "--onet-path",
        type=Path,
        default=DEFAULT_ONET_PATH,
        help="O*NET 20.3 release folder (default: <repository>/../shared/data/onet-20.3)",
    )
    add("--seed", type=int, default=synthetic.DEFAULT_SEED)
    add("--max-steps", type=int, default=None, help="best/alternatives/pareto/gap (6)")
    add("--k", type=int, default=10)
    add("--reachable-steps", type=int, default=3)
    add("--personal-steps", type=int, default=None, help="personal pareto (5)")
    add("--personal-max-roles", type=int, default=10_000)
    add("--timeout", type=float, default=10.0, help="per query, Rumbo and networkx (s)")
    add("--brute-timeout", type=float, default=30.0, help="per brute-force query (s)")
    add("--brute-pairs", type=int, default=None, help="pairs brute force runs on (20)")
    add("--brute-sample-limit", type=float, default=10.0, help="skip brute force above (s)")
    add("--check-timeout", type=float, default=None, help="extra Yen paths per pair (2 s)")
    add("--check-budget", type=float, default=None, help="extra Yen paths per graph (60 s)")
    add("--budget", type=float, default=None, help="per implementation, query type and graph (s)")
    add("--warmup", type=int, default=3)
    add("--csv-load-max", type=int, default=10_000, help="time a CSV read up to this size")
    add(
        "--profile",
        default=None,
        help="graph[:query] list to profile (default 10k,bundled:best; no query: the slowest)",
    )
    add("--profile-pairs", type=int, default=30)
    add("--profile-lines", type=int, default=25)
    add("--no-memory", action="store_true", help="skip the memory probes")
    add(
        "--merge",
        default=None,
        help="raw results of an earlier run: keep its graphs that this run does not redo",
    )
    add("--no-cache", action="store_true", help="regenerate synthetic catalogs")
    add(
        "--neo4j",
        default=None,
        help="Bolt URI of a Neo4j to time Cypher-only queries on (its catalog is replaced)",
    )
    add(
        "--neo4j-password",
        default=os.environ.get("RUMBO_NEO4J_PASSWORD", "rumbo-local-pw"),
        help="(default: $RUMBO_NEO4J_PASSWORD, else the local launcher's)",
    )
    add("--neo4j-max-roles", type=int, default=10_000, help="load graphs up to this size")
    add("--cypher-pairs", type=int, default=None, help="pairs Cypher runs on (20)")
    add("--cypher-timeout", type=float, default=10.0, help="per Cypher query, server-side (s)")
    return parser


# --------------------------------------------------------------------------- the run


def main(argv: Sequence[str] | None = None, log: Log | None = None) -> dict[str, Any]:
    """Run the benchmark; returns the raw results (also written to ``--json``/``--out``)."""
    args = parse_args(argv)
    say = log or (lambda text: print(text, file=sys.stderr, flush=True))
    t0 = time.perf_counter()
    results = _new_results(args, argv)
    sources = _subject_loaders(args, results)
    previous = _previous_graphs(args.merge, args.size_list, args.graph_list)
    if previous:
        results["merged"] = previous["from"]
    cypher_db = _open_cypher(args, results)
    for load in sources:
        subject = load()
        on_neo4j = _load_into_neo4j(cypher_db, subject, args)
        say(
            f"loaded {subject.label}: "
            + ", ".join(f"{k} {v:.2f} s" for k, v in subject.load.items())
        )
        entry = bench_graph(subject, args, say, on_neo4j)
        entry["run"] = {"command": results["command"], "started": results["started"]}
        if not args.no_memory:
            entry["memory"] = memory_probe(subject, say)
        results["graphs"].append(entry)
        del subject, entry
        gc.collect()
        _save(results, previous, args, t0)  # after every graph: a stopped run keeps its tables
    _save(results, previous, args, t0)
    if cypher_db is not None:
        cypher_db.close()
    say(f"done in {results['wall_s']:.0f} s")
    return results


def _new_results(args: argparse.Namespace, argv: Sequence[str] | None) -> dict[str, Any]:
    """The run's header: command, start, machine, code and settings; no graphs yet."""
    command = "python -m bench.run " + " ".join(sys.argv[1:] if argv is None else argv)
    settings = {
        k: v for k, v in vars(args).items() if isinstance(v, int | float | str | bool | list)
    }
    settings["onet_path"] = str(args.onet_path)
    return {
        "command": command.strip(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": machine(),
        "git": git_state(),
        "settings": settings,
        "loadavg_start": os.getloadavg(),
        "graphs": [],
    }


def _subject_loaders(
    args: argparse.Namespace, results: dict[str, Any]
) -> list[Callable[[], Subject]]:
    """One loader per graph to run, in order; a missing O*NET folder is noted, not fatal."""
    loaders: list[Callable[[], Subject]] = []
    if "synthetic" in args.graph_list:
        loaders += [
            functools.partial(load_synthetic, n, args.seed, not args.no_cache, args.csv_load_max)
            for n in args.size_list
        ]
    if "bundled" in args.graph_list:
        loaders.append(load_bundled)
    if "onet" in args.graph_list:
        if args.onet_path.is_dir():
            loaders.append(lambda: load_onet(args.onet_path))
        else:
            results.setdefault("notes", []).append(
                f"O*NET graph skipped: {args.onet_path} not found"
            )
    return loaders


# --------------------------------------------------------------------------- one graph


def bench_graph(
    subject: Subject,
    args: argparse.Namespace,
    log: Log,
    cypher_db: CypherBaseline | None = None,
) -> dict[str, Any]:
    """Time every chosen query type on one graph; the graph's raw results."""
    graph = subject.graph
    add_cost(graph)
    searched = subject.timed("compile_graph", lambda: compile_graph(graph))
    gc.collect()
    gc.freeze()  # the loaded graph is permanent: keep it out of the collector's scans
    try:
        started = time.perf_counter()
        header = {"loadavg_before": os.getloadavg(), "git": git_state()}
        pairs = make_pairs(graph, args.pairs, args.seed, args.max_steps)
        _time_first_query(subject, searched, pairs[0], args)
        types = query_types(graph, searched, pairs, args, cypher_db)
        log(
            f"{subject.label}: {graph.number_of_nodes()} roles, "
            f"{graph.number_of_edges()} edges, {len(pairs)} pairs"
        )
        queries = _time_queries(types, _chosen_queries(subject, types, args), pairs, args, log)
        result = _graph_result(subject, pairs, queries, header, started)
        profiles = _profiles(subject.key, queries, types, pairs, args, log)
        if profiles:
            result["profiles"] = profiles
        return result
    finally:
        gc.unfreeze()


def _time_first_query(
    subject: Subject, searched: CompiledGraph, pair: Pair, args: argparse.Namespace
) -> None:
    """Time the graph's first query, which pays any per-graph search setup, as a load step."""
    _, ns, error = measure(
        lambda p: best_route(searched, p[0], p[1], Constraints(max_steps=args.max_steps)),
        pair,
        args.timeout,
    )
    if ns is not None:
        subject.load["first best_route (cold)"] = ns / 1e9
    elif error:
        subject.notes.append(f"first query failed: {error}")


def _chosen_queries(
    subject: Subject, types: dict[str, QueryType], args: argparse.Namespace
) -> list[str]:
    """The requested query types this graph runs, noting the ones it is too large for."""
    chosen = []
    for name in args.queries:
        if name == "personal_pareto" and subject.graph.number_of_nodes() > args.personal_max_roles:
            subject.notes.append(f"personal pareto not run above {args.personal_max_roles} roles")
        elif name in types:  # catalog_best is missing where no Neo4j holds this graph
            chosen.append(name)
    return chosen


def _time_queries(
    types: dict[str, QueryType],
    names: Sequence[str],
    pairs: Sequence[Pair],
    args: argparse.Namespace,
    log: Log,
) -> list[dict[str, Any]]:
    """Each named query type's raw results, in order."""
    queries = []
    for name in names:
        kind = types[name]
        queries.append(
            run_query(
                name, kind.params, pairs, kind.rumbo, kind.baselines, args.budget, args.warmup, log
            )
        )
        gc.collect()
    return queries


def _graph_result(
    subject: Subject,
    pairs: Sequence[Pair],
    queries: list[dict[str, Any]],
    header: dict[str, Any],
    started: float,
) -> dict[str, Any]:
    graph = subject.graph
    return {
        "key": subject.key,
        "label": subject.label,
        "kind": subject.kind,
        "roles": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "load_s": subject.load,
        "notes": subject.notes,
        "pair_count": len(pairs),
        "pairs_sample": [list(p) for p in pairs[:5]],
        "queries": queries,
        **header,
        "loadavg_after": os.getloadavg(),
        "wall_s": time.perf_counter() - started,
    }


def _profiles(
    key: str,
    queries: list[dict[str, Any]],
    types: dict[str, QueryType],
    pairs: Sequence[Pair],
    args: argparse.Namespace,
    log: Log,
) -> list[dict[str, Any]]:
    """The profiles ``--profile`` asks of this graph (``graph[:query]``, comma-separated)."""
    if not queries:
        return []
    rumbo = {name: kind.rumbo for name, kind in types.items()}
    profiles = []
    for wanted in args.profile.split(","):
        graph_key, _, query = wanted.strip().partition(":")
        if graph_key == key:
            chosen = pairs[: args.profile_pairs]
            profiles.append(
                profile_query(queries, rumbo, chosen, query or None, args.profile_lines, log)
            )
    return profiles


# --------------------------------------------------------------------------- Neo4j


def _open_cypher(args: argparse.Namespace, results: dict[str, Any]) -> CypherBaseline | None:
    """The Neo4j the Cypher-only baseline runs on, when ``--neo4j`` names one."""
    if "catalog_best" not in args.queries:
        return None
    if not args.neo4j:
        results.setdefault("notes", []).append(
            "Cypher-only baseline not run: no --neo4j server given"
        )
        return None
    from bench.cypher_baseline import CypherBaseline

    return CypherBaseline(args.neo4j, args.neo4j_password, timeout=args.cypher_timeout)


def _load_into_neo4j(
    db: CypherBaseline | None, subject: Subject, args: argparse.Namespace
) -> CypherBaseline | None:
    """Load the subject's catalog for the Cypher baseline; ``None`` where it is not run."""
    if db is None or subject.catalog is None:
        return None
    if len(subject.catalog.roles) > args.neo4j_max_roles:
        subject.notes.append(
            f"Cypher-only baseline not run above {args.neo4j_max_roles} roles (Neo4j load time)"
        )
        return None
    subject.load["Neo4j load (catalog transitions)"] = db.load(subject.catalog)
    return db


# --------------------------------------------------------------------------- results


def _previous_graphs(
    merge: str | None, sizes: Sequence[int], graphs: Sequence[str]
) -> dict[str, Any] | None:
    """Graphs of an earlier run (``--merge``) that this run does not redo."""
    if not merge:
        return None
    old = json.loads(Path(merge).read_text())
    redo = {synthetic.size_label(n) for n in sizes} if "synthetic" in graphs else set()
    redo |= {g for g in ("bundled", "onet") if g in graphs}
    kept = [g for g in old["graphs"] if g["key"] not in redo]
    return {
        "graphs": kept,
        "from": [
            {
                "graph": g["label"],
                **g.get("run", {"command": old["command"], "started": old["started"]}),
            }
            for g in kept
        ],
    }


def _save(
    results: dict[str, Any], previous: dict[str, Any] | None, args: argparse.Namespace, t0: float
) -> None:
    results["loadavg_end"] = os.getloadavg()
    results["wall_s"] = time.perf_counter() - t0
    merged = dict(results)
    if previous:
        merged["graphs"] = previous["graphs"] + results["graphs"]
    merged["graphs"] = sorted(merged["graphs"], key=_graph_order)
    if args.json:
        path = Path(args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(merged, indent=1, default=str))
    if args.out:
        write_report(Path(args.out), merged)


def _graph_order(entry: dict[str, Any]) -> tuple[int, int]:
    return ({"synthetic": 0, "bundled": 1, "onet": 2}.get(entry["kind"], 3), entry["roles"])


if __name__ == "__main__":
    main()
