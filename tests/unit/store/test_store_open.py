"""Opening a store: the one driver factory, its defaults, and errors that never leave the store.

The driver is replaced by a recorder that asserts exactly what is sent to it; the real
server is exercised by ``tests/e2e/neo4j``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from neo4j import RoutingControl
from neo4j.exceptions import (
    AuthError,
    ConnectionAcquisitionTimeoutError,
    DriverError,
    Neo4jError,
    ResultError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

import cypher
from graph.store import StoreUnavailable
from stores import driver as driver_module
from stores.memory import MemoryStore
from stores.neo4j import Neo4jStore
from tests.unit.store.catalogs import bare_role, sample_catalog
from tests.unit.store.fakes import NAME_OF, FakeDriver
from usecases.settings import Settings
from usecases.store import open_store

URI = "bolt://db.example:7687"
PASSWORD = "s3cret-pw"


class RecordedDriver:
    """What ``GraphDatabase.driver`` returns here: records the connectivity check."""

    def __init__(self, failure: Exception | None = None) -> None:
        self.failure = failure
        self.calls: list[tuple[Any, ...]] = []
        self.closed = False

    def verify_connectivity(self) -> None:
        self.calls.append(("verify_connectivity",))
        if self.failure is not None:
            raise self.failure

    def execute_query(self, query: str, **config: Any) -> None:
        self.calls.append(("execute_query", query, config))

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any, dict[str, Any]]]:
    """Every ``GraphDatabase.driver(uri, auth=..., **config)`` call, answered by a recorder."""
    calls: list[tuple[str, Any, dict[str, Any]]] = []

    def fake_driver(uri: str, *, auth: Any = None, **config: Any) -> RecordedDriver:
        calls.append((uri, auth, config))
        return RecordedDriver()

    monkeypatch.setattr(driver_module.GraphDatabase, "driver", fake_driver)
    return calls


def recipe_settings(monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The README's recipe: only the URI and the password in the environment."""
    for name in ("RUMBO_NEO4J_USER", "RUMBO_NEO4J_DATABASE", "RUMBO_CATALOG_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RUMBO_NEO4J_URI", URI)
    monkeypatch.setenv("RUMBO_NEO4J_PASSWORD", PASSWORD)
    return Settings()


def test_the_readme_recipe_logs_in_as_neo4j_with_one_check(
    monkeypatch: pytest.MonkeyPatch, built: list[tuple[str, Any, dict[str, Any]]]
) -> None:
    store = open_store(recipe_settings(monkeypatch))
    assert isinstance(store, Neo4jStore)
    assert built == [
        (
            URI,
            ("neo4j", PASSWORD),
            {"connection_timeout": 10.0, "max_transaction_retry_time": 15.0},
        )
    ]
    driver: RecordedDriver = store._driver  # type: ignore[assignment]
    assert driver.calls == [
        ("verify_connectivity",),
        (
            "execute_query",
            cypher.statement("ping"),
            {"routing_": RoutingControl.READ, "database_": "neo4j"},
        ),
    ]
    assert (store.uri, store.database) == (URI, "neo4j")
    store.close()
    assert driver.closed  # the store owns its driver: one close releases everything


def test_an_empty_user_connects_without_authentication(
    monkeypatch: pytest.MonkeyPatch, built: list[tuple[str, Any, dict[str, Any]]]
) -> None:
    monkeypatch.setenv("RUMBO_NEO4J_USER", "")
    monkeypatch.setenv("RUMBO_NEO4J_URI", URI)
    open_store(Settings()).close()
    assert built[0][1] is None


def test_without_a_uri_the_catalog_folder_is_served_from_memory(
    monkeypatch: pytest.MonkeyPatch, built: list[tuple[str, Any, dict[str, Any]]]
) -> None:
    monkeypatch.delenv("RUMBO_NEO4J_URI", raising=False)
    store = open_store(Settings(catalog_dir=None))
    assert isinstance(store, MemoryStore) and store.snapshot().catalog.roles
    assert built == []


