"""catalog.yaml: a catalog folder's career rules, read with located problems and written back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.career import CareerRules, DerivedRules, LevelScale
from graph.catalog import Catalog
from graph.errors import CatalogError
from graph.model import Role
from graph.traits import Profile
from loaders import (
    bundled_catalog,
    import_guide_pages,
    read_catalog,
    read_rules,
    write_catalog,
    write_rules,
)

P = Profile.from_scores([50] * 6)


def _problems(folder: Path) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(CatalogError) as caught:
        read_rules(folder)
    for problem in caught.value.problems:
        assert problem.file == str(folder / "catalog.yaml")
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def test_a_folder_without_the_file_has_the_default_rules(tmp_path: Path) -> None:
    assert read_rules(tmp_path) == CareerRules()


def test_the_bundled_rules_are_the_documented_scale_with_adjacent_families() -> None:
    rules = read_rules(bundled_catalog())
    assert rules.levels == CareerRules().levels
    assert rules.adjacent("data", "ml") and rules.adjacent("ml", "data")
    assert not rules.adjacent("data", "software")
    assert not rules.adjacent("ml", "security")
    assert rules.derived.no_link_prior == 0.85


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_rules_round_trip_in_both_layouts(tmp_path: Path, fmt: str) -> None:
    rules = CareerRules(
        levels=LevelScale(ranks=(("junior",), ("senior", "lead"), ("chief",))),
        months_by_level={"junior": 24, "lead": 36.5},
        unknown_level_months=30,
        development_rate=0.75,
        adjacent_families=(("a", "b"),),
        derived=DerivedRules(enabled=False, same_soc_minor_group=True, max_job_zone_change=1),
        credentials={"medical licence": ("x", "onet-29-1"), "bar admission": ("onet-23-1011",)},
    )
    role = Role(id="x", name="X", family="a", level="lead", job_zone=4, profile=P)
    catalog = Catalog.build([role], [], rules=rules)
    write_catalog(catalog, tmp_path / "one", fmt)  # type: ignore[arg-type]
    again = read_catalog(tmp_path / "one")
    assert again == catalog
    write_catalog(again, tmp_path / "two", fmt)  # type: ignore[arg-type]
    one, two = (tmp_path / d / "catalog.yaml" for d in ("one", "two"))
    assert one.read_bytes() == two.read_bytes()
    assert "- [senior, lead]\n" in one.read_text()
    assert "  medical licence: [x, onet-29-1]\n" in one.read_text()
    assert again.rules.credential_of("x") == "medical licence"


def test_an_export_into_the_same_folder_keeps_the_commented_file(tmp_path: Path) -> None:
    folder = tmp_path / "bundled"
    shutil.copytree(bundled_catalog(), folder)
    before = (folder / "catalog.yaml").read_bytes()
    write_catalog(read_catalog(folder), folder, "yaml")
    assert (folder / "catalog.yaml").read_bytes() == before
    write_rules(CareerRules(), folder)
    assert read_rules(folder) == CareerRules()
    assert b"#" not in (folder / "catalog.yaml").read_bytes()


ALLOWED = (
    "levels, months_by_level, unknown_level_months, development_rate, adjacent_families, derived, "
    "credentials"
)
BAD_FILES = {
    "levels and keys": (
        "levels:\n- junior\n- [senior, 3]\ncolour: blue\n",
        [
            (3, "levels[1]", "expected a level name or a list of names, got ['senior', 3]"),
            (4, "colour", f"unknown key 'colour' (allowed: {ALLOWED})"),
        ],
    ),
    "family pairs": (
        "adjacent_families:\n- [data, ml, product]\n- [data, data]\n",
        [
            (2, "adjacent_families[0]", "expected two family names, got ['data', 'ml', 'product']"),
            (3, "adjacent_families[1]", "a family is always adjacent to itself: ['data', 'data']"),
        ],
    ),
    "months of a level off the scale": (
        "months_by_level:\n  junior: '32'\n  astronaut: 12\n",
        [(3, "months_by_level.astronaut", "level 'astronaut' is not on the scale")],
    ),
    "numbers": (
        "months_by_level:\n  junior: '32'\ndevelopment_rate: 0\n",
        [
            (2, "months_by_level.junior", "input should be a valid number (got '32')"),
            (3, "development_rate", "input should be greater than or equal to 0.01 (got 0)"),
        ],
    ),
    "derived rules": (
        "derived:\n  enabled: 'yes'\n  per_role: 2.5\n  typo: 1\n",
        [
            (2, "derived.enabled", "input should be a valid boolean (got 'yes')"),
            (3, "derived.per_role", "input should be a valid integer (got 2.5)"),
            (4, "derived.typo", "unknown key"),
        ],
    ),
    "credentials": (
        "credentials:\n  licence: [onet-29-1, '']\n  bar: onet-23\n  ' ': [x]\n"
        "  other: [onet-29-1]\n",
        [
            (2, "credentials.licence[1]", "expected a role-id prefix, got ''"),
            (3, "credentials.bar", "expected a list of role-id prefixes, got 'onet-23'"),
            (4, "credentials. ", "expected a credential name, got ' '"),
            (5, "credentials.other[0]", "prefix 'onet-29-1' is listed under 'licence'"),
        ],
    ),
    "credentials not a mapping": (
        "credentials: [onet-29-1]\n",
        [(1, "credentials", "expected a mapping of credential names to role-id prefixes")],
    ),
    "a level named twice": (
        "levels:\n- junior\n- [junior, mid]\n",
        [(1, "levels", "level names on more than one rank: junior")],
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_problems_name_the_line_and_the_field(tmp_path: Path, case: str) -> None:
    text, expected = BAD_FILES[case]
    (tmp_path / "catalog.yaml").write_text(text)
    assert _problems(tmp_path) == expected


def test_bad_yaml(tmp_path: Path) -> None:
    (tmp_path / "catalog.yaml").write_text("levels: [junior\n")
    ((_, field, message),) = _problems(tmp_path)
    assert field is None and message.startswith("YAML syntax error")


def test_a_role_level_off_the_scale_names_the_role_file_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "a.yaml").write_text(
        "id: a\nname: A\nlevel: astronaut\nprofile: {openness: 50, conscientiousness: 50, "
        "extraversion: 50, agreeableness: 50, emotional_stability: 50, "
        "relational_engagement: 50}\n"
    )
    with pytest.raises(CatalogError) as caught:
        read_catalog(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.record, problem.field) == (
        str(tmp_path / "roles" / "a.yaml"),
        3,
        "a",
        "level",
    )
    assert problem.message.startswith("level 'astronaut' is not on the catalog's scale (junior,")
    (tmp_path / "catalog.yaml").write_text("levels: [ground, senior, astronaut]\n")
    rules = read_catalog(tmp_path).rules
    assert rules.levels.rank("astronaut") == 2
    assert rules.months_by_level == {"senior": 47}


def test_job_zone_in_yaml_and_csv(tmp_path: Path) -> None:
    role = Role(id="a", name="A", level="senior", job_zone=4, profile=P)
    catalog = Catalog.build([role], [])
    for fmt in ("yaml", "csv"):
        write_catalog(catalog, tmp_path / fmt, fmt)  # type: ignore[arg-type]
        assert read_catalog(tmp_path / fmt).role("a").job_zone == 4
    assert "job_zone: 4\n" in (tmp_path / "yaml" / "roles" / "a.yaml").read_text()
    assert ",senior,4," in (tmp_path / "csv" / "roles.csv").read_text()


@pytest.mark.parametrize(
    ("zone", "message"),
    [
        ("'4'", "expected a whole number from 1 to 5, got '4'"),
        ("4.5", "expected a whole number from 1 to 5, got 4.5"),
        ("true", "expected a whole number from 1 to 5, got True"),
        ("6", "job_zone 6 is out of range 1-5"),
    ],
)
def test_a_bad_job_zone_in_yaml(tmp_path: Path, zone: str, message: str) -> None:
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "a.yaml").write_text(
        f"id: a\nname: A\njob_zone: {zone}\nprofile: {{openness: 50, conscientiousness: 50, "
        "extraversion: 50, agreeableness: 50, emotional_stability: 50, "
        "relational_engagement: 50}\n"
    )
    with pytest.raises(CatalogError) as caught:
        read_catalog(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, problem.message) == (3, "job_zone", message)


@pytest.mark.parametrize(
    ("zone", "message"),
    [
        ("x", "expected a number, got 'x'"),
        ("2.5", "expected a whole number from 1 to 5, got 2.5"),
        ("0", "job_zone 0 is out of range 1-5"),
    ],
)
def test_a_bad_job_zone_in_csv(tmp_path: Path, zone: str, message: str) -> None:
    (tmp_path / "roles.csv").write_text(
        "id,name,job_zone,openness,conscientiousness,extraversion,agreeableness,"
        f"emotional_stability,relational_engagement\na,A,{zone},50,50,50,50,50,50\n"
    )
    (tmp_path / "transitions.csv").write_text("source,target,fit\n")
    with pytest.raises(CatalogError) as caught:
        read_catalog(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, problem.message) == (2, "job_zone", message)


def test_guide_pages_imported_into_a_catalog_keep_its_rules() -> None:
    base = read_catalog(bundled_catalog())
    assert import_guide_pages([], base).rules == base.rules


def test_no_credentials_are_not_written(tmp_path: Path) -> None:
    write_rules(CareerRules(), tmp_path)
    assert "credentials" not in (tmp_path / "catalog.yaml").read_text()
