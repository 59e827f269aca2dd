"""Route assembly: steps are kept by the compiled graph, never on the networkx graph."""

from __future__ import annotations

import networkx as nx

from graph.model import Role, Transition
from graph.network import add_transition, role_graph
from graph.search import best_route, compile_graph
from graph.traits import Profile


def _graph() -> tuple[list[Role], Transition]:
    profile = Profile.from_scores([50] * 6)
    roles = [Role(id=i, name=i.upper(), profile=profile) for i in "ab"]
    return roles, Transition(source="a", target="b", fit=0.5, develop={"openness": 10})


def test_a_step_is_made_once_per_compiled_edge() -> None:
    roles, edge = _graph()
    compiled = compile_graph(role_graph(roles, [edge]))
    assert compiled.step("a", "b") is compiled.step("a", "b")


def test_searching_writes_nothing_onto_the_networkx_graph() -> None:
    roles, edge = _graph()
    graph = role_graph(roles, [edge])
    before = _attributes(graph)
    best_route(graph, "a", "b")
    best_route(compile_graph(graph), "a", "b")
    assert _attributes(graph) == before


def _attributes(graph: nx.DiGraph) -> tuple[object, ...]:
    nodes = {n: dict(d) for n, d in graph.nodes(data=True)}
    edges = {(u, v): dict(d) for u, v, d in graph.edges(data=True)}
    return dict(graph.graph), nodes, edges


def test_a_changed_graph_compiled_again_shows_the_new_step() -> None:
    roles, edge = _graph()
    graph = role_graph(roles, [edge])
    before = best_route(graph, "a", "b")
    assert before is not None and before.steps[0].fit == 0.5
    add_transition(graph, Transition(source="a", target="b", fit=0.9, strengths=("SQL",)))
    after = best_route(compile_graph(graph), "a", "b")
    assert after is not None
    assert (after.steps[0].fit, after.steps[0].strengths, after.totals.effort) == (0.9, ("SQL",), 0)


def test_points_to_develop_are_kept_in_ocean_order_without_zeros() -> None:
    edge = Transition(
        source="a",
        target="b",
        fit=0.5,
        develop={"extraversion": 5, "openness": 3, "agreeableness": 0},
    )
    assert [t.value for t in edge.develop] == ["openness", "extraversion"]
