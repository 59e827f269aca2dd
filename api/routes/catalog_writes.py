"""Catalog writes: ``PUT``/``DELETE`` of roles and transitions, behind an API key.

The use cases (:mod:`usecases.catalog_writes`) validate each write as the
loaders validate a catalog and answer the new catalog version; this router
adds what is HTTP's own: the key, ``If-Match``, 201 with ``Location``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response, status

from api.deps import (
    IfMatchHeader,
    IfNoneMatchHeader,
    LangDep,
    StoreDep,
    WriteKeyDep,
    expected_version,
    note_version,
    set_field_context,
)
from api.errors import FieldContext
from api.models.catalog import RoleBody, TransitionBody
from api.routes._responses import problems
from graph.model import ROLE_ID_PATTERN
from usecases import catalog_writes
from usecases.catalog_writes import Deleted, TransitionDetail
from usecases.role_guide import RoleDetail

router = APIRouter(tags=["catalog"])

WRITE_ERRORS = problems(401, 403, 404, 409, 412, 422, 503)
PUT_ERRORS = problems(400, 401, 403, 404, 409, 412, 413, 422, 503)


def _role_id_path(description: str) -> object:
    return Path(description=description, pattern=ROLE_ID_PATTERN, examples=["mlops-engineer"])


NewRoleId = Annotated[
    str,
    _role_id_path(
        "Role id: lowercase letters, digits, `.` and `-`, at most 80 characters "
        "(the slug of the English name by convention)."
    ),
]
SourceId = Annotated[str, _role_id_path("Role the transition leaves.")]
TargetId = Annotated[str, _role_id_path("Role the transition enters.")]
AnyRoleId = Annotated[str, Path(min_length=1, max_length=200, description="Role id.")]


def _created(response: Response, location: str) -> None:
    response.status_code = status.HTTP_201_CREATED
    response.headers["Location"] = location


def _name_path_roles(request: Request, **roles: str) -> None:
    """Tell the error handlers which path parameter named each role."""
    named = [(field, [role]) for field, role in roles.items()]
    set_field_context(request, FieldContext("path", {}, roles=named))


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
    if_none_match: IfNoneMatchHeader = None,
) -> RoleDetail:
    """Create the role, or replace it (its transitions are kept). 201 when created.

    `If-None-Match: *` creates only: 412 if the role exists.
    """
    role = body.to_role(role_id)
    expected = expected_version(store, if_match)
    create_only = if_none_match is not None
    written = catalog_writes.put_role(store, role, expected, lang, create_only=create_only)
    note_version(request, written.detail.catalog_version, written.catalog_id)
    if written.created:
        _created(response, f"/v1/roles/{role_id}")
    return written.detail


@router.delete(
    "/roles/{role_id}",
    operation_id="deleteRole",
    summary="Delete a role",
    response_model=Deleted,
    responses=WRITE_ERRORS,
)
def delete_role(
    request: Request,
    role_id: AnyRoleId,
    _key: WriteKeyDep,
    store: StoreDep,
    if_match: IfMatchHeader = None,
) -> Deleted:
    """Delete the role and every catalog transition into or out of it."""
    _name_path_roles(request, role_id=role_id)
    deleted = catalog_writes.delete_role(store, role_id, expected_version(store, if_match))
    note_version(request, deleted.detail.catalog_version, deleted.catalog_id)
    return deleted.detail


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
    if_none_match: IfNoneMatchHeader = None,
) -> TransitionDetail:
    """Create or replace the catalog transition ``source -> target``; both roles must exist.

    201 when created; `If-None-Match: *` creates only (412 if it exists). Unknown roles
    answer 404 with close matches.
    """
    _name_path_roles(request, source=source, target=target)
    edge = body.to_transition(source, target)
    expected = expected_version(store, if_match)
    create_only = if_none_match is not None
    written = catalog_writes.put_transition(store, edge, expected, create_only=create_only)
    note_version(request, written.detail.catalog_version, written.catalog_id)
    if written.created:
        _created(response, f"/v1/transitions/{source}/{target}")
    return written.detail


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
    _name_path_roles(request, source=source, target=target)
    expected = expected_version(store, if_match)
    deleted = catalog_writes.delete_transition(store, source, target, expected)
    note_version(request, deleted.detail.catalog_version, deleted.catalog_id)
    return deleted.detail
