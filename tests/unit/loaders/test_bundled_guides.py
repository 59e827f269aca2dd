"""Every bundled role carries a full guide, in Spanish and English, to the seed page's standard.

The seed page (``<repo>/../shared/seeds/``) gives a role a note per trait, four
strengths, four red flags, four interview questions that name the traits they
evaluate, and two or three archetypes; the bundled catalog holds every role to
that, and repeats no note or strength from one role to another (filler).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pytest

from graph.catalog import Catalog
from graph.model import GuideText, Role
from graph.traits import TRAITS, Language
from loaders import bundled_catalog, read_catalog

MIN_ITEMS = 4
ARCHETYPES = range(2, 4)
LANGUAGES: tuple[Language, ...] = ("es", "en")

CATALOG: Catalog = read_catalog(bundled_catalog())
ROLES = sorted(CATALOG.roles)


def _role(role_id: str) -> Role:
    return CATALOG.roles[role_id]


def _en(role: Role) -> GuideText:
    assert role.en is not None, f"{role.id} has no English guide (en:)"
    return role.en


def _guides(role: Role) -> Iterator[tuple[Language, GuideText]]:
    yield "es", role.guide("es")
    yield "en", _en(role)


@pytest.mark.parametrize("role_id", ROLES)
def test_guide_is_complete_in_both_languages(role_id: str) -> None:
    role = _role(role_id)
    for lang, guide in _guides(role):
        where = f"{role_id} ({lang})"
        assert guide.description, f"{where}: no description"
        assert set(guide.profile_notes) == set(TRAITS), f"{where}: a profile note is missing"
        assert all(note.strip() for note in guide.profile_notes.values()), where
        assert len(guide.strengths) >= MIN_ITEMS, f"{where}: strengths"
        assert len(guide.red_flags) >= MIN_ITEMS, f"{where}: red flags"
        assert len(guide.interview_questions) >= MIN_ITEMS, f"{where}: interview questions"
        assert len(guide.archetypes) in ARCHETYPES, f"{where}: archetypes"
        assert all(a.description for a in guide.archetypes), f"{where}: archetype description"


@pytest.mark.parametrize("role_id", ROLES)
def test_questions_name_the_traits_they_evaluate(role_id: str) -> None:
    role = _role(role_id)
    for lang, guide in _guides(role):
        labels = [trait.label(lang) for trait in TRAITS]
        for question in guide.interview_questions:
            evaluates = question.evaluates or ""
            assert any(label in evaluates for label in labels), (
                f"{role_id} ({lang}): '{question.question}' names no {lang} trait: '{evaluates}'"
            )


@pytest.mark.parametrize("role_id", ROLES)
def test_english_guide_mirrors_the_spanish_one(role_id: str) -> None:
    role = _role(role_id)
    es, en = role.guide("es"), _en(role)
    assert len(en.strengths) == len(es.strengths)
    assert len(en.red_flags) == len(es.red_flags)
    assert len(en.interview_questions) == len(es.interview_questions)
    assert len(en.archetypes) == len(es.archetypes)
    # Translated, not copied: whole sentences never read the same in both languages.
    assert en.description != es.description
    for trait in TRAITS:
        assert en.profile_notes.get(trait) != es.profile_notes.get(trait), f"{role_id}: {trait}"
    for english, spanish in zip(en.strengths, es.strengths, strict=True):
        assert english != spanish, role_id
    for english_q, spanish_q in zip(en.interview_questions, es.interview_questions, strict=True):
        assert english_q.question != spanish_q.question, role_id


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_two_roles_share_a_note_or_a_strength(lang: Language) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for role in CATALOG.roles.values():
        guide = role.guide(lang)
        for sentence in (*guide.profile_notes.values(), *guide.strengths):
            owners[sentence.strip().casefold()].add(role.id)
    shared = {text: sorted(ids) for text, ids in owners.items() if len(ids) > 1}
    assert not shared, f"sentences repeated across roles ({lang}): {shared}"
