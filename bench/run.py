"""Benchmark Rumbo's route searches against what a user would write instead.

One command::

    python -m bench.run [--sizes 1k,10k,100k] [--pairs 200] [--quick] [--out docs/benchmarks.md]

For every graph (synthetic catalogs of the given sizes, the bundled catalog in
``data/`` and the O*NET 20.3 graph when ``/work/shared/data/onet-20.3`` exists)
and a fixed, seeded set of source-target pairs, each query type is timed on
Rumbo and on its baselines in the same process, pair by pair (Rumbo first,
then each baseline on the same pair), and every baseline answer is compared
with Rumbo's:

========================  ==========================================  ==========================
query (Rumbo function)    baselines                                   answer check
========================  ==========================================  ==========================
best (``best_route``)     networkx ``bidirectional_dijkstra``          equal cost when networkx's
                                                                      path fits the step limit
alternatives (k=10)       networkx ``shortest_simple_paths``, first k  equal costs, in order, to
                                                                      Yen's paths filtered to the
                                                                      step limit
pareto                    brute force (``graph.search.brute_force``)  identical routes
shortest-gap              brute force                                 identical route
reachable                 brute force                                 identical routes
personal pareto           brute force (``graph.personal.brute_force``) identical routes
========================  ==========================================  ==========================

Timing: ``time.perf_counter_ns`` around one call, garbage collection disabled
during the call (and the loaded graph frozen out of the collector), a few
untimed warm-up queries per query type, each pair timed once (a search may
legitimately cache per-graph data, so repeating a pair could time a cache).
Every call runs under a SIGALRM deadline; a query that overruns counts as a
timeout (infinitely slow in the percentiles). An implementation that spends
more than its time budget on one graph stops there, and the report says after
how many pairs. Brute force runs on the first ``--brute-pairs`` pairs and is
skipped on a graph where its first query exceeds ``--brute-sample-limit``.

Results go to ``--json`` (raw) and ``--out`` (Markdown, between the
``bench:begin``/``bench:end`` markers, so hand-written analysis around them is
kept on a rerun).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import hashlib
import io
import json
import math
import os
import platform
import pstats
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from bench import synthetic
from bench.report import write_report
from graph.catalog import Catalog
from graph.personal import Person, personal_pareto
from graph.personal.brute_force import brute_personal_pareto
from graph.search import (
    Constraints,
    alternative_routes,
    best_route,
    pareto_routes,
    reachable_routes,
    shortest_gap_route,
)
from graph.search.brute_force import Scored, all_routes, brute_reachable, pareto_front
from graph.search.query import Objective
from graph.traits import Profile

if TYPE_CHECKING:
    from bench.cypher_baseline import CypherBaseline

ROOT = Path(__file__).resolve().parent.parent
ONET_PATH = Path("/work/shared/data/onet-20.3")
#: Edge attribute holding the scalar step cost, for the networkx baselines.
COST = "bench_cost"
#: Costs equal within this relative tolerance count as equal.
TOL = 1e-9
OBJECTIVE = Objective()
#: The synthetic person of personal queries: the source role's ideal plus this
#: offset (OCEAN+ order), clipped to 0-100: more open and agreeable than the
#: role asks, less extraverted, stable and relationally engaged.
PERSON_OFFSET = (6.0, -4.0, -9.0, 3.0, -5.0, -8.0)

QUERIES = (
    "best",
    "alternatives",
    "pareto",
    "shortest_gap",
    "reachable",
    "personal_pareto",
    "catalog_best",
)

Pair = tuple[str, str]
Checker = Callable[[Pair, Any, Any], tuple[str, str]]


# --------------------------------------------------------------------------- timing


class QueryTimeout(Exception):
    """A query overran its deadline."""


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`QueryTimeout` inside the block after ``seconds`` (main thread only)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise QueryTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def measure(
    fn: Callable[[Pair], Any], pair: Pair, timeout: float | None
) -> tuple[Any, int | None, str | None]:
    """``(answer, nanoseconds, error)``; nanoseconds is None on a timeout or an error."""
    gc.disable()
    try:
        with deadline(timeout):
            t0 = time.perf_counter_ns()
            answer = fn(pair)
            t1 = time.perf_counter_ns()
        return answer, t1 - t0, None
    except (QueryTimeout, TimeoutError):
        return None, None, None
    except Exception as exc:  # a failing search is reported, not fatal to the run
        return None, None, f"{type(exc).__name__}: {exc}"
    finally:
        gc.enable()


@dataclass
class Impl:
    """One implementation of a query type: Rumbo's or a baseline."""

    name: str
    fn: Callable[[Pair], Any]
    timeout: float
    check: Checker | None = None
    max_pairs: int | None = None
    sample_limit: float | None = None
    extra_ns: Callable[[Pair], int] | None = None


