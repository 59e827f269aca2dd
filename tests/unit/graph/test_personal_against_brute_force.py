"""Personal routes agree with brute-force enumeration for random graphs and people."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.personal import (
    Person,
    personal_alternatives,
    personal_best,
    personal_pareto,
    personal_reachable,
    personal_shortest_gap,
)
from graph.personal import brute_force as brute
from tests.unit.graph.strategies import graphs, people, queries

PROPERTY = settings(
    max_examples=120,
    deadline=None,
    # search_mode only patches a module constant, the same for every example.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
pytestmark = pytest.mark.usefixtures("search_mode")


def _draw(data: st.DataObject, with_via: bool = True) -> tuple[nx.DiGraph, dict[str, object]]:
    graph: nx.DiGraph = data.draw(graphs(max_nodes=7))
    q = data.draw(queries(graph, with_via=with_via))
    person = data.draw(people(graph))
    del q["source"]
    q["person"] = person
    return graph, q


@PROPERTY
@given(st.data(), st.integers(1, 6))
def test_personal_best_and_alternatives(data: st.DataObject, k: int) -> None:
    graph, q = _draw(data)
    expected = brute.brute_personal_alternatives(graph, k=k, **q)
    best = personal_best(graph, **q)  # type: ignore[arg-type]
    assert (best.roles if best else None) == (expected[0] if expected else None)
    got = personal_alternatives(graph, k=k, **q)  # type: ignore[arg-type]
    assert [r.roles for r in got] == expected


@PROPERTY
@given(st.data())
def test_personal_shortest_gap(data: st.DataObject) -> None:
    graph, q = _draw(data)
    route = personal_shortest_gap(graph, **q)  # type: ignore[arg-type]
    assert (route.roles if route else None) == brute.brute_personal_shortest_gap(graph, **q)


@PROPERTY
@given(st.data())
def test_personal_pareto(data: st.DataObject) -> None:
    graph, q = _draw(data)
    got = [r.roles for r in personal_pareto(graph, **q)]  # type: ignore[arg-type]
    assert got == brute.brute_personal_pareto(graph, **q)


@PROPERTY
@given(st.data())
def test_personal_reachable(data: st.DataObject) -> None:
    graph, q = _draw(data, with_via=False)
    del q["target"]
    got = {k: r.roles for k, r in personal_reachable(graph, **q).items()}  # type: ignore[arg-type]
    expected = brute.brute_personal_reachable(graph, **q)
    assert got == expected
    assert list(got) == list(expected)


@PROPERTY
@given(st.data())
def test_personal_route_totals_replay_the_profile(data: st.DataObject) -> None:
    """Effort equals the points the final profile gained; no point is paid twice."""
    graph, q = _draw(data)
    person = q["person"]
    assert isinstance(person, Person)
    for route in personal_alternatives(graph, k=3, **q):  # type: ignore[arg-type]
        gained = dict.fromkeys(route.totals.develop, 0)
        for step in route.steps:
            for trait, points in step.develop.items():
                gained[trait] += points
        assert gained == route.totals.develop
        assert route.totals.effort == sum(gained.values())
        months = [step.months for step in route.steps]
        assert None not in months
        assert route.totals.months == math.fsum(months)  # type: ignore[arg-type]
        for step, step_months in zip(route.steps, months, strict=True):
            if step.source is not None:
                stay = person.min_months_in_role
                if stay is None:
                    stay = graph.nodes[step.source]["months_in_role"]
                assert step_months >= stay
