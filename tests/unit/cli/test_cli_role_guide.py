"""``rumbo role`` and ``rumbo roles`` on an O*NET catalog: an imputed profile says so, and
from which roles; a guide written only in English says so under the Spanish default."""

from __future__ import annotations

import pytest

from loaders import write_catalog
from loaders.onet import import_onet
from tests.unit.cli.cli_batch import REPO, Result, rumbo_batch

ONET_30X = REPO / "tests/fixtures/onet/onet-30x"
#: Chief Sustainability Officers: no ratings of its own, imputed from Chief Executives.
IMPUTED = "onet-11-1011-03"
#: Computer Occupations, All Other: imputed from two roles.
IMPUTED_TWICE = "onet-15-1299-00"
RATED = "onet-11-1011-00"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    folder = tmp_path_factory.mktemp("onet") / "catalog"
    write_catalog(import_onet(ONET_30X).catalog, folder, "yaml")
    cat = str(folder)
    commands = {
        "imputed": ["role", IMPUTED, "--catalog", cat],
        "imputed-en": ["role", IMPUTED, "--catalog", cat, "--lang", "en"],
        "imputed-twice": ["role", IMPUTED_TWICE, "--catalog", cat],
        "rated": ["role", RATED, "--catalog", cat],
        "roles": ["roles", "--catalog", cat],
        "roles-en": ["roles", "--catalog", cat, "--lang", "en"],
        "bundled-roles": ["roles"],
    }
    results = rumbo_batch(list(commands.values()), columns=80)
    for result in results:
        assert result.returncode == 0, (result.args, result.stderr)
    return dict(zip(commands, results, strict=True))


def flat(result: Result) -> str:
    return " ".join(result.stdout.split())


def test_an_imputed_profile_names_the_roles_it_comes_from(printed: dict[str, Result]) -> None:
    assert "Perfil imputado de: Chief Executives (no tiene puntuaciones propias)." in flat(
        printed["imputed"]
    )
    assert "Profile imputed from: Chief Executives (no ratings of its own)." in flat(
        printed["imputed-en"]
    )
    assert (
        "Perfil imputado de: Software Developers, Data Scientists (no tiene puntuaciones propias)."
        in flat(printed["imputed-twice"])
    )
    assert "imputado" not in printed["rated"].stdout


def test_the_mark_comes_before_the_guide_texts(printed: dict[str, Result]) -> None:
    lines = printed["imputed"].stdout.splitlines()
    assert lines[1].startswith("Perfil imputado de:")


def test_a_guide_only_in_english_says_so_and_is_printed_in_english(
    printed: dict[str, Result],
) -> None:
    """O*NET writes nothing in Spanish: the answer's guide_lang is en, its text English."""
    spanish = flat(printed["imputed"])
    assert "Los textos de la guía están en inglés: el catálogo no los tiene en español." in spanish
    assert "Communicate and coordinate with management" in spanish
    english = flat(printed["imputed-en"])
    assert "Communicate and coordinate with management" in english
    assert "guide's texts are in" not in english  # asked for English, given English


def test_roles_mark_the_imputed_profiles_and_say_what_the_mark_means(
    printed: dict[str, Result],
) -> None:
    text = printed["roles"].stdout
    *table, legend = text.rstrip().splitlines()
    # the fixture's three imputed occupations, each name marked (on its last line if it wraps)
    assert sum(" *" in line for line in table) == 3
    [rated] = [line for line in text.splitlines() if line.startswith(RATED)]
    assert "*" not in rated
    assert legend == "* perfil imputado: la media de roles afines, sin puntuaciones propias"
    assert "* imputed profile: the mean of related roles" in printed["roles-en"].stdout
    assert "*" not in printed["bundled-roles"].stdout  # no imputed role, no legend
