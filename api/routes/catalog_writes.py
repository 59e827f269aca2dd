"""Catalog writes: ``PUT``/``DELETE`` of roles and transitions, behind an API key.

Each write goes through the store (Neo4j or the in-memory catalog), which
validates it as the loaders validate a catalog and answers the new catalog
version. ``If-Match`` makes a write conditional on the version it was based on.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, status

from api.deps import (
    IfMatchHeader,
    LangDep,
    StoreDep,
    WriteKeyDep,
    expected_version,
    note_version,
    set_field_context,
)
from api.errors import ApiProblem, FieldContext
from api.models import Deleted, RoleBody, RoleDetail, TransitionBody, TransitionDetail
from api.routes._responses import problems
from api.routes.roles import role_detail
from graph.model import ROLE_ID_PATTERN

router = APIRouter(tags=["catalog"])

WRITE_ERRORS = problems(401, 403, 404, 412, 422, 503)
PUT_ERRORS = problems(400, 401, 403, 404, 412, 413, 422, 503)


def _role_id_path(description: str) -> object:
    return Path(
        description=description,
        pattern=ROLE_ID_PATTERN,
        examples=["mlops-engineer"],
    )


NewRoleId = Annotated[
    str,
    _role_id_path(
        "Role id: lowercase letters, digits, `.` and `-`, at most 80 characters "
        "(the slug of the English name by convention)."
    ),
]
SourceId = Annotated[str, _role_id_path("Role the transition leaves.")]
TargetId = Annotated[str, _role_id_path("Role the transition enters.")]


@router.put(
    "/roles/{role_id}",
    operation_id="putRole",
    summary="Create or replace a role",
    response_model=RoleDetail,
    responses={201: {"model": RoleDetail, "description": "Role created."}, **PUT_ERRORS},
)
def put_role(
    request: Request,
    response: Response,
    role_id: NewRoleId,
    body: RoleBody,
    _key: WriteKeyDep,
    store: StoreDep,
    lang: LangDep,
    if_match: IfMatchHeader = None,
) -> RoleDetail:
    """Create the role, or replace it (its transitions are kept). 201 when created."""
    existed = role_id in store.snapshot().catalog.roles
    snapshot = store.put_role(body.to_role(role_id), expected_version(store, if_match))
    note_version(request, snapshot.version)
    if not existed:
        response.status_code = status.HTTP_201_CREATED
        response.headers["Location"] = f"/v1/roles/{role_id}"
    return role_detail(snapshot, role_id, lang)


@router.delete(
    "/roles/{role_id}",
    operation_id="deleteRole",
    summary="Delete a role",
    response_model=Deleted,
    responses=WRITE_ERRORS,
)
def delete_role(
    request: Request,
    role_id: Annotated[str, Path(min_length=1, max_length=200, description="Role id.")],
    _key: WriteKeyDep,
    store: StoreDep,
    if_match: IfMatchHeader = None,
) -> Deleted:
    """Delete the role and every catalog transition into or out of it."""
    set_field_context(request, FieldContext("path", {}, roles=[("role_id", [role_id])]))
    before = store.snapshot().catalog
    removed = sum(1 for key in before.transitions if role_id in key)
    snapshot = store.delete_role(role_id, expected_version(store, if_match))
    note_version(request, snapshot.version)
    return Deleted(catalog_version=snapshot.version, deleted=role_id, transitions_removed=removed)


def _transition_detail(
    snapshot_version: int, source: str, target: str, body: TransitionBody
) -> TransitionDetail:
    edge = body.to_transition(source, target)
    return TransitionDetail(
        catalog_version=snapshot_version,
        source=edge.source,
        target=edge.target,
        fit=edge.fit,
        strengths=edge.strengths,
        develop=dict(edge.develop),
        effort=edge.effort,
        origin=edge.origin,
    )


@router.put(
    "/transitions/{source}/{target}",
    operation_id="putTransition",
    summary="Create or replace a transition",
    response_model=TransitionDetail,
    responses={
        201: {"model": TransitionDetail, "description": "Transition created."},
        **PUT_ERRORS,
    },
)
def put_transition(
    request: Request,
    response: Response,
    source: SourceId,
    target: TargetId,
    body: TransitionBody,
    _key: WriteKeyDep,
    store: StoreDep,
    if_match: IfMatchHeader = None,
) -> TransitionDetail:
    """Create or replace the catalog transition ``source -> target``; both roles must exist.

    201 when created. Unknown roles answer 404 with close matches.
    """
    set_field_context(
        request, FieldContext("path", {}, roles=[("source", [source]), ("target", [target])])
    )
    if source == target:
        raise ApiProblem(
            422,
            "invalid-request",
            "Invalid request",
            "A role cannot transition to itself.",
            errors=[
                {
                    "field": "target",
                    "location": "path",
                    "message": "a role cannot transition to itself",
                    "type": "self_transition",
                }
            ],
        )
    before = store.snapshot().catalog
    before.role(source)
    before.role(target)
    existed = (source, target) in before.transitions
    snapshot = store.put_transition(
        body.to_transition(source, target), expected_version(store, if_match)
    )
    note_version(request, snapshot.version)
    if not existed:
        response.status_code = status.HTTP_201_CREATED
        response.headers["Location"] = f"/v1/transitions/{source}/{target}"
    return _transition_detail(snapshot.version, source, target, body)


@router.delete(
    "/transitions/{source}/{target}",
    operation_id="deleteTransition",
    summary="Delete a transition",
    response_model=Deleted,
    responses=WRITE_ERRORS,
)
def delete_transition(
    request: Request,
    source: Annotated[str, Path(min_length=1, max_length=200, description="Source role id.")],
    target: Annotated[str, Path(min_length=1, max_length=200, description="Target role id.")],
    _key: WriteKeyDep,
    store: StoreDep,
    if_match: IfMatchHeader = None,
) -> Deleted:
    """Delete the catalog transition ``source -> target``."""
    set_field_context(
        request, FieldContext("path", {}, roles=[("source", [source]), ("target", [target])])
    )
    snapshot = store.delete_transition(source, target, expected_version(store, if_match))
    note_version(request, snapshot.version)
    return Deleted(catalog_version=snapshot.version, deleted=f"{source}->{target}")