@dataclass
class Series:
    """What one implementation did over the pairs of one graph."""

    name: str
    times: dict[int, int | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    note: str | None = None
    checks: dict[str, int] = field(default_factory=dict)
    mismatches: list[dict[str, Any]] = field(default_factory=list)
    answered: int = 0
    spent_ns: int = 0
    active: bool = True
    sampled: bool = False

    def record(
        self, index: int, ns: int | None, error: str | None, answer: Any, timeout: float
    ) -> None:
        """One pair's outcome; a timeout counts its whole deadline against the budget."""
        if error is not None:
            self.errors.append(error)
            return
        self.times[index] = ns
        self.spent_ns += ns if ns is not None else int(timeout * 1e9)
        if ns is not None and answer:
            self.answered += 1

    def count(self, status: str) -> None:
        self.checks[status] = self.checks.get(status, 0) + 1

    def json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "times_ns": [[i, t] for i, t in sorted(self.times.items())],
            "errors": self.errors[:20],
            "error_count": len(self.errors),
            "note": self.note,
            "checks": self.checks,
            "mismatches": self.mismatches[:20],
            "answered": self.answered,
        }


def run_query(
    name: str,
    params: str,
    pairs: Sequence[Pair],
    rumbo: Impl,
    baselines: Sequence[Impl],
    budget: float,
    warmup: int,
    log: Callable[[str], None],
) -> dict[str, Any]:
    """Time Rumbo and each baseline on every pair, checking each baseline's answers."""
    started = time.perf_counter()
    for pair in pairs[:warmup]:
        measure(rumbo.fn, pair, rumbo.timeout)
    ours = Series(rumbo.name)
    theirs = [Series(b.name) for b in baselines]
    limit_ns = budget * 1e9
    for i, pair in enumerate(pairs):
        if not ours.active:
            break
        answer, ns, error = measure(rumbo.fn, pair, rumbo.timeout)
        ours.record(i, ns, error, answer, rumbo.timeout)
        if ours.spent_ns > limit_ns:
            ours.active = False
            ours.note = f"stopped after {i + 1} of {len(pairs)} pairs (time budget {budget:g} s)"
        for impl, series in zip(baselines, theirs, strict=True):
            if not series.active or (
                impl.max_pairs is not None and len(series.times) >= impl.max_pairs
            ):
                continue
            other, bns, berror = measure(impl.fn, pair, impl.timeout)
            if bns is not None and impl.extra_ns is not None:
                bns += impl.extra_ns(pair)
            if impl.sample_limit is not None and not series.sampled:
                series.sampled = True
                if berror is None and (bns is None or bns > impl.sample_limit * 1e9):
                    took = "timed out" if bns is None else f"took {bns / 1e9:.1f} s"
                    series.active = False
                    series.note = (
                        f"not run: the sample query {took} "
                        f"(limit {impl.sample_limit:g} s per query)"
                    )
                    continue
            series.record(i, bns, berror, other, impl.timeout)
            if impl.check is not None and bns is not None:
                if ns is None:
                    series.count("rumbo failed")
                else:
                    status, detail = impl.check(pair, answer, other)
                    series.count(status)
                    if status == "mismatch":
                        series.mismatches.append({"pair": list(pair), "detail": detail})
            if series.spent_ns > limit_ns:
                series.active = False
                series.note = f"stopped after {len(series.times)} pairs (time budget {budget:g} s)"
    result = {
        "name": name,
        "params": params,
        "pairs": len(pairs),
        "rumbo": ours.json(),
        "baselines": [s.json() for s in theirs],
        "wall_s": time.perf_counter() - started,
    }
    summary = ", ".join(
        f"{s.name}: {_median_ms(s)}"
        + (f" [{_checks_text(s)}]" if s.checks else "")
        + (f" ({s.note})" if s.note else "")
        for s in (ours, *theirs)
    )
    log(f"  {name:<16} {result['wall_s']:7.1f} s  {summary}")
    return result


def _median_ms(series: Series) -> str:
    times = sorted(math.inf if t is None else t for t in series.times.values())
    if not times:
        return "-"
    return f"median {times[len(times) // 2] / 1e6:.2f} ms (n={len(times)})"


def _checks_text(series: Series) -> str:
    return " ".join(f"{k}={v}" for k, v in sorted(series.checks.items()))


# --------------------------------------------------------------------------- graphs


