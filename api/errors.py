"""Every error as an RFC 9457 ``application/problem+json`` answer.

Domain errors (:mod:`graph.errors`, :mod:`graph.store`) map to fixed
statuses; request validation errors name each invalid field; anything else is
logged (method and path only, never the body) and answered as a bare 500
problem, which the test suite shows never happens.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from api.language import request_language
from api.models.problems import FieldError, Problem
from graph.errors import (
    CatalogError,
    InvalidQueryError,
    QueryBudgetExceeded,
    RumboError,
    UnknownRoleError,
    UnknownTransitionError,
)
from graph.store import AlreadyExists, ReadOnlyCatalog, StoreUnavailable, VersionConflict
from graph.traits import Language
from usecases.error_text import field_error_text, query_error_text
from usecases.messages import say
from usecases.store import READ_ONLY_BUNDLED, READ_ONLY_FOLDER

log = logging.getLogger("api")

PROBLEM_MEDIA_TYPE = "application/problem+json"
_TYPE_PREFIX = "urn:rumbo:problem:"

_LOCATIONS = frozenset({"body", "query", "path", "header", "cookie"})


class ProblemResponse(JSONResponse):
    """A JSON response with the problem+json media type."""

    media_type = PROBLEM_MEDIA_TYPE


class ApiProblem(Exception):
    """An error the API raises itself (auth, preconditions), worded when it is answered.

    ``title`` and ``detail`` are keys of :data:`usecases.messages.MESSAGES`; the
    detail is filled in with ``values``, in the language the request negotiated.
    """

    def __init__(
        self,
        status: int,
        kind: str,
        title: str,
        detail: str,
        headers: Mapping[str, str] | None = None,
        values: Mapping[str, object] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(say(detail, "en", **(values or {})))
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.values = dict(values or {})
        self.headers = dict(headers or {})
        self.extensions = extensions


class FieldContext:
    """Maps a domain error's field name to where the request sent it.

    Each endpoint that runs a search sets one on ``request.state.field_context``
    so that an :class:`InvalidQueryError` on ``max_steps`` is reported as
    ``constraints.max_steps`` in a body, or as the ``steps`` query parameter.
    """

    def __init__(
        self,
        location: str,
        names: Mapping[str, str],
        roles: Sequence[tuple[str, Iterable[str]]] = (),
    ) -> None:
        self.location = location
        self.names = dict(names)
        self.roles = [(name, tuple(ids)) for name, ids in roles]

    def field(self, name: str | None) -> str:
        if name is None:
            return "body" if self.location == "body" else ""
        return self.names.get(name, name)

    def role_field(self, role_id: str) -> str | None:
        """The first field that named ``role_id``."""
        for name, ids in self.roles:
            if role_id in ids:
                return name
        return None


def problem(
    request: Request,
    status: int,
    kind: str | None,
    title: str,
    detail: str | None,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> ProblemResponse:
    """Build one problem answer (``kind`` ``None`` means ``about:blank``)."""
    body = Problem(
        type=f"{_TYPE_PREFIX}{kind}" if kind else "about:blank",
        title=title,
        status=status,
        detail=detail,
        instance=request.url.path,
        catalog_version=_known_version(request),
        **{k: v for k, v in extensions.items() if v is not None},
    )
    return ProblemResponse(
        body.model_dump(mode="json", exclude_none=True),
        status_code=status,
        headers=dict(headers or {}),
    )


def _known_version(request: Request) -> int | None:
    version = getattr(request.state, "catalog_version", None)
    if isinstance(version, int):
        return version
    tracker = getattr(request.app.state, "versions", None)
    last = getattr(tracker, "last", None)
    return last if isinstance(last, int) else None


def _field_context(request: Request) -> FieldContext | None:
    context = getattr(request.state, "field_context", None)
    return context if isinstance(context, FieldContext) else None


def dotted(path: Iterable[str | int]) -> str:
    """A field path as ``a.b[2].c``.

    >>> dotted(["constraints", "max_steps"]), dotted(["via", 0]), dotted([])
    ('constraints.max_steps', 'via[0]', '')
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


#: A 422 lists at most this many invalid fields and counts the rest, so that a
#: small request cannot make a large answer.
MAX_LISTED_ERRORS = 20

#: Longest field path shown; an unknown key can be as long as the body.
MAX_FIELD_CHARS = 200


