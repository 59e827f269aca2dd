"""Searches beyond the per-worker bound answer 503 with Retry-After at once; probes still answer."""

from __future__ import annotations

import time

import httpx
import pytest
from fastapi import FastAPI
from starlette.requests import Request

from api.admission import SearchSlots, remaining_budget
from api.errors import ApiProblem
from graph.traits import TRAITS
from tests.unit.api.conftest import MLOPS_TO_CDO, assert_problem, make_settings

pytestmark = pytest.mark.anyio

SCORES = {trait.value: 60 for trait in TRAITS}
SEARCHES = [
    ("GET", "/v1/roles/mlops-engineer/reachable?steps=3", None),
    ("POST", "/v1/reachable", {"from": "mlops-engineer"}),
    ("POST", "/v1/routes", {**MLOPS_TO_CDO, "k": 4}),
    (
        "POST",
        "/v1/leverage",
        {
            "person": {"current_role": "mlops-engineer", "scores": SCORES},
            "to": "chief-data-officer",
        },
    ),
]


@pytest.mark.parametrize(("method", "path", "body"), SEARCHES)
async def test_a_search_beyond_the_bound_is_refused_at_once(
    app: FastAPI, client: httpx.AsyncClient, method: str, path: str, body: object
) -> None:
    slots: SearchSlots = app.state.search_slots
    assert slots.limit == make_settings().max_concurrent_searches
    for _ in range(slots.limit):  # every slot busy, as under concurrent searches
        slots.take()
    try:
        refused = await client.request(method, path, json=body)
        problem = assert_problem(refused, 503, "too-busy")
        assert refused.headers["retry-after"] == str(problem["retry_after"]) == "1"
        assert (await client.get("/health")).status_code == 200
        assert (await client.get("/v1/roles/mlops-engineer")).status_code == 200  # not a search
    finally:
        for _ in range(slots.limit):
            slots.give_back()
    answered = await client.request(method, path, json=body)
    assert answered.status_code == 200, answered.text
    assert slots.free == slots.limit  # the slot is given back after the answer


async def test_a_cached_route_answer_needs_no_slot(app: FastAPI, client: httpx.AsyncClient) -> None:
    first = await client.post("/v1/routes", json=MLOPS_TO_CDO)
    assert first.status_code == 200
    slots: SearchSlots = app.state.search_slots
    for _ in range(slots.limit):
        slots.take()
    try:
        again = await client.post("/v1/routes", json=MLOPS_TO_CDO)
        assert again.status_code == 200 and again.content == first.content
    finally:
        for _ in range(slots.limit):
            slots.give_back()


async def test_failed_searches_give_their_slot_back(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    for path in ("/v1/roles/nobody/reachable", "/v1/roles/mlops-engineer/reachable?steps=99"):
        assert (await client.get(path)).status_code in (404, 422)
    slots: SearchSlots = app.state.search_slots
    assert slots.free == slots.limit


def test_the_budget_counts_from_the_request_s_arrival(app: FastAPI) -> None:
    settings = make_settings(query_budget_seconds=2.0)
    app.state.search_slots = SearchSlots(1, retry_after=1)

    def request(arrived_ago: float) -> Request:
        state = {"arrived": time.monotonic() - arrived_ago}
        return Request({"type": "http", "app": app, "state": state, "headers": []})

    assert remaining_budget(request(0.0), settings) <= 2.0
    assert remaining_budget(request(1.5), settings) <= 0.5
    with pytest.raises(ApiProblem) as waited_too_long:
        remaining_budget(request(2.5), settings)
    assert waited_too_long.value.status == 503
    assert waited_too_long.value.headers == {"Retry-After": "1"}