@dataclass
class Subject:
    """A graph under test, with how long it took to load."""

    key: str
    label: str
    kind: str
    graph: nx.DiGraph
    load: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    memory_args: list[str] = field(default_factory=list)
    catalog: Catalog | None = None


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def load_synthetic(n: int, args: argparse.Namespace) -> Subject:
    cache = None if args.no_cache else synthetic.CACHE_DIR
    cache_file = (
        synthetic.CACHE_DIR / f"synthetic-v{synthetic.GENERATOR_VERSION}-{n}-{args.seed}.pickle"
    )
    was_cached = cache is not None and cache_file.is_file()
    syn, t_gen = _timed(lambda: synthetic.load(n, args.seed, cache))
    subject = Subject(
        synthetic.size_label(n),
        f"synthetic {synthetic.size_label(n)}",
        "synthetic",
        nx.DiGraph(),
        memory_args=["--synthetic", str(n), "--seed", str(args.seed)],
    )
    subject.load["records (from cache)" if was_cached else "records (generated)"] = t_gen
    catalog, subject.load["Catalog.build"] = _timed(syn.catalog)
    subject.catalog = catalog
    slow, subject.load["to_graph (no derived)"] = _timed(
        lambda: catalog.to_graph(include_derived=False)
    )
    subject.graph, subject.load["bulk graph build"] = _timed(syn.graph)
    del slow
    if n <= args.csv_load_max:
        folder = Path(tempfile.mkdtemp(prefix="rumbo-bench-"))
        try:
            from loaders import read_catalog, write_catalog

            write_catalog(catalog, folder, "csv")
            _, subject.load["read_catalog (CSV)"] = _timed(lambda: read_catalog(folder))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    subject.notes.append(
        f"{synthetic.family_count(n)} families x {synthetic.LEVELS} levels, seed {args.seed}; "
        "catalog transitions only (derived edges are quadratic to compute, see the load table)"
    )
    return subject


def load_bundled(args: argparse.Namespace) -> Subject:
    from loaders import read_catalog

    catalog, t_read = _timed(lambda: read_catalog(ROOT / "loaders" / "bundled"))
    graph, t_graph = _timed(catalog.to_graph)
    subject = Subject(
        "bundled", "bundled (data/)", "bundled", graph, memory_args=["--bundled"], catalog=catalog
    )
    subject.load["read_catalog (YAML)"] = t_read
    subject.load["to_graph (with derived)"] = t_graph
    subject.notes.append("curated and derived edges, as the API and CLI serve it")
    return subject


def load_onet(path: Path, args: argparse.Namespace) -> Subject:
    from loaders.onet import import_onet

    imported, t_read = _timed(lambda: import_onet(path))
    catalog = imported.catalog
    _, t_plain = _timed(lambda: catalog.to_graph(include_derived=False))
    graph, t_graph = _timed(catalog.to_graph)
    release = imported.summary.release or "?"
    subject = Subject(
        "onet",
        f"O*NET {release}",
        "onet",
        graph,
        memory_args=["--onet", str(path)],
        catalog=catalog,
    )
    subject.load["import_onet"] = t_read
    subject.load["to_graph (no derived)"] = t_plain
    subject.load["to_graph (with derived)"] = t_graph
    subject.notes.append("O*NET career-changer links plus derived edges, as served")
    return subject


def add_cost(graph: nx.DiGraph) -> None:
    """Store each edge's scalar step cost (default objective) for the networkx baselines."""
    for _, _, data in graph.edges(data=True):
        data[COST] = OBJECTIVE.step_cost(data["fit_cost"], data["effort"])


def path_cost(graph: nx.DiGraph, path: Sequence[str]) -> float:
    """Scalar cost of a path, summed in path order as Rumbo sums it."""
    total = 0.0
    for u, v in zip(path[:-1], path[1:], strict=True):
        total += graph[u][v][COST]
    return total


def path_vector(graph: nx.DiGraph, path: Sequence[str]) -> tuple[float, int]:
    """(-ln cumulative fit, effort) of a path, summed in path order."""
    fit_cost, effort = 0.0, 0
    for u, v in zip(path[:-1], path[1:], strict=True):
        fit_cost += graph[u][v]["fit_cost"]
        effort += graph[u][v]["effort"]
    return fit_cost, effort


def make_pairs(graph: nx.DiGraph, count: int, seed: int, max_steps: int) -> list[Pair]:
    """Seeded source-target pairs: four in five targets are the end of a random walk of
    2 to ``max_steps`` steps from the source (reachable by construction, though not
    always within the step limit once the search takes the best route), one in five a
    uniformly random role (often unreachable)."""
    rng = random.Random(f"rumbo-bench-pairs-{seed}-{graph.number_of_nodes()}-{count}")
    nodes = sorted(graph)
    if len(nodes) < 2:
        raise ValueError("a benchmark graph needs at least two roles")
    pairs: list[Pair] = []
    attempts = 0
    while len(pairs) < count and attempts < count * 50:
        attempts += 1
        source = rng.choice(nodes)
        if len(pairs) % 5 == 4:
            target = rng.choice(nodes)
        else:
            target, seen = source, {source}
            for _ in range(rng.randint(2, max_steps)):
                options = [v for v in sorted(graph.succ[target]) if v not in seen]
                if not options:
                    break
                target = rng.choice(options)
                seen.add(target)
            if target == source:
                target = rng.choice(nodes)
        if target != source:
            pairs.append((source, target))
    return pairs


