"""The role guide use case: guide texts in the requested language, imputed profiles listed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from graph.catalog import Catalog
from graph.model import GuideText, Role
from graph.store import CatalogSnapshot
from graph.traits import Profile, Trait
from loaders import bundled_catalog, read_catalog
from usecases.role_guide import role_guide


def _snapshot(*roles: Role) -> CatalogSnapshot:
    return CatalogSnapshot(1, Catalog.build(roles, ()))


def test_bundled_guides_answer_in_english_when_asked() -> None:
    snapshot = CatalogSnapshot(1, read_catalog(bundled_catalog()))
    spanish = role_guide(snapshot, "data-engineer", "es")
    english = role_guide(snapshot, "data-engineer", "en")
    assert (spanish.guide_lang, english.guide_lang) == ("es", "en")
    assert spanish.description != english.description
    assert english.strengths and english.strengths != spanish.strengths


def test_a_role_without_an_english_guide_falls_back_to_spanish_and_says_so() -> None:
    role = Role(
        id="a",
        name="Analista",
        profile=Profile.from_scores([50] * 6),
        profile_notes={Trait.OPENNESS: "Curiosidad"},
    )
    answer = role_guide(_snapshot(role), "a", "en")
    assert answer.guide_lang == "es"
    assert answer.traits[0].note == "Curiosidad"


def test_an_imputed_profile_lists_the_roles_it_comes_from() -> None:
    profile = Profile.from_scores([50] * 6)
    rated = Role(id="b", name="B", profile=profile, en=GuideText(description="Rated"))
    imputed = Role(id="a", name="A", profile=profile, imputed_from=("b", "gone"))
    answer = role_guide(_snapshot(rated, imputed), "a", "es")
    assert answer.imputed
    assert [r.id for r in answer.imputed_from] == ["b"]
    assert not role_guide(_snapshot(rated, imputed), "b", "es").imputed


def test_an_english_only_guide_answers_spanish_requests_in_english() -> None:
    role = Role(
        id="a",
        name="Financial Managers",
        profile=Profile.from_scores([50] * 6),
        en=GuideText(description="Plan, direct, or coordinate accounting."),
    )
    answer = role_guide(_snapshot(role), "a", "es")
    assert (answer.guide_lang, answer.description) == ("en", role.en.description)  # type: ignore[union-attr]


def test_an_empty_english_guide_is_no_english_guide() -> None:
    role = Role(id="a", name="A", profile=Profile.from_scores([50] * 6), en=GuideText())
    assert role.en is None
    assert role_guide(_snapshot(role), "a", "en").guide_lang == "es"


@pytest.mark.parametrize(
    ("sources", "message"),
    [(("a",), "names the role itself"), (("b", "b"), "lists a role twice")],
)
def test_imputed_from_names_other_roles_once(sources: tuple[str, ...], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Role(id="a", name="A", profile=Profile.from_scores([50] * 6), imputed_from=sources)
