"""Role-guide pages: the seed page parsed exactly, malformed pages reported by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import CatalogError, Problem
from graph.model import Origin
from graph.traits import Profile, Trait
from loaders import import_guide_pages, read_catalog
from loaders.guide_page import GuidePage, parse_guide_page, read_guide_page

SEED_TRANSITIONS = [
    (
        "ai-researcher",
        "AI Researcher",
        0.62,
        {Trait.OPENNESS: 15, Trait.CONSCIENTIOUSNESS: 8},
        ("Comprensión de modelos en producción", "Infraestructura de experimentación"),
    ),
    (
        "data-governance-specialist",
        "Data Governance Specialist",
        0.68,
        {Trait.AGREEABLENESS: 12, Trait.RELATIONAL_ENGAGEMENT: 10},
        ("Versionado de datos", "Calidad de pipelines"),
    ),
    (
        "platform-engineer",
        "Platform Engineer",
        0.70,
        {Trait.RELATIONAL_ENGAGEMENT: 10, Trait.EXTRAVERSION: 8},
        ("Infraestructura de compute", "Automatización de pipelines"),
    ),
    (
        "build-engineer",
        "Build Engineer",
        0.65,
        {Trait.CONSCIENTIOUSNESS: 8, Trait.RELATIONAL_ENGAGEMENT: 10},
        ("Pipelines de CI/CD para ML", "Reproducibilidad"),
    ),
    (
        "chief-data-officer",
        "Chief Data Officer",
        0.48,
        {Trait.EXTRAVERSION: 20, Trait.RELATIONAL_ENGAGEMENT: 18},
        ("Visión operacional de ML", "Gestión de infraestructura de datos"),
    ),
]


@pytest.fixture
def seed_page(seed_path: Path) -> GuidePage:
    return read_guide_page(seed_path)


def test_seed_role_and_guide_fields(seed_page: GuidePage, seed_path: Path) -> None:
    assert seed_page.role_id == "mlops-engineer"
    assert seed_page.name == "MLOps Engineer"
    assert seed_page.file == str(seed_path)
    assert seed_page.description == (
        "Diseña y opera la infraestructura que permite desplegar, monitorear y mantener "
        "modelos de machine learning en producción de forma confiable."
    )
    assert list(seed_page.profile_notes) == list(Trait)
    assert seed_page.profile_notes[Trait.OPENNESS].startswith("Curiosidad en nuevas herramientas")
    assert seed_page.profile_notes[Trait.RELATIONAL_ENGAGEMENT].startswith("Comunicación de")
    assert seed_page.strengths == (
        "Implementación de pipelines de entrenamiento e inferencia reproducibles",
        "Monitoreo de data drift y model drift en producción",
        "Optimización de modelos para latencia e inferencia en producción",
        "Gestión de feature stores y versionado de datasets",
    )
    assert len(seed_page.red_flags) == 4
    assert (
        seed_page.red_flags[0]
        == "Modelos en producción sin monitoreo de degradación de performance"
    )
    questions = seed_page.interview_questions
    assert len(questions) == 4
    assert questions[0].question.startswith("Contame sobre una vez que un modelo degradó")
    assert questions[0].evaluates == (
        "Responsabilidad y Estabilidad Emocional en gestión de incidentes de ML"
    )
    assert all(q.evaluates for q in questions)
    assert [a.name for a in seed_page.archetypes] == ["Ejecutor", "Especialista"]
    assert seed_page.archetypes[1].description == (
        "Domina la intersección entre ingeniería de software clásica y las necesidades "
        "únicas de los sistemas de ML"
    )
    assert seed_page.success_story is not None
    assert seed_page.success_story.title.startswith("El MLOps engineer que convirtió")


def test_seed_transitions_exactly(seed_page: GuidePage) -> None:
    got = [
        (t.target, t.target_name, t.fit, dict(t.develop), t.strengths)
        for t in seed_page.transitions
    ]
    assert got == SEED_TRANSITIONS


def test_seed_marketing_lines_are_ignored(seed_page: GuidePage) -> None:
    texts = [a.name for a in seed_page.archetypes] + [
        a.description or "" for a in seed_page.archetypes
    ]
    texts += list(seed_page.strengths) + list(seed_page.red_flags)
    texts += [q.question for q in seed_page.interview_questions]
    assert not [t for t in texts if "Talen.to" in t or t.startswith(("Evaluá", "Usá"))]


def test_seed_to_role_and_transitions_out(seed_page: GuidePage) -> None:
    profile = Profile.from_scores([70, 85, 40, 55, 75, 50])
    role = seed_page.to_role(profile)
    assert (role.id, role.name, role.profile) == ("mlops-engineer", "MLOps Engineer", profile)
    assert role.strengths == seed_page.strengths
    assert role.profile_notes == dict(seed_page.profile_notes)
    edges = seed_page.transitions_out()
    assert [(e.source, e.target, e.fit, e.develop, e.strengths) for e in edges] == [
        ("mlops-engineer", t, f, d, s) for t, _, f, d, s in SEED_TRANSITIONS
    ]
    assert {e.origin for e in edges} == {Origin.CURATED}


GOOD_PAGE = """\
- Guía de Roles /
- Data Engineer
Data Engineer
Construye pipelines.
Perfil OCEAN+ Ideal
o
c
e
a
es
re
Preguntas de Entrevista
¿Qué pipeline te enorgullece?
Evalúa: Responsabilidad
Plan de Carrera
Transiciones posibles.
Detalle de transiciones
ML Engineer 72% fit
Fortalezas para esta transición
- Pipelines
Áreas a desarrollar
- Apertura +10
- Relational Engagement +4
Analytics Engineer 80% fit
Áreas a desarrollar
- Amabilidad +5
"""


def _page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _where(problems: tuple[Problem, ...]) -> list[tuple[str, int | None, str | None]]:
    return [(Path(p.file or "").name, p.line, p.field) for p in problems]


def test_a_good_page_parses(tmp_path: Path) -> None:
    page = read_guide_page(_page(tmp_path, GOOD_PAGE))
    assert page.role_id == "data-engineer"
    assert [(t.target, t.fit, dict(t.develop), t.line) for t in page.transitions] == [
        ("ml-engineer", 0.72, {Trait.OPENNESS: 10, Trait.RELATIONAL_ENGAGEMENT: 4}, 18),
        ("analytics-engineer", 0.8, {Trait.AGREEABLENESS: 5}, 24),
    ]


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        ("Plan de Carrera\n", "Plan\n", 17, "Plan de Carrera", "missing section"),
        ("ML Engineer 72% fit", "ML Engineer 72 fit", 18, "transitions[0]", "NN% fit"),
        ("ML Engineer 72% fit", "ML Engineer setenta% fit", 18, "transitions[0].fit", "percentage"),
        ("ML Engineer 72% fit", "ML Engineer 172% fit", 18, "transitions[0].fit", "out of range"),
        ("ML Engineer 72% fit", "ML Engineer 0% fit", 18, "transitions[0].fit", "out of range"),
        ("- Apertura +10", "- Carisma +10", 22, "transitions[0].develop", "unknown trait"),
        ("- Apertura +10", "- Apertura 10", 22, "transitions[0].develop", "+N"),
        ("- Apertura +10", "- Apertura +101", 22, "transitions[0].develop.openness", "0-100"),
        ("es\nre\n", "es\n", 5, "profile_notes", "expected 6 lines"),
        ("Evalúa: Responsabilidad\n", "Evalúa: R\nEvalúa: S\n", 15, None, "must follow"),
        (
            "Analytics Engineer 80% fit",
            "ML Engineer 80% fit",
            24,
            "transitions[1].target",
            "second",
        ),
    ],
)
def test_malformed_page_names_file_and_line(
    tmp_path: Path, old: str, new: str, line: int | None, field: str | None, words: str
) -> None:
    assert old in GOOD_PAGE
    path = _page(tmp_path, GOOD_PAGE.replace(old, new, 1))
    with pytest.raises(CatalogError) as caught:
        read_guide_page(path)
    problems = caught.value.problems
    assert len(problems) == 1, problems
    assert problems[0].file == str(path)
    assert problems[0].line == line
    if field is not None:
        assert problems[0].field == field
    assert words in problems[0].message


def test_all_problems_of_a_page_are_listed_together(tmp_path: Path) -> None:
    text = (
        GOOD_PAGE.replace("ML Engineer 72% fit", "ML Engineer 140% fit")
        .replace("- Amabilidad +5", "- Simpatía +5")
        .replace("Plan de Carrera\nTransiciones posibles.\n", "")
    )
    with pytest.raises(CatalogError) as caught:
        read_guide_page(_page(tmp_path, text))
    found = _where(caught.value.problems)
    assert found == [
        ("page.txt", 15, "Plan de Carrera"),  # at "Detalle de transiciones"
        ("page.txt", 16, "transitions[0].fit"),
        ("page.txt", 24, "transitions[1].develop"),
    ]


def test_page_without_title_or_unreadable(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_guide_page("Perfil OCEAN+ Ideal\nPlan de Carrera\n", "x.txt")
    assert _where(caught.value.problems) == [("x.txt", 1, "name")]
    with pytest.raises(CatalogError) as caught:
        read_guide_page(tmp_path / "missing.txt")
    assert caught.value.problems[0].file == str(tmp_path / "missing.txt")
    (tmp_path / "latin1.txt").write_bytes("Ingeniería".encode("latin-1"))
    with pytest.raises(CatalogError):
        read_guide_page(tmp_path / "latin1.txt")


def test_empty_bullets_are_skipped_and_overlong_lines_reported(tmp_path: Path) -> None:
    text = GOOD_PAGE.replace(
        "Fortalezas para esta transición\n", "Fortalezas para esta transición\n-\n"
    )
    page = parse_guide_page(
        text.replace("Preguntas de Entrevista\n", "Preguntas de Entrevista\n-\n")
    )
    assert page.transitions[0].strengths == ("Pipelines",)
    assert [q.question for q in page.interview_questions] == ["¿Qué pipeline te enorgullece?"]
    long_question = "¿" + "x" * 2001 + "?"
    with pytest.raises(CatalogError) as caught:
        read_guide_page(
            _page(tmp_path, GOOD_PAGE.replace("¿Qué pipeline te enorgullece?", long_question))
        )
    assert _where(caught.value.problems) == [("page.txt", 13, "interview_questions[0].question")]


def test_seed_page_agrees_with_the_bundled_catalog(seed_path: Path, repo: Path) -> None:
    if not list((repo / "loaders" / "bundled" / "roles").glob("*.yaml")):
        pytest.skip("the bundled catalog loaders/bundled/roles/*.yaml is empty")
    bundled = read_catalog(repo / "loaders" / "bundled")
    merged = import_guide_pages([seed_path], bundled)
    assert merged.outgoing("mlops-engineer") == bundled.outgoing("mlops-engineer")
    assert merged.role("mlops-engineer").profile == bundled.role("mlops-engineer").profile
