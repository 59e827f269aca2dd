"""Whatever the bytes, loaders either succeed or raise CatalogError (never a traceback)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.catalog import Catalog
from graph.errors import CatalogError
from loaders import read_catalog
from loaders.guide_page import parse_guide_page

ROLE_FILE = """\
id: a
name: A
profile_notes:
  openness: Curiosidad
profile:
  openness: 70
  conscientiousness: 85
  extraversion: 40
  agreeableness: 55
  emotional_stability: 75
  relational_engagement: 50
interview_questions:
- question: ¿Por qué?
  evaluates: Apertura
transitions:
- to: a
  fit: 0.5
  develop:
    openness: 3
"""

ROLES_CSV = (
    "id,name,name_en,family,level,openness,conscientiousness,extraversion,agreeableness,"
    "emotional_stability,relational_engagement\na,A,,,,50,50,50,50,50,50\n"
    'b,"B, b",,,,1,2,3,4,5,6\n'
)
TRANSITIONS_CSV = (
    "source,target,fit,openness,conscientiousness,extraversion,agreeableness,"
    "emotional_stability,relational_engagement,strengths,origin\na,b,0.5,3,,,,,,x|y,curated\n"
)

PAGE = """\
- Guía /
Data Engineer
Texto.
Perfil OCEAN+ Ideal
1
2
3
4
5
6
Fortalezas
- f
Preguntas de Entrevista
¿Q?
Evalúa: Apertura
Plan de Carrera
Detalle de transiciones
ML Engineer 72% fit
Fortalezas para esta transición
- s
Áreas a desarrollar
- Apertura +10
Arquetipos Relacionados
Ejecutor
Hace cosas.
"""

PIECES = st.sampled_from(list(":-[]{}'\"\n #%+|,.0123456789aZé\t\x00\r") + ["  ", "\r\n", "fit"])


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + "".join(draw(st.lists(PIECES, min_size=1, max_size=4))) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 6)) :]
    return text


def _survives(read: Callable[[], Catalog | object]) -> None:
    try:
        read()
    except CatalogError as exc:
        assert exc.problems
        assert all(p.message for p in exc.problems)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated(ROLE_FILE))
def test_mutated_yaml_never_crashes(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "roles").mkdir()
        (Path(tmp) / "roles" / "a.yaml").write_text(text, encoding="utf-8")
        _survives(lambda: read_catalog(Path(tmp)))


@FUZZ
@given(mutated(ROLES_CSV), mutated(TRANSITIONS_CSV))
def test_mutated_csv_never_crashes(roles: str, transitions: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "roles.csv").write_text(roles, encoding="utf-8")
        (Path(tmp) / "transitions.csv").write_text(transitions, encoding="utf-8")
        _survives(lambda: read_catalog(Path(tmp)))


@FUZZ
@given(mutated(PAGE))
def test_mutated_guide_page_never_crashes(text: str) -> None:
    _survives(lambda: parse_guide_page(text, "page.txt"))
