"""The documented examples of POST /v1/routes answer as their summaries say, and GET
reachable takes the same career options as POST /v1/reachable."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graph.traits import TRAITS

pytestmark = pytest.mark.anyio


@pytest.fixture
async def route_examples(client: httpx.AsyncClient) -> dict[str, Any]:
    schema = (await client.get("/openapi.json")).json()
    body = schema["paths"]["/v1/routes"]["post"]["requestBody"]["content"]["application/json"]
    examples: dict[str, Any] = body["examples"]
    return examples


async def test_routes_documents_shortest_gap_and_person_examples(
    route_examples: dict[str, Any],
) -> None:
    assert route_examples["shortest-gap"]["value"]["mode"] == "shortest-gap"
    assert "scores" in route_examples["person"]["value"]["person"]


async def test_every_route_example_finds_routes(
    client: httpx.AsyncClient, route_examples: dict[str, Any]
) -> None:
    for name, example in route_examples.items():
        r = await client.post("/v1/routes?lang=en", json=example["value"])
        assert r.status_code == 200, (name, r.text)
        assert r.json()["routes"], name
    person = await client.post("/v1/routes", json=route_examples["person"]["value"])
    assert all(s["months"] is not None for s in person.json()["routes"][0]["steps"])


async def test_get_reachable_takes_the_career_options(client: httpx.AsyncClient) -> None:
    path = "/v1/roles/junior-software-developer/reachable?steps=2"
    strict = (await client.get(path)).json()
    loose = (
        await client.get(
            f"{path}&max_level_rise=any&allow_step_down=true&allow_credential_gates=true"
        )
    ).json()
    assert loose["total"] > strict["total"]
    body = {
        "from": "junior-software-developer",
        "constraints": {
            "max_steps": 2,
            "max_level_rise": None,
            "allow_step_down": True,
            "allow_credential_gates": True,
        },
    }
    posted = (await client.post("/v1/reachable", json=body)).json()
    assert [r["id"] for r in posted["roles"]] == [r["id"] for r in loose["roles"]]


@pytest.mark.parametrize("value", ["some", "-1", "100"])
async def test_get_reachable_refuses_a_bad_level_rise(
    client: httpx.AsyncClient, value: str
) -> None:
    r = await client.get(f"/v1/roles/mlops-engineer/reachable?max_level_rise={value}")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "max_level_rise"


async def test_fit_now_names_roles_by_id_like_every_answer(client: httpx.AsyncClient) -> None:
    person = {"scores": dict.fromkeys([t.value for t in TRAITS], 60)}
    r = await client.post("/v1/fit-now", json={"person": person, "limit": 3})
    assert all(set(x) >= {"id", "name", "fit"} and "role" not in x for x in r.json()["roles"])
