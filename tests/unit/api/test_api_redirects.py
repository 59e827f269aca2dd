"""Paths with a trailing slash are not redirected: the Host header never reaches a Location."""

from __future__ import annotations

import httpx
import pytest

from tests.unit.api.conftest import assert_problem

pytestmark = pytest.mark.anyio

HOSTILE_HOST = "attacker.example"


@pytest.mark.parametrize("path", ["/v1/roles/", "/v1/traits/", "/health/", "/static"])
async def test_no_redirect_echoes_the_host(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path, headers={"Host": HOSTILE_HOST}, follow_redirects=False)
    assert "location" not in response.headers
    assert HOSTILE_HOST not in response.text
    assert_problem(response, 404)


async def test_paths_without_the_slash_still_answer(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v1/traits")).status_code == 200
    assert (await client.get("/static/app.js")).status_code == 200
