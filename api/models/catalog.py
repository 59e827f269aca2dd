"""Catalog write bodies: a role and a transition.

Validated as the catalog loaders validate a catalog file: numbers are numbers
(strings and booleans are refused), traits are the six OCEAN+ ones and unknown
keys are refused. (The action table's body is :class:`usecases.catalog_writes.ActionTable`.)
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph.errors import CatalogError, Problem
from graph.model import Archetype, InterviewQuestion, Origin, Role, RoleId, ShortText, Transition
from graph.traits import Profile, Trait

#: An ideal profile, as examples show it.
PROFILE_EXAMPLE: dict[str, Any] = {
    "openness": 70,
    "conscientiousness": 80,
    "extraversion": 45,
    "agreeableness": 55,
    "emotional_stability": 74,
    "relational_engagement": 50,
}

Score = Annotated[float, Field(ge=0, le=100, strict=True, allow_inf_nan=False)]


class ProfileBody(BaseModel):
    """An ideal OCEAN+ profile: all six traits, each a number from 0 to 100."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [PROFILE_EXAMPLE]})

    openness: Score
    conscientiousness: Score
    extraversion: Score
    agreeableness: Score
    emotional_stability: Score
    relational_engagement: Score

    def to_profile(self) -> Profile:
        return Profile(**self.model_dump())


class GuideBody(BaseModel):
    """A role guide's texts in one language (:class:`graph.model.GuideText`), with limits.

    Unknown keys are refused, as the catalog loaders refuse them.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "description": "Builds the platform models are trained on.",
                    "profile_notes": {"openness": "Curious about new tools"},
                    "strengths": ["Pipeline automation"],
                }
            ]
        },
    )

    description: Annotated[str, Field(max_length=20000)] | None = None
    profile_notes: dict[Trait, Annotated[str, Field(max_length=2000)]] = Field(
        default_factory=dict, description="What each trait means in this role."
    )
    strengths: Annotated[tuple[ShortText, ...], Field(max_length=100)] = ()
    red_flags: Annotated[tuple[ShortText, ...], Field(max_length=100)] = ()
    interview_questions: Annotated[tuple[InterviewQuestion, ...], Field(max_length=100)] = ()
    archetypes: Annotated[tuple[Archetype, ...], Field(max_length=100)] = ()


class RoleBody(GuideBody):
    """A role to create or replace; the id is the one in the path.

    Validated as the catalog loaders validate a role file: every profile
    score is a number from 0 to 100 (strings and booleans are refused),
    traits are the six OCEAN+ ones and unknown keys are refused. The guide's
    own fields are its Spanish texts; ``en`` holds the English guide. A PUT
    replaces the whole role: send ``en`` and ``imputed_from`` again to keep them.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Ingeniero/a de Plataformas de ML",
                    "name_en": "ML Platform Engineer",
                    "family": "ml",
                    "level": "senior",
                    "job_zone": 4,
                    "description": "Construye la plataforma en la que se entrenan los modelos.",
                    "profile": {
                        "openness": 68,
                        "conscientiousness": 82,
                        "extraversion": 45,
                        "agreeableness": 57,
                        "emotional_stability": 74,
                        "relational_engagement": 55,
                    },
                    "strengths": ["Automatización de pipelines"],
                    "en": {
                        "description": "Builds the platform models are trained on.",
                        "strengths": ["Pipeline automation"],
                    },
                }
            ]
        },
    )

    name: ShortText = Field(description="Spanish name (the role guides' language).")
    name_en: Annotated[str, Field(max_length=2000)] | None = Field(
        None, description="English name."
    )
    family: Annotated[str, Field(max_length=80)] | None = Field(None, examples=["data"])
    level: Annotated[str, Field(max_length=80)] | None = Field(
        None,
        examples=["senior"],
        description="A level of the catalog's scale (its catalog.yaml), e.g. junior ... executive.",
    )
    job_zone: Annotated[int, Field(ge=1, le=5, strict=True)] | None = Field(
        None, examples=[4], description="O*NET Job Zone (1-5): the preparation the role needs."
    )
    profile: ProfileBody
    attribution: Annotated[str, Field(max_length=2000)] | None = None
    en: GuideBody | None = Field(
        None, description="The guide's texts in English (the role's own fields are Spanish)."
    )
    imputed_from: Annotated[tuple[RoleId, ...], Field(max_length=100)] = Field(
        (),
        description="Roles this role's profile was imputed from (an occupation without its own "
        "ratings), each once and not the role itself; empty when the profile is its own.",
    )

    @field_validator("imputed_from")
    @classmethod
    def _each_source_once(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value):
            raise ValueError("imputed_from lists a role twice")
        return value

    def to_role(self, role_id: str) -> Role:
        """The catalog role (:class:`~graph.errors.CatalogError` naming ``imputed_from`` when it
        names the role itself)."""
        if role_id in self.imputed_from:
            message = "imputed_from names the role itself"
            raise CatalogError([Problem(message, record=role_id, field="imputed_from")])
        data = self.model_dump(exclude={"profile"})
        return Role(id=role_id, profile=self.profile.to_profile(), **data)


Points = Annotated[int, Field(ge=0, le=100, strict=True)]


class TransitionBody(BaseModel):
    """A catalog transition to create or replace; its ends are the ones in the path.

    Both roles must exist. ``origin`` is ``curated`` or ``onet``: derived
    edges are computed by the search, never stored.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "fit": 0.72,
                    "strengths": ["Visión operacional de ML"],
                    "develop": {"extraversion": 12, "relational_engagement": 10},
                    "origin": "curated",
                }
            ]
        },
    )

    fit: float = Field(
        gt=0, le=1, strict=True, allow_inf_nan=False, description="Fit of the move, in (0, 1]."
    )
    strengths: Annotated[tuple[ShortText, ...], Field(max_length=100)] = Field(
        (), description="Strengths that carry over."
    )
    develop: dict[Trait, Points] = Field(
        default_factory=dict, description="Points to develop per trait, 0-100."
    )
    origin: Literal["curated", "onet"] = Field("curated", description="Where the edge comes from.")

    def to_transition(self, source: str, target: str) -> Transition:
        return Transition(
            source=source,
            target=target,
            fit=self.fit,
            strengths=self.strengths,
            develop=self.develop,
            origin=Origin(self.origin),
        )