def person_at(graph: nx.DiGraph, role_id: str) -> Person:
    """The fixed synthetic person, holding ``role_id``."""
    ideal = graph.nodes[role_id]["role"].profile.scores()
    scores = [float(min(100.0, max(0.0, s + d))) for s, d in zip(ideal, PERSON_OFFSET, strict=True)]
    return Person(scores=Profile.from_scores(scores), current_role=role_id)


# --------------------------------------------------------------------------- checks


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= TOL * (1.0 + abs(a) + abs(b))


def check_best(graph: nx.DiGraph, max_steps: int) -> Checker:
    def check(pair: Pair, route: Any, path: list[str] | None) -> tuple[str, str]:
        if path is None:
            if route is None:
                return "ok", ""
            return "mismatch", f"Rumbo found {route.roles} but networkx finds no path"
        cost = path_cost(graph, path)
        if len(path) - 1 <= max_steps:
            if route is None:
                return "mismatch", f"networkx found {tuple(path)} (cost {cost!r}), Rumbo none"
            if _same(route.totals.score, cost):
                return "ok", ""
            return "mismatch", (
                f"Rumbo {route.roles} cost {route.totals.score!r}, "
                f"networkx {tuple(path)} cost {cost!r}"
            )
        if route is not None and route.totals.score < cost - TOL * (1.0 + cost):
            return "mismatch", (
                f"Rumbo {route.roles} cost {route.totals.score!r} is below the unconstrained "
                f"optimum {cost!r}"
            )
        return "unverified", "networkx's path is longer than the step limit"

    return check


def check_cypher_best(
    pair: Pair, route: Any, found: tuple[list[str], float] | None
) -> tuple[str, str]:
    """Rumbo's best route (catalog transitions only) against Cypher's: equal costs."""
    if found is None:
        if route is None:
            return "ok", ""
        return "mismatch", f"Rumbo found {route.roles} but Cypher finds no route"
    path, cost = found
    if route is None:
        return "mismatch", f"Cypher found {tuple(path)} (cost {cost!r}), Rumbo none"
    if _same(route.totals.score, cost):
        return "ok", ""
    return "mismatch", f"Rumbo {route.roles} cost {route.totals.score!r}, Cypher {path} {cost!r}"


def check_alternatives(
    graph: nx.DiGraph, k: int, max_steps: int, timeout: float, budget: float
) -> Checker:
    """Yen's paths filtered to the step limit; its enumeration is continued (untimed)
    for at most ``timeout`` per pair and ``budget`` seconds in all."""
    left = [budget]

    def check(pair: Pair, routes: Any, found: tuple[Any, list[list[str]]]) -> tuple[str, str]:
        generator, first = found
        want = [path_cost(graph, p) for p in first if len(p) - 1 <= max_steps]
        complete = generator is None or len(first) < k or len(want) >= k
        if not complete and left[0] > 0:
            # Keep Yen's enumeration going until k routes fit the step limit.
            t0 = time.perf_counter()
            try:
                with deadline(min(timeout, left[0])):
                    for path in generator:
                        if len(path) - 1 <= max_steps:
                            want.append(path_cost(graph, path))
                            if len(want) == k:
                                break
                    complete = True
            except QueryTimeout:
                pass
            left[0] -= time.perf_counter() - t0
        want = want[:k]
        got = [r.totals.score for r in routes]
        if complete:
            if len(got) == len(want) and all(map(_same, got, want)):
                return "ok", ""
            return "mismatch", f"Rumbo costs {got}, networkx (within the step limit) {want}"
        if len(got) >= len(want) and all(map(_same, got, want)):
            return "partial", f"first {len(want)} of {k} checked"
        return (
            "mismatch",
            f"Rumbo costs {got}, networkx's first {len(want)} within the limit {want}",
        )

    return check


def check_paths(graph: nx.DiGraph) -> Checker:
    """Route lists (Pareto sets) identical to brute force's."""

    def check(pair: Pair, routes: Any, paths: list[tuple[str, ...]]) -> tuple[str, str]:
        got = [tuple(r.roles) for r in routes]
        want = [tuple(p) for p in paths]
        if got == want:
            return "ok", ""
        same_vectors = sorted(_vector(graph, r) for r in got) == sorted(
            _vector(graph, p) for p in want
        )
        kind = "same (fit, effort) vectors, other routes" if same_vectors else "different sets"
        return "mismatch", f"{kind}: Rumbo {got}, brute force {want}"

    return check


