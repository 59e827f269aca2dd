"""Request dependencies, as ``Annotated`` aliases for endpoint signatures.

Cheap dependencies are ``async`` (no threadpool hop); reading a snapshot from
a store that does I/O (Neo4j) runs in the threadpool, so a slow store never
blocks the event loop. Endpoints that search are plain ``def`` functions and
run in the threadpool too.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Annotated

from fastapi import Depends, Header, Query, Request, Security
from fastapi.security import APIKeyHeader
from starlette.concurrency import run_in_threadpool

from api.errors import ApiProblem, FieldContext
from graph.store import CatalogSnapshot, CatalogStore, StoreUnavailable
from graph.traits import Language
from usecases.settings import Settings

API_KEY_HEADER = "X-API-Key"

api_key_scheme = APIKeyHeader(
    name=API_KEY_HEADER,
    auto_error=False,
    scheme_name="ApiKey",
    description="Key for catalog writes (and reads, when the service is configured so).",
)


class VersionTracker:
    """The last catalog version this process has seen, for answers that load no snapshot."""

    def __init__(self) -> None:
        self.last: int | None = None

    def seen(self, version: int) -> None:
        self.last = version


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def store_of(request: Request) -> CatalogStore:
    """The app's open catalog store (a plain function: dependencies cost per request)."""
    store: CatalogStore | None = getattr(request.app.state, "store", None)
    if store is None:
        raise StoreUnavailable("the catalog store is not open (the service is starting up)")
    return store


async def get_store(request: Request) -> CatalogStore:
    return store_of(request)


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[CatalogStore, Depends(get_store)]


def note_version(request: Request, version: int) -> None:
    """Record the version an answer was computed on (for headers and problems)."""
    request.state.catalog_version = version
    tracker: VersionTracker | None = getattr(request.app.state, "versions", None)
    if tracker is not None:
        tracker.seen(version)


async def get_snapshot(request: Request) -> CatalogSnapshot:
    """The current catalog snapshot; every read of one request uses this one version.

    The in-memory store answers without I/O; any other store is asked from the
    threadpool.
    """
    store = store_of(request)
    if store.kind == "memory":
        snapshot = store.snapshot()
    else:
        snapshot = await run_in_threadpool(store.snapshot)
    note_version(request, snapshot.version)
    if snapshot.stale:
        request.state.catalog_stale = True
    return snapshot


SnapshotDep = Annotated[CatalogSnapshot, Depends(get_snapshot)]


_LANG_RANGE = re.compile(
    r"^\s*([A-Za-z]{1,8}|\*)(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?"
)


def parse_accept_language(header: str | None) -> Language | None:
    """The best of es and en that an ``Accept-Language`` header accepts, if any.

    >>> parse_accept_language("en-GB,en;q=0.9,es;q=0.8")
    'en'
    >>> parse_accept_language("fr-FR, es;q=0.5, en;q=0.4")
    'es'
    >>> parse_accept_language("de, fr") is None
    True
    >>> parse_accept_language("en;q=0, es;q=0.1")
    'es'
    """
    if not header:
        return None
    best: tuple[float, int, Language] | None = None
    for index, part in enumerate(header.split(",")[:32]):
        match = _LANG_RANGE.match(part)
        if not match:
            continue
        tag = match.group(1).lower()
        try:
            quality = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        if not 0 < quality <= 1:
            continue
        lang: Language
        if tag == "en":
            lang = "en"
        elif tag in ("es", "*"):
            lang = "es"
        else:
            continue
        candidate = (quality, -index, lang)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


async def get_lang(
    request: Request,
    lang: Annotated[
        Language | None,
        Query(description="Language of names and explanations; overrides Accept-Language."),
    ] = None,
    accept_language: Annotated[
        str | None,
        Header(
            description="Preferred languages (`es` or `en`); `es` when neither is accepted.",
            max_length=500,
        ),
    ] = None,
) -> Language:
    """``?lang=``, else the best of ``Accept-Language``, else Spanish (the guides' language)."""
    chosen: Language = lang or parse_accept_language(accept_language) or "es"
    request.state.lang = chosen
    return chosen


