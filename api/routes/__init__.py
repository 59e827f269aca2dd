"""The API's routers: service probes, and the versioned ``/v1`` endpoints."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.deps import require_read_key
from api.routes import actions, catalog_writes, meta, personal, roles, route_queries, traits

#: Reads under /v1 need a key only when ``read_requires_key`` is set.
v1 = APIRouter(prefix="/v1")
v1.include_router(traits.router, dependencies=[Depends(require_read_key)])
v1.include_router(roles.router, dependencies=[Depends(require_read_key)])
v1.include_router(route_queries.router, dependencies=[Depends(require_read_key)])
v1.include_router(personal.router, dependencies=[Depends(require_read_key)])
v1.include_router(catalog_writes.router)
v1.include_router(actions.router)

__all__ = ["meta", "v1"]
