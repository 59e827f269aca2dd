"""Use case: edit the catalog (roles, transitions, the action table) through a store.

Each write goes through the store (Neo4j or the in-memory catalog), which
validates it as the loaders validate a catalog and answers the new catalog
version. ``expected_version`` makes a write conditional on the version it was
based on (:class:`~graph.store.VersionConflict` when the catalog has moved on).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from graph.model import DevelopmentAction, Role, Transition
from graph.store import CatalogStore
from graph.traits import Language
from usecases.answer import CatalogVersion
from usecases.role_guide import RoleDetail, TransitionFields, role_guide, transition_fields


class TransitionDetail(TransitionFields):
    """A catalog transition after a write."""

    catalog_version: CatalogVersion


class Deleted(BaseModel):
    """What a delete removed."""

    catalog_version: CatalogVersion
    deleted: str = Field(
        description="The role id, or `source->target` for a transition.",
        examples=["mlops-engineer"],
    )
    transitions_removed: int = Field(
        0, description="Catalog transitions removed along with a deleted role."
    )


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


T = TypeVar("T")


@dataclass(frozen=True)
class Written(Generic[T]):
    """What a write answers, the catalog it went to, and whether it created the thing.

    ``created`` comes from the store, which decides it where it writes: of several
    concurrent creates of one role exactly one is created.
    """

    detail: T
    catalog_id: str
    created: bool = False


def put_role(
    store: CatalogStore,
    role: Role,
    expected_version: int | None,
    lang: Language,
    *,
    create_only: bool = False,
) -> Written[RoleDetail]:
    """Create the role, or replace it (its transitions are kept).

    With ``create_only``, an existing role is left alone (:class:`~graph.store.AlreadyExists`).
    """
    upserted = store.put_role(role, expected_version, create_only=create_only)
    snapshot = upserted.snapshot
    return Written(role_guide(snapshot, role.id, lang), snapshot.catalog_id, upserted.created)


def delete_role(
    store: CatalogStore, role_id: str, expected_version: int | None
) -> Written[Deleted]:
    """Delete the role and every catalog transition into or out of it."""
    before = store.snapshot().catalog
    removed = len(before.outgoing(role_id)) + len(before.incoming(role_id))  # no role loops
    snapshot = store.delete_role(role_id, expected_version)
    deleted = Deleted(
        catalog_version=snapshot.version, deleted=role_id, transitions_removed=removed
    )
    return Written(deleted, snapshot.catalog_id)


def put_transition(
    store: CatalogStore,
    transition: Transition,
    expected_version: int | None,
    *,
    create_only: bool = False,
) -> Written[TransitionDetail]:
    """Create or replace a catalog transition between two existing, different roles."""
    before = store.snapshot().catalog
    before.role(transition.source)
    before.role(transition.target)
    upserted = store.put_transition(transition, expected_version, create_only=create_only)
    snapshot = upserted.snapshot
    detail = TransitionDetail(catalog_version=snapshot.version, **transition_fields(transition))
    return Written(detail, snapshot.catalog_id, upserted.created)


def delete_transition(
    store: CatalogStore, source: str, target: str, expected_version: int | None
) -> Written[Deleted]:
    """Delete the catalog transition ``source -> target``."""
    snapshot = store.delete_transition(source, target, expected_version)
    deleted = Deleted(catalog_version=snapshot.version, deleted=f"{source}->{target}")
    return Written(deleted, snapshot.catalog_id)


def put_actions(
    store: CatalogStore, actions: Sequence[DevelopmentAction], expected_version: int | None
) -> Written[ActionTableAnswer]:
    """Replace the whole development-action table."""
    snapshot = store.put_actions(actions, expected_version)
    answer = ActionTableAnswer(
        catalog_version=snapshot.version, actions=list(snapshot.catalog.actions)
    )
    return Written(answer, snapshot.catalog_id)
