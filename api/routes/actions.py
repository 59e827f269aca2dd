"""The development-action table: read it, and replace it behind an API key."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from api.deps import (
    IfMatchHeader,
    SnapshotDep,
    StoreDep,
    WriteKeyDep,
    expected_version,
    note_version,
)
from api.models import CatalogVersion
from api.routes._responses import READ_ERRORS, problems
from graph.model import DevelopmentAction

reads = APIRouter(tags=["catalog"])
writes = APIRouter(tags=["catalog"])


class ActionTable(BaseModel):
    """Concrete development actions per trait, in es and en, shown on route steps."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "actions": [
                        {
                            "trait": "extraversion",
                            "es": "Presentar el trabajo del equipo en una demo abierta",
                            "en": "Present the team's work in an open demo",
                        }
                    ]
                }
            ]
        },
    )

    actions: list[DevelopmentAction] = Field(
        max_length=100, description="The whole table, in display order per trait."
    )


class ActionTableAnswer(ActionTable):
    """The action table of one catalog version."""

    catalog_version: CatalogVersion


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
    responses=problems(400, 401, 403, 412, 413, 422, 503),
)
def put_actions(
    request: Request,
    body: ActionTable,
    _key: WriteKeyDep,
    store: StoreDep,
    if_match: IfMatchHeader = None,
) -> ActionTableAnswer:
    """Replace the whole table (edited like roles); the catalog version goes up by one."""
    snapshot = store.put_actions(body.actions, expected_version(store, if_match))
    note_version(request, snapshot.version)
    return ActionTableAnswer(
        catalog_version=snapshot.version, actions=list(snapshot.catalog.actions)
    )
