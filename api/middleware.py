"""ASGI middleware: catalog version and caching headers on every answer (and 304s), a
request body limit, and HEAD answered on every GET route."""

from __future__ import annotations

import json
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.conditional import cache_control, none_match_fails
from api.deps import VersionTracker, entity_tag
from api.errors import PROBLEM_MEDIA_TYPE
from api.language import request_language
from usecases.messages import say


class CatalogHeadersMiddleware:
    """Adds ``X-Catalog-Version``, a weak ``ETag``, ``Cache-Control`` (and language
    headers) to every answer, and answers 304 to a GET whose ``If-None-Match`` names it.

    The version is the one the request's answer was computed on when it
    loaded a snapshot, else the last version this process saw. The ETag also
    names the catalog (``W/"<catalog id>-<version>"``), so that it never matches
    another catalog, such as one served after a restart on other files. An
    answer that read no catalog and has an ETag of its own (a file, the OpenAPI
    document) keeps it. Conditional GETs: :mod:`api.conditional`.
    """

    def __init__(self, app: ASGIApp, versions: VersionTracker) -> None:
        self.app = app
        self.versions = versions

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: dict[str, Any] = scope.setdefault("state", {})
        method: str = scope["method"]
        if_none_match = (
            Headers(scope=scope).get("if-none-match") if method in ("GET", "HEAD") else None
        )
        not_modified = False

        async def send_with_headers(message: Message) -> None:
            nonlocal not_modified
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                self._add_headers(state, headers, method, scope.get("path", ""))
                if (
                    if_none_match is not None
                    and message["status"] == 200
                    and none_match_fails(if_none_match, headers.get("etag"))
                ):
                    not_modified = True
                    message["status"] = 304
                    for name in ("content-length", "content-type", "content-encoding"):
                        del headers[name]
            elif message["type"] == "http.response.body" and not_modified:
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _add_headers(
        self, state: dict[str, Any], headers: MutableHeaders, method: str, path: str
    ) -> None:
        computed = state.get("catalog_version")
        version = computed if computed is not None else self.versions.last
        if isinstance(version, int) and "x-catalog-version" not in headers:
            catalog_id = state.get("catalog_id", self.versions.catalog_id)
            headers["X-Catalog-Version"] = str(version)
            if computed is not None or "etag" not in headers:
                headers["ETag"] = entity_tag(version, str(catalog_id))
        if "cache-control" not in headers:
            headers["Cache-Control"] = cache_control(method, path)
        if state.get("catalog_stale"):
            headers["X-Catalog-Stale"] = "true"
        lang = state.get("lang")
        if isinstance(lang, str):
            headers["Content-Language"] = lang
            headers.add_vary_header("Accept-Language")


class BodyLimitMiddleware:
    """Refuses request bodies over ``max_bytes`` with a 413 problem, before any parsing."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._too_large(scope, send)
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._too_large(scope, send)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, send: Send) -> None:
        lang = request_language(Request(scope))
        payload = {
            "type": "urn:rumbo:problem:body-too-large",
            "title": say("problem.body_too_large.title", lang),
            "status": 413,
            "detail": say("problem.body_too_large.detail", lang, limit=self.max_bytes),
            "instance": scope.get("path", ""),
        }
        body = json.dumps(payload, ensure_ascii=False).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                    (b"content-language", lang.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class HeadMiddleware:
    """Answers HEAD wherever GET is answered: the request is routed as a GET, and the
    answer's status and headers (``Content-Length`` of the GET's body included) are sent
    without its body (RFC 9110, 9.3.2).

    Installed innermost, so that the request log and the caching headers still see
    the HEAD; FastAPI's routes list GET only, which keeps HEAD out of the OpenAPI document.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        # A shallow copy: the request's state dict is shared with the outer middleware.
        await self.app({**scope, "method": "GET"}, receive, without_body)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