def shortened(text: str, limit: int = MAX_FIELD_CHARS) -> str:
    """``text`` cut to ``limit`` characters, ending in an ellipsis when cut.

    >>> shortened("abc", 5), shortened("abcdefgh", 5)
    ('abc', 'abcd…')
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def field_errors(
    errors: Sequence[Any], lang: Language, default_location: str = "body"
) -> list[FieldError]:
    """Pydantic or FastAPI error dicts as named fields, worded in ``lang`` (input values are
    never echoed)."""
    result: list[FieldError] = []
    for error in errors:
        loc = [p for p in error.get("loc", ()) if p != "[key]"]
        location = default_location
        if loc and loc[0] in _LOCATIONS:
            location = str(loc[0])
            loc = loc[1:]
        if location == "body" and error.get("type") == "json_invalid":
            loc = []
        name = shortened(dotted(loc) or location)
        result.append(
            FieldError(
                field=name,
                location=location,
                message=field_error_text(error, lang),
                type=str(error.get("type", "value_error")),
            )
        )
    return result


def _validation_problem(request: Request, errors: list[FieldError]) -> ProblemResponse:
    lang = request_language(request)
    listed, not_listed = errors[:MAX_LISTED_ERRORS], len(errors) - MAX_LISTED_ERRORS
    names = ", ".join(dict.fromkeys(e.field for e in listed))
    more = say("problem.more", lang, count=not_listed) if not_listed > 0 else ""
    return problem(
        request,
        422,
        "invalid-request",
        say("problem.invalid_request.title", lang),
        say("problem.invalid_request.detail", lang, names=names, more=more),
        errors=[e.model_dump() for e in listed],
        errors_not_listed=not_listed if not_listed > 0 else None,
    )


async def _request_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = field_errors(exc.errors(), request_language(request))
    return _validation_problem(request, errors)


async def _pydantic_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ValidationError)
    errors = field_errors(exc.errors(include_input=False), request_language(request))
    return _validation_problem(request, errors)


async def _unknown_role(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, UnknownRoleError)
    context = _field_context(request)
    field = context.role_field(exc.role_id) if context else None
    lang = request_language(request)
    detail = say("problem.unknown_role.detail", lang, role_id=exc.role_id)
    if exc.suggestions:
        detail += say("problem.did_you_mean", lang, ids=", ".join(exc.suggestions))
    return problem(
        request,
        404,
        "unknown-role",
        say("problem.unknown_role.title", lang),
        detail,
        role_id=exc.role_id,
        suggestions=list(exc.suggestions),
        field=field,
    )


async def _unknown_transition(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, UnknownTransitionError)
    lang = request_language(request)
    return problem(
        request,
        404,
        "unknown-transition",
        say("problem.unknown_transition.title", lang),
        say("problem.unknown_transition.detail", lang, source=exc.source, target=exc.target),
    )


async def _invalid_query(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, InvalidQueryError)
    context = _field_context(request) or FieldContext("body", {})
    lang = request_language(request)
    message = query_error_text(exc, lang)
    error = FieldError(
        field=context.field(exc.field) or "query",
        location=context.location,
        message=message,
        type="invalid_query",
    )
    return problem(
        request,
        422,
        "invalid-query",
        say("problem.invalid_query.title", lang),
        message,
        errors=[error.model_dump()],
    )


async def _catalog_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CatalogError)
    errors = [
        FieldError(
            field=shortened(p.field or "body"),
            location="body",
            message=f"{p.record}: {p.message}" if p.record else p.message,
            type="catalog_rule",
        ).model_dump()
        for p in exc.problems
    ]
    count = len(errors)
    lang = request_language(request)
    return problem(
        request,
        422,
        "invalid-catalog-write",
        say("problem.catalog_write.title", lang),
        say("problem.catalog_write.detail", lang, count=count),
        errors=errors[:MAX_LISTED_ERRORS],
        errors_not_listed=count - MAX_LISTED_ERRORS if count > MAX_LISTED_ERRORS else None,
    )


async def _version_conflict(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, VersionConflict)
    request.state.catalog_version = exc.current
    lang = request_language(request)
    return problem(
        request,
        412,
        "version-conflict",
        say("problem.version_conflict.title", lang),
        say("problem.version_conflict.detail", lang, current=exc.current, expected=exc.expected),
        expected_version=exc.expected,
        current_version=exc.current,
    )


async def _already_exists(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AlreadyExists)
    lang = request_language(request)
    return problem(
        request,
        412,
        "already-exists",
        say("problem.already_exists.title", lang),
        say("problem.already_exists.detail", lang, what=exc.what),
    )


#: The stores' read-only reasons (:mod:`usecases.store`), by message key.
_READ_ONLY_REASONS = {
    READ_ONLY_BUNDLED: "problem.read_only.bundled",
    READ_ONLY_FOLDER: "problem.read_only.folder",
}


async def _read_only(request: Request, exc: Exception) -> JSONResponse:
    lang = request_language(request)
    key = _READ_ONLY_REASONS.get(str(exc))
    writable = say("problem.read_only.writable", lang)
    detail = say(key, lang, writable=writable) if key else str(exc)
    return problem(request, 409, "catalog-read-only", say("problem.read_only.title", lang), detail)


def request_id_of(request: Request) -> str | None:
    """The id :class:`api.request_log.RequestLogMiddleware` gave this request, if any."""
    request_id = getattr(request.state, "request_id", None)
    return request_id if isinstance(request_id, str) else None


async def _store_unavailable(request: Request, exc: Exception) -> JSONResponse:
    # The cause names the store's address and database: operators read it in the
    # log under the request id; readers, who need not be authenticated, get neither.
    seconds = getattr(request.app.state, "retry_after", 5)
    request_id = request_id_of(request)
    log.warning(
        "store unavailable on %s %s (request %s): %s",
        request.method,
        request.url.path,
        request_id,
        exc,
    )
    lang = request_language(request)
    return problem(
        request,
        503,
        "store-unavailable",
        say("problem.store_unavailable.title", lang),
        say("problem.store_unavailable.detail", lang, seconds=seconds, request_id=request_id),
        headers={"Retry-After": str(seconds)},
        retry_after=seconds,
        request_id=request_id,
    )


async def _budget(request: Request, exc: Exception) -> JSONResponse:
    lang = request_language(request)
    settings = getattr(request.app.state, "settings", None)
    seconds = getattr(settings, "query_budget_seconds", "?")
    return problem(
        request,
        422,
        "query-too-broad",
        say("problem.query_too_broad.title", lang),
        say("problem.query_too_broad.detail", lang, seconds=f"{seconds:g}"),
    )


async def _rumbo_error(request: Request, exc: Exception) -> JSONResponse:
    # Only errors raised for no more specific reason; their text is the domain's (English).
    title = say("problem.bad_request.title", request_language(request))
    return problem(request, 400, "bad-request", title, str(exc))


async def _api_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiProblem)
    lang = request_language(request)
    return problem(
        request,
        exc.status,
        exc.kind,
        say(exc.title, lang),
        say(exc.detail, lang, **exc.values),
        exc.headers,
        **exc.extensions,
    )


def allowed_methods(request: Request) -> list[str]:
    """Every method the API documents at this path (for a 405's ``Allow`` header)."""
    table: list[tuple[re.Pattern[str], set[str]]] | None = getattr(
        request.app.state, "method_table", None
    )
    if table is None:
        paths: dict[str, dict[str, Any]] = request.app.openapi().get("paths", {})
        table = [(compile_path(p)[0], {m.upper() for m in item}) for p, item in paths.items()]
        request.app.state.method_table = table
    path: str = request.scope.get("path", "")
    root: str = request.scope.get("root_path", "")
    if root and path.startswith(root):
        path = path[len(root) :]
    methods: set[str] = set()
    for regex, item_methods in table:
        if regex.match(path):
            methods |= item_methods
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


#: HTTP errors the API words itself: status -> message key (``.title``, ``.detail``).
_HTTP_MESSAGES = {400: "problem.bad_body", 404: "problem.not_found"}


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    lang = request_language(request)
    headers = dict(exc.headers or {})
    status = exc.status_code
    if status == 405:
        # Routes outside the OpenAPI document (static files) keep Starlette's own Allow.
        allow = ", ".join(allowed_methods(request)) or headers.get("Allow", "")
        headers["Allow"] = allow
        return method_not_allowed(request, allow, headers)
    key = _HTTP_MESSAGES.get(status)
    if key is None:
        title = say("problem.http.title", lang, status=status)
        detail = exc.detail if isinstance(exc.detail, str) else None
        return problem(request, status, None, title, detail, headers)
    title, detail = say(f"{key}.title", lang), say(f"{key}.detail", lang, path=request.url.path)
    return problem(request, status, None, title, detail, headers)


def method_not_allowed(
    request: Request, allow: str, headers: Mapping[str, str] | None = None
) -> ProblemResponse:
    """405, worded in the request's language, with ``Allow``."""
    lang = request_language(request)
    return problem(
        request,
        405,
        None,
        say("problem.method_not_allowed.title", lang),
        say("problem.method_not_allowed.detail", lang, method=request.method, allow=allow),
        headers={**(headers or {}), "Allow": allow},
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # Method and path only: bodies may hold personal assessment scores.
    log.error(
        "unexpected error on %s %s",
        request.method,
        request.url.path,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    lang = request_language(request)
    return problem(
        request,
        500,
        "internal-error",
        say("problem.internal.title", lang),
        say("problem.internal.detail", lang),
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler; the most specific class wins (Starlette looks up the MRO)."""
    handlers: list[tuple[type[Exception], Any]] = [
        (RequestValidationError, _request_validation),
        (ValidationError, _pydantic_validation),
        (UnknownRoleError, _unknown_role),
        (UnknownTransitionError, _unknown_transition),
        (InvalidQueryError, _invalid_query),
        (CatalogError, _catalog_error),
        (VersionConflict, _version_conflict),
        (AlreadyExists, _already_exists),
        (ReadOnlyCatalog, _read_only),
        (StoreUnavailable, _store_unavailable),
        (QueryBudgetExceeded, _budget),
        (RumboError, _rumbo_error),
        (ApiProblem, _api_problem),
        (StarletteHTTPException, _http_error),
        (Exception, _unexpected),
    ]
    for exc_class, handler in handlers:
        app.add_exception_handler(exc_class, handler)