def _vector(graph: nx.DiGraph, path: tuple[str, ...]) -> tuple[float, int]:
    fit_cost, effort = path_vector(graph, path)
    return round(fit_cost, 9), effort


def check_personal_paths(pair: Pair, routes: Any, paths: list[tuple[str, ...]]) -> tuple[str, str]:
    got = [tuple(r.roles) for r in routes]
    want = [tuple(p) for p in paths]
    if got == want:
        return "ok", ""
    return "mismatch", f"Rumbo {got}, brute force {want}"


def check_route(graph: nx.DiGraph) -> Checker:
    def check(pair: Pair, route: Any, path: tuple[str, ...] | None) -> tuple[str, str]:
        got = None if route is None else tuple(route.roles)
        if got == path:
            return "ok", ""
        if got is not None and path is not None and _vector(graph, got) == _vector(graph, path):
            return "mismatch", f"tie broken differently: Rumbo {got}, brute force {path}"
        return "mismatch", f"Rumbo {got}, brute force {path}"

    return check


def check_reachable(graph: nx.DiGraph) -> Checker:
    def check(pair: Pair, routes: Any, paths: dict[str, tuple[str, ...]]) -> tuple[str, str]:
        got = {node: tuple(r.roles) for node, r in routes.items()}
        if got == paths:
            return "ok", ""
        missing = sorted(set(paths) - set(got))[:3]
        extra = sorted(set(got) - set(paths))[:3]
        differ = [n for n in paths if n in got and got[n] != paths[n]]
        costlier = [
            n for n in differ if not _same(path_cost(graph, got[n]), path_cost(graph, paths[n]))
        ]
        return "mismatch", (
            f"{len(paths)} roles by brute force, {len(got)} by Rumbo; missing {missing}, "
            f"extra {extra}; {len(differ)} other routes, {len(costlier)} of them costlier "
            f"(e.g. {[(n, got[n], paths[n]) for n in differ[:2]]})"
        )

    return check


# --------------------------------------------------------------------------- one graph


