"""The graphs under test and what is asked of them: loading, pairs and persons.

A :class:`Subject` is one graph (synthetic of a given size, the bundled catalog,
or O*NET) with the time each load step took. :func:`make_pairs` draws the
seeded source-target pairs every query type runs on; :func:`person_at` is the
person of the personal queries. :func:`add_cost` stores each edge's scalar step
cost for the networkx baselines.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import networkx as nx

from bench import synthetic
from graph.catalog import Catalog
from graph.personal import Person
from graph.search.query import Objective
from graph.traits import Profile
from loaders import bundled_catalog, read_catalog, write_catalog

#: The repository checkout the benchmarks run in.
ROOT = Path(__file__).resolve().parent.parent
#: Where the O*NET 20.3 release is looked for unless ``--onet-path`` says otherwise:
#: the shared data folder beside the repository.
DEFAULT_ONET_PATH = ROOT.parent / "shared" / "data" / "onet-20.3"
#: Edge attribute holding the scalar step cost, for the networkx baselines.
COST = "bench_cost"
#: The objective every query and baseline uses (the default one).
OBJECTIVE = Objective()
#: The synthetic person of personal queries: the source role's ideal plus this
#: offset (OCEAN+ order), clipped to 0-100: more open and agreeable than the
#: role asks, less extraverted, stable and relationally engaged.
PERSON_OFFSET = (6.0, -4.0, -9.0, 3.0, -5.0, -8.0)

T = TypeVar("T")


@dataclass
class Subject:
    """A graph under test, with how long each step of loading it took (seconds)."""

    key: str
    label: str
    kind: str
    graph: nx.DiGraph
    load: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    memory_args: list[str] = field(default_factory=list)
    catalog: Catalog | None = None

    def timed(self, step: str, fn: Callable[[], T]) -> T:
        """Call ``fn``, recording its wall time as load step ``step``.

        >>> subject = Subject("k", "label", "kind", nx.DiGraph())
        >>> subject.timed("answer", lambda: 42), list(subject.load)
        (42, ['answer'])
        """
        t0 = time.perf_counter()
        value = fn()
        self.load[step] = time.perf_counter() - t0
        return value


def load_synthetic(n: int, seed: int, use_cache: bool, csv_load_max: int) -> Subject:
    """A synthetic catalog of ``n`` roles (see :mod:`bench.synthetic`).

    The graph searched is the bulk-built one; ``Catalog.to_graph`` is timed for
    comparison, and so is reading the catalog back from CSV up to ``csv_load_max`` roles.
    """
    cache = synthetic.CACHE_DIR if use_cache else None
    cache_file = synthetic.CACHE_DIR / f"synthetic-v{synthetic.GENERATOR_VERSION}-{n}-{seed}.pickle"
    was_cached = cache is not None and cache_file.is_file()
    label = synthetic.size_label(n)
    subject = Subject(
        label,
        f"synthetic {label}",
        "synthetic",
        nx.DiGraph(),
        memory_args=["--synthetic", str(n), "--seed", str(seed)],
    )
    records = "records (from cache)" if was_cached else "records (generated)"
    syn = subject.timed(records, lambda: synthetic.load(n, seed, cache))
    catalog = subject.catalog = subject.timed("Catalog.build", syn.catalog)
    subject.timed("to_graph (no derived)", lambda: catalog.to_graph(include_derived=False))
    subject.graph = subject.timed("bulk graph build", syn.graph)
    if n <= csv_load_max:
        _time_csv_read(subject, catalog)
    subject.notes.append(
        f"{synthetic.family_count(n)} families x {synthetic.LEVELS} levels, seed {seed}; "
        "catalog transitions only (derived edges: python -m bench.derived_edges)"
    )
    return subject


def _time_csv_read(subject: Subject, catalog: Catalog) -> None:
    """Time reading ``catalog`` back after writing it as CSV to a scratch folder."""
    folder = Path(tempfile.mkdtemp(prefix="rumbo-bench-"))
    try:
        write_catalog(catalog, folder, "csv")
        subject.timed("read_catalog (CSV)", lambda: read_catalog(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def load_bundled() -> Subject:
    """The catalog shipped with the package, with derived edges, as the API and CLI serve it."""
    subject = Subject("bundled", "bundled catalog", "bundled", nx.DiGraph())
    subject.memory_args = ["--bundled"]
    catalog = subject.catalog = subject.timed(
        "read_catalog (YAML)", lambda: read_catalog(bundled_catalog())
    )
    subject.graph = subject.timed("to_graph (with derived)", catalog.to_graph)
    subject.notes.append("curated and derived edges, as the API and CLI serve it")
    return subject


def load_onet(path: Path) -> Subject:
    """The O*NET release in ``path`` (career-changer links plus derived edges)."""
    from loaders.onet import import_onet

    subject = Subject("onet", "O*NET", "onet", nx.DiGraph(), memory_args=["--onet", str(path)])
    imported = subject.timed("import_onet", lambda: import_onet(path))
    catalog = subject.catalog = imported.catalog
    subject.label = f"O*NET {imported.summary.release or '?'}"
    subject.timed("to_graph (no derived)", lambda: catalog.to_graph(include_derived=False))
    subject.graph = subject.timed("to_graph (with derived)", catalog.to_graph)
    subject.notes.append("O*NET career-changer links plus derived edges, as served")
    return subject


def add_cost(graph: nx.DiGraph) -> None:
    """Store each edge's scalar step cost (default objective) for the networkx baselines."""
    for _, _, data in graph.edges(data=True):
        data[COST] = OBJECTIVE.step_cost(data["fit_cost"], data["effort"])


