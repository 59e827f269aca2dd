"""The real O*NET 20.3 release: imported whole, loaded into Neo4j, routed exactly."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from graph.search import Constraints, best_route, pareto_routes, shortest_gap_route
from graph.search import brute_force as brute
from loaders.onet import import_onet
from stores.neo4j import Neo4jStore

ONET = Path(__file__).resolve().parents[4] / "shared" / "data" / "onet-20.3"

pytestmark = pytest.mark.skipif(
    not ONET.is_dir(), reason=f"the O*NET 20.3 files are not beside the repository ({ONET})"
)

STATISTICIANS = "onet-15-2041-00"
CHIEF_EXECUTIVES = "onet-11-1011-00"


def test_onet_loads_into_neo4j_and_routes_match_brute_force(store: Neo4jStore) -> None:
    imported = import_onet(ONET)
    assert imported.summary.roles_created == 953 + 140  # rated + imputed (docs/onet.md)
    store.load(imported.catalog)
    snapshot = store.snapshot()
    assert snapshot.catalog == imported.catalog
    graph = snapshot.curated_graph
    route = best_route(graph, STATISTICIANS, CHIEF_EXECUTIVES, Constraints(max_steps=6))
    assert route is not None and route.roles[-1] == CHIEF_EXECUTIVES

    # Brute force enumerates every simple route: keep it to 3 steps on this real graph.
    limits = Constraints(max_steps=3)
    rng = random.Random(20)
    ids = sorted(graph)
    pairs = []
    while len(pairs) < 12:
        source = rng.choice(ids)
        walk = source
        for _ in range(rng.randint(1, 3)):
            walk = rng.choice(sorted(graph.succ[walk]) or [walk])
        if walk != source:
            pairs.append((source, walk))
    for source, target in pairs:
        best = best_route(graph, source, target, limits)
        assert (best.roles if best else None) == brute.brute_best(
            graph, source, target, constraints=limits
        )
        gap = shortest_gap_route(graph, source, target, limits)
        assert (gap.roles if gap else None) == brute.brute_shortest_gap(
            graph, source, target, constraints=limits
        )
        assert [r.roles for r in pareto_routes(graph, source, target, limits)] == (
            brute.brute_pareto(graph, source, target, constraints=limits)
        )
