"""The FastAPI application factory.

``create_app(settings, store)`` builds the app; its lifespan opens the
catalog store (unless one is handed in) and closes what it opened.
``app_from_env`` is the factory uvicorn calls (``api.app:app_from_env``).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from starlette.concurrency import run_in_threadpool

from api.admission import slots_for
from api.answer_cache import AnswerCache
from api.deps import VersionTracker
from api.docs import mount_docs
from api.errors import PROBLEM_MEDIA_TYPE, install_error_handlers
from api.middleware import BodyLimitMiddleware, CatalogHeadersMiddleware, HeadMiddleware
from api.models.examples import SCHEMA_EXAMPLES
from api.request_log import RequestLogMiddleware
from api.routes import meta, v1_router
from api.web import mount_web
from graph.store import CatalogStore, StoreUnavailable
from usecases.settings import Settings
from usecases.store import open_store

log = logging.getLogger("api")

API_VERSION = "1.0.0"

DESCRIPTION = """\
Career routes over OCEAN+ role profiles.

* Every answer carries the catalog version it was computed on, in the
  `X-Catalog-Version` header, in a weak `ETag` with the catalog's id
  (`W/"9f2c1a-12"`), and as `catalog_version` in JSON bodies. Send the ETag
  back in `If-Match` to make a write conditional (412 if the catalog has moved
  on or is another one); `If-None-Match: *` creates only. Sent back in
  `If-None-Match` on a GET, it answers 304 while the catalog is unchanged
  (GETs carry `Cache-Control: no-cache`: keep, but revalidate).
* The bundled catalog, and a folder served without `--writable`, are
  read-only: writes answer 409. A writable folder saves each write before
  answering.
* `?lang=es|en` or `Accept-Language` chooses the language of names,
  explanations and error titles and details; Spanish is the default, as in the
  role guides.
* Errors are RFC 9457 `application/problem+json`.
* Every fit (`fit`, `cumulative_fit`, `min_step_fit`...) is a number from 0 to 1;
  role ids are in fields named `id` (or `from`, `to`, `roles` in routes).
* Writes need an `X-API-Key` header.
"""

TAGS: list[dict[str, Any]] = [
    {"name": "routes", "description": "Route queries between two roles."},
    {"name": "roles", "description": "Role search, role guides and reachability."},
    {"name": "traits", "description": "The six OCEAN+ traits."},
    {"name": "catalog", "description": "Catalog writes (API key required)."},
    {"name": "service", "description": "Liveness and readiness probes."},
]

#: Opens the store the settings select (:func:`usecases.store.open_store`; tests hand in others).
StoreFactory = Callable[[Settings], CatalogStore]


def create_app(
    settings: Settings | None = None,
    store: CatalogStore | None = None,
    *,
    store_factory: StoreFactory = open_store,
) -> FastAPI:
    """Build the application.

    Parameters
    ----------
    settings
        Read from the environment when omitted.
    store
        A store to serve; the caller keeps ownership (it is not closed).
        When omitted the lifespan opens the one the settings select with
        ``store_factory`` and closes it on shutdown.
    """
    settings = settings or Settings()
    versions = VersionTracker()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        opened = await run_in_threadpool(store_factory, settings) if store is None else store
        app.state.store = opened
        app.state.store_kind = opened.kind
        try:
            first = await run_in_threadpool(opened.snapshot)
            versions.seen(first.version, first.catalog_id)
            log.info("catalog store open (%s), version %d", app.state.store_kind, first.version)
        except StoreUnavailable as exc:
            log.warning("catalog store open (%s) but not answering: %s", app.state.store_kind, exc)
        except Exception:
            # Only a warm-up: requests report the store's state themselves.
            log.exception("catalog store open (%s) but its first read failed", app.state.store_kind)
        if owned:
            # A store this app opened lives as long as the serving process: keeping
            # it out of the collector's full passes shortens the pauses that make
            # tail latency. (A store handed in belongs to the caller, often a test.)
            gc.collect()
            gc.freeze()
        try:
            yield
        finally:
            app.state.store = None
            if owned:
                await run_in_threadpool(opened.close)
                log.info("catalog store closed")

    app = FastAPI(
        title="Rumbo API",
        version=API_VERSION,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        # A redirect to the slash-less path would be built from the Host header,
        # which a client chooses: a path with a stray slash answers 404 instead.
        redirect_slashes=False,
        # Served offline by api.docs, under a Content-Security-Policy.
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.answers = AnswerCache(settings.answer_cache_size, settings.answer_cache_bytes)
    app.state.versions = versions
    app.state.retry_after = settings.retry_after_seconds
    app.state.search_slots = slots_for(settings)
    app.state.store = None
    app.state.store_kind = settings.store_kind

    install_error_handlers(app)
    mount_docs(app)
    app.include_router(meta.router)
    app.include_router(v1_router(settings.read_requires_key))
    mount_web(app)

    # Added first, so innermost: every middleware below sees the request as a HEAD.
    app.add_middleware(HeadMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["Accept-Language", "Content-Type", "If-Match", "X-API-Key"],
            expose_headers=["X-Catalog-Version", "ETag", "Retry-After", "Location"],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(CatalogHeadersMiddleware, versions=versions)
    app.add_middleware(RequestLogMiddleware)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
            )
            problem_media_types(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


#: Headers every answer carries, documented on every response.
VERSION_HEADERS: dict[str, Any] = {
    "X-Catalog-Version": {
        "description": "Catalog version the answer was computed on (the last one known "
        "for answers that read no catalog).",
        "schema": {"type": "string", "pattern": "^[0-9]+$", "examples": ["1"]},
    },
    "ETag": {
        "description": "The catalog's id and version as a weak entity tag, e.g. "
        'W/"9f2c1a-1"; send it in If-Match to make a write conditional.',
        "schema": {"type": "string", "examples": ['W/"9f2c1a-1"']},
    },
}


def problem_media_types(schema: dict[str, Any]) -> dict[str, Any]:
    """Document error answers (4xx, 5xx) as ``application/problem+json``, the
    version headers on every answer, and examples of the domain's models."""
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            for code, response in operation.get("responses", {}).items():
                content = response.get("content")
                if code[:1] in ("4", "5") and content and "application/json" in content:
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
                headers = response.setdefault("headers", {})
                for name, header in VERSION_HEADERS.items():
                    headers.setdefault(name, header)
            for parameter in operation.get("parameters", []):
                parameter["schema"] = without_null(parameter.get("schema", {}))
    for name, component in schema.get("components", {}).get("schemas", {}).items():
        if name in SCHEMA_EXAMPLES and "examples" not in component:
            component["examples"] = [SCHEMA_EXAMPLES[name]]
    return schema


def without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional parameter's schema without its ``null`` branch.

    Query and header parameters are absent or a string on the wire, never
    ``null``; FastAPI documents ``X | None`` as ``anyOf [X, null]``.
    """
    branches = schema.get("anyOf")
    if not isinstance(branches, list):
        return schema
    kept = [b for b in branches if b != {"type": "null"}]
    if len(kept) != 1 or len(kept) == len(branches):
        return schema
    rest = {k: v for k, v in schema.items() if k != "anyOf"}
    return {**kept[0], **rest}


def app_from_env() -> FastAPI:
    """The app configured by ``RUMBO_*`` environment variables (uvicorn's factory)."""
    return create_app(Settings())
