"""Structured access logs: one JSON line per request, with a request id.

Only the method, the path, the status, the duration, the request id and the
catalog version are logged: never bodies (assessment scores travel there),
query strings or headers (the API key travels there).
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

access_log = logging.getLogger("rumbo.access")


class JsonFormatter(logging.Formatter):
    """Log records as JSON objects: time, level, logger, message and extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def json_logging_config(level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` (also for uvicorn) that writes JSON lines."""
    handler = {"class": "logging.StreamHandler", "formatter": "json"}
    loggers = ("api", "rumbo.access", "uvicorn", "uvicorn.error")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"json": handler},
        "loggers": {
            **{
                name: {"handlers": ["json"], "level": level, "propagate": False} for name in loggers
            },
            # uvicorn's own access log repeats the query string; ours replaces it.
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


class RequestLogMiddleware:
    """Gives every request an id (kept from a well-formed ``X-Request-ID``) and logs it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_id(scope) or uuid.uuid4().hex
        state: dict[str, Any] = scope.setdefault("state", {})
        state["request_id"] = request_id
        state["arrived"] = time.monotonic()  # where the request's search budget starts
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            access_log.info(
                "%s %s %d",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "fields": {
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": status,
                        "ms": round((time.perf_counter() - started) * 1000, 2),
                        "catalog_version": state.get("catalog_version"),
                    }
                },
            )


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if _VALID_ID.match(text) else None
    return None
