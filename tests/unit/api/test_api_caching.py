"""Conditional GETs and Cache-Control, through the app's whole HTTP stack.

A GET answer's ETag sent back in ``If-None-Match`` gets 304 with no body while
the catalog is at the same version (weak comparison, lists and ``*``, RFC 9110);
every answer says how it may be cached.
"""

from __future__ import annotations

import httpx
import pytest

from tests.unit.api.conftest import API_KEY, CATALOG_ID, MLOPS_TO_CDO

ROLE = "/v1/roles/mlops-engineer"
TAG = f'W/"{CATALOG_ID}-1"'

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    "if_none_match",
    [
        TAG,
        f'"{CATALOG_ID}-1"',  # the strong form: If-None-Match compares weakly
        f'W/"{CATALOG_ID}-0", {TAG}',
        "*",
    ],
)
async def test_a_matching_if_none_match_answers_304(
    client: httpx.AsyncClient, if_none_match: str
) -> None:
    first = await client.get(ROLE)
    assert first.status_code == 200 and first.headers["etag"] == TAG
    again = await client.get(ROLE, headers={"If-None-Match": if_none_match})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == TAG
    assert again.headers["cache-control"] == "no-cache"
    assert "content-type" not in again.headers


@pytest.mark.parametrize(
    "if_none_match", [f'W/"{CATALOG_ID}-2"', 'W/"ffff-1"', f'W/"{CATALOG_ID}-1', "", ","]
)
async def test_another_or_malformed_tag_answers_in_full(
    client: httpx.AsyncClient, if_none_match: str
) -> None:
    r = await client.get(ROLE, headers={"If-None-Match": if_none_match})
    assert r.status_code == 200
    assert r.json()["id"] == "mlops-engineer"


async def test_every_catalog_read_revalidates(client: httpx.AsyncClient) -> None:
    for path in (ROLE, "/v1/roles?q=datos", "/v1/traits", "/v1/roles/mlops-engineer/reachable"):
        r = await client.get(path)
        assert r.status_code == 200, path
        assert r.headers["cache-control"] == "no-cache", path
        again = await client.get(path, headers={"If-None-Match": r.headers["etag"]})
        assert again.status_code == 304, path


async def test_an_error_is_never_304(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/roles/mlops", headers={"If-None-Match": "*"})
    assert r.status_code == 404
    assert r.json()["suggestions"] == ["mlops-engineer"]


async def test_a_write_changes_the_tag_so_the_next_get_is_in_full(
    client: httpx.AsyncClient,
) -> None:
    await client.delete(
        "/v1/transitions/mlops-engineer/chief-data-officer", headers={"X-API-Key": API_KEY}
    )
    r = await client.get(ROLE, headers={"If-None-Match": TAG})
    assert r.status_code == 200
    assert r.headers["etag"] == f'W/"{CATALOG_ID}-2"'


async def test_probes_posts_and_writes_are_never_stored(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health")).headers["cache-control"] == "no-store"
    assert (await client.get("/ready")).headers["cache-control"] == "no-store"
    routes = await client.post("/v1/routes", json=MLOPS_TO_CDO)
    assert routes.headers["cache-control"] == "no-store"
    # A POST is never answered 304, whatever it sends.
    again = await client.post(
        "/v1/routes", json=MLOPS_TO_CDO, headers={"If-None-Match": routes.headers["etag"]}
    )
    assert again.status_code == 200


async def test_the_openapi_document_has_its_own_tag(client: httpx.AsyncClient) -> None:
    r = await client.get("/openapi.json")
    etag = r.headers["etag"]
    assert not etag.startswith("W/") and CATALOG_ID not in etag
    assert r.headers["cache-control"] == "no-cache"
    again = await client.get("/openapi.json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""


async def test_the_web_pages_files_keep_their_own_tags(client: httpx.AsyncClient) -> None:
    r = await client.get("/static/app.js")
    assert r.status_code == 200
    assert CATALOG_ID not in r.headers["etag"]
    again = await client.get("/static/app.js", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304
