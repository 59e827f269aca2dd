"""Fixtures shared by the loader tests: a small catalog and folder snapshots."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graph.catalog import Catalog
from graph.model import Archetype, GuideText, InterviewQuestion, Origin, Role, Transition
from graph.traits import Profile, Trait

REPO = Path(__file__).resolve().parents[3]
#: A real guide page, kept next to the checkout (not in it): <repo>/../shared/seeds/.
SEED = REPO.parent / "shared" / "seeds" / "000_73f37a781e8cd7e2.txt"


def _profile(*scores: float) -> Profile:
    return Profile.from_scores(list(scores))


def build_sample_catalog() -> Catalog:
    """Four roles exercising every field: unicode, notes, fractional scores, O*NET edges."""
    mlops = Role(
        id="mlops-engineer",
        name="Ingeniero/a de MLOps",
        name_en="MLOps Engineer",
        family="ml",
        level="senior",
        description="Diseña y opera la infraestructura: modelos en producción, 24/7.",
        profile=_profile(70, 85, 40, 55, 75, 50),
        profile_notes={
            Trait.OPENNESS: "Curiosidad en nuevas herramientas",
            Trait.EMOTIONAL_STABILITY: "Calma ante degradación de modelos",
        },
        strengths=("Pipelines reproducibles", "Monitoreo de drift"),
        red_flags=("Modelos sin monitoreo",),
        interview_questions=(
            InterviewQuestion(
                question="¿Cómo detectaste una degradación?",
                evaluates="Responsabilidad y Estabilidad Emocional",
            ),
            InterviewQuestion(question="Describí un deployment A/B."),
        ),
        archetypes=(Archetype(name="Ejecutor", description="Lleva modelos a producción"),),
        en=GuideText(
            description="Designs and runs the infrastructure: models in production, 24/7.",
            profile_notes={Trait.OPENNESS: "Curiosity about new tools"},
            strengths=("Reproducible pipelines",),
            red_flags=("Models without monitoring",),
            interview_questions=(InterviewQuestion(question="How did you spot a drift?"),),
            archetypes=(Archetype(name="Executor"),),
        ),
    )
    researcher = Role(
        id="ai-researcher",
        name="Investigador/a de IA",
        name_en="AI Researcher",
        family="ml",
        level="senior",
        profile=_profile(85, 80, 35, 50, 70, 40.5),
    )
    cdo = Role(
        id="chief-data-officer",
        name="Chief Data Officer",
        family="leadership",
        level="executive",
        profile=_profile(75, 80, 70, 60, 80, 72.5),
        attribution="O*NET 29.0 (CC BY 4.0)",
    )
    yes_role = Role(id="yes", name="yes", profile=_profile(0, 100, 0, 100, 0, 100))
    transitions = [
        Transition(
            source="mlops-engineer",
            target="ai-researcher",
            fit=0.62,
            strengths=("Comprensión de modelos en producción", "Infraestructura: experimentación"),
            develop={Trait.OPENNESS: 15, Trait.CONSCIENTIOUSNESS: 8},
        ),
        Transition(
            source="mlops-engineer",
            target="chief-data-officer",
            fit=0.48,
            develop={Trait.RELATIONAL_ENGAGEMENT: 18, Trait.EXTRAVERSION: 20},
        ),
        Transition(source="ai-researcher", target="mlops-engineer", fit=1.0, origin=Origin.ONET),
        Transition(source="yes", target="ai-researcher", fit=0.05),
    ]
    return Catalog.build([mlops, researcher, cdo, yes_role], transitions)


@pytest.fixture
def sample_catalog() -> Catalog:
    return build_sample_catalog()


Snapshot = dict[str, bytes | None]


def take_snapshot(folder: Path) -> Snapshot:
    """Every entry under ``folder``: files with their bytes, folders as ``None``."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def snapshot() -> Callable[[Path], Snapshot]:
    return take_snapshot


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed page {SEED} is absent (expected in <repo>/../shared/seeds/)")
    return SEED
