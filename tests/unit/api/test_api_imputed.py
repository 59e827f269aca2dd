"""Answers over HTTP say which roles have an imputed profile (O*NET 30.x fixture release)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from loaders.onet import import_onet
from stores.memory import MemoryStore
from tests.unit.api.conftest import ClientFactory
from tests.unit.usecases.test_imputed_answers import (
    DEVELOPERS,
    MANAGERS,
    OTHER,
    RELEASE,
    SCIENTISTS,
)

pytestmark = pytest.mark.anyio


async def _answers(client_for: ClientFactory) -> dict[str, Any]:
    store = MemoryStore(import_onet(RELEASE).catalog)
    query = {"from": DEVELOPERS, "to": SCIENTISTS, "mode": "alternatives", "k": 5}
    async with client_for(store) as c:
        answers = {
            "routes": await c.post("/v1/routes", json=query),
            "reachable GET": await c.get(f"/v1/roles/{DEVELOPERS}/reachable?steps=2"),
            "reachable POST": await c.post("/v1/reachable", json={"from": DEVELOPERS}),
            "openapi": await c.get("/openapi.json"),
        }
    for name, answer in answers.items():
        assert answer.status_code == 200, (name, answer.text)
    return {name: answer.json() for name, answer in answers.items()}


async def test_routes_and_reachable_roles_list_the_imputed_roles(
    client_for: ClientFactory,
) -> None:
    answers = await _answers(client_for)
    routes = answers["routes"]["routes"]
    assert any(OTHER in r["roles"] for r in routes)
    for route in routes:
        assert route["imputed"] == ([OTHER] if OTHER in route["roles"] else [])
    for name in ("reachable GET", "reachable POST"):
        by_id = {e["id"]: e["route"] for e in answers[name]["roles"]}
        assert by_id[OTHER]["imputed"] == [OTHER], name
        assert by_id[MANAGERS]["imputed"] == [], name
    schema = answers["openapi"]["components"]["schemas"]["ExplainedRoute"]
    assert "imputed" in schema["properties"]["imputed"]["description"]


async def test_a_catalog_without_imputed_roles_answers_empty_lists(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post("/v1/routes", json={"from": "mlops-engineer", "to": "data-engineer"})
    assert [route["imputed"] for route in r.json()["routes"]] == [[]]
