"""``/docs`` and ``/redoc`` work offline: every script and style is served by the app
itself, under a Content-Security-Policy that runs this service's scripts only."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest

from api.app import create_app
from api.docs import DOCS_CONTENT_SECURITY_POLICY
from stores.memory import MemoryStore
from tests.unit.api.conftest import make_settings

pytestmark = pytest.mark.anyio


class _Assets(HTMLParser):
    """The URLs a page loads (``src`` and ``href``), and whether any script is inline."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.urls += [v for k, v in found.items() if k in ("src", "href") and v]
        if tag == "script":
            self._in_script = True
            if "src" not in found:
                self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (p.split() for p in policy.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
async def test_docs_pages_load_only_the_apps_own_assets(
    client: httpx.AsyncClient, path: str
) -> None:
    page = await client.get(path)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert not re.search(r"(https?:)?//[a-z0-9.-]+", page.text, re.IGNORECASE), page.text
    parsed = _Assets()
    parsed.feed(page.text)
    assert parsed.inline_scripts == 0
    assert len(parsed.urls) >= 2
    for url in parsed.urls:
        asset = await client.get(url)
        assert asset.status_code == 200, url
        assert asset.headers["x-content-type-options"] == "nosniff"
    spec = (await client.get("/openapi.json")).json()
    assert spec["info"]["title"] == "Rumbo API"


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
async def test_docs_pages_run_scripts_of_this_service_only(
    client: httpx.AsyncClient, path: str
) -> None:
    headers = (await client.get(path)).headers
    assert headers["content-security-policy"] == DOCS_CONTENT_SECURITY_POLICY
    policy = _directives(DOCS_CONTENT_SECURITY_POLICY)
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'none'"]
    assert policy["connect-src"] == ["'self'"]
    assert all("http" not in v and "*" not in v for values in policy.values() for v in values)


async def test_docs_scripts_are_referenced_with_the_mount_prefix(store: MemoryStore) -> None:
    # Behind a proxy that mounts the service under a prefix, the assets follow it.
    app = create_app(make_settings(), store)
    transport = httpx.ASGITransport(app=app, root_path="/rumbo")
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            page = (await c.get("/docs")).text
    assert 'src="/rumbo/docs-assets/swagger-ui-bundle.js"' in page
    assert 'data-openapi-url="/rumbo/openapi.json"' in page


async def test_vendor_assets_are_cached_and_revalidated(client: httpx.AsyncClient) -> None:
    bundle = await client.get("/docs-assets/swagger-ui-bundle.js")
    assert bundle.headers["cache-control"] == "public, max-age=86400"
    again = await client.get(
        "/docs-assets/swagger-ui-bundle.js", headers={"If-None-Match": bundle.headers["etag"]}
    )
    assert again.status_code == 304
    init = await client.get("/docs-assets/swagger-init.js")
    assert init.headers["cache-control"] == "no-cache"
    assert "SwaggerUIBundle" in init.text
    assert (await client.get("/docs-assets/nothing.js")).status_code == 404
