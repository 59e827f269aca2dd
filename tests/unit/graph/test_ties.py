"""Equal routes follow the documented tie-break in every mode, whatever float sums say.

Route A (s → a1 → a2 → t) has fits 0.72, 0.67, 0.8; route B (s → b1 → b2 → t) the
same fits in another order, 0.8, 0.72, 0.67. Their products are equal, but summed as
floats their ``-ln fit`` differ in the last bit, B's being the smaller. Every mode must
still see them as equal and pick A (fewer steps: equal; smaller role ids: A).
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest

from graph.model import Role, Transition
from graph.network import role_graph
from graph.personal import (
    Person,
    personal_alternatives,
    personal_best,
    personal_pareto,
    personal_reachable,
    personal_shortest_gap,
)
from graph.personal import brute_force as personal_brute
from graph.search import (
    Constraints,
    Objective,
    alternative_routes,
    best_route,
    pareto_routes,
    reachable_routes,
    shortest_gap_route,
)
from graph.search import brute_force as brute
from graph.traits import Profile
from loaders import read_catalog

REPO = Path(__file__).resolve().parents[3]
A = ("s", "a1", "a2", "t")
B = ("s", "b1", "b2", "t")
OBJECTIVES = [Objective(), Objective(effort_weight=0.0), Objective(months_weight=1.0)]
pytestmark = pytest.mark.usefixtures("search_mode")


def _graph() -> nx.DiGraph:
    neutral = Profile.from_scores([50] * 6)
    roles = [Role(id=r, name=r, profile=neutral) for r in ("s", "a1", "a2", "b1", "b2", "t")]
    fits = {A: (0.72, 0.67, 0.8), B: (0.8, 0.72, 0.67)}
    edges = [
        Transition(source=u, target=v, fit=f, develop={"openness": 5})
        for path, path_fits in fits.items()
        for u, v, f in zip(path, path[1:], path_fits, strict=False)
    ]
    return role_graph(roles, edges)


def _float_sum(path: tuple[str, ...], fits: dict[tuple[str, str], float]) -> float:
    total = 0.0
    for u, v in zip(path, path[1:], strict=False):
        total += -math.log(fits[u, v])
    return total


def test_the_example_is_a_float_tie() -> None:
    graph = _graph()
    fits = {(u, v): d["fit"] for u, v, d in graph.edges(data=True)}
    assert _float_sum(B, fits) < _float_sum(A, fits)  # float order alone would pick B
    product_a = math.prod(fits[e] for e in zip(A, A[1:], strict=False))
    product_b = math.prod(fits[e] for e in zip(B, B[1:], strict=False))
    assert product_a == pytest.approx(product_b, rel=1e-15)  # equal but for float rounding


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_every_mode_breaks_the_tie_by_role_ids(objective: Objective) -> None:
    graph = _graph()
    best = best_route(graph, "s", "t", objective=objective)
    assert best is not None and best.roles == A
    assert (
        best.totals.score
        == alternative_routes(graph, "s", "t", 2, objective=objective)[1].totals.score
    )
    assert [r.roles for r in alternative_routes(graph, "s", "t", 2, objective=objective)] == [A, B]
    assert [r.roles for r in pareto_routes(graph, "s", "t", objective=objective)] == [A]
    gap = shortest_gap_route(graph, "s", "t", objective=objective)
    assert gap is not None and gap.roles == A
    assert reachable_routes(graph, "s", objective=objective)["t"].roles == A
    assert brute.brute_best(graph, "s", "t", objective=objective) == A
    assert brute.brute_pareto(graph, "s", "t", objective=objective) == [A]


def _twin_graph() -> nx.DiGraph:
    """Two middle roles with the same profile: every personal number ties between them."""
    start, middle, end = ([50] * 6, [60, 50, 55, 50, 50, 50], [70, 50, 60, 50, 50, 50])
    roles = [
        Role(id=r, name=r, profile=Profile.from_scores(p))
        for r, p in (("s", start), ("m2", middle), ("m1", middle), ("t", end))
    ]
    pairs = [("s", "m1"), ("s", "m2"), ("m1", "t"), ("m2", "t")]
    return role_graph(roles, [Transition(source=u, target=v, fit=0.5) for u, v in pairs])


def test_personal_modes_break_ties_by_role_ids() -> None:
    graph = _twin_graph()
    me = Person(scores=Profile.from_scores([50] * 6), current_role="s", tolerance=0)
    limit = Constraints(max_steps=2, curated_only=False)
    first, second = ("s", "m1", "t"), ("s", "m2", "t")
    best = personal_best(graph, me, "t", limit)
    assert best is not None and best.roles == first
    assert [r.roles for r in personal_alternatives(graph, me, "t", 3, limit)] == [first, second]
    assert [r.roles for r in personal_pareto(graph, me, "t", limit)] == [first]
    gap = personal_shortest_gap(graph, me, "t", limit)
    assert gap is not None and gap.roles == first
    assert personal_reachable(graph, me, limit)["t"].roles == first
    assert personal_brute.brute_personal_pareto(graph, me, "t", constraints=limit) == [first]


def test_the_issues_example_goes_through_mlops_engineer() -> None:
    """`rumbo route cloud-security-engineer build-engineer --max-steps 4` (issue 13)."""
    graph = read_catalog(REPO / "loaders" / "bundled").to_graph()
    for curated_only in (False, True):
        limit = Constraints(max_steps=4, curated_only=curated_only)
        route = best_route(graph, "cloud-security-engineer", "build-engineer", limit)
        assert route is not None and "mlops-engineer" in route.roles


def test_different_fits_with_the_same_product_tie_in_every_mode() -> None:
    """0.56 · 0.65 and 0.52 · 0.70 are both 0.364: the smaller ids win in every mode."""
    neutral = Profile.from_scores([50] * 6)
    roles = [Role(id=r, name=r, profile=neutral) for r in ("s", "a1", "b1", "t")]
    fits = {("s", "a1"): 0.56, ("a1", "t"): 0.65, ("s", "b1"): 0.52, ("b1", "t"): 0.70}
    graph = role_graph(
        roles,
        [
            Transition(source=u, target=v, fit=f, develop={"openness": 5})
            for (u, v), f in fits.items()
        ],
    )
    first, second = ("s", "a1", "t"), ("s", "b1", "t")
    for objective in OBJECTIVES:
        best = best_route(graph, "s", "t", objective=objective)
        assert best is not None and best.roles == first
        ranked = alternative_routes(graph, "s", "t", 2, objective=objective)
        assert [r.roles for r in ranked] == [first, second]
        assert ranked[0].totals.score == ranked[1].totals.score
        assert [r.roles for r in pareto_routes(graph, "s", "t", objective=objective)] == [first]
        gap = shortest_gap_route(graph, "s", "t", objective=objective)
        assert gap is not None and gap.roles == first
        assert reachable_routes(graph, "s", objective=objective)["t"].roles == first
        assert brute.brute_best(graph, "s", "t", objective=objective) == first
        assert brute.brute_pareto(graph, "s", "t", objective=objective) == [first]
