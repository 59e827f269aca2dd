"""A request with thousands of invalid fields gets a small 422 that says how many it left out."""

from __future__ import annotations

import json

import httpx
import pytest

from api.errors import MAX_LISTED_ERRORS
from tests.unit.api.conftest import API_KEY, assert_problem

pytestmark = pytest.mark.anyio


def _role_with_bad_fields(count: int) -> dict[str, object]:
    """A role body whose every unknown key is one more invalid field."""
    return {f"x{i}": 0 for i in range(count)}


async def test_a_422_lists_a_bounded_number_of_errors(client: httpx.AsyncClient) -> None:
    body = json.dumps(_role_with_bad_fields(4000)).encode()
    assert 40_000 < len(body) < 64 * 1024  # under the body limit, so it is validated
    response = await client.put(
        "/v1/roles/scratch-role",
        content=body,
        headers={"X-API-Key": API_KEY, "Content-Type": "application/json"},
    )
    problem = assert_problem(response, 422, "invalid-request")
    assert len(problem["errors"]) == MAX_LISTED_ERRORS
    assert problem["errors_not_listed"] > 4000 - MAX_LISTED_ERRORS
    assert f" {problem['errors_not_listed']} m" in problem["detail"]  # "more", "más"
    assert len(response.content) < 16 * 1024


async def test_a_few_errors_are_all_listed(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/routes", json={"from": 3, "to": 4})
    problem = assert_problem(response, 422, "invalid-request")
    assert len(problem["errors"]) == 2
    assert "errors_not_listed" not in problem


async def test_a_huge_field_name_is_cut(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/routes", json={"from": "a", "to": "b", "z" * 50_000: 1})
    assert_problem(response, 422, "invalid-request")
    assert len(response.content) < 4 * 1024
