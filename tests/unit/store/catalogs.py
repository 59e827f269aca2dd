"""Small catalogs for the store's unit tests."""

from __future__ import annotations

from graph.catalog import Catalog
from graph.model import (
    Archetype,
    DevelopmentAction,
    GuideText,
    InterviewQuestion,
    Origin,
    Role,
    Transition,
)
from graph.traits import Profile, Trait

INJECTION = "x'}) DETACH DELETE n //"


def full_role() -> Role:
    """A role with every field set: unicode, notes, fractional scores, JSON-held fields."""
    return Role(
        id="mlops-engineer",
        name="Ingeniero/a de MLOps",
        name_en="MLOps Engineer",
        family="ml",
        level="senior",
        job_zone=4,
        description='Opera modelos en producción, 24/7: "sin sorpresas".',
        profile=Profile.from_scores([70, 85.5, 40, 55, 75, 50]),
        profile_notes={Trait.OPENNESS: "Curiosidad", Trait.EMOTIONAL_STABILITY: ""},
        strengths=("Pipelines reproducibles", "Monitoreo de drift"),
        red_flags=("Modelos sin monitoreo",),
        interview_questions=(
            InterviewQuestion(question="¿Cómo detectaste una degradación?", evaluates="Calma"),
            InterviewQuestion(question="¿Qué automatizarías primero?"),
        ),
        archetypes=(
            Archetype(name="El guardián"),
            Archetype(name="La exploradora", description=""),
        ),
        attribution="Guía de roles, 2024",
        imputed_from=("ml-engineer", "data-engineer"),
        en=GuideText(
            description='Runs models in production, 24/7: "no surprises".',
            profile_notes={Trait.OPENNESS: "Curiosity"},
            strengths=("Reproducible pipelines",),
            interview_questions=(InterviewQuestion(question="How did you spot a drift?"),),
            archetypes=(Archetype(name="The keeper"),),
        ),
    )


def bare_role(role_id: str, name: str | None = None) -> Role:
    return Role(id=role_id, name=name or role_id.upper(), profile=Profile.from_scores([50] * 6))


def sample_catalog() -> Catalog:
    roles = [full_role(), bare_role("a"), bare_role("b", INJECTION), bare_role("c")]
    edges = [
        Transition(source="a", target="b", fit=0.8, develop={Trait.EXTRAVERSION: 6}),
        Transition(
            source="b",
            target="c",
            fit=0.65,
            strengths=("Rigor",),
            develop={Trait.OPENNESS: 2, Trait.RELATIONAL_ENGAGEMENT: 10},
            origin=Origin.ONET,
        ),
        Transition(source="mlops-engineer", target="a", fit=1.0),
    ]
    actions = [
        DevelopmentAction(trait=Trait.OPENNESS, es="Leer", en="Read"),
        DevelopmentAction(trait=Trait.EXTRAVERSION, es="Presentar", en="Present"),
        DevelopmentAction(trait=Trait.OPENNESS, es="Probar", en="Try"),
    ]
    return Catalog.build(roles, edges, actions)
