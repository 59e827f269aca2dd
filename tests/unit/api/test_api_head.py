"""HEAD is answered on every GET route: the GET's status and headers, no body."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.unit.api.conftest import assert_problem

pytestmark = pytest.mark.anyio

#: A value for each path parameter of the GET routes.
PATH_VALUES = {"role_id": "mlops-engineer"}

#: GET routes outside the OpenAPI document: its own page, the docs and the web page.
UNDOCUMENTED = ["/openapi.json", "/docs", "/redoc", "/", "/static/app.js"]


def _same_headers(head: httpx.Response, get: httpx.Response) -> dict[str, Any]:
    """The headers that differ between a HEAD and its GET (none but the request id)."""
    ignored = {"date", "x-request-id"}
    names = (set(head.headers) | set(get.headers)) - ignored
    return {n: (head.headers.get(n), get.headers.get(n)) for n in names if
            head.headers.get(n) != get.headers.get(n)}  # fmt: skip


async def _get_paths(client: httpx.AsyncClient) -> list[str]:
    document = (await client.get("/openapi.json")).json()
    paths = [p for p, item in document["paths"].items() if "get" in item]
    return [re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES[m[1]], p) for p in paths]


async def test_head_answers_every_get_route_with_its_headers_and_no_body(
    client: httpx.AsyncClient,
) -> None:
    paths = await _get_paths(client)
    assert "/v1/roles/mlops-engineer/reachable" in paths and len(paths) >= 7
    for path in [*paths, *UNDOCUMENTED, "/v1/roles?q=cdo&lang=en"]:
        get = await client.get(path)
        head = await client.head(path)
        assert head.status_code == get.status_code == 200, path
        assert head.content == b"", path
        assert _same_headers(head, get) == {}, path
        assert int(head.headers["content-length"]) == len(get.content), path


async def test_head_revalidates_like_get(client: httpx.AsyncClient) -> None:
    etag = (await client.get("/v1/roles/mlops-engineer")).headers["etag"]
    head = await client.head("/v1/roles/mlops-engineer", headers={"If-None-Match": etag})
    assert head.status_code == 304 and head.content == b""
    assert head.headers["etag"] == etag


async def test_head_errors_keep_their_status_and_headers(client: httpx.AsyncClient) -> None:
    unknown = await client.head("/v1/roles/no-such-role")
    assert unknown.status_code == 404 and unknown.content == b""
    assert unknown.headers["content-type"] == "application/problem+json"
    post_only = await client.head("/v1/routes")
    assert post_only.status_code == 405 and post_only.headers["allow"] == "POST"
    allowed = await client.get("/v1/roles/mlops-engineer/reachable", params={"steps": 99})
    assert_problem(allowed, 422)
    assert (await client.head("/v1/roles/mlops-engineer/reachable?steps=99")).status_code == 422


async def test_the_openapi_document_lists_no_head_operations(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    assert not [p for p, item in document["paths"].items() if "head" in item]
    # ... while a 405 says HEAD is allowed where GET is.
    wrong = await client.post("/v1/roles")
    assert wrong.status_code == 405 and wrong.headers["allow"] == "GET, HEAD"
