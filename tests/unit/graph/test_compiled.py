"""A compiled graph answers as its networkx graph does, and a snapshot compiles once."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import networkx as nx
import pytest

from graph.personal import (
    Person,
    personal_alternatives,
    personal_best,
    personal_pareto,
    personal_reachable,
    personal_shortest_gap,
)
from graph.personal.leverage import leverage
from graph.search import (
    CompiledGraph,
    Constraints,
    alternative_routes,
    best_route,
    compile_graph,
    pareto_routes,
    reachable_routes,
    shortest_gap_route,
)
from graph.store import CatalogSnapshot
from graph.traits import Profile
from loaders import read_catalog

REPO = Path(__file__).resolve().parents[3]
SOURCE, TARGET = "mlops-engineer", "chief-data-officer"
PERSON = Person(scores=Profile.from_scores([72, 78, 38, 58, 70, 44]), current_role=SOURCE)
LIMIT = Constraints(max_steps=3)

Search = Callable[[nx.DiGraph | CompiledGraph], object]

SEARCHES: dict[str, Search] = {
    "best": lambda g: best_route(g, SOURCE, TARGET, LIMIT),
    "alternatives": lambda g: alternative_routes(g, SOURCE, TARGET, 5, LIMIT),
    "pareto": lambda g: pareto_routes(g, SOURCE, TARGET, LIMIT),
    "shortest gap": lambda g: shortest_gap_route(g, SOURCE, TARGET, LIMIT),
    "reachable": lambda g: reachable_routes(g, SOURCE, Constraints(max_steps=2)),
    "personal best": lambda g: personal_best(g, PERSON, TARGET, LIMIT),
    "personal alternatives": lambda g: personal_alternatives(g, PERSON, TARGET, 3, LIMIT),
    "personal pareto": lambda g: personal_pareto(g, PERSON, TARGET, LIMIT),
    "personal shortest gap": lambda g: personal_shortest_gap(g, PERSON, TARGET, LIMIT),
    "personal reachable": lambda g: personal_reachable(g, PERSON, Constraints(max_steps=1)),
    "leverage": lambda g: leverage(g, PERSON, TARGET, 10, LIMIT),
}


@pytest.fixture(scope="module")
def snapshot() -> CatalogSnapshot:
    return CatalogSnapshot(1, read_catalog(REPO / "loaders" / "bundled"))


@pytest.mark.parametrize("mode", sorted(SEARCHES))
def test_a_compiled_graph_gives_the_answers_of_its_networkx_graph(
    snapshot: CatalogSnapshot, mode: str
) -> None:
    search = SEARCHES[mode]
    answer = search(snapshot.graph)
    assert answer  # the example is not vacuous
    assert search(snapshot.compiled) == answer
    assert search(snapshot.compiled) == answer  # and again, from the compiled graph's caches


def test_a_snapshot_compiles_its_graph_once_for_every_thread() -> None:
    snapshot = CatalogSnapshot(1, read_catalog(REPO / "loaders" / "bundled"))
    with ThreadPoolExecutor(4) as pool:
        compiled = list(pool.map(lambda _: snapshot.compiled, range(8)))
    assert all(c is compiled[0] for c in compiled)
    assert compiled[0].graph is snapshot.graph
    assert compile_graph(compiled[0]) is compiled[0]