def make_pairs(graph: nx.DiGraph, count: int, seed: int, max_steps: int) -> list[tuple[str, str]]:
    """Seeded source-target pairs: four in five targets are the end of a random walk of
    2 to ``max_steps`` steps from the source (reachable by construction, though not
    always within the step limit once the search takes the best route), one in five a
    uniformly random role (often unreachable).

    >>> ring = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")])
    >>> pairs = make_pairs(ring, 5, 1, 3)
    >>> len(pairs), all(s != t for s, t in pairs), pairs == make_pairs(ring, 5, 1, 3)
    (5, True, True)
    """
    rng = random.Random(f"rumbo-bench-pairs-{seed}-{graph.number_of_nodes()}-{count}")
    nodes = sorted(graph)
    if len(nodes) < 2:
        raise ValueError("a benchmark graph needs at least two roles")
    pairs: list[tuple[str, str]] = []
    attempts = 0
    while len(pairs) < count and attempts < count * 50:
        attempts += 1
        source = rng.choice(nodes)
        if len(pairs) % 5 == 4:
            target = rng.choice(nodes)
        else:
            target = _random_walk_end(graph, rng, source, rng.randint(2, max_steps))
            if target == source:
                target = rng.choice(nodes)
        if target != source:
            pairs.append((source, target))
    return pairs


def _random_walk_end(graph: nx.DiGraph, rng: random.Random, source: str, steps: int) -> str:
    """Where a walk of up to ``steps`` steps without revisits, from ``source``, ends."""
    target, seen = source, {source}
    for _ in range(steps):
        options = [v for v in sorted(graph.succ[target]) if v not in seen]
        if not options:
            break
        target = rng.choice(options)
        seen.add(target)
    return target


def person_at(graph: nx.DiGraph, role_id: str) -> Person:
    """The fixed synthetic person, holding ``role_id``."""
    ideal = graph.nodes[role_id]["role"].profile.scores()
    scores = [float(min(100.0, max(0.0, s + d))) for s, d in zip(ideal, PERSON_OFFSET, strict=True)]
    return Person(scores=Profile.from_scores(scores), current_role=role_id)
