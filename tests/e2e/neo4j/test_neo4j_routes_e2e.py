"""Every route query gives the same answer on the Neo4j projection as on the YAML catalog."""

from __future__ import annotations

import itertools
import math

import pytest
from neo4j import Driver
from neo4j_e2e import DATABASE, open_store

import cypher
from graph.catalog import Catalog
from graph.personal import Person, personal_pareto
from graph.search import (
    alternative_routes,
    best_route,
    pareto_routes,
    reachable_routes,
    shortest_gap_route,
)
from graph.store import CatalogSnapshot
from graph.traits import Profile
from stores.neo4j import Neo4jStore


def sample_pairs(catalog: Catalog, count: int = 20) -> list[tuple[str, str]]:
    """A fixed spread of (source, target) pairs over the catalog."""
    ids = sorted(catalog.roles)
    pairs = []
    for i in range(count):
        source = ids[(i * 11) % len(ids)]
        target = ids[(i * 17 + 5) % len(ids)]
        if source != target:
            pairs.append((source, target))
    return pairs


@pytest.fixture
def projection(loaded: Neo4jStore) -> CatalogSnapshot:
    """The catalog as another process reads it back from the graph."""
    with open_store() as reader:
        return reader.snapshot()


def test_the_projection_is_the_catalog(projection: CatalogSnapshot, bundled: Catalog) -> None:
    assert projection.catalog == bundled
    assert sorted(projection.graph.edges) == sorted(bundled.to_graph().edges)


def test_every_route_query_type_agrees(projection: CatalogSnapshot, bundled: Catalog) -> None:
    ours, theirs = projection.graph, CatalogSnapshot(0, bundled).graph
    pairs = sample_pairs(bundled)
    assert len(pairs) >= 18
    found = 0
    for source, target in pairs:
        best = best_route(ours, source, target)
        assert best == best_route(theirs, source, target), (source, target)
        found += best is not None
        assert alternative_routes(ours, source, target, 5) == alternative_routes(
            theirs, source, target, 5
        )
        assert pareto_routes(ours, source, target) == pareto_routes(theirs, source, target)
        assert shortest_gap_route(ours, source, target) == shortest_gap_route(
            theirs, source, target
        )
    for source in sorted({s for s, _ in pairs}):
        assert reachable_routes(ours, source) == reachable_routes(theirs, source)
    assert found >= len(pairs) // 2  # the sample is not trivially empty


def test_personal_pareto_agrees(projection: CatalogSnapshot, bundled: Catalog) -> None:
    ours, theirs = projection.graph, CatalogSnapshot(0, bundled).graph
    for index, (source, target) in enumerate(sample_pairs(bundled)):
        person = Person(
            scores=Profile.from_scores([55 + (index * 3) % 30, 70, 45, 60, 65, 50]),
            current_role=source,
        )
        assert personal_pareto(ours, person, target) == personal_pareto(theirs, person, target)


# ------------------------------------------------------------------ exploratory queries


def run(driver: Driver, name: str, **params: object) -> list[dict[str, object]]:
    records = driver.execute_query(cypher.statement(name), params, database_=DATABASE).records
    return [r.data() for r in records]


def test_direct_transitions_lists_the_catalog_edges(
    loaded: Neo4jStore, bundled: Catalog, clean: Driver
) -> None:
    rows = run(clean, "direct_transitions", role="ai-product-manager")
    expected = sorted(bundled.outgoing("ai-product-manager"), key=lambda t: (-t.fit, t.target))
    assert [(r["to"], r["fit"]) for r in rows] == [(t.target, t.fit) for t in expected]
    first = rows[0]
    develop = first["develop"]
    assert isinstance(develop, dict)
    assert {k: v for k, v in develop.items() if v} == {
        k.value: v for k, v in expected[0].develop.items()
    }
    incoming = run(clean, "incoming_transitions", role="director-of-data")
    assert {r["from"] for r in incoming} == {t.source for t in bundled.incoming("director-of-data")}


def simple_paths(catalog: Catalog, source: str, max_steps: int) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    frontier: list[tuple[str, ...]] = [(source,)]
    for _ in range(max_steps):
        frontier = [
            (*p, t.target) for p in frontier for t in catalog.outgoing(p[-1]) if t.target not in p
        ]
        paths.extend(frontier)
    return paths


def cumulative_fit(catalog: Catalog, path: tuple[str, ...]) -> float:
    return math.prod(catalog.transitions[(a, b)].fit for a, b in itertools.pairwise(path))


@pytest.mark.parametrize("max_steps", [1, 2, 3])
def test_routes_by_fit_ranks_catalog_paths_by_cumulative_fit(
    loaded: Neo4jStore, bundled: Catalog, clean: Driver, max_steps: int
) -> None:
    source, target = "data-engineer", "director-of-data-engineering"
    rows = run(clean, "routes_by_fit", source=source, target=target, max_steps=max_steps, limit=10)
    expected = [p for p in simple_paths(bundled, source, max_steps) if p[-1] == target]
    assert len(expected) <= 10 and (max_steps < 3 or len(expected) >= 5)
    assert sorted(tuple(r["roles"]) for r in rows) == sorted(expected)  # type: ignore[arg-type]
    fits = [r["cumulative_fit"] for r in rows]
    assert fits == sorted(fits, reverse=True)  # type: ignore[type-var]
    if expected:
        best = max(cumulative_fit(bundled, p) for p in expected)
        assert rows[0]["cumulative_fit"] == round(best, 4)


def test_reachable_within_matches_a_breadth_first_walk(
    loaded: Neo4jStore, bundled: Catalog, clean: Driver
) -> None:
    rows = run(clean, "reachable_within", role="data-analyst", max_steps=2)
    paths = simple_paths(bundled, "data-analyst", 2)
    fewest: dict[str, int] = {}
    for p in paths:
        fewest[p[-1]] = min(fewest.get(p[-1], 9), len(p) - 1)
    assert {r["role"]: r["fewest_steps"] for r in rows} == fewest
    families = run(clean, "roles_by_family", family="data")
    assert {r["id"] for r in families} == {
        r.id for r in bundled.roles.values() if r.family == "data"
    }
