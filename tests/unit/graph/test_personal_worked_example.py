"""The personal worked example of docs/model.md, number by number."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.personal import Person, personal_best, personal_pareto
from graph.search import Constraints
from graph.traits import Profile, Trait
from loaders import read_catalog

REPO = Path(__file__).resolve().parents[3]

LUCIA = Person(scores=Profile.from_scores([72, 78, 38, 58, 70, 44]), current_role="mlops-engineer")


@pytest.fixture(scope="module")
def graph():  # type: ignore[no-untyped-def]
    return read_catalog(REPO / "loaders" / "bundled").to_graph()


def test_the_cap_forces_a_three_step_route(graph) -> None:  # type: ignore[no-untyped-def]
    capped = Constraints(max_trait_step=10)
    route = personal_best(graph, LUCIA, "chief-data-officer", capped)
    assert route is not None
    assert route.roles == (
        "mlops-engineer",
        "data-architect",
        "data-platform-lead",
        "chief-data-officer",
    )
    assert [s.fit for s in route.steps] == [0.76, 0.50, 0.53]
    e, re = Trait.EXTRAVERSION, Trait.RELATIONAL_ENGAGEMENT
    assert [s.develop for s in route.steps] == [{}, {e: 9, re: 9}, {e: 8, re: 5}]
    assert [s.months for s in route.steps] == [6.0, 6.0, 6.0]
    assert route.totals.effort == 31
    assert route.totals.develop == {e: 17, re: 14}
    assert route.totals.months == 18.0
    assert round(route.totals.cumulative_fit, 2) == 0.20
    assert [r.roles for r in personal_pareto(graph, LUCIA, "chief-data-officer", capped)] == [
        route.roles
    ]


def test_without_the_cap_the_direct_move_wins(graph) -> None:  # type: ignore[no-untyped-def]
    route = personal_best(graph, LUCIA, "chief-data-officer")
    assert route is not None
    assert route.roles == ("mlops-engineer", "chief-data-officer")
    assert route.steps[0].develop == {Trait.EXTRAVERSION: 17, Trait.RELATIONAL_ENGAGEMENT: 14}
