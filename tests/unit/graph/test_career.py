"""Career rules: the level scale, time in role, adjacency and development time."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from graph.career import CareerRules, DerivedRules, LevelScale, development_months
from graph.catalog import Catalog
from graph.errors import CatalogError
from graph.model import Role
from graph.traits import Profile


def test_the_default_scale_puts_lead_and_manager_on_one_rank() -> None:
    levels = CareerRules().levels
    assert [levels.rank(n) for n in levels.names()] == [0, 1, 2, 3, 3, 4, 5]
    assert levels.change("lead", "manager") == 0
    assert levels.change("executive", "junior") == -5
    assert levels.change(None, "junior") is None


def test_a_scale_refuses_empty_ranks_and_repeated_names() -> None:
    with pytest.raises(ValidationError, match="at least one level name"):
        LevelScale(ranks=(("a",), ()))
    with pytest.raises(ValidationError, match="more than one rank: a"):
        LevelScale(ranks=(("a",), ("b", "a")))


def test_months_name_levels_of_the_scale_only() -> None:
    with pytest.raises(ValidationError, match="not on the scale: astronaut"):
        CareerRules(months_by_level={"astronaut": 12})
    rules = CareerRules(months_by_level={"junior": 12}, unknown_level_months=20)
    assert (rules.months_in_role("junior"), rules.months_in_role("mid")) == (12, 20)


def test_adjacency_is_symmetric_and_needs_families() -> None:
    rules = CareerRules(adjacent_families=(("data", "ml"),))
    assert rules.adjacent("ml", "data") and rules.adjacent("data", "data")
    assert not rules.adjacent("data", "product")
    assert not rules.adjacent(None, None)


def test_derived_level_window_is_ordered() -> None:
    with pytest.raises(ValidationError, match="min_level_change is above max_level_change"):
        DerivedRules(min_level_change=1, max_level_change=0)


def test_traits_develop_in_parallel() -> None:
    assert development_months([12, 30, 6], 1.5) == 20.0


def test_a_catalog_refuses_levels_off_its_scale_except_empty_ones() -> None:
    p = Profile.from_scores([50] * 6)
    good = [Role(id="a", name="A", level="senior", profile=p), Role(id="b", name="B", profile=p)]
    catalog = Catalog.build(good, [])
    with pytest.raises(CatalogError, match="level 'senior' is not on the catalog's scale"):
        catalog.with_rules(CareerRules(levels=LevelScale(ranks=(("junior",),)), months_by_level={}))
    with pytest.raises(CatalogError, match="record c, field level"):
        Catalog.build([Role(id="c", name="C", level="astronaut", profile=p)], [])
