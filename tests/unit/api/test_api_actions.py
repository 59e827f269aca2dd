"""The development-action table is read and edited like the rest of the catalog."""

from __future__ import annotations

import httpx
import pytest

from tests.unit.api.conftest import API_KEY, assert_problem, error_fields

pytestmark = pytest.mark.anyio

NEW_TABLE = {
    "actions": [
        {"trait": "extraversion", "es": "Dar una charla interna", "en": "Give an internal talk"},
        {"trait": "openness", "es": "Probar una herramienta nueva", "en": "Try a new tool"},
    ]
}


async def test_read_then_replace_and_see_it_on_routes(client: httpx.AsyncClient) -> None:
    before = await client.get("/v1/actions")
    assert before.status_code == 200 and len(before.json()["actions"]) == 18
    missing = await client.put("/v1/actions", json=NEW_TABLE)
    assert_problem(missing, 401)
    stale = await client.put(
        "/v1/actions", json=NEW_TABLE, headers={"X-API-Key": API_KEY, "If-Match": '"0"'}
    )
    assert_problem(stale, 412)
    r = await client.put("/v1/actions", json=NEW_TABLE, headers={"X-API-Key": API_KEY})
    assert r.status_code == 200, r.text
    assert r.json()["catalog_version"] == 2
    assert [a["trait"] for a in r.json()["actions"]] == ["openness", "extraversion"]
    route = await client.post(
        "/v1/routes?lang=en", json={"from": "mlops-engineer", "to": "chief-data-officer"}
    )
    step = next(s for s in route.json()["routes"][0]["steps"] if "extraversion" in s["develop"])
    assert step["actions"]["extraversion"] == ["Give an internal talk"]


async def test_bad_action_names_the_field(client: httpx.AsyncClient) -> None:
    bad = {"actions": [{"trait": "charm", "es": "x", "en": "y"}]}
    r = await client.put("/v1/actions", json=bad, headers={"X-API-Key": API_KEY})
    assert error_fields(assert_problem(r, 422)) == ["actions[0].trait"]
