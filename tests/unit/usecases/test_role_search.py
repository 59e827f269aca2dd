"""Role search on the bundled catalog: Spanish-first, word by word, by relevance.

The CLI's ``roles --search``, ``GET /v1/roles?q=`` and the web page's role
boxes all call :func:`usecases.role_search.search_roles`; the "did you mean"
suggestions of an unknown role use the same matcher.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import UnknownRoleError
from graph.model import Role
from graph.role_match import MatchTier, fold, rank_roles
from graph.store import CatalogSnapshot
from loaders import read_catalog
from usecases.role_search import search_roles
from usecases.settings import BUNDLED_CATALOG


@cache
def snapshot() -> CatalogSnapshot:
    return CatalogSnapshot(1, read_catalog(BUNDLED_CATALOG))


def found(text: str, lang: str = "es") -> list[str]:
    page = search_roles(snapshot(), "en" if lang == "en" else "es", text)
    assert page.total == len(page.items)
    return [item.id for item in page.items]


@pytest.mark.parametrize(
    ("query", "role_id"),
    [
        ("ingeniero de datos", "data-engineer"),
        ("director de datos", "director-of-data"),
        ("científica de datos", "data-scientist"),
    ],
)
def test_the_issues_spanish_queries_find_their_role_first(query: str, role_id: str) -> None:
    assert found(query)[0] == role_id


@pytest.mark.parametrize(
    "query",
    [
        "Ingeniera de Datos",
        "INGENIERO DE DATOS",
        "ingenieros de datos",
        "Ingeniero/a de Datos",
        "ingeniería de datos",
        "ingenieria de dátos",
        "data engineer",
        "Data-Engineer",
    ],
)
def test_accents_case_gender_and_number_do_not_matter(query: str) -> None:
    assert "data-engineer" in found(query)[:2]


@pytest.mark.parametrize(
    ("query", "role_id"),
    [
        ("cdo", "chief-data-officer"),
        ("CDO", "chief-data-officer"),
        ("cto", "chief-technology-officer"),
        ("ciso", "chief-information-security-officer"),
        ("cpo", "chief-product-officer"),
        ("sre", "site-reliability-engineer"),
        ("vp", "vp-of-engineering"),
        ("pm", "product-manager"),
        ("dba", "database-administrator"),
        ("qa", "qa-automation-engineer"),
        ("ux", "ux-researcher"),
    ],
)
def test_abbreviations_rank_their_role_first(query: str, role_id: str) -> None:
    assert found(query)[0] == role_id


def test_cto_is_one_hit_not_every_director() -> None:
    assert found("cto") == ["chief-technology-officer"]


def test_ai_and_ia_and_ml_find_the_same_roles_as_their_words() -> None:
    assert found("ia") == found("ai") == found("inteligencia artificial")
    assert set(found("ml")) >= set(found("machine learning")) >= {"ml-engineer"}


def test_exact_before_all_words_before_typos() -> None:
    ranked = rank_roles("director de datos", snapshot().catalog.roles.values())
    tiers = [m.tier for m in ranked]
    assert tiers == sorted(tiers)
    assert (ranked[0].role.id, ranked[0].tier) == ("director-of-data", MatchTier.EXACT)
    assert ranked[1].role.id == "director-of-data-engineering"


def test_ties_come_in_order_of_name_in_the_language_asked() -> None:
    for lang in ("es", "en"):
        page = search_roles(snapshot(), "en" if lang == "en" else "es", "seguridad")
        names = [fold(item.name) for item in page.items]
        assert names == sorted(names), lang
        assert page.total == 5


def test_typos_still_find_the_role() -> None:
    assert found("ingenero de dato")[0] == "data-engineer"
    assert found("dataengineer")[0] == "data-engineer"


def test_words_being_typed_and_words_inside_others() -> None:
    assert "data-scientist" in found("cientí")
    assert set(found("ops")) == {"devops-engineer", "mlops-engineer"}


def test_no_match_is_an_empty_page_and_no_text_lists_every_role_by_id() -> None:
    assert found("astronauta") == []
    every = search_roles(snapshot(), "es")
    assert [i.id for i in every.items] == sorted(snapshot().catalog.roles)


def test_pages_of_a_ranked_search_keep_the_ranking() -> None:
    whole = found("datos")
    first = search_roles(snapshot(), "es", "datos", limit=3)
    rest = search_roles(snapshot(), "es", "datos", limit=100, offset=3)
    assert first.total == rest.total == len(whole)
    assert [i.id for i in first.items + rest.items] == whole


def test_suggestions_use_the_same_matcher() -> None:
    catalog = snapshot().catalog
    for text in ("cdo", "ingeniera-de-datos", "data-enginer", "cientifica de datos"):
        expected = [m.role.id for m in rank_roles(text, catalog.roles.values())][:3]
        assert list(catalog.suggest(text)) == expected
    with pytest.raises(UnknownRoleError) as raised:
        catalog.role("cdo")
    assert raised.value.suggestions[0] == "chief-data-officer"


@cache
def _roles() -> list[Role]:
    return sorted(snapshot().catalog.roles.values(), key=lambda r: r.id)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10_000),
    st.sampled_from(["name", "name_en", "id"]),
    st.sampled_from([str.lower, str.upper, str.title, str]),
)
def test_every_role_is_found_first_by_its_own_exact_name(
    index: int, which: str, case: Callable[[str], str]
) -> None:
    role = _roles()[index % len(_roles())]
    text = getattr(role, which) or role.name
    ranked = rank_roles(case(text), _roles())
    assert ranked[0].tier == MatchTier.EXACT
    assert role.id in [m.role.id for m in ranked if m.tier == MatchTier.EXACT]
