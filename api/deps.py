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
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Query, Request, Security
from fastapi.security import APIKeyHeader
from starlette.concurrency import run_in_threadpool

from api.errors import ApiProblem, FieldContext
from api.language import parse_accept_language
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
    """The last catalog version (and catalog id) this process has seen, for answers that
    load no snapshot."""

    def __init__(self) -> None:
        self.last: int | None = None
        self.catalog_id = ""

    def seen(self, version: int, catalog_id: str | None = None) -> None:
        self.last = version
        if catalog_id is not None:
            self.catalog_id = catalog_id


def entity_tag(version: int, catalog_id: str) -> str:
    """The weak ETag of a catalog version: the catalog's id and the version.

    >>> entity_tag(12, "9f2c1a"), entity_tag(3, "")
    ('W/"9f2c1a-12"', 'W/"3"')
    """
    return f'W/"{catalog_id}-{version}"' if catalog_id else f'W/"{version}"'


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


def note_version(request: Request, version: int, catalog_id: str | None = None) -> None:
    """Record the version (and catalog) an answer was computed on (for headers and problems)."""
    request.state.catalog_version = version
    if catalog_id is not None:
        request.state.catalog_id = catalog_id
    tracker: VersionTracker | None = getattr(request.app.state, "versions", None)
    if tracker is not None:
        tracker.seen(version, catalog_id)


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
    note_version(request, snapshot.version, snapshot.catalog_id)
    if snapshot.stale:
        request.state.catalog_stale = True
    return snapshot


SnapshotDep = Annotated[CatalogSnapshot, Depends(get_snapshot)]


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
            "problem.missing_api_key.title",
            "problem.missing_api_key.detail",
            headers={"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}"'},
            values={"header": API_KEY_HEADER},
        )
    if not _key_matches(key, settings):
        raise ApiProblem(
            403,
            "invalid-api-key",
            "problem.invalid_api_key.title",
            "problem.invalid_api_key.detail",
            values={"header": API_KEY_HEADER},
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


_TAG = r'(?:W/)?"?(?:([0-9a-f]{1,64})-)?([0-9]{1,18})"?'
_ETAG = re.compile(f"^{_TAG}$")


@dataclass(frozen=True)
class EntityTag:
    """One entity tag of an ``If-Match``: a version, of one catalog or of whichever is served."""

    version: int
    catalog_id: str | None = None


def parse_if_match(header: str | None) -> list[EntityTag] | None:
    """The entity tags an ``If-Match`` header lists; ``None`` for no condition.

    Accepts the ETag this service sends (``W/"<catalog id>-<version>"``), several of
    them, ``*``, or a bare version (``"12"``, ``W/"12"`` or ``12``, from
    ``X-Catalog-Version``), which conditions on the version of whichever catalog is served.

    >>> parse_if_match('W/"9f2c1a-12"')
    [EntityTag(version=12, catalog_id='9f2c1a')]
    >>> parse_if_match("7"), parse_if_match("*"), parse_if_match(None)
    ([EntityTag(version=7, catalog_id=None)], None, None)
    """
    if header is None or header.strip() in ("", "*"):
        return None
    tags: list[EntityTag] = []
    for part in header.split(","):
        match = _ETAG.match(part.strip())
        if not match:
            raise ApiProblem(
                412,
                "precondition-failed",
                "problem.precondition_failed.title",
                "problem.precondition_failed.detail",
            )
        tags.append(EntityTag(int(match.group(2)), match.group(1)))
    return tags


IF_MATCH_PATTERN = rf"^\s*(\*|{_TAG}(\s*,\s*{_TAG})*)\s*$"

#: The raw ``If-Match`` header; parse it with :func:`expected_version` once the
#: request is valid, so a malformed request answers 422 before any 412.
IfMatchHeader = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='The ETag the write expects (e.g. W/"9f2c1a-12": the catalog\'s id and '
        "version); 412 if the catalog has moved on or is another catalog. A bare version "
        '("12") conditions on the version only.',
        max_length=200,
        pattern=IF_MATCH_PATTERN,
    ),
]

#: ``If-None-Match: *``: create only, 412 if the role or transition exists.
IfNoneMatchHeader = Annotated[
    str | None,
    Header(
        alias="If-None-Match",
        description="`*` to create only: 412 (already-exists) if it exists, and nothing "
        "is written.",
        max_length=20,
        pattern=r"^\*$",
    ),
]


def expected_version(store: CatalogStore, if_match: str | None) -> int | None:
    """The version a write's ``If-Match`` requires, if any.

    A tag of another catalog never matches: the write answers 412 before it is tried.
    """
    tags = parse_if_match(if_match)
    if tags is None:
        return None
    if len(tags) == 1 and tags[0].catalog_id is None:
        return tags[0].version
    snapshot = store.snapshot()
    usable = [t.version for t in tags if t.catalog_id in (None, snapshot.catalog_id)]
    if not usable:
        raise ApiProblem(
            412,
            "catalog-mismatch",
            "problem.catalog_mismatch.title",
            "problem.catalog_mismatch.detail",
            values={"etag": entity_tag(snapshot.version, snapshot.catalog_id)},
        )
    return snapshot.version if snapshot.version in usable else usable[0]


def set_field_context(request: Request, context: FieldContext) -> None:
    """Tell the error handlers how this endpoint names the domain's fields."""
    request.state.field_context = context
