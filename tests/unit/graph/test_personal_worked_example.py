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


def test_the_cap_forces_a_four_step_climb(graph) -> None:  # type: ignore[no-untyped-def]
    capped = Constraints(max_trait_step=10)
    route = personal_best(graph, LUCIA, "chief-data-officer", capped)
    assert route is not None
    assert route.roles == (
        "mlops-engineer",
        "platform-engineer",
        "data-platform-lead",
        "director-of-data",
        "chief-data-officer",
    )
    assert [s.fit for s in route.steps] == [0.57, 0.61, 0.60, 0.64]
    e, re = Trait.EXTRAVERSION, Trait.RELATIONAL_ENGAGEMENT
    assert [s.develop for s in route.steps] == [
        {e: 5, re: 6},
        {e: 4, re: 3},
        {e: 5, re: 5},
        {e: 3},
    ]
    assert [s.level_change for s in route.steps] == [0, 1, 1, 1]
    # Each step: the time in the role left (senior, senior, lead: 47 months; director: 60),
    # longer than the 6 months the largest development asks at 1 point a month.
    assert [s.months for s in route.steps] == [47.0, 47.0, 47.0, 60.0]
    assert route.totals.effort == 31
    assert route.totals.develop == {e: 17, re: 14}
    assert route.totals.months == 201.0
    assert round(route.totals.cumulative_fit, 3) == 0.134
    frontier = personal_pareto(graph, LUCIA, "chief-data-officer", capped)
    assert [(r.roles, r.totals.effort, r.totals.months) for r in frontier] == [
        (route.roles, 31, 201.0),
        (
            (
                "mlops-engineer",
                "platform-engineer",
                "data-platform-lead",
                "head-of-data-governance",
                "chief-data-officer",
            ),
            31,
            188.0,
        ),
    ]


def test_without_the_cap_the_direct_move_wins(graph) -> None:  # type: ignore[no-untyped-def]
    route = personal_best(graph, LUCIA, "chief-data-officer")
    assert route is not None
    assert route.roles == ("mlops-engineer", "chief-data-officer")
    assert route.steps[0].develop == {Trait.EXTRAVERSION: 17, Trait.RELATIONAL_ENGAGEMENT: 14}
    assert (route.steps[0].level_change, route.totals.months) == (3, 47.0)


def test_her_own_pace_overrides_the_catalogs(graph) -> None:  # type: ignore[no-untyped-def]
    own = LUCIA.model_copy(update={"development_rate": 2.0, "min_months_in_role": 6.0})
    route = personal_best(graph, own, "chief-data-officer")
    assert route is not None
    assert route.roles == ("mlops-engineer", "chief-data-officer")
    assert route.totals.months == 8.5  # max(6, 17 / 2)