LangDep = Annotated[Language, Depends(get_lang)]


def _key_matches(given: str, settings: Settings) -> bool:
    """Constant-time comparison against every configured key.

    Digests are compared, so neither the keys' lengths nor which key matched
    show in the timing; every key is compared (no early exit).
    """
    given_digest = hashlib.sha256(given.encode("utf-8", "surrogateescape")).digest()
    matched = False
    for key in settings.api_keys:
        digest = hashlib.sha256(key.get_secret_value().encode("utf-8")).digest()
        matched |= hmac.compare_digest(given_digest, digest)
    return matched


def check_key(key: str | None, settings: Settings) -> None:
    """401 without a key, 403 with a wrong one."""
    if not key:
        raise ApiProblem(
            401,
            "missing-api-key",
            "API key required",
            f"Send a valid key in the {API_KEY_HEADER} header.",
            headers={"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'},
        )
    if not _key_matches(key, settings):
        raise ApiProblem(
            403,
            "invalid-api-key",
            "API key not accepted",
            f"The key in {API_KEY_HEADER} is not one of the service's keys.",
        )


async def require_write_key(
    settings: SettingsDep, key: Annotated[str | None, Security(api_key_scheme)]
) -> None:
    check_key(key, settings)


async def require_read_key(
    request: Request, key: Annotated[str | None, Security(api_key_scheme)]
) -> None:
    settings: Settings = request.app.state.settings
    if settings.read_requires_key:
        check_key(key, settings)


WriteKeyDep = Annotated[None, Depends(require_write_key)]
ReadKeyDep = Annotated[None, Depends(require_read_key)]


_ETAG = re.compile(r'^(?:W/)?"?(\d{1,18})"?$')


def parse_if_match(header: str | None, current: int | None = None) -> int | None:
    """The catalog version an ``If-Match`` header requires; ``None`` for no condition.

    Accepts ``"12"``, ``W/"12"`` or ``12`` (the ETag this service sends), a
    list of them (the current one is picked when listed) or ``*``.

    >>> parse_if_match('W/"12"'), parse_if_match("7"), parse_if_match("*"), parse_if_match(None)
    (12, 7, None, None)
    >>> parse_if_match('"3", "5"', current=5)
    5
    """
    if header is None or header.strip() in ("", "*"):
        return None
    versions: list[int] = []
    for part in header.split(","):
        match = _ETAG.match(part.strip())
        if not match:
            raise ApiProblem(
                412,
                "precondition-failed",
                "Precondition failed",
                'If-Match must hold the catalog version as the ETag sends it, e.g. W/"12".',
            )
        versions.append(int(match.group(1)))
    if current is not None and current in versions:
        return current
    return versions[0]


IF_MATCH_PATTERN = r'^\s*(\*|(W/)?"?[0-9]{1,18}"?(\s*,\s*(W/)?"?[0-9]{1,18}"?)*)\s*$'

#: The raw ``If-Match`` header; parse it with :func:`expected_version` once the
#: request is valid, so a malformed request answers 422 before any 412.
IfMatchHeader = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='Catalog version the write expects (the ETag, e.g. W/"12"); '
        "412 if the catalog has moved on.",
        max_length=200,
        pattern=IF_MATCH_PATTERN,
    ),
]


def expected_version(store: CatalogStore, if_match: str | None) -> int | None:
    """The version a write's ``If-Match`` requires, if any."""
    if if_match is None:
        return None
    current = store.snapshot().version if "," in if_match else None
    return parse_if_match(if_match, current)


def set_field_context(request: Request, context: FieldContext) -> None:
    """Tell the error handlers how this endpoint names the domain's fields."""
    request.state.field_context = context
