"""Store outages (503 and a retry hint), readiness, the catch-all handler, the lifespan."""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI

from api.app import create_app
from graph.catalog import Catalog
from graph.model import Role, Transition
from graph.store import CatalogSnapshot, StoreKind, StoreUnavailable
from graph.traits import TRAITS
from stores.memory import MemoryStore
from stores.neo4j import Neo4jStore
from tests.unit.api.conftest import (
    API_KEY,
    MLOPS_TO_CDO,
    assert_problem,
    bundled_catalog,
    make_settings,
    running,
)
from tests.unit.store.fakes import FakeDriver
from usecases.settings import Settings

pytestmark = pytest.mark.anyio


class DownStore:
    """A store whose server does not answer."""

    kind: StoreKind = "neo4j"

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error or StoreUnavailable("neo4j at bolt://db:7687 does not answer")
        self.closed = False

    def snapshot(self) -> CatalogSnapshot:
        raise self.error

    def put_role(self, role: Role, expected_version: int | None = None) -> CatalogSnapshot:
        raise self.error

    def delete_role(self, role_id: str, expected_version: int | None = None) -> CatalogSnapshot:
        raise self.error

    def put_transition(
        self, transition: Transition, expected_version: int | None = None
    ) -> CatalogSnapshot:
        raise self.error

    def delete_transition(
        self, source: str, target: str, expected_version: int | None = None
    ) -> CatalogSnapshot:
        raise self.error

    def replace(self, catalog: Catalog) -> CatalogSnapshot:
        raise self.error

    def close(self) -> None:
        self.closed = True


class StaleStore(MemoryStore):
    """Serves its last copy of the catalog marked stale, as a store whose server is away."""

    def snapshot(self) -> CatalogSnapshot:
        current = super().snapshot()
        return CatalogSnapshot(current.version, current.catalog, stale=True)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/v1/traits", None),
        ("GET", "/v1/roles", None),
        ("GET", "/v1/roles/mlops-engineer", None),
        ("GET", "/v1/roles/mlops-engineer/reachable", None),
        ("POST", "/v1/routes", MLOPS_TO_CDO),
        ("DELETE", "/v1/roles/mlops-engineer", None),
        ("GET", "/ready", None),
    ],
)
async def test_store_down_is_503_with_retry_after(method: str, path: str, body: object) -> None:
    app = create_app(make_settings(retry_after_seconds=7), DownStore())
    async with running(app) as client:
        r = await client.request(method, path, json=body, headers={"X-API-Key": API_KEY})
        problem = assert_problem(r, 503, "store-unavailable")
        assert r.headers["retry-after"] == "7"
        assert problem["retry_after"] == 7
        assert "bolt://db:7687" not in r.text and "does not answer" not in r.text
        assert problem["request_id"] == r.headers["x-request-id"]
        health = await client.get("/health")
        assert health.status_code == 200


