"""The synthetic benchmark catalogs: deterministic, realistic, and the graph the product builds."""

from __future__ import annotations

import statistics
from pathlib import Path

import networkx as nx

from bench.synthetic import MAX_FIT, MIN_FIT, build_graph, family_count, generate, load
from graph.fit import development_needed


def test_same_seed_same_catalog_other_seed_other_catalog() -> None:
    assert generate(150, seed=7) == generate(150, seed=7)
    assert generate(150, seed=7) != generate(150, seed=8)


def test_bulk_graph_equals_the_catalogs_graph() -> None:
    syn = generate(300)
    bulk = syn.graph()
    product = syn.catalog().to_graph(include_derived=False)
    assert nx.utils.graphs_equal(bulk, product)
    assert list(bulk.nodes) == list(product.nodes)
    assert list(bulk.edges) == list(product.edges)


def test_structure_and_distributions() -> None:
    syn = generate(1000)
    roles = {r.id: r for r in syn.roles}
    assert len(roles) == 1000
    assert len({r.family for r in roles.values()}) == family_count(1000)
    assert {r.level for r in roles.values()} == {f"L{i}" for i in range(1, 8)}
    out_degree = len(syn.transitions) / len(roles)
    assert 7.0 <= out_degree <= 9.0
    same_family = 0
    for t in syn.transitions:
        source, target = roles[t.source], roles[t.target]
        assert MIN_FIT <= t.fit <= MAX_FIT and round(t.fit, 2) == t.fit
        assert t.develop == development_needed(source.profile, target.profile)
        same_family += source.family == target.family
    assert 0.75 <= same_family / len(syn.transitions) <= 0.95
    assert 0.6 <= statistics.median(t.fit for t in syn.transitions) <= 0.9


def test_cache_round_trip(tmp_path: Path) -> None:
    first = load(120, seed=3, cache_dir=tmp_path)
    assert list(tmp_path.glob("*.pickle"))
    again = load(120, seed=3, cache_dir=tmp_path)
    assert again == first
    assert nx.utils.graphs_equal(build_graph(again.roles, again.transitions), first.graph())
