"""Every route search agrees with brute-force enumeration on random graphs."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.search import brute_force as brute
from graph.search.alternatives import alternative_routes
from graph.search.best import best_route
from graph.search.pareto import pareto_routes
from graph.search.reachable import reachable_routes
from graph.search.shortest_gap import shortest_gap_route
from tests.unit.graph.strategies import graphs, queries

PROPERTY = settings(
    max_examples=200,
    deadline=None,
    # search_mode only patches a module constant, the same for every example.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
pytestmark = pytest.mark.usefixtures("search_mode")


@PROPERTY
@given(st.data())
def test_best_matches_brute_force(data: st.DataObject) -> None:
    graph: nx.DiGraph = data.draw(graphs())
    q = data.draw(queries(graph))
    route = best_route(graph, **q)
    expected = brute.brute_best(graph, **q)
    assert (route.roles if route else None) == expected


@PROPERTY
@given(st.data(), st.integers(1, 8))
def test_alternatives_match_brute_force(data: st.DataObject, k: int) -> None:
    graph: nx.DiGraph = data.draw(graphs())
    q = data.draw(queries(graph))
    got = [r.roles for r in alternative_routes(graph, k=k, **q)]
    assert got == brute.brute_alternatives(graph, k=k, **q)


@PROPERTY
@given(st.data())
def test_shortest_gap_matches_brute_force(data: st.DataObject) -> None:
    graph: nx.DiGraph = data.draw(graphs())
    q = data.draw(queries(graph))
    route = shortest_gap_route(graph, **q)
    assert (route.roles if route else None) == brute.brute_shortest_gap(graph, **q)


@PROPERTY
@given(st.data(), st.booleans())
def test_pareto_matches_brute_force(data: st.DataObject, tradeoff: bool) -> None:
    graph: nx.DiGraph = data.draw(graphs(tradeoff=tradeoff))
    q = data.draw(queries(graph))
    got = [r.roles for r in pareto_routes(graph, **q)]
    assert got == brute.brute_pareto(graph, **q)


@PROPERTY
@given(st.data())
def test_reachable_matches_brute_force(data: st.DataObject) -> None:
    graph: nx.DiGraph = data.draw(graphs())
    q = data.draw(queries(graph, with_via=False))
    del q["target"]
    got = {k: r.roles for k, r in reachable_routes(graph, **q).items()}
    assert got == brute.brute_reachable(graph, **q)
    assert list(got) == list(brute.brute_reachable(graph, **q))


@PROPERTY
@given(st.data())
def test_queries_sharing_a_graph_match_brute_force(data: st.DataObject) -> None:
    """Later queries on one graph reuse what earlier ones kept (bounds, edges): never wrongly."""
    graph: nx.DiGraph = data.draw(graphs())
    ids = sorted(graph)
    for _ in range(6):
        q = data.draw(queries(graph))
        if data.draw(st.booleans()):
            source, target = data.draw(
                st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True)
            )
            q = {"source": source, "target": target}
        route = best_route(graph, **q)
        assert (route.roles if route else None) == brute.brute_best(graph, **q)
        assert [r.roles for r in pareto_routes(graph, **q)] == brute.brute_pareto(graph, **q)
        gap = shortest_gap_route(graph, **q)
        assert (gap.roles if gap else None) == brute.brute_shortest_gap(graph, **q)
