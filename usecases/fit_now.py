"""Use case: a person's fit to every role today, best first."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

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
    total: int = Field(description="Roles in the catalog.")
    roles: list[RoleFitView]


def fit_now_answer(
    snapshot: CatalogSnapshot, person: Person, limit: int, lang: Language
) -> FitNowAnswer:
    """Every role ranked by the person's profile fit; the first ``limit`` are listed.

    Assessment scores are used for the answer only: never logged or stored.
    """
    catalog = snapshot.catalog
    ranked = fit_now(person, catalog.roles.values())
    return FitNowAnswer(
        catalog_version=snapshot.version,
        lang=lang,
        total=len(ranked),
        roles=[
            RoleFitView(**r.model_dump(), name=catalog.roles[r.id].display_name(lang))
            for r in ranked[:limit]
        ],
    )
