"""The Neo4j store keeps a catalog's career rules and its roles' Job Zones."""

from __future__ import annotations

import pytest

from graph.career import CareerRules, DerivedRules
from graph.errors import CatalogError
from stores.neo4j import Neo4jStore, role_from_properties, role_properties
from tests.unit.store.catalogs import bare_role, sample_catalog
from tests.unit.store.fakes import FakeDriver

RULES = CareerRules(
    adjacent_families=(("data", "ml"),),
    development_rate=0.5,
    derived=DerivedRules(max_job_zone_change=1),
)


def _store(driver: FakeDriver) -> Neo4jStore:
    return Neo4jStore(driver, "neo4j", uri="bolt://fake:7687")  # type: ignore[arg-type]


def test_a_job_zone_is_a_node_property() -> None:
    role = bare_role("a").model_copy(update={"job_zone": 4})
    assert role_properties(role)["job_zone"] == 4
    assert role_from_properties(role_properties(role)) == role
    assert "job_zone" not in role_properties(bare_role("b"))


def test_rules_are_loaded_read_back_and_kept_by_writes() -> None:
    driver = FakeDriver()
    catalog = sample_catalog().with_rules(RULES)
    _store(driver).load(catalog)
    fresh = _store(driver)  # another process: reads what was stored
    assert fresh.snapshot().catalog == catalog
    written = fresh.put_role(bare_role("new-role")).snapshot
    assert written.catalog.rules == RULES
    assert _store(driver).snapshot().catalog.rules == RULES


def test_a_database_without_rules_has_the_default_ones() -> None:
    driver = FakeDriver()
    _store(driver).load(sample_catalog())
    driver.model.rules = None  # loaded before rules existed
    driver.model.version += 1
    assert _store(driver).snapshot().catalog.rules == CareerRules()


def test_bad_stored_rules_are_a_catalog_problem() -> None:
    driver = FakeDriver()
    _store(driver).load(sample_catalog())
    driver.model.rules = '{"development_rate": 0}'
    driver.model.version += 1
    with pytest.raises(CatalogError, match="CatalogMeta.rules, field development_rate"):
        _store(driver).snapshot()
