"""Documented error answers, shared by the routers' ``responses=`` declarations."""

from __future__ import annotations

from typing import Any

from fastapi import Response
from pydantic import BaseModel

from api.models.problems import Problem

_DESCRIPTIONS: dict[int, str] = {
    400: "The body could not be read (not UTF-8 JSON).",
    401: "No API key in `X-API-Key`.",
    403: "The API key is not one of the service's keys.",
    404: "Unknown role (with close-match `suggestions`) or transition.",
    409: "The catalog is served read-only (the bundled catalog, or a folder served without "
    "`--writable`); `detail` says how to serve a writable one.",
    412: "`If-Match` names a catalog version that is no longer current, or another catalog; "
    "or `If-None-Match: *` and the role or transition exists.",
    413: "The request body is larger than the service accepts.",
    422: "Invalid request: `errors` names every invalid field.",
    503: "The catalog store cannot be reached, or (searches) too many are running at once; "
    "retry after `Retry-After` seconds.",
}

_HEADERS: dict[int, dict[str, Any]] = {
    503: {
        "Retry-After": {
            "description": "Seconds to wait before retrying.",
            "schema": {"type": "integer"},
        }
    },
    401: {
        "WWW-Authenticate": {
            "description": "How to authenticate: the `X-API-Key` header.",
            "schema": {"type": "string"},
        }
    },
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` entries for these error statuses, as problem+json (see ``api.app``)."""
    result: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        entry: dict[str, Any] = {"model": Problem, "description": _DESCRIPTIONS[status]}
        if status in _HEADERS:
            entry["headers"] = _HEADERS[status]
        result[status] = entry
    return result


def json_answer(answer: BaseModel) -> Response:
    """An answer serialised where it was computed (a worker thread), not on the event loop.

    A large answer (reachability across O*NET runs to megabytes) returned as a model
    would be validated again and serialised on the event loop, holding every other
    request of the process, ``/health`` included.
    """
    return Response(answer.model_dump_json(by_alias=True), media_type="application/json")


#: Errors any read of the catalog may answer.
READ_ERRORS = problems(401, 403, 422, 503)
