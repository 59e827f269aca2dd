"""Use case: one role's guide: profile, guide texts and catalog transitions."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from graph.catalog import Catalog
from graph.model import Archetype, InterviewQuestion, Origin, Transition
from graph.store import CatalogSnapshot
from graph.traits import TRAITS, Language, Profile, Trait
from usecases.answer import CatalogVersion
from usecases.role_search import RoleSummary, summary


class TraitScore(BaseModel):
    """One trait of a role's ideal profile, labelled."""

    trait: Trait
    label: str = Field(description="Trait label in the requested language.")
    score: float = Field(description="Ideal score, 0-100.", examples=[70])
    note: str | None = Field(description="What the trait means in this role (guide text).")


class TransitionFields(BaseModel):
    """A catalog transition's own fields, as answers show them."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    source: str = Field(alias="from", examples=["mlops-engineer"])
    target: str = Field(alias="to", examples=["chief-data-officer"])
    fit: float = Field(description="Fit of the move, in (0, 1].", examples=[0.48])
    strengths: tuple[str, ...] = Field(description="Strengths that carry over.")
    develop: dict[Trait, int] = Field(description="Points to develop per trait.")
    effort: int = Field(description="Development points summed over traits.")
    origin: Origin = Field(description="`curated` (role guides) or `onet` (O*NET import).")


def transition_fields(edge: Transition) -> dict[str, Any]:
    """The keyword arguments of :class:`TransitionFields` (and its subclasses) for ``edge``."""
    return {
        "source": edge.source,
        "target": edge.target,
        "fit": edge.fit,
        "strengths": edge.strengths,
        "develop": dict(edge.develop),
        "effort": edge.effort,
        "origin": edge.origin,
    }


class TransitionView(TransitionFields):
    """A catalog transition as seen from one role."""

    other_name: str = Field(
        description="Display name, in the requested language, of the role at the other end."
    )


class RoleDetail(RoleSummary):
    """A role's profile, its guide and its catalog transitions.

    Guide texts (description, notes, strengths, red flags, interview
    questions, archetypes) are in the requested language when the catalog has
    them in it, in Spanish (the role guides' first language) otherwise.
    ``incoming`` and ``outgoing`` hold catalog transitions only (curated or
    O*NET); the edges the route search derives from profile fit are not
    listed here, but routes may use them (their steps say ``origin: derived``).
    """

    catalog_version: CatalogVersion
    lang: Language = Field(description="Language of names and trait labels.")
    guide_lang: Language = Field(
        description=(
            "Language of the guide texts: `lang` when the catalog has the guide in it, "
            "otherwise the language the role's guide is written in."
        )
    )
    description: str | None
    profile: Profile = Field(description="Ideal OCEAN+ profile, trait -> score 0-100.")
    traits: list[TraitScore] = Field(description="The profile, labelled, in OCEAN+ order.")
    strengths: tuple[str, ...]
    red_flags: tuple[str, ...]
    interview_questions: tuple[InterviewQuestion, ...]
    archetypes: tuple[Archetype, ...]
    attribution: str | None = Field(description="Source credit (O*NET imports).")
    imputed_from: list[RoleSummary] = Field(
        description="The roles an imputed profile was averaged from; empty otherwise."
    )
    outgoing: list[TransitionView] = Field(
        description="Catalog transitions leaving this role, by target id (no derived edges)."
    )
    incoming: list[TransitionView] = Field(
        description="Catalog transitions entering this role, by source id (no derived edges)."
    )


def _view(catalog: Catalog, edge: Transition, other: str, lang: Language) -> TransitionView:
    name = catalog.roles[other].display_name(lang)
    return TransitionView(**transition_fields(edge), other_name=name)


def role_guide(snapshot: CatalogSnapshot, role_id: str, lang: Language) -> RoleDetail:
    """The guide of one role (:class:`~graph.errors.UnknownRoleError` if there is none)."""
    catalog = snapshot.catalog
    role = catalog.role(role_id)
    guide = role.guide(lang)
    return RoleDetail(
        **summary(role, lang).model_dump(),
        catalog_version=snapshot.version,
        lang=lang,
        guide_lang=role.guide_language(lang),
        description=guide.description,
        profile=role.profile,
        traits=[
            TraitScore(
                trait=t,
                label=t.label(lang),
                score=role.profile.score(t),
                note=guide.profile_notes.get(t),
            )
            for t in TRAITS
        ],
        strengths=guide.strengths,
        red_flags=guide.red_flags,
        interview_questions=guide.interview_questions,
        archetypes=guide.archetypes,
        attribution=role.attribution,
        imputed_from=[
            summary(catalog.roles[other], lang)
            for other in role.imputed_from
            if other in catalog.roles
        ],
        outgoing=[_view(catalog, e, e.target, lang) for e in catalog.outgoing(role.id)],
        incoming=[_view(catalog, e, e.source, lang) for e in catalog.incoming(role.id)],
    )
