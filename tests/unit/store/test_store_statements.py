"""The exact statements (by name) and parameters the Neo4j store sends, on a fake driver."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from neo4j import READ_ACCESS, WRITE_ACCESS
from neo4j.exceptions import AuthError, ServiceUnavailable, TransientError

from graph.catalog import Catalog
from graph.errors import CatalogError, UnknownRoleError, UnknownTransitionError
from graph.model import Origin, Transition
from graph.store import StoreUnavailable, VersionConflict
from graph.traits import Trait
from loaders import CatalogFormat, write_catalog
from stores.neo4j import (
    DELETE_BATCH_SIZE,
    INDEX_WAIT_SECONDS,
    SCHEMA_STATEMENTS,
    Neo4jStore,
    action_row,
    role_properties,
    rules_property,
    transition_columns,
    transition_row,
)
from tests.unit.store.catalogs import INJECTION, bare_role, sample_catalog
from tests.unit.store.fakes import Call, FakeDriver, Model, element_id

URI = "bolt://db.example:7687"
SCHEMA = [*SCHEMA_STATEMENTS, "await_indexes", "ensure_meta"]


def make_store(driver: FakeDriver, batch_size: int = 2, writers: int = 1) -> Neo4jStore:
    """A store on the fake; one writer by default, so that batches are sent in order."""
    return Neo4jStore(
        driver,  # type: ignore[arg-type]
        "neo4j",
        uri=URI,
        batch_size=batch_size,
        writers=writers,
    )


def loaded(catalog: Catalog | None = None) -> tuple[FakeDriver, Neo4jStore]:
    """A store whose (fake) database holds ``catalog`` as generation 1, version 1."""
    driver = FakeDriver()
    store = make_store(driver)
    store.load(catalog or sample_catalog())
    driver.reset()
    return driver, store


def calls_after(driver: FakeDriver, first: str) -> list[Call]:
    names = driver.names()
    return driver.calls[names.index(first) :]


# ------------------------------------------------------------------ schema


def test_init_schema_sends_each_schema_statement_in_its_own_write_transaction() -> None:
    driver = FakeDriver(Model(meta=False))
    make_store(driver).init_schema()
    assert driver.names() == SCHEMA
    assert [c.mode for c in driver.calls] == ["write"] * len(SCHEMA)
    assert len({c.tx for c in driver.calls}) == len(SCHEMA)
    assert driver.calls[SCHEMA.index("await_indexes")].params == {
        "timeout_seconds": INDEX_WAIT_SECONDS
    }
    assert all(c.params == {} for c in driver.calls if c.name != "await_indexes")
    assert all(s["database"] == "neo4j" for s in driver.sessions)


# ------------------------------------------------------------------ snapshot


def test_snapshot_reads_the_version_then_the_projection_in_one_read_transaction() -> None:
    driver, _ = loaded()
    store = make_store(driver)  # a new process: nothing cached
    snapshot = store.snapshot()
    assert snapshot.version == 1 and not snapshot.stale
    assert snapshot.catalog == sample_catalog()
    assert driver.names() == [
        "read_version",
        "read_version",
        "read_projection",
        "read_actions",
        "read_rules",
        "read_version",
    ]
    probe, *projection = driver.calls
    assert probe.mode == "auto" and probe.tx == 0  # no retries: the stale fallback is fast
    assert {c.mode for c in projection} == {"read"} and len({c.tx for c in projection}) == 1
    assert [c.params for c in projection[1:3]] == [{"generation": 1}] * 2
    assert driver.sessions[0]["default_access_mode"] == READ_ACCESS


def test_snapshot_reloads_only_when_the_version_changed() -> None:
    driver, store = loaded()
    first = store.snapshot()
    assert driver.names() == ["read_version"]  # the load cached what it wrote
    assert store.snapshot() is first
    driver.model.version += 1  # another process wrote
    driver.reset()
    second = store.snapshot()
    assert second.version == 2 and second is not first
    assert driver.names()[:3] == ["read_version", "read_version", "read_projection"]


def test_snapshot_reloads_when_the_database_was_recreated_with_the_same_version() -> None:
    driver, store = loaded()
    store.snapshot()
    driver.model.uid = "catalog-2"  # wiped and reloaded: same version number, another catalog
    driver.model.roles[1].pop("c")
    driver.model.transitions[1] = [t for t in driver.model.transitions[1] if t["target"] != "c"]
    assert "c" not in store.snapshot().catalog.roles


def test_projection_is_read_again_when_a_write_commits_during_the_read() -> None:
    driver, _ = loaded()
    store = make_store(driver)

    def concurrent_write() -> None:
        driver.model.version += 1

    driver.before["read_actions"] = concurrent_write
    snapshot = store.snapshot()
    assert snapshot.version == 2
    assert driver.names().count("read_projection") == 2


def test_reads_during_another_threads_reload_get_the_previous_snapshot() -> None:
    driver, store = loaded()
    previous = store.snapshot()
    driver.model.version += 1
    store._reload_lock.acquire()  # another thread is reading the projection
    try:
        assert store.snapshot() is previous
    finally:
        store._reload_lock.release()
    assert store.snapshot().version == 2


def test_server_down_gives_the_last_snapshot_marked_stale() -> None:
    driver, store = loaded()
    fresh = store.snapshot()
    driver.down = True
    stale = store.snapshot()
    assert stale.stale and stale.version == fresh.version and stale.catalog is fresh.catalog
    assert store.snapshot() is stale  # one stale twin per version
    driver.down = False
    assert store.snapshot() is fresh


def test_server_down_without_a_snapshot_is_one_clear_line() -> None:
    driver = FakeDriver()
    driver.down = True
    with pytest.raises(StoreUnavailable) as info:
        make_store(driver).snapshot()
    message = str(info.value)
    assert "\n" not in message
    assert message == (
        "Neo4j at bolt://db.example:7687 (database 'neo4j'): reading the catalog version "
        "failed: the server does not answer ([Errno 111] Connection refused)"
    )
    assert isinstance(info.value.__cause__, ServiceUnavailable)


def test_auth_errors_name_the_uri_and_what_failed() -> None:
    driver, store = loaded()
    driver.fail["read_version"] = AuthError(
        "The client is unauthorized due to authentication failure."
    )
    with pytest.raises(
        StoreUnavailable,
        match=r"^Neo4j at bolt://db.example:7687 .*"
        r"reading the catalog version failed: authentication failed",
    ):
        store.export(Path("unused"))


# ------------------------------------------------------------------ whole loads


def test_load_writes_a_new_generation_in_batches_then_switches_and_drops_the_old() -> None:
    driver, store = loaded()
    catalog = sample_catalog()
    progress: list[tuple[int, int]] = []
    snapshot = store.load(catalog, progress=lambda done, total: progress.append((done, total)))
    assert snapshot is not None and snapshot.version == 2 and snapshot.catalog == catalog
    assert driver.names() == [
        "read_version",
        "count_generation",
        "allocate_generation",
        "create_roles",
        "create_roles",
        "create_transitions",
        "create_transitions",
        "create_actions",
        "create_actions",
        "bump_version",
        "count_generation",
        "switch_generation",
        "other_generations",
        "delete_generation_batch",
        "delete_generation_actions",
    ]
    by_name = {c.name: c for c in reversed(driver.calls)}  # first call of each name
    roles = list(catalog.roles.values())
    assert by_name["create_roles"].params == {
        "generation": 2,
        "rows": [role_properties(roles[0]), role_properties(roles[1])],
    }
    nodes = {role_id: element_id(2, role_id) for role_id in catalog.roles}
    assert by_name["create_transitions"].params == {
        "generation": 2,
        **transition_columns(catalog.transition_table().columns(0, 2), nodes),
    }
    assert by_name["create_actions"].params == {
        "generation": 2,
        "rows": [action_row(0, catalog.actions[0]), action_row(1, catalog.actions[1])],
    }
    assert by_name["count_generation"].params == {"generation": 1}  # old size, for progress
    switch = calls_after(driver, "bump_version")[:3]
    rules = rules_property(catalog.rules)
    assert [c.params for c in switch] == [{}, {"generation": 2}, {"generation": 2, "rules": rules}]
    assert len({c.tx for c in switch}) == 1  # one transaction: bump, check, switch
    assert by_name["delete_generation_batch"].params == {
        "generation": 1,
        "batch_size": DELETE_BATCH_SIZE,
    }
    # every batch is its own write transaction
    batches = [c for c in driver.calls if c.name.startswith("create_")]
    assert len({c.tx for c in batches}) == len(batches) and {c.mode for c in batches} == {"write"}
    total = 4 + 3 + 3 + 4  # roles, transitions, actions written; old roles deleted
    assert progress[0] == (0, total) and progress[-1] == (total, total)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    assert driver.model.generation == 2 and set(driver.model.roles) == {2}


def test_first_load_creates_the_schema_first() -> None:
    driver = FakeDriver(Model(meta=False))
    make_store(driver, batch_size=5000).load(sample_catalog())
    # One auto-commit read first, so that an unreachable server fails at once.
    assert driver.names()[0] == "read_version"
    assert driver.names()[1 : 1 + len(SCHEMA)] == SCHEMA
    assert driver.names()[1 + len(SCHEMA) :][:6] == [
        "read_version",
        "count_generation",
        "allocate_generation",
        "create_roles",
        "create_transitions",
        "create_actions",
    ]


def test_an_invalid_catalog_sends_nothing() -> None:
    driver, store = loaded()
    bad = Catalog(
        {"a": bare_role("a")},
        {("a", "zz"): Transition(source="a", target="zz", fit=0.5)},
    )
    with pytest.raises(CatalogError, match="unknown role 'zz'"):
        store.load(bad)
    assert driver.calls == []


def test_a_failure_midway_deletes_the_new_generation_and_never_switches() -> None:
    driver, store = loaded()
    before = driver.model.version, driver.model.generation
    driver.fail["create_transitions"] = TransientError("MemoryPoolOutOfMemoryError")
    with pytest.raises(
        StoreUnavailable, match=r"writing the catalog \(create_transitions\) failed"
    ):
        store.load(sample_catalog())
    assert "bump_version" not in driver.names() and "switch_generation" not in driver.names()
    cleanup = calls_after(driver, "create_transitions")[1:]
    assert [c.name for c in cleanup] == ["delete_generation_batch", "delete_generation_actions"]
    assert cleanup[0].params == {"generation": 2, "batch_size": DELETE_BATCH_SIZE}
    assert (driver.model.version, driver.model.generation) == before
    assert set(driver.model.roles) == {1}


def test_a_newer_load_that_finished_first_wins() -> None:
    driver, store = loaded()

    def newer_load_switched() -> None:
        driver.model.generation = 7

    driver.before["bump_version"] = newer_load_switched
    with pytest.raises(VersionConflict):
        store.load(sample_catalog())
    assert "switch_generation" not in driver.names()
    assert driver.model.generation == 7


def test_several_writers_send_every_batch_once_and_finish_each_phase_first() -> None:
    driver, _ = loaded()
    store = make_store(driver, batch_size=1, writers=3)
    catalog = sample_catalog()
    progress: list[int] = []
    store.load(catalog, progress=lambda done, total: progress.append(done))
    created = [c for c in driver.calls if c.name.startswith("create_")]
    assert [c.name for c in created] == [
        *["create_roles"] * len(catalog.roles),
        *["create_transitions"] * len(catalog.transitions),
        *["create_actions"] * len(catalog.actions),
    ]
    assert len({c.tx for c in created}) == len(created)  # one transaction each
    sent = sorted(c.params["rows"][0]["id"] for c in created if c.name == "create_roles")
    assert sent == sorted(catalog.roles)
    assert progress == sorted(progress)
    with make_store(driver) as reader:
        assert reader.snapshot().catalog == catalog


def test_a_failed_batch_among_several_writers_stops_the_load_and_drops_its_generation() -> None:
    driver, _ = loaded()
    before = driver.model.version, driver.model.generation, dict(driver.model.roles)
    driver.fail["create_transitions"] = TransientError("MemoryPoolOutOfMemoryError")
    store = make_store(driver, batch_size=1, writers=3)
    with pytest.raises(StoreUnavailable, match=r"\(create_transitions\) failed"):
        store.load(sample_catalog())
    names = driver.names()
    assert "create_actions" not in names and "bump_version" not in names
    assert names[-2:] == ["delete_generation_batch", "delete_generation_actions"]
    assert (driver.model.version, driver.model.generation, driver.model.roles) == before


@pytest.mark.parametrize("setting", [{"batch_size": 0}, {"writers": 0}])
def test_batch_size_and_writers_must_be_positive(setting: dict[str, int]) -> None:
    with pytest.raises(ValueError, match=f"{next(iter(setting))} must be positive"):
        Neo4jStore(FakeDriver(), "neo4j", uri=URI, **setting)  # type: ignore[arg-type]


def test_if_empty_skips_a_database_that_holds_a_catalog() -> None:
    driver, store = loaded()
    assert store.load(sample_catalog(), if_empty=True) is None
    assert "allocate_generation" not in driver.names()


def test_if_empty_loads_an_empty_database() -> None:
    driver = FakeDriver()
    snapshot = make_store(driver).load(sample_catalog(), if_empty=True)
    assert snapshot is not None and snapshot.version == 1


def test_if_empty_rechecks_inside_the_switch_transaction() -> None:
    driver = FakeDriver()
    store = make_store(driver)
    store.init_schema()

    def other_process_loaded() -> None:
        driver.model.roles[0] = {"a": {"id": "a"}}

    driver.before["bump_version"] = other_process_loaded
    assert store.load(sample_catalog(), if_empty=True) is None
    assert "switch_generation" not in driver.names()
    assert driver.model.version == 0  # the bump was rolled back
    assert driver.names()[-2:] == ["delete_generation_batch", "delete_generation_actions"]


def test_the_switch_refuses_a_generation_that_lost_rows() -> None:
    driver, store = loaded()

    def someone_deleted_a_role() -> None:
        driver.model.roles[2].pop("a")

    driver.before["bump_version"] = someone_deleted_a_role
    with pytest.raises(CatalogError, match="holds 3 roles and 3 transitions instead of 4 and 3"):
        store.load(sample_catalog())
    assert driver.model.generation == 1


# ------------------------------------------------------------------ incremental writes


def test_put_role_checks_the_version_inside_the_write_transaction() -> None:
    driver, store = loaded()
    role = bare_role("d", INJECTION)
    snapshot = store.put_role(role, expected_version=1).snapshot
    assert snapshot.version == 2 and snapshot.catalog.roles["d"].name == INJECTION
    assert driver.names() == ["read_version", "bump_version", "upsert_roles"]
    bump, upsert = driver.calls[1:]
    assert bump.tx == upsert.tx and bump.mode == "write"
    assert upsert.params == {"generation": 1, "rows": [role_properties(role)]}
    assert driver.sessions[-1]["default_access_mode"] == WRITE_ACCESS
    assert store.snapshot() is snapshot  # cached: no reload after our own write


def test_a_stale_expected_version_is_refused_before_writing() -> None:
    driver, store = loaded()
    with pytest.raises(VersionConflict) as info:
        store.delete_role("a", expected_version=5)
    assert (info.value.expected, info.value.current) == (5, 1)
    assert "bump_version" not in driver.names()


def test_a_write_that_lost_the_race_is_a_conflict_and_rolls_back() -> None:
    driver, store = loaded()
    store.snapshot()

    def other_process_wrote() -> None:
        driver.model.version += 1

    driver.before["bump_version"] = other_process_wrote
    with pytest.raises(VersionConflict) as info:
        store.put_role(bare_role("d"), expected_version=1)
    assert (info.value.expected, info.value.current) == (1, 2)
    assert "upsert_roles" not in driver.names()
    assert driver.model.version == 2  # our bump was rolled back


def test_an_unconditional_write_that_lost_the_race_revalidates_and_retries() -> None:
    driver, store = loaded()
    store.snapshot()

    def other_process_wrote() -> None:
        driver.model.version += 1

    driver.before["bump_version"] = other_process_wrote
    snapshot = store.put_role(bare_role("d")).snapshot
    assert snapshot.version == 3
    names = driver.names()
    assert names.count("bump_version") == 2 and names.count("upsert_roles") == 1
    assert "read_projection" in names  # the newer catalog was read before validating again


def test_delete_role_sends_the_id() -> None:
    driver, store = loaded()
    snapshot = store.delete_role("b")
    assert "b" not in snapshot.catalog.roles and ("a", "b") not in snapshot.catalog.transitions
    assert driver.calls[-1].name == "delete_roles"
    assert driver.calls[-1].params == {"generation": 1, "ids": ["b"]}


def test_put_and_delete_transition_send_their_rows() -> None:
    driver, store = loaded()
    edge = Transition(
        source="c", target="a", fit=0.7, develop={Trait.AGREEABLENESS: 3}, origin=Origin.ONET
    )
    store.put_transition(edge)
    assert driver.calls[-1].name == "upsert_transitions"
    assert driver.calls[-1].params == {"generation": 1, "rows": [transition_row(edge)]}
    snapshot = store.delete_transition("c", "a")
    assert ("c", "a") not in snapshot.catalog.transitions
    assert driver.calls[-1].name == "delete_transitions"
    assert driver.calls[-1].params == {
        "generation": 1,
        "rows": [{"source": "c", "target": "a"}],
    }
    assert make_store(driver).snapshot().catalog == snapshot.catalog


@pytest.mark.parametrize(
    ("write", "error"),
    [
        (lambda s: s.delete_role("nope"), UnknownRoleError),
        (lambda s: s.delete_transition("a", "c"), UnknownTransitionError),
        (lambda s: s.put_transition(Transition(source="a", target="zz", fit=0.5)), CatalogError),
        (
            lambda s: s.put_transition(
                Transition(source="a", target="c", fit=0.5, origin=Origin.DERIVED)
            ),
            CatalogError,
        ),
    ],
)
def test_writes_breaking_the_catalog_send_no_write(write: Any, error: type[Exception]) -> None:
    driver, store = loaded()
    with pytest.raises(error):
        write(store)
    assert driver.names() == ["read_version"]


def test_a_graph_edited_by_hand_is_reported_not_overwritten() -> None:
    driver, store = loaded()
    store.snapshot()
    driver.model.roles[1].pop("c")  # deleted in Browser without bumping the version
    with pytest.raises(CatalogError, match="touched 0 of 1 records"):
        store.delete_role("c")
    assert driver.model.version == 1


def test_writes_when_the_server_is_down_fail_with_one_line() -> None:
    driver, store = loaded()
    store.snapshot()
    driver.down = True
    with pytest.raises(
        StoreUnavailable, match="^Neo4j at bolt://db.example:7687 .*Connection refused"
    ):
        store.put_role(bare_role("d"))


def test_a_first_write_with_the_server_down_tries_one_read_not_the_schema() -> None:
    """The schema's managed transactions would retry an unreachable server for up to
    ``max_transaction_retry_time``; one auto-commit read fails at once instead."""
    driver = FakeDriver()
    store = make_store(driver)  # a new process: schema not yet ensured
    driver.down = True
    with pytest.raises(StoreUnavailable, match="Connection refused"):
        store.put_role(bare_role("d"))
    assert [config["default_access_mode"] for config in driver.sessions] == ["READ"]


# ------------------------------------------------------------------ status, export, close


def test_status_reads_counts_of_the_current_generation() -> None:
    driver, store = loaded()
    driver.model.roles[9] = {"x": {"id": "x"}}  # a load in progress
    status = store.status()
    assert (status.version, status.generation) == (1, 1)
    assert (status.roles, status.transitions, status.actions) == (4, 3, 3)
    assert status.other_generations == {9: 1}
    assert status.uri == URI
    assert driver.names() == [
        "read_version",
        "count_generation",
        "count_actions",
        "other_generations",
    ]
    assert {c.mode for c in driver.calls[1:]} == {"read"}


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_export_writes_the_stored_catalog(tmp_path: Path, fmt: CatalogFormat) -> None:
    driver, _ = loaded()
    make_store(driver).export(tmp_path / "out", fmt)
    write_catalog(sample_catalog(), tmp_path / "expected", fmt)
    expected = sorted(
        p.relative_to(tmp_path / "expected") for p in (tmp_path / "expected").rglob("*")
    )
    assert (
        sorted(p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*")) == expected
    )
    for name in expected:
        if (tmp_path / "expected" / name).is_file():
            assert (tmp_path / "out" / name).read_bytes() == (
                tmp_path / "expected" / name
            ).read_bytes()


def test_export_never_writes_a_stale_catalog(tmp_path: Path) -> None:
    driver, store = loaded()
    store.snapshot()
    driver.down = True
    with pytest.raises(StoreUnavailable):
        store.export(tmp_path, "csv")
    assert list(tmp_path.iterdir()) == []


def test_close_closes_the_driver() -> None:
    driver = FakeDriver()
    with make_store(driver):
        pass
    assert driver.closed


def test_every_session_of_a_store_shares_one_bookmark_manager() -> None:
    """Causal consistency on a cluster: a read waits for what the process wrote or read."""
    driver, store = loaded()
    driver.model.version += 1  # another process wrote: the projection is read again
    store.snapshot()
    store.init_schema()  # write transactions
    managers = {id(s["bookmark_manager"]) for s in driver.sessions}
    assert len(driver.sessions) > 1 and len(managers) == 1
    assert all(s["bookmark_manager"] is not None for s in driver.sessions)
