"""Fixtures for the API unit tests: the app on the bundled catalog, driven in-process.

Each test gets a fresh :class:`MemoryStore` (writes never leak between tests)
and an ``httpx.AsyncClient`` on ``httpx.ASGITransport``, with the app's
lifespan running around it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from functools import cache
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from graph.catalog import Catalog
from graph.store import CatalogStore
from loaders import read_catalog
from stores.memory import MemoryStore
from usecases.settings import BUNDLED_CATALOG, Settings

API_KEY = "test-key-0123456789"
#: The identity of the catalog the `store` fixture serves (its ETags read W/"<id>-<version>").
CATALOG_ID = "0123abcd"
MLOPS_TO_CDO = {
    "from": "mlops-engineer",
    "to": "chief-data-officer",
    "mode": "alternatives",
    "k": 5,
}


@cache
def bundled_catalog() -> Catalog:
    """The bundled catalog, read once (catalogs are immutable)."""
    return read_catalog(BUNDLED_CATALOG)


def make_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"api_keys": [API_KEY]}
    values.update(overrides)
    return Settings.model_validate(values)


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan started, and a client talking to it in-process."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://rumbo.test") as client:
            yield client


ClientFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore(bundled_catalog(), catalog_id=CATALOG_ID)


@pytest.fixture
def app(store: MemoryStore) -> FastAPI:
    return create_app(make_settings(), store)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with running(app) as c:
        yield c


@pytest.fixture
def client_for() -> ClientFactory:
    """Build a client for an app with other settings or another store."""

    def factory(
        store: CatalogStore | None = None, **settings: object
    ) -> AbstractAsyncContextManager[httpx.AsyncClient]:
        chosen = store if store is not None else MemoryStore(bundled_catalog())
        return running(create_app(make_settings(**settings), chosen))

    return factory


def assert_problem(
    response: httpx.Response, status: int, kind: str | None = None
) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status (and type suffix)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert body["instance"] == response.request.url.path
    if kind is not None:
        assert body["type"] == f"urn:rumbo:problem:{kind}"
    return body


def error_fields(body: dict[str, Any]) -> list[str]:
    return [e["field"] for e in body["errors"]]