async def test_a_neo4j_store_whose_server_is_down_is_503_naming_the_server_in_the_log_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The driver's own error stays inside the store: the HTTP layer sees StoreUnavailable.

    Readers get a generic reason and the request id; the address, the database
    and the cause go to the log under that id.
    """
    driver = FakeDriver()
    driver.down = True
    store = Neo4jStore(driver, "secretdb", uri="bolt://db.example:7687")  # type: ignore[arg-type]
    caplog.set_level(logging.WARNING, logger="api")
    async with running(create_app(make_settings(), store)) as client:
        for answer in (
            await client.get("/v1/roles"),
            await client.put(
                "/v1/roles/mlops-engineer",
                json={"name": "X", "profile": {t.value: 50 for t in TRAITS}},
                headers={"X-API-Key": API_KEY},
            ),
        ):
            problem = assert_problem(answer, 503, "store-unavailable")
            for private in ("db.example", "7687", "secretdb", "does not answer"):
                assert private not in answer.text
            request_id = answer.headers["x-request-id"]
            assert problem["request_id"] == request_id
            assert request_id in problem["detail"]
            logged = [r.getMessage() for r in caplog.records if request_id in r.getMessage()]
            assert logged and "Neo4j at bolt://db.example:7687" in logged[0]
            assert "the server does not answer" in logged[0]


async def test_stale_snapshot_is_served_but_not_ready() -> None:
    app = create_app(make_settings(), StaleStore(bundled_catalog()))
    async with running(app) as client:
        roles = await client.get("/v1/roles")
        assert roles.status_code == 200
        assert roles.headers["x-catalog-stale"] == "true"
        ready = await client.get("/ready", headers={"Accept-Language": "en"})
        problem = assert_problem(ready, 503, "store-unavailable")
        assert "stale" in problem["detail"]
        assert ready.headers["retry-after"] == str(problem["retry_after"])


async def test_unexpected_errors_are_a_500_problem_and_never_log_bodies(
    caplog: pytest.LogCaptureFixture,
) -> None:
    person = {
        "scores": {
            "openness": 61.234,
            "conscientiousness": 72.345,
            "extraversion": 43.456,
            "agreeableness": 54.567,
            "emotional_stability": 65.678,
            "relational_engagement": 46.789,
        }
    }
    app = create_app(make_settings(), DownStore(RuntimeError("a bug")))
    caplog.set_level(logging.DEBUG)
    async with running(app) as client:
        r = await client.post("/v1/routes", json={"to": "chief-data-officer", "person": person})
        problem = assert_problem(r, 500, "internal-error")
        assert "bug" not in problem["detail"]
    assert "unexpected error on POST /v1/routes" in caplog.text
    for score in ("61.234", "72.345", "43.456", "54.567", "65.678", "46.789"):
        assert score not in caplog.text


async def test_lifespan_opens_and_closes_the_store_it_opened() -> None:
    opened: list[MemoryStore] = []
    closed: list[bool] = []

    class ClosingStore(MemoryStore):
        def close(self) -> None:
            closed.append(True)

    def factory(settings: Settings) -> MemoryStore:
        store = ClosingStore(bundled_catalog())
        opened.append(store)
        return store

    app = create_app(make_settings(), store_factory=factory)
    async with running(app) as client:
        assert (await client.get("/ready")).json()["store"] == "memory"
        assert opened and not closed
    assert closed == [True]
    assert app.state.store is None


async def test_a_store_handed_in_is_not_closed() -> None:
    store = DownStore()
    async with running(create_app(make_settings(), store)):
        pass
    assert not store.closed


async def test_default_app_serves_the_bundled_catalog() -> None:
    app = create_app(Settings.model_validate({}))
    async with running(app) as client:
        body = (await client.get("/ready")).json()
        assert body["roles"] == len(bundled_catalog().roles)


async def test_catalog_dir_setting_is_served(tmp_path_factory: pytest.TempPathFactory) -> None:
    from loaders import write_catalog

    folder = tmp_path_factory.mktemp("catalog")
    small = Catalog.build(
        [bundled_catalog().roles["mlops-engineer"], bundled_catalog().roles["data-engineer"]], []
    )
    write_catalog(small, folder, "csv")
    async with running(create_app(Settings.model_validate({"catalog_dir": folder}))) as client:
        page = (await client.get("/v1/roles")).json()
        assert [i["id"] for i in page["items"]] == ["data-engineer", "mlops-engineer"]


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUMBO_API_KEYS", "alpha, beta ,,")
    monkeypatch.setenv("RUMBO_READ_REQUIRES_KEY", "true")
    monkeypatch.setenv("RUMBO_MAX_BODY_BYTES", "2048")
    monkeypatch.setenv("RUMBO_NEO4J_URI", "bolt://db:7687")
    settings = Settings()
    assert [k.get_secret_value() for k in settings.api_keys] == ["alpha", "beta"]
    assert settings.read_requires_key is True
    assert settings.max_body_bytes == 2048
    assert settings.store_kind == "neo4j"
    assert "alpha" not in repr(settings)
    monkeypatch.setenv("RUMBO_API_KEYS", '["with,comma", "other"]')
    assert [k.get_secret_value() for k in Settings().api_keys] == ["with,comma", "other"]


async def test_cors_is_off_unless_origins_are_configured(app: FastAPI) -> None:
    headers = {"Origin": "https://coach.example", "Access-Control-Request-Method": "POST"}
    async with running(app) as client:
        r = await client.options("/v1/routes", headers=headers)
        assert "access-control-allow-origin" not in r.headers
    cors = create_app(
        make_settings(cors_origins="https://coach.example"), MemoryStore(bundled_catalog())
    )
    async with running(cors) as client:
        r = await client.options("/v1/routes", headers=headers)
        assert r.headers["access-control-allow-origin"] == "https://coach.example"


def test_serve_passes_settings_to_uvicorn_workers(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import api.server

    seen: dict[str, object] = {}

    def fake_run(app: str, **kwargs: object) -> None:
        import os

        seen.update(kwargs, app=app, catalog=os.environ.get("RUMBO_CATALOG_DIR"))

    monkeypatch.setattr(api.server.uvicorn, "run", fake_run)
    # serve() sets these in this process's environment: setting them first makes
    # monkeypatch remove them again after the test (a bare delenv of an absent variable
    # records nothing, and the folder leaked into later tests).
    for name in ("RUMBO_CATALOG_DIR", "RUMBO_CATALOG_WRITABLE", "RUMBO_NEO4J_URI"):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    folder = tmp_path_factory.mktemp("cat")
    api.server.serve(folder, None, "0.0.0.0", 8123, 2)
    assert seen["app"] == "api.app:app_from_env"
    assert seen["factory"] is True
    assert (seen["host"], seen["port"], seen["workers"]) == ("0.0.0.0", 8123, 2)
    assert seen["catalog"] == str(folder.resolve())
    with pytest.raises(ValueError, match="not both"):
        api.server.serve(folder, "bolt://db", "127.0.0.1", 1, 1)
    # Each worker would hold its own copy and overwrite the others' writes.
    with pytest.raises(ValueError, match="one worker"):
        api.server.serve(folder, None, "127.0.0.1", 1, 2, writable=True)