def test_wrong_credentials_are_one_line_naming_the_uri_not_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    refused = RecordedDriver(AuthError("The client is unauthorized due to authentication failure."))
    monkeypatch.setattr(driver_module.GraphDatabase, "driver", lambda *a, **k: refused)
    with pytest.raises(StoreUnavailable) as info:
        open_store(recipe_settings(monkeypatch))
    message = str(info.value)
    assert message.startswith(f"cannot reach Neo4j at {URI}: authentication failed")
    assert PASSWORD not in message and "\n" not in message
    assert refused.closed


def test_a_uri_the_driver_rejects_is_a_store_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def rejecting(uri: str, **config: Any) -> RecordedDriver:
        raise ValueError(f"Unknown URI scheme in {uri!r}")

    monkeypatch.setattr(driver_module.GraphDatabase, "driver", rejecting)
    with pytest.raises(StoreUnavailable, match="^cannot reach Neo4j at bolt://:7687: Unknown"):
        driver_module.open_driver("bolt://:7687", password=PASSWORD)


# ------------------------------------------------------------------ no driver error escapes

#: Driver errors of every family: server gone, session lost, transient, result, pool.
DRIVER_ERRORS: dict[str, Callable[[], Exception]] = {
    "unavailable": lambda: ServiceUnavailable("Couldn't connect (reason [Errno 111] refused)"),
    "expired": lambda: SessionExpired("the session expired"),
    "transient": lambda: TransientError("MemoryPoolOutOfMemoryError"),
    "result": lambda: ResultError("the result was consumed"),
    "pool": lambda: ConnectionAcquisitionTimeoutError("no connection within 60 s"),
}

#: Every public method of the store that talks to the server.
PUBLIC_CALLS: dict[str, Callable[[Neo4jStore, Path], object]] = {
    "snapshot": lambda s, _: s.snapshot(),
    "status": lambda s, _: s.status(),
    "is_empty": lambda s, _: s.is_empty(),
    "export": lambda s, folder: s.export(folder),
    "init_schema": lambda s, _: s.init_schema(),
    "load": lambda s, _: s.load(sample_catalog()),
    "replace": lambda s, _: s.replace(sample_catalog()),
    "put_role": lambda s, _: s.put_role(bare_role("d")),
    "delete_role": lambda s, _: s.delete_role("c"),
    "put_transition": lambda s, _: s.put_transition(
        sample_catalog().transitions[("a", "b")].model_copy(update={"fit": 0.25})
    ),
    "delete_transition": lambda s, _: s.delete_transition("a", "b"),
    "put_actions": lambda s, _: s.put_actions(()),
}


def fresh_store() -> tuple[FakeDriver, Neo4jStore]:
    """A new process's store on a database that holds the sample catalog."""
    driver = FakeDriver()
    Neo4jStore(driver, "neo4j", uri=URI).load(sample_catalog())  # type: ignore[arg-type]
    driver.reset()
    return driver, Neo4jStore(driver, "neo4j", uri=URI)  # type: ignore[arg-type]


def statements_sent(method: str, folder: Path) -> list[str]:
    driver, store = fresh_store()
    PUBLIC_CALLS[method](store, folder)
    return sorted(set(driver.names()))


@pytest.mark.parametrize("error", sorted(DRIVER_ERRORS))
@pytest.mark.parametrize("method", sorted(PUBLIC_CALLS))
def test_a_driver_error_in_any_statement_of_a_public_method_is_a_store_unavailable(
    method: str, error: str, tmp_path: Path
) -> None:
    sent = statements_sent(method, tmp_path / "first")
    assert sent and set(sent) <= set(NAME_OF.values())
    for failing in sent:
        driver, store = fresh_store()
        driver.fail[failing] = DRIVER_ERRORS[error]()
        try:
            PUBLIC_CALLS[method](store, tmp_path / failing)
        except StoreUnavailable as exc:
            assert f"Neo4j at {URI}" in str(exc)
            assert isinstance(exc.__cause__, (Neo4jError, DriverError))
        # Returning is fine too: cleaning up an old generation is best effort.


def test_closing_turns_a_driver_error_into_a_store_unavailable() -> None:
    driver, store = fresh_store()

    def broken_close() -> None:
        raise ServiceUnavailable("the connection pool broke")

    driver.close = broken_close  # type: ignore[method-assign]
    with pytest.raises(StoreUnavailable, match="closing the connection failed"):
        store.close()
