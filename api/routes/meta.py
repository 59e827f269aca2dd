"""Liveness and readiness probes (outside ``/v1``; never need a key)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import StoreDep, note_version
from api.errors import ApiProblem
from api.models.service import Health, Readiness
from api.routes._responses import problems

router = APIRouter(tags=["service"])


@router.get(
    "/health",
    operation_id="getHealth",
    summary="Liveness",
    response_model=Health,
)
async def health() -> Health:
    """The process is up and answering. Does not touch the store."""
    return Health()


@router.get(
    "/ready",
    operation_id="getReadiness",
    summary="Readiness",
    response_model=Readiness,
    responses=problems(503),
)
def ready(request: Request, store: StoreDep) -> Readiness:
    """The store answers and the search graph of the current catalog version is loaded.

    503 (with the reason and a retry hint) while the store is unreachable or
    only a stale copy of the catalog can be served.
    """
    snapshot = store.snapshot()
    note_version(request, snapshot.version, snapshot.catalog_id)
    seconds: int = request.app.state.retry_after
    if snapshot.stale:
        # The service's own state, not the store's error: safe to tell any reader.
        raise ApiProblem(
            503,
            "store-unavailable",
            "problem.store_unavailable.title",
            "problem.store_stale.detail",
            headers={"Retry-After": str(seconds)},
            values={"seconds": seconds},
            retry_after=seconds,
        )
    index = snapshot.compiled.index  # built here, so the first query finds it ready
    if index.size != len(snapshot.catalog.roles):
        raise ApiProblem(
            503,
            "projection-not-loaded",
            "problem.projection_not_loaded.title",
            "problem.projection_not_loaded.detail",
            headers={"Retry-After": str(seconds)},
            retry_after=seconds,
        )
    return Readiness(
        store=request.app.state.store_kind,
        catalog_version=snapshot.version,
        roles=len(snapshot.catalog.roles),
        transitions=len(snapshot.catalog.transitions),
        graph_edges=len(index.dst),
    )
