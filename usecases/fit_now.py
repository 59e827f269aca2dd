"""Use case: a person's fit to every role today, best first."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from graph.catalog import Catalog
from graph.model import Role, suggest_role_ids
from graph.personal import Person
from graph.personal.fit_now import RoleFit, fit_now
from graph.store import CatalogSnapshot
from graph.traits import Language
from usecases.answer import CatalogVersion


class RoleFitView(RoleFit):
    """One role's fit, with its display name."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "ml-engineer",
                    "name": "Ingeniero/a de Machine Learning",
                    "fit": 0.93,
                    "strengths": {"agreeableness": 3.0, "emotional_stability": 2.0},
                    "gaps": {},
                }
            ]
        }
    )

    name: str = Field(description="Display name in the requested language.")


class FitNowAnswer(BaseModel):
    """The person's fit to every role, best first."""

    catalog_version: CatalogVersion
    lang: Language
    total: int = Field(description="Roles ranked: every role of the catalog, or those of `ids`.")
    roles: list[RoleFitView]


def fit_now_answer(
    snapshot: CatalogSnapshot,
    person: Person,
    limit: int,
    lang: Language,
    ids: Sequence[str] | None = None,
) -> FitNowAnswer:
    """Every role (or the roles ``ids`` names) ranked by the person's profile fit; the first
    ``limit`` are listed.

    Unknown ``ids`` are refused, each named by its place (a
    :class:`pydantic.ValidationError` of type ``unknown_role``, with close matches).
    Assessment scores are used for the answer only: never logged or stored.
    """
    catalog = snapshot.catalog
    roles = catalog.roles.values() if ids is None else _named_roles(catalog, ids)
    ranked = fit_now(person, roles)
    return FitNowAnswer(
        catalog_version=snapshot.version,
        lang=lang,
        total=len(ranked),
        roles=[
            RoleFitView(**r.model_dump(), name=catalog.roles[r.id].display_name(lang))
            for r in ranked[:limit]
        ],
    )


def _named_roles(catalog: Catalog, ids: Sequence[str]) -> list[Role]:
    """The roles ``ids`` names, each once; every unknown id refused at once.

    >>> from graph.traits import Profile
    >>> one = Role(id="a", name="A", profile=Profile.from_scores([50] * 6))
    >>> [r.id for r in _named_roles(Catalog.build([one], []), ["a", "a"])]
    ['a']
    >>> _named_roles(Catalog.build([one], []), ["a", "b"])
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for FitNowQuery
    ids.1
      Unknown role 'b'. [type=unknown_role, input_value='b', input_type=str]
    """
    unknown = [
        InitErrorDetails(
            type=PydanticCustomError(
                "unknown_role",
                "Unknown role '{role_id}'.",
                {
                    "role_id": role_id,
                    "suggestions": ", ".join(suggest_role_ids(role_id, catalog.roles.values())),
                },
            ),
            loc=("ids", place),
            input=role_id,
        )
        for place, role_id in enumerate(ids)
        if role_id not in catalog.roles
    ]
    if unknown:
        raise ValidationError.from_exception_data("FitNowQuery", unknown)
    return [catalog.roles[role_id] for role_id in dict.fromkeys(ids)]