def bench_graph(
    subject: Subject,
    args: argparse.Namespace,
    log: Callable[[str], None],
    cypher_db: CypherBaseline | None = None,
) -> dict[str, Any]:
    graph = subject.graph
    add_cost(graph)
    gc.collect()
    gc.freeze()  # the loaded graph is permanent: keep it out of the collector's scans
    started = time.perf_counter()
    load_before = os.getloadavg()
    code = git_state()  # the search code may change between graphs of a long run
    pairs = make_pairs(graph, args.pairs, args.seed, args.max_steps)
    c_main = Constraints(max_steps=args.max_steps)
    c_reach = Constraints(max_steps=args.reachable_steps)
    c_person = Constraints(max_steps=args.personal_steps)
    k = args.k

    _, cold_ns, cold_error = measure(
        lambda p: best_route(graph, p[0], p[1], c_main), pairs[0], args.timeout
    )
    if cold_ns is not None:
        subject.load["first best_route (cold)"] = cold_ns / 1e9
    elif cold_error:
        subject.notes.append(f"first query failed: {cold_error}")

    def nx_best(p: Pair) -> list[str] | None:
        try:
            _, path = nx.bidirectional_dijkstra(graph, p[0], p[1], weight=COST)
        except nx.NetworkXNoPath:
            return None
        return list(path)

    def yen(p: Pair) -> tuple[Any, list[list[str]]]:
        generator = nx.shortest_simple_paths(graph, p[0], p[1], weight=COST)
        first: list[list[str]] = []
        try:
            for path in generator:
                first.append(path)
                if len(first) == k:
                    break
        except nx.NetworkXNoPath:
            return None, []
        return generator, first

    enumerated: dict[Pair, tuple[list[Scored], int]] = {}

    def brute_pareto_fn(p: Pair) -> list[tuple[str, ...]]:
        t0 = time.perf_counter_ns()
        routes = list(all_routes(graph, p[0], p[1], c_main))
        enumerated[p] = (routes, time.perf_counter_ns() - t0)
        return pareto_front(routes)

    def brute_gap_fn(p: Pair) -> tuple[str, ...] | None:
        cached = enumerated.get(p)
        routes = cached[0] if cached else all_routes(graph, p[0], p[1], c_main)
        ranked = sorted(routes, key=lambda r: (r[2], r[1], len(r[3]), r[3]))
        return ranked[0][3] if ranked else None

    def brute_gap_extra(p: Pair) -> int:
        cached = enumerated.get(p)
        return cached[1] if cached else 0

    persons = {s: person_at(graph, s) for s, _ in pairs}
    c_catalog = Constraints(max_steps=args.max_steps, curated_only=True)
    brute = {
        "timeout": args.brute_timeout,
        "max_pairs": args.brute_pairs,
        "sample_limit": args.brute_sample_limit,
    }
    steps = args.max_steps
    specs: dict[str, tuple[str, Impl, list[Impl]]] = {
        "best": (
            f"max_steps={steps}",
            Impl("best_route", lambda p: best_route(graph, p[0], p[1], c_main), args.timeout),
            [
                Impl(
                    "nx.bidirectional_dijkstra",
                    nx_best,
                    args.timeout,
                    check=check_best(graph, steps),
                )
            ],
        ),
        "alternatives": (
            f"k={k}, max_steps={steps}",
            Impl(
                "alternative_routes",
                lambda p: alternative_routes(graph, p[0], p[1], k, c_main),
                args.timeout,
            ),
            [
                Impl(
                    "nx.shortest_simple_paths",
                    yen,
                    args.timeout,
                    check=check_alternatives(
                        graph, k, steps, args.check_timeout, args.check_budget
                    ),
                )
            ],
        ),
        "pareto": (
            f"max_steps={steps}",
            Impl("pareto_routes", lambda p: pareto_routes(graph, p[0], p[1], c_main), args.timeout),
            [Impl("brute force", brute_pareto_fn, check=check_paths(graph), **brute)],
        ),
        "shortest_gap": (
            f"max_steps={steps}",
            Impl(
                "shortest_gap_route",
                lambda p: shortest_gap_route(graph, p[0], p[1], c_main),
                args.timeout,
            ),
            [
                Impl(
                    "brute force",
                    brute_gap_fn,
                    check=check_route(graph),
                    extra_ns=brute_gap_extra,
                    **brute,
                )
            ],
        ),
        "reachable": (
            f"max_steps={args.reachable_steps}",
            Impl(
                "reachable_routes", lambda p: reachable_routes(graph, p[0], c_reach), args.timeout
            ),
            [
                Impl(
                    "brute force",
                    lambda p: brute_reachable(graph, p[0], constraints=c_reach),
                    args.brute_timeout,
                    check=check_reachable(graph),
                    sample_limit=args.brute_sample_limit,
                )
            ],
        ),
        "personal_pareto": (
            f"max_steps={args.personal_steps}, person at the source role",
            Impl(
                "personal_pareto",
                lambda p: personal_pareto(graph, persons[p[0]], p[1], c_person),
                args.timeout,
            ),
            [
                Impl(
                    "brute force",
                    lambda p: brute_personal_pareto(
                        graph, persons[p[0]], p[1], constraints=c_person
                    ),
                    check=check_personal_paths,
                    **brute,
                )
            ],
        ),
    }
    if cypher_db is not None:
        db = cypher_db
        specs["catalog_best"] = (
            f"max_steps={steps}",
            Impl(
                "best_route",
                lambda p: best_route(graph, p[0], p[1], c_catalog),
                args.timeout,
            ),
            [
                Impl(
                    "Cypher on Neo4j (routes_by_objective)",
                    lambda p: db.best(p[0], p[1], steps, OBJECTIVE),
                    args.cypher_timeout + 5,
                    check=check_cypher_best,
                    max_pairs=args.cypher_pairs,
                    sample_limit=args.cypher_timeout,
                )
            ],
        )
    log(
        f"{subject.label}: {graph.number_of_nodes()} roles, {graph.number_of_edges()} edges, "
        f"{len(pairs)} pairs"
    )
    queries = []
    rumbo_impls: dict[str, Impl] = {}
    for name in args.queries:
        if name == "personal_pareto" and graph.number_of_nodes() > args.personal_max_roles:
            subject.notes.append(f"personal pareto not run above {args.personal_max_roles} roles")
            continue
        if name not in specs:
            continue  # catalog_best: no Neo4j for this graph
        params, ours, theirs = specs[name]
        rumbo_impls[name] = ours
        queries.append(run_query(name, params, pairs, ours, theirs, args.budget, args.warmup, log))
        enumerated.clear() if name == "shortest_gap" else None
        gc.collect()

    result: dict[str, Any] = {
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
        "git": code,
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
        "wall_s": time.perf_counter() - started,
    }
    profiles = []
    for wanted in args.profile.split(","):
        key, _, query = wanted.strip().partition(":")
        if key == subject.key and queries:
            profiles.append(profile_query(queries, rumbo_impls, pairs, args, log, query or None))
    if profiles:
        result["profiles"] = profiles
    gc.unfreeze()
    return result


