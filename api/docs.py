"""The API's documentation pages, served offline: ``/docs`` (Swagger UI), ``/redoc``, and
``/openapi.json``.

FastAPI's own pages load Swagger UI and ReDoc from a CDN and start them with an
inline script, so offline they are blank, and a script from elsewhere could read
a key pasted into "Authorize". Here the scripts and styles are the ones the
``fastapi-offline`` package ships, served under ``/docs-assets/`` with
:data:`DOCS_ASSETS_DIR`'s start-up script, and the pages carry a
Content-Security-Policy that runs scripts of this service only.
"""

from __future__ import annotations

import hashlib
import html
import json
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

#: Swagger UI and ReDoc as the ``fastapi-offline`` package ships them.
VENDOR_DIR = Path(str(resources.files("fastapi_offline") / "static"))
#: This service's own start-up script for Swagger UI (package data of ``api``).
DOCS_ASSETS_DIR = Path(str(resources.files("api") / "docs_assets"))
ASSETS_PATH = "/docs-assets"
OPENAPI_PATH = "/openapi.json"

#: Scripts of this service only. Swagger UI and ReDoc set inline styles; ReDoc's
#: search runs in a worker it builds from a blob.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; worker-src 'self' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

#: The vendor files change only with the package's version; a day before revalidating.
VENDOR_CACHE_CONTROL = "public, max-age=86400"

_PAGE_HEADERS = {
    "Content-Security-Policy": DOCS_CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}

_SWAGGER_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} - Swagger UI</title>
<link rel="stylesheet" href="{root}{assets}/swagger-ui.css">
<link rel="icon" href="{root}{assets}/favicon.png">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{root}{openapi}"></div>
<script src="{root}{assets}/swagger-ui-bundle.js"></script>
<script src="{root}{assets}/swagger-init.js"></script>
</body>
</html>
"""

_REDOC_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} - ReDoc</title>
<link rel="icon" href="{root}{assets}/favicon.png">
</head>
<body>
<redoc spec-url="{root}{openapi}"></redoc>
<script src="{root}{assets}/redoc.standalone.js"></script>
</body>
</html>
"""


class _DocsAssets(StaticFiles):
    """The vendor files and the start-up script, one folder each, with their caching."""

    def __init__(self) -> None:
        super().__init__(directory=VENDOR_DIR)
        self.own = StaticFiles(directory=DOCS_ASSETS_DIR)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        own = scope["type"] == "http" and (DOCS_ASSETS_DIR / Path(scope["path"]).name).is_file()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                control = "no-cache" if own else VENDOR_CACHE_CONTROL
                headers.append((b"cache-control", control.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
            await send(message)

        serve = self.own if own else super().__call__
        await serve(scope, receive, send_with_headers)


def _page(template: str, request: Request, title: str) -> HTMLResponse:
    root = html.escape(str(request.scope.get("root_path", "")), quote=True)
    text = template.format(
        title=html.escape(title), root=root, assets=ASSETS_PATH, openapi=OPENAPI_PATH
    )
    return HTMLResponse(text, headers={**_PAGE_HEADERS, "ETag": strong_tag(text.encode())})


def strong_tag(body: bytes) -> str:
    """A strong entity tag of these bytes.

    >>> strong_tag(b"{}")
    '"44136fa355b3678a1146ad16f7e8649e"'
    """
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def mount_docs(app: FastAPI) -> None:
    """Serve ``/docs``, ``/redoc``, ``/openapi.json`` and their assets (none in the schema).

    The app must be built with ``docs_url``, ``redoc_url`` and ``openapi_url``
    set to ``None``. The OpenAPI document carries a strong ETag of its bytes,
    so a client revalidates it across releases even when the catalog is the same.
    """

    async def swagger_page(request: Request) -> HTMLResponse:
        return _page(_SWAGGER_PAGE, request, app.title)

    async def redoc_page(request: Request) -> HTMLResponse:
        return _page(_REDOC_PAGE, request, app.title)

    async def openapi_document(request: Request) -> Response:
        cached: tuple[bytes, str] | None = getattr(app.state, "openapi_bytes", None)
        if cached is None:
            body = json.dumps(app.openapi(), ensure_ascii=False, separators=(",", ":")).encode()
            cached = (body, strong_tag(body))
            app.state.openapi_bytes = cached
        body, etag = cached
        return Response(body, media_type="application/json", headers={"ETag": etag})

    app.add_api_route(OPENAPI_PATH, openapi_document, methods=["GET"], include_in_schema=False)
    app.add_api_route("/docs", swagger_page, methods=["GET"], include_in_schema=False)
    app.add_api_route("/redoc", redoc_page, methods=["GET"], include_in_schema=False)
    app.mount(ASSETS_PATH, _DocsAssets(), name="docs-assets")
