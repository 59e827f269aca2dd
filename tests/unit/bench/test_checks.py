"""The benchmark's answer checks: they accept Rumbo's real answers and catch wrong ones."""

from __future__ import annotations

import networkx as nx
import pytest

from bench.checks import AlternativesCheck, check_best, check_paths, check_route
from bench.subjects import COST, add_cost
from graph.model import Role, Transition
from graph.network import role_graph
from graph.search import (
    alternative_routes,
    best_route,
    compile_graph,
    pareto_routes,
    shortest_gap_route,
)
from graph.search.brute_force import brute_pareto, brute_shortest_gap
from graph.search.query import Constraints
from graph.traits import Profile


@pytest.fixture
def graph() -> nx.DiGraph:
    """a→d directly (poor fit), through b (best), or through c (least effort)."""
    profile = Profile.from_scores([50] * 6)
    roles = [Role(id=i, name=i.upper(), profile=profile) for i in "abcd"]
    moves = [
        Transition(source="a", target="d", fit=0.35, develop={"openness": 5}),
        Transition(source="a", target="b", fit=0.9, develop={"openness": 10}),
        Transition(source="b", target="d", fit=0.9, develop={"openness": 10}),
        Transition(source="a", target="c", fit=0.6),
        Transition(source="c", target="d", fit=0.6),
    ]
    g = role_graph(roles, moves)
    add_cost(g)
    return g


def test_best_accepts_the_optimum_and_flags_a_costlier_route(graph: nx.DiGraph) -> None:
    limits = Constraints(max_steps=3)
    route = best_route(compile_graph(graph), "a", "d", limits)
    _, optimum = nx.bidirectional_dijkstra(graph, "a", "d", weight=COST)
    check = check_best(graph, max_steps=3)
    assert check(("a", "d"), route, optimum) == ("ok", "")
    status, detail = check(("a", "d"), route, ["a", "d"])
    assert status == "mismatch" and "networkx" in detail
    assert check(("a", "d"), None, optimum)[0] == "mismatch"
    # networkx's optimum longer than the step limit: Rumbo may only not be cheaper.
    assert check_best(graph, max_steps=1)(("a", "d"), route, optimum)[0] == "unverified"


def test_alternatives_compare_costs_in_order(graph: nx.DiGraph) -> None:
    routes = alternative_routes(compile_graph(graph), "a", "d", 3, Constraints(max_steps=3))
    paths = list(nx.shortest_simple_paths(graph, "a", "d", weight=COST))
    check = AlternativesCheck(graph, k=3, max_steps=3, timeout=1.0, budget=1.0)
    assert check(("a", "d"), routes, (None, paths)) == ("ok", "")
    assert check(("a", "d"), list(reversed(routes)), (None, paths))[0] == "mismatch"


def test_paths_and_route_must_be_identical(graph: nx.DiGraph) -> None:
    limits = Constraints(max_steps=3)
    compiled = compile_graph(graph)
    front = pareto_routes(compiled, "a", "d", limits)
    want = brute_pareto(graph, "a", "d", constraints=limits)
    assert check_paths(graph)(("a", "d"), front, want) == ("ok", "")
    assert check_paths(graph)(("a", "d"), front[:1], want)[0] == "mismatch"
    gap = shortest_gap_route(compiled, "a", "d", limits)
    want_gap = brute_shortest_gap(graph, "a", "d", constraints=limits)
    assert check_route(graph)(("a", "d"), gap, want_gap) == ("ok", "")
    assert check_route(graph)(("a", "d"), gap, ("a", "b", "d"))[0] == "mismatch"
    assert check_route(graph)(("a", "d"), None, want_gap)[0] == "mismatch"