def profile_query(
    queries: list[dict[str, Any]],
    impls: dict[str, Impl],
    pairs: Sequence[Pair],
    args: argparse.Namespace,
    log: Callable[[str], None],
    query: str | None = None,
) -> dict[str, Any]:
    """cProfile of one query type (by default the one with the slowest Rumbo median)
    over the first pairs."""

    def median(q: dict[str, Any]) -> float:
        times = sorted(math.inf if t is None else t for _, t in q["rumbo"]["times_ns"])
        return times[len(times) // 2] if times else -1.0

    if query is None:
        slowest = max(queries, key=median)
    else:
        slowest = next((q for q in queries if q["name"] == query), queries[0])
    impl = impls[slowest["name"]]
    chosen = pairs[: args.profile_pairs]
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    for pair in chosen:
        profiler.enable()
        try:
            with deadline(impl.timeout):
                impl.fn(pair)
        except QueryTimeout:
            pass
        except Exception:  # profiled anyway; errors are reported by the timed run
            pass
        finally:
            profiler.disable()
    wall = time.perf_counter() - t0
    texts = {}
    for key in ("tottime", "cumulative"):
        buf = io.StringIO()
        stats = pstats.Stats(profiler, stream=buf)
        stats.sort_stats(key).print_stats(args.profile_lines)
        texts[key] = _trim_profile(buf.getvalue())
    log(f"  profiled {slowest['name']} over {len(chosen)} pairs ({wall:.1f} s)")
    return {
        "query": slowest["name"],
        "chosen": "requested" if query else "slowest median",
        "pairs": len(chosen),
        "wall_s": wall,
        "stats": texts,
    }


def _trim_profile(text: str) -> str:
    """pstats output with the repository and site-packages prefixes shortened."""
    lines = [line.rstrip() for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    keep = [line for line in lines[start:] if line.strip()]
    out = "\n".join(keep)
    for prefix in sorted(
        {str(ROOT) + "/", *(p + "/" for p in sys.path if "site-packages" in p)},
        key=len,
        reverse=True,
    ):
        out = out.replace(prefix, "")
    return out


# --------------------------------------------------------------------------- run


def memory_probe(subject: Subject, log: Callable[[str], None]) -> dict[str, Any] | None:
    """RSS of the graph measured in a fresh interpreter (see :mod:`bench.memory`)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.memory", *subject.memory_args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
            check=True,
        )
        probe: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError) as exc:
        log(f"  memory probe failed: {exc}")
        return None
    log(
        f"  memory: {(probe['rss_loaded'] - probe['rss_before']) / 2**20:.0f} MiB loaded, "
        f"{(probe['rss_searched'] - probe['rss_before']) / 2**20:.0f} MiB after a first query"
    )
    return probe


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "networkx": nx.__version__,
    }
    for module in ("numpy", "scipy", "pydantic"):
        try:
            info[module] = __import__(module).__version__
        except ImportError:
            pass
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in lscpu.splitlines():
            key, _, value = line.partition(":")
            if key.strip() in ("Model name", "Hypervisor vendor", "CPU(s)", "Thread(s) per core"):
                info[key.strip()] = value.strip()
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as fh:
            total_kb = int(fh.readline().split()[1])
        info["memory_gib"] = round(total_kb / 2**20, 1)
    except (OSError, ValueError, IndexError):
        pass
    return info


def git_state() -> dict[str, Any]:
    def git(*cmd: str) -> str:
        try:
            return subprocess.run(
                ["git", *cmd], cwd=ROOT, capture_output=True, text=True, check=False
            ).stdout.rstrip()
        except OSError:
            return ""

    digest = hashlib.sha256()
    for path in sorted((ROOT / "graph").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return {
        "graph_sha256": digest.hexdigest()[:12],
        "commit": git("rev-parse", "--short", "HEAD"),
        "dirty": [line[3:] for line in git("status", "--porcelain", "--", "graph").splitlines()],
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="Benchmark Rumbo's route searches against networkx and brute force.",
    )
    parser.add_argument(
        "--sizes", default="1k,10k,100k", help="synthetic sizes (e.g. 1k,10k); '' for none"
    )
    parser.add_argument(
        "--pairs", type=int, default=None, help="source-target pairs per graph (200)"
    )
    parser.add_argument("--quick", action="store_true", help="small, fast settings (smoke runs)")
    parser.add_argument("--out", default="docs/benchmarks.md", help="Markdown report ('' for none)")
    parser.add_argument(
        "--json",
        default=str(synthetic.CACHE_DIR / "last-run.json"),
        help="raw results ('' for none)",
    )
    parser.add_argument("--graphs", default=None, help="which of synthetic,bundled,onet to run")
    parser.add_argument("--queries", default=",".join(QUERIES), help="query types to run")
    parser.add_argument("--onet-path", type=Path, default=ONET_PATH)
    parser.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    parser.add_argument(
        "--max-steps", type=int, default=None, help="best/alternatives/pareto/gap (6)"
    )
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--reachable-steps", type=int, default=3)
    parser.add_argument("--personal-steps", type=int, default=None, help="personal pareto (5)")
    parser.add_argument("--personal-max-roles", type=int, default=10_000)
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="per query, Rumbo and networkx (s)"
    )
    parser.add_argument(
        "--brute-timeout", type=float, default=30.0, help="per brute-force query (s)"
    )
    parser.add_argument(
        "--brute-pairs", type=int, default=None, help="pairs brute force runs on (20)"
    )
    parser.add_argument(
        "--brute-sample-limit", type=float, default=10.0, help="skip brute force above (s)"
    )
    parser.add_argument(
        "--check-timeout", type=float, default=None, help="extra Yen paths per pair (2 s)"
    )
    parser.add_argument(
        "--check-budget", type=float, default=None, help="extra Yen paths per graph (60 s)"
    )
    parser.add_argument(
        "--budget", type=float, default=None, help="per implementation, query type and graph (s)"
    )
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--csv-load-max", type=int, default=10_000, help="time a CSV read up to this size"
    )
    parser.add_argument(
        "--profile",
        default=None,
        help="graph[:query] list to profile (default 10k,bundled:best; no query: the slowest)",
    )
    parser.add_argument("--profile-pairs", type=int, default=30)
    parser.add_argument("--profile-lines", type=int, default=25)
    parser.add_argument("--no-memory", action="store_true", help="skip the memory probes")
    parser.add_argument(
        "--merge",
        default=None,
        help="raw results of an earlier run: keep its graphs that this run does not redo",
    )
    parser.add_argument("--no-cache", action="store_true", help="regenerate synthetic catalogs")
    parser.add_argument(
        "--neo4j",
        default=None,
        help="Bolt URI of a Neo4j to time Cypher-only queries on (its catalog is replaced)",
    )
    parser.add_argument(
        "--neo4j-password",
        default=os.environ.get("RUMBO_NEO4J_PASSWORD", "rumbo-local-pw"),
        help="(default: $RUMBO_NEO4J_PASSWORD, else the local launcher's)",
    )
    parser.add_argument(
        "--neo4j-max-roles", type=int, default=10_000, help="load graphs up to this size"
    )
    parser.add_argument("--cypher-pairs", type=int, default=None, help="pairs Cypher runs on (20)")
    parser.add_argument(
        "--cypher-timeout", type=float, default=10.0, help="per Cypher query, server-side (s)"
    )
    args = parser.parse_args(argv)
    quick = args.quick
    defaults = {
        "pairs": 20 if quick else 200,
        "max_steps": 4 if quick else 6,
        "personal_steps": 4 if quick else 5,
        "brute_pairs": 5 if quick else 20,
        "cypher_pairs": 5 if quick else 20,
        "budget": 30.0 if quick else 300.0,
        "check_timeout": 0.5 if quick else 2.0,
        "check_budget": 3.0 if quick else 60.0,
        "graphs": "synthetic,bundled" if quick else "synthetic,bundled,onet",
        "profile": "" if quick else "10k,bundled:best",
    }
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    if quick:
        args.no_memory = True
        args.csv_load_max = min(args.csv_load_max, 1_000)
    args.size_list = [synthetic.parse_size(s) for s in args.sizes.split(",") if s.strip()]
    args.graph_list = [g.strip() for g in args.graphs.split(",") if g.strip()]
    args.queries = [q.strip() for q in args.queries.split(",") if q.strip()]
    unknown = set(args.queries) - set(QUERIES)
    if unknown:
        parser.error(f"unknown query types: {', '.join(sorted(unknown))}")
    return args


def main(
    argv: Sequence[str] | None = None, log: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Run the benchmark; returns the raw results (also written to ``--json``/``--out``)."""
    args = parse_args(argv)
    say = log or (lambda text: print(text, file=sys.stderr, flush=True))
    command = "python -m bench.run " + " ".join(sys.argv[1:] if argv is None else argv)
    started = time.time()
    t0 = time.perf_counter()
    results: dict[str, Any] = {
        "command": command.strip(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(started)),
        "machine": machine(),
        "git": git_state(),
        "settings": {
            k: v for k, v in vars(args).items() if isinstance(v, (int, float, str, bool, list))
        },
        "loadavg_start": os.getloadavg(),
        "graphs": [],
    }
    results["settings"]["onet_path"] = str(args.onet_path)
    sources: list[Callable[[], Subject]] = []
    if "synthetic" in args.graph_list:
        sources += [functools.partial(load_synthetic, n, args) for n in args.size_list]
    if "bundled" in args.graph_list:
        sources.append(lambda: load_bundled(args))
    if "onet" in args.graph_list:
        if args.onet_path.is_dir():
            sources.append(lambda: load_onet(args.onet_path, args))
        else:
            results.setdefault("notes", []).append(
                f"O*NET graph skipped: {args.onet_path} not found"
            )
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
