"""Credential gates: a route does not pass through a role requiring a credential neither end holds.

The graph: ``s → md → t`` is the best route (fits 1.0) but ``md`` requires a medical
licence; ``s → x → t`` (fits 0.5) requires nothing; ``s → law → md2 → t2`` crosses a bar
admission and then a medical licence.
"""

from __future__ import annotations

import networkx as nx
import pytest

from graph.career import CareerRules
from graph.model import Role, Transition
from graph.network import role_graph
from graph.personal import Person, personal_best, personal_reachable
from graph.search import Constraints, best_route, compile_graph, reachable_routes
from graph.search import brute_force as brute
from graph.traits import Profile

NEUTRAL = Profile.from_scores([50] * 6)
CREDENTIALS = {"medical licence": ("md",), "bar admission": ("law",)}
EDGES = {
    ("s", "md"): 1.0,
    ("md", "t"): 1.0,
    ("s", "x"): 0.5,
    ("x", "t"): 0.5,
    ("s", "law"): 1.0,
    ("law", "md2"): 1.0,
    ("md2", "t2"): 1.0,
}
GATES_OPEN = Constraints(allow_credential_gates=True)
pytestmark = pytest.mark.usefixtures("search_mode")


def _graph(credentials: dict[str, tuple[str, ...]] = CREDENTIALS) -> nx.DiGraph:
    ids = sorted({r for edge in EDGES for r in edge})
    roles = [Role(id=r, name=r, profile=NEUTRAL) for r in ids]
    edges = [Transition(source=u, target=v, fit=f) for (u, v), f in EDGES.items()]
    return role_graph(roles, edges, CareerRules(credentials=credentials))


def test_the_longest_prefix_names_the_credential() -> None:
    rules = CareerRules(credentials={"licence": ("onet-29",), "surgeon": ("onet-29-1067",)})
    assert rules.credential_of("onet-29-1067-00") == "surgeon"
    assert rules.credential_of("onet-29-1141-00") == "licence"
    assert rules.credential_of("onet-15-2041-00") is None
    graph = _graph()
    assert [graph.nodes[r]["credential"] for r in ("md", "md2", "law", "x")] == [
        "medical licence",
        "medical licence",
        "bar admission",
        None,
    ]


@pytest.mark.parametrize(
    "credentials",
    [{"": ("x",)}, {"licence": ()}, {"licence": ("",)}, {"a": ("x",), "b": ("x",)}],
)
def test_credentials_need_names_and_distinct_prefixes(
    credentials: dict[str, tuple[str, ...]],
) -> None:
    with pytest.raises(ValueError, match="credential|prefix"):
        CareerRules(credentials=credentials)


def test_a_route_does_not_cross_a_credential_neither_end_holds() -> None:
    graph = _graph()
    assert best_route(graph, "s", "t").roles == ("s", "x", "t")  # type: ignore[union-attr]
    assert best_route(graph, "s", "t", GATES_OPEN).roles == ("s", "md", "t")  # type: ignore[union-attr]
    held_by_target = _graph({"medical licence": ("md", "t")})
    assert best_route(held_by_target, "s", "t").roles == ("s", "md", "t")  # type: ignore[union-attr]
    assert best_route(graph, "s", "t2") is None
    assert best_route(graph, "s", "t2", GATES_OPEN).roles == ("s", "law", "md2", "t2")  # type: ignore[union-attr]


def test_without_credentials_nothing_is_gated() -> None:
    graph = _graph({})
    assert best_route(graph, "s", "t").roles == ("s", "md", "t")  # type: ignore[union-attr]


def test_reachable_gates_each_reached_role_by_its_own_credential() -> None:
    graph = _graph()
    got = {k: r.roles for k, r in reachable_routes(graph, "s").items()}
    # md is a target of its own (it holds its credential); t is reached around it;
    # md2 holds the medical licence but not the bar admission of law before it.
    assert got["md"] == ("s", "md")
    assert got["t"] == ("s", "x", "t")
    assert "md2" not in got and "t2" not in got
    assert got == brute.brute_reachable(graph, "s")


def test_a_person_from_no_role_holds_no_credential() -> None:
    graph = compile_graph(_graph())
    person = Person(scores=NEUTRAL)
    route = personal_best(graph, person, "t", Constraints(max_steps=2))
    assert route is not None and "md" not in route.roles
    reached = {k: r.roles for k, r in personal_reachable(graph, person).items()}
    assert all("md" not in roles[:-1] for roles in reached.values())
