"""The role guide use case: guide texts in the requested language, imputed profiles listed."""

from __future__ import annotations

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
