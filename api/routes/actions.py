"""The development-action table: read it, and replace it behind an API key."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import (
    IfMatchHeader,
    SnapshotDep,
    StoreDep,
    WriteKeyDep,
    expected_version,
    note_version,
)
from api.routes._responses import READ_ERRORS, problems
from usecases import catalog_writes
from usecases.catalog_writes import ActionTable, ActionTableAnswer

reads = APIRouter(tags=["catalog"])
writes = APIRouter(tags=["catalog"])


@reads.get(
    "/actions",
    operation_id="listActions",
    summary="The development-action table",
    response_model=ActionTableAnswer,
    responses=READ_ERRORS,
)
async def list_actions(snapshot: SnapshotDep) -> ActionTableAnswer:
    """Every development action of the catalog, grouped by trait in OCEAN+ order."""
    return ActionTableAnswer(
        catalog_version=snapshot.version, actions=list(snapshot.catalog.actions)
    )


@writes.put(
    "/actions",
    operation_id="putActions",
    summary="Replace the development-action table",
    response_model=ActionTableAnswer,
    responses=problems(400, 401, 403, 409, 412, 413, 422, 503),
)
def put_actions(
    request: Request,
    body: ActionTable,
    _key: WriteKeyDep,
    store: StoreDep,
    if_match: IfMatchHeader = None,
) -> ActionTableAnswer:
    """Replace the whole table (edited like roles); the catalog version goes up by one."""
    written = catalog_writes.put_actions(store, body.actions, expected_version(store, if_match))
    note_version(request, written.detail.catalog_version, written.catalog_id)
    return written.detail
