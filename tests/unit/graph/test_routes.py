"""Route assembly: steps kept per edge must follow the edge when it is replaced."""

from __future__ import annotations

from graph.model import Role, Transition
from graph.network import add_transition, role_graph
from graph.routes import kept_step
from graph.search import best_route
from graph.traits import Profile


def _graph() -> tuple[list[Role], Transition]:
    profile = Profile.from_scores([50] * 6)
    roles = [Role(id=i, name=i.upper(), profile=profile) for i in "ab"]
    return roles, Transition(source="a", target="b", fit=0.5, develop={"openness": 10})


def test_a_step_is_made_once_per_edge() -> None:
    roles, edge = _graph()
    graph = role_graph(roles, [edge])
    assert kept_step(graph["a"]["b"]) is kept_step(graph["a"]["b"])


def test_replacing_an_edge_replaces_the_step_routes_show() -> None:
    roles, edge = _graph()
    graph = role_graph(roles, [edge])
    before = best_route(graph, "a", "b")
    assert before is not None and before.steps[0].fit == 0.5
    add_transition(graph, Transition(source="a", target="b", fit=0.9, strengths=("SQL",)))
    after = best_route(graph, "a", "b")
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
