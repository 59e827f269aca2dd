"""CSV catalog folders: fixed columns, byte-stable round trips, all-problem errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.catalog import Catalog
from graph.errors import CatalogError, Problem
from graph.model import Role, Transition
from graph.traits import Profile, Trait
from loaders.csv_catalog import read_csv_catalog, write_csv_catalog
from loaders.yaml_catalog import read_yaml_catalog

#: The header of hand-made inputs: the optional job_zone column left out.
ROLES_HEADER = (
    "id,name,name_en,family,level,openness,conscientiousness,extraversion,agreeableness,"
    "emotional_stability,relational_engagement\n"
)
#: The header Rumbo writes.
WRITTEN_ROLES_HEADER = ROLES_HEADER.replace(",level,", ",level,job_zone,").replace(
    "relational_engagement\n", "relational_engagement,imputed_from\n"
)
TRANSITIONS_HEADER = (
    "source,target,fit,openness,conscientiousness,extraversion,agreeableness,"
    "emotional_stability,relational_engagement,strengths,origin\n"
)


def _where(problems: tuple[Problem, ...]) -> set[tuple[str, int | None, str | None, str | None]]:
    return {(Path(p.file or "").name, p.line, p.record, p.field) for p in problems}


def _csv_files(folder: Path) -> dict[str, bytes]:
    return {n: (folder / n).read_bytes() for n in ("roles.csv", "transitions.csv")}


def _without_guide_fields(catalog: Catalog) -> Catalog:
    keep = {"id", "name", "name_en", "family", "level", "job_zone", "profile"}
    roles = [Role(**r.model_dump(include=keep)) for r in catalog.roles.values()]
    return Catalog.build(roles, catalog.transitions.values(), rules=catalog.rules)


def test_write_then_read_keeps_the_numeric_core(tmp_path: Path, sample_catalog: Catalog) -> None:
    write_csv_catalog(sample_catalog, tmp_path)
    again = read_csv_catalog(tmp_path)
    assert again == _without_guide_fields(sample_catalog)
    assert again.role("mlops-engineer").description is None
    assert again.transitions[("mlops-engineer", "ai-researcher")].strengths == (
        "Comprensión de modelos en producción",
        "Infraestructura: experimentación",
    )


def test_round_trip_is_byte_stable(tmp_path: Path, sample_catalog: Catalog) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write_csv_catalog(sample_catalog, first)
    write_csv_catalog(read_csv_catalog(first), second)
    assert _csv_files(first) == _csv_files(second)
    write_csv_catalog(read_csv_catalog(second), first)
    assert _csv_files(first) == _csv_files(second)


def test_written_files_have_fixed_columns_and_unix_newlines(
    tmp_path: Path, sample_catalog: Catalog
) -> None:
    write_csv_catalog(sample_catalog, tmp_path)
    roles = (tmp_path / "roles.csv").read_bytes().decode("utf-8")
    transitions = (tmp_path / "transitions.csv").read_bytes().decode("utf-8")
    assert "\r" not in roles + transitions
    assert roles == WRITTEN_ROLES_HEADER + (
        "ai-researcher,Investigador/a de IA,AI Researcher,ml,senior,,85,80,35,50,70,40.5,\n"
        "chief-data-officer,Chief Data Officer,,leadership,executive,,75,80,70,60,80,72.5,\n"
        "mlops-engineer,Ingeniero/a de MLOps,MLOps Engineer,ml,senior,,70,85,40,55,75,50,\n"
        "yes,yes,,,,,0,100,0,100,0,100,\n"
    )
    assert transitions == TRANSITIONS_HEADER + (
        "ai-researcher,mlops-engineer,1,,,,,,,,onet\n"
        "mlops-engineer,ai-researcher,0.62,15,8,,,,,"
        "Comprensión de modelos en producción|Infraestructura: experimentación,curated\n"
        "mlops-engineer,chief-data-officer,0.48,,,20,,,18,,curated\n"
        "yes,ai-researcher,0.05,,,,,,,,curated\n"
    )


def test_quoting_bom_crlf_and_column_order_on_input(tmp_path: Path) -> None:
    (tmp_path / "roles.csv").write_bytes(
        "\ufeffname,id,openness,conscientiousness,extraversion,agreeableness,"
        "emotional_stability,relational_engagement\r\n"
        '"Analista, datos",a,50,50,50,50,50,50\r\n'
        "\r\n"
        "B,b,60,60,60,60,60,60.0\r\n".encode()
    )
    (tmp_path / "transitions.csv").write_bytes(
        b"source,target,fit,strengths\r\na,b,0.5, uno | dos |\r\n"
    )
    catalog = read_csv_catalog(tmp_path)
    assert catalog.role("a").name == "Analista, datos"
    assert catalog.role("b").profile.relational_engagement == 60
    edge = catalog.transitions[("a", "b")]
    assert (edge.fit, edge.strengths, edge.develop) == (0.5, ("uno", "dos"), {})
    write_csv_catalog(catalog, tmp_path / "out")
    roles_out = (tmp_path / "out" / "roles.csv").read_text(encoding="utf-8")
    assert roles_out.splitlines()[1] == 'a,"Analista, datos",,,,,50,50,50,50,50,50,'


def test_bundled_catalog_round_trip_through_csv_is_byte_stable(repo: Path, tmp_path: Path) -> None:
    if not list((repo / "loaders" / "bundled" / "roles").glob("*.yaml")):
        pytest.skip("the bundled catalog loaders/bundled/roles/*.yaml is empty")
    bundled = read_yaml_catalog(repo / "loaders" / "bundled")
    write_csv_catalog(bundled, tmp_path / "one")
    again = read_csv_catalog(tmp_path / "one")
    assert again == _without_guide_fields(bundled)
    write_csv_catalog(again, tmp_path / "two")
    assert _csv_files(tmp_path / "one") == _csv_files(tmp_path / "two")


def _folder(tmp_path: Path, roles: str, transitions: str) -> Path:
    (tmp_path / "roles.csv").write_text(ROLES_HEADER + roles, encoding="utf-8")
    (tmp_path / "transitions.csv").write_text(TRANSITIONS_HEADER + transitions, encoding="utf-8")
    return tmp_path


def test_broken_csv_lists_every_problem_with_file_line_and_column(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        "a,A,,,,50,50,50,50,50,50\nb,B,,,,50,140,50,50,50,50\nc,C,,,,50,50,50,50,50,50\n",
        "a,c,0.5,,,,,,,,\na,ghost,0.7,,,,,,,,\nc,a,0,,,,,,,,curated\n",
    )
    with pytest.raises(CatalogError) as caught:
        read_csv_catalog(folder)
    assert _where(caught.value.problems) == {
        ("roles.csv", 3, "b", "conscientiousness"),
        ("transitions.csv", 3, "a -> ghost", "target"),
        ("transitions.csv", 4, "c -> a", "fit"),
    }
    messages = " | ".join(p.message for p in caught.value.problems)
    assert "140" in messages and "unknown role 'ghost'" in messages and "fit 0" in messages


def test_every_kind_of_csv_mistake_is_reported(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        "a,A,,,,high,50,50,50,50,50\n"
        "b,B,,,,50,50,50,50,50\n"
        "Not An Id,C,,,,50,50,50,50,50,50\n"
        "d,D,,,,50,50,50,50,50,\n"
        "a,A2,,,,50,50,50,50,50,50\n",
        "a,d,0.5,abc,,,,7.5,,,\nd,a,0.5,,,,,,,,derived\nd,b,0.5,,,,,,,,\n",
    )
    with pytest.raises(CatalogError) as caught:
        read_csv_catalog(folder)
    found = _where(caught.value.problems)
    assert found == {
        ("roles.csv", 2, "a", "openness"),
        ("roles.csv", 3, None, None),  # 10 cells instead of 11
        ("roles.csv", 4, "Not An Id", "id"),
        ("roles.csv", 5, "d", "relational_engagement"),
        ("roles.csv", 6, "a", "id"),  # duplicate
        ("transitions.csv", 2, "a -> d", "openness"),
        ("transitions.csv", 2, "a -> d", "emotional_stability"),
        ("transitions.csv", 3, "d -> a", "origin"),
        ("transitions.csv", 4, "d -> b", "target"),  # b's row was unreadable
    }


def test_bad_headers_are_reported_on_line_one(tmp_path: Path) -> None:
    (tmp_path / "roles.csv").write_text("id,name,description,name\n", encoding="utf-8")
    (tmp_path / "transitions.csv").write_text("", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_csv_catalog(tmp_path)
    found = _where(caught.value.problems)
    assert ("roles.csv", 1, None, "description") in found
    assert ("roles.csv", 1, None, "name") in found  # duplicate column
    assert ("roles.csv", 1, None, "openness") in found  # missing column
    assert ("transitions.csv", 1, None, None) in found  # empty file
    assert all(p.line == 1 for p in caught.value.problems)


def test_strength_with_the_separator_cannot_be_written(tmp_path: Path) -> None:
    p = Profile.from_scores([50] * 6)
    catalog = Catalog.build(
        [Role(id="a", name="A", profile=p), Role(id="b", name="B", profile=p)],
        [Transition(source="a", target="b", fit=0.5, strengths=("CI|CD",))],
    )
    with pytest.raises(CatalogError) as caught:
        write_csv_catalog(catalog, tmp_path / "out")
    assert [(p.record, p.field) for p in caught.value.problems] == [("a -> b", "strengths")]
    assert not (tmp_path / "out").exists()


def test_develop_points_round_trip_in_trait_columns(tmp_path: Path) -> None:
    p = Profile.from_scores([50] * 6)
    edge = Transition(
        source="a",
        target="b",
        fit=0.75,
        develop={Trait.RELATIONAL_ENGAGEMENT: 3, Trait.OPENNESS: 1},
    )
    catalog = Catalog.build(
        [Role(id="a", name="A", profile=p), Role(id="b", name="B", profile=p)], [edge]
    )
    write_csv_catalog(catalog, tmp_path)
    row = (tmp_path / "transitions.csv").read_text().splitlines()[1]
    assert row == "a,b,0.75,1,,,,,3,,curated"
    assert read_csv_catalog(tmp_path).transitions[("a", "b")].develop == edge.develop


def test_imputed_from_travels_in_its_own_column(tmp_path: Path) -> None:
    profile = Profile.from_scores([50] * 6)
    rated = [Role(id=i, name=i.upper(), profile=profile) for i in ("b", "c")]
    imputed = Role(id="a", name="A", profile=profile, imputed_from=("b", "c"))
    catalog = Catalog.build([imputed, *rated], [])
    write_csv_catalog(catalog, tmp_path)
    roles_csv = (tmp_path / "roles.csv").read_text(encoding="utf-8")
    assert roles_csv.splitlines()[1].endswith(",50,b|c")
    assert read_csv_catalog(tmp_path).roles["a"].imputed_from == ("b", "c")
