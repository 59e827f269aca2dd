"""The API's routers: service probes, and the versioned ``/v1`` endpoints."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.deps import require_read_key
from api.routes import actions, catalog_writes, meta, personal, roles, route_queries, traits


def v1_router(read_requires_key: bool) -> APIRouter:
    """The ``/v1`` endpoints; reads carry the key check only when the service asks for it.

    Without it, reads have neither the dependency (which costs per request)
    nor a security requirement in the OpenAPI document. Route queries come
    first: they are the most frequent requests, and routes match in order.
    """
    reads = [Depends(require_read_key)] if read_requires_key else []
    v1 = APIRouter(prefix="/v1")
    for router in (route_queries.router, personal.router, roles.router, traits.router):
        v1.include_router(router, dependencies=reads)
    v1.include_router(actions.reads, dependencies=reads)
    v1.include_router(actions.writes)
    v1.include_router(catalog_writes.router)
    return v1


__all__ = ["meta", "v1_router"]
