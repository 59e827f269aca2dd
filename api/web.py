"""The coaches' web page: static files shipped in the package's ``api/static/`` folder.

``mount_web(app)`` serves ``static/index.html`` at ``/`` and every file of
``static/`` under ``/static/`` (``/static/app.js``, ``/static/styles.css``...).
The page is hand-written HTML, CSS and JavaScript modules with no build step
and no third-party code, so it works offline; it talks to the ``/v1`` API of
the same service with relative URLs.

Neither route appears in the OpenAPI document. A missing page folder is
logged and the API is served without the page.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

from api.errors import method_not_allowed

log = logging.getLogger("api")

#: The page's folder: package data of ``api``, found the same way in a checkout and a wheel.
WEB_DIR = Path(str(resources.files("api") / "static"))

#: The page loads nothing from other origins: no CDN, no inline script.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
    "form-action 'self'"
)

#: Revalidate on every load, so a new release's files are never mixed with old ones.
_NO_CACHE = {"Cache-Control": "no-cache"}


_READ_METHODS = ("GET", "HEAD")
_ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def _not_allowed(request: Request) -> Response:
    """405 with the page's own ``Allow`` (the API's handler derives it from OpenAPI,
    where the page's routes are not listed)."""
    return method_not_allowed(request, "GET, HEAD")


class _PageFiles(StaticFiles):
    """``StaticFiles`` that asks browsers to revalidate and sends the page's headers."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in _READ_METHODS:
            await _not_allowed(Request(scope, receive))(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Cache-Control"] = "no-cache"
                headers["X-Content-Type-Options"] = "nosniff"
            await send(message)

        await super().__call__(scope, receive, send_with_headers)


def mount_web(app: FastAPI, directory: Path | None = None) -> None:
    """Serve the web page: ``index.html`` at ``/``, the folder's files under ``/static/``.

    Parameters
    ----------
    app
        The API application (its ``/v1`` routes are what the page calls).
    directory
        The page's folder; the packaged one (:data:`WEB_DIR`) when omitted.
    """
    folder = (directory or WEB_DIR).resolve()
    index = folder / "index.html"
    if not index.is_file():
        log.warning("no web page at %s: serving the API only", folder)
        return

    async def web_index(request: Request) -> Response:
        if request.method not in _READ_METHODS:
            return _not_allowed(request)
        return FileResponse(
            index,
            media_type="text/html; charset=utf-8",
            headers={
                **_NO_CACHE,
                "Content-Security-Policy": CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
            },
        )

    app.router.add_route("/", web_index, methods=_ALL_METHODS, include_in_schema=False)
    app.mount("/static", _PageFiles(directory=folder), name="web-static")
