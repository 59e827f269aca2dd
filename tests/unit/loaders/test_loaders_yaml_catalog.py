"""YAML catalog folders: canonical writing, byte-stable round trips, all-problem errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from graph.catalog import Catalog
from graph.errors import CatalogError, Problem
from graph.model import Origin, Role, Transition
from graph.traits import Profile
from loaders.yaml_catalog import read_yaml_catalog, role_to_yaml, write_yaml_catalog

PROFILE_BLOCK = """\
profile:
  openness: 70
  conscientiousness: 85
  extraversion: 40
  agreeableness: 55
  emotional_stability: 75
  relational_engagement: 50
"""


def _write(folder: Path, name: str, text: str) -> None:
    roles = folder / "roles"
    roles.mkdir(parents=True, exist_ok=True)
    (roles / name).write_text(textwrap.dedent(text), encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "roles").glob("*.yaml"))}


def _where(problems: tuple[Problem, ...]) -> set[tuple[str, int | None, str | None, str | None]]:
    return {(Path(p.file or "").name, p.line, p.record, p.field) for p in problems}


# --------------------------------------------------------------------------- round trips


def test_write_then_read_gives_the_same_catalog(tmp_path: Path, sample_catalog: Catalog) -> None:
    write_yaml_catalog(sample_catalog, tmp_path)
    assert sorted(_files(tmp_path)) == [
        "ai-researcher.yaml",
        "chief-data-officer.yaml",
        "mlops-engineer.yaml",
        "yes.yaml",
    ]
    assert read_yaml_catalog(tmp_path) == sample_catalog


def test_round_trip_is_byte_stable(tmp_path: Path, sample_catalog: Catalog) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write_yaml_catalog(sample_catalog, first)
    write_yaml_catalog(read_yaml_catalog(first), second)
    assert _files(first) == _files(second)
    write_yaml_catalog(read_yaml_catalog(second), first)
    assert _files(first) == _files(second)


def test_written_file_follows_the_documented_format(
    tmp_path: Path, sample_catalog: Catalog
) -> None:
    write_yaml_catalog(sample_catalog, tmp_path)
    text = (tmp_path / "roles" / "mlops-engineer.yaml").read_text(encoding="utf-8")
    assert text == textwrap.dedent(
        """\
        id: mlops-engineer
        name: Ingeniero/a de MLOps
        name_en: MLOps Engineer
        family: ml
        level: senior
        description: 'Diseña y opera la infraestructura: modelos en producción, 24/7.'
        profile:
          openness: 70
          conscientiousness: 85
          extraversion: 40
          agreeableness: 55
          emotional_stability: 75
          relational_engagement: 50
        profile_notes:
          openness: Curiosidad en nuevas herramientas
          emotional_stability: Calma ante degradación de modelos
        strengths:
        - Pipelines reproducibles
        - Monitoreo de drift
        red_flags:
        - Modelos sin monitoreo
        interview_questions:
        - question: ¿Cómo detectaste una degradación?
          evaluates: Responsabilidad y Estabilidad Emocional
        - question: Describí un deployment A/B.
        archetypes:
        - name: Ejecutor
          description: Lleva modelos a producción
        en:
          description: 'Designs and runs the infrastructure: models in production, 24/7.'
          profile_notes:
            openness: Curiosity about new tools
          strengths:
          - Reproducible pipelines
          red_flags:
          - Models without monitoring
          interview_questions:
          - question: How did you spot a drift?
          archetypes:
          - name: Executor
        transitions:
        - to: ai-researcher
          fit: 0.62
          strengths:
          - Comprensión de modelos en producción
          - 'Infraestructura: experimentación'
          develop:
            openness: 15
            conscientiousness: 8
        - to: chief-data-officer
          fit: 0.48
          develop:
            extraversion: 20
            relational_engagement: 18
        """
    )
    researcher = (tmp_path / "roles" / "ai-researcher.yaml").read_text(encoding="utf-8")
    assert "relational_engagement: 40.5\n" in researcher
    assert researcher.endswith("transitions:\n- to: mlops-engineer\n  fit: 1\n  origin: onet\n")
    cdo = (tmp_path / "roles" / "chief-data-officer.yaml").read_text(encoding="utf-8")
    assert "transitions" not in cdo and "attribution: O*NET 29.0 (CC BY 4.0)\n" in cdo
    assert (tmp_path / "roles" / "yes.yaml").read_text().startswith("id: 'yes'\nname: 'yes'\n")


def test_canonical_folder_is_reproduced_byte_for_byte(tmp_path: Path) -> None:
    source, copy = tmp_path / "source", tmp_path / "copy"
    _write(
        source,
        "a.yaml",
        "id: a\nname: Analista\ndescription: Mira datos.\n"
        + PROFILE_BLOCK
        + "transitions:\n- to: b\n  fit: 0.5\n  develop:\n    extraversion: 30\n"
        "- to: c\n  fit: 1\n  origin: onet\n",
    )
    _write(source, "b.yaml", "id: b\nname: Bé\n" + PROFILE_BLOCK.replace("70", "72.5"))
    _write(source, "c.yaml", "id: c\nname: C\n" + PROFILE_BLOCK)
    write_yaml_catalog(read_yaml_catalog(source), copy)
    assert _files(copy) == _files(source)


def test_catalog_rejects_derived_and_writer_omits_curated_origin(tmp_path: Path) -> None:
    p = Profile.from_scores([50] * 6)
    roles = [Role(id="a", name="A", profile=p), Role(id="b", name="B", profile=p)]
    derived = Transition(source="a", target="b", fit=0.9, origin=Origin.DERIVED)
    with pytest.raises(CatalogError, match="derived transitions are computed"):
        Catalog.build(roles, [derived])
    curated = Transition(source="b", target="a", fit=0.9, origin=Origin.CURATED)
    write_yaml_catalog(Catalog.build(roles, [curated]), tmp_path)
    assert "transitions" not in (tmp_path / "roles" / "a.yaml").read_text()
    b_text = (tmp_path / "roles" / "b.yaml").read_text()
    assert b_text.endswith("transitions:\n- to: a\n  fit: 0.9\n")
    assert list(read_yaml_catalog(tmp_path).transitions) == [("b", "a")]


def test_role_to_yaml_matches_the_file(tmp_path: Path, sample_catalog: Catalog) -> None:
    write_yaml_catalog(sample_catalog, tmp_path)
    role = sample_catalog.role("mlops-engineer")
    text = role_to_yaml(role, sample_catalog.outgoing(role.id))
    assert (tmp_path / "roles" / "mlops-engineer.yaml").read_text(encoding="utf-8") == text


def test_rewrite_removes_stale_role_files_and_keeps_other_files(
    tmp_path: Path, sample_catalog: Catalog
) -> None:
    write_yaml_catalog(sample_catalog, tmp_path)
    roles = tmp_path / "roles"
    (roles / "old-role.yaml").write_text("id: old-role\n")
    (roles / "README.md").write_text("notes\n")
    (roles / ".draft.yaml").write_text("draft\n")
    (roles / "sub").mkdir()
    (roles / "sub" / "keep.yaml").write_text("kept\n")
    (tmp_path / "notes.txt").write_text("mine\n")
    smaller = Catalog.build([sample_catalog.role("yes")], [])
    write_yaml_catalog(smaller, tmp_path)
    assert sorted(p.name for p in roles.iterdir()) == [
        ".draft.yaml",
        "README.md",
        "sub",
        "yes.yaml",
    ]
    assert (roles / "README.md").read_text() == "notes\n"
    assert (roles / "sub" / "keep.yaml").read_text() == "kept\n"
    assert (tmp_path / "notes.txt").read_text() == "mine\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert read_yaml_catalog(tmp_path) == smaller


def test_files_are_read_in_name_order_and_names_need_not_match_ids(tmp_path: Path) -> None:
    _write(tmp_path, "z.yaml", "id: a\nname: A\n" + PROFILE_BLOCK)
    _write(tmp_path, "b.yaml", "id: a\nname: Other\n" + PROFILE_BLOCK)
    with pytest.raises(CatalogError) as caught:
        read_yaml_catalog(tmp_path)
    # b.yaml is read first, so the duplicate is the one in z.yaml
    assert _where(caught.value.problems) == {("z.yaml", 1, "a", "id")}
    assert "duplicate role id 'a'" in caught.value.problems[0].message


def _data_roles(repo: Path) -> Path:
    data = repo / "loaders" / "bundled"
    if not list((data / "roles").glob("*.yaml")):
        pytest.skip("the bundled catalog loaders/bundled/roles/*.yaml is empty")
    return data


def test_bundled_catalog_round_trip_is_byte_stable(repo: Path, tmp_path: Path) -> None:
    data = _data_roles(repo)
    bundled = read_yaml_catalog(data)
    write_yaml_catalog(bundled, tmp_path / "one")
    again = read_yaml_catalog(tmp_path / "one")
    assert again == bundled
    write_yaml_catalog(again, tmp_path / "two")
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


# --------------------------------------------------------------------------- errors


def test_broken_catalog_lists_every_problem_with_file_line_and_field(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a.yaml",
        "id: a\nname: A\n" + PROFILE_BLOCK + "transitions:\n- to: b\n  fit: 0.5\n- to: ghost\n"
        "  fit: 0.7\n",
    )
    _write(tmp_path, "b.yaml", "id: b\nname: B\n" + PROFILE_BLOCK.replace("85", "140"))
    _write(
        tmp_path,
        "c.yaml",
        "id: c\nname: C\n" + PROFILE_BLOCK + "transitions:\n- to: a\n  fit: 0.9\n- to: b\n"
        "  fit: 0\n",
    )
    with pytest.raises(CatalogError) as caught:
        read_yaml_catalog(tmp_path)
    assert _where(caught.value.problems) == {
        ("a.yaml", 13, "a -> ghost", "transitions[1].to"),
        ("b.yaml", 5, "b", "profile.conscientiousness"),
        ("c.yaml", 14, "c -> b", "transitions[1].fit"),
    }
    messages = " | ".join(p.message for p in caught.value.problems)
    assert "unknown role 'ghost'" in messages
    assert "140" in messages and "0-100" in messages
    assert "fit 0 is out of range" in messages
    assert len(caught.value.problems) == 3


def test_every_kind_of_mistake_is_reported_at_once(tmp_path: Path) -> None:
    _write(tmp_path, "1-syntax.yaml", "id: s\nname: [unclosed\n")
    _write(tmp_path, "2-unknown-key.yaml", "id: k\nname: K\ncolour: red\n" + PROFILE_BLOCK)
    _write(tmp_path, "3-missing.yaml", "description: nothing else\n")
    _write(
        tmp_path,
        "4-values.yaml",
        "id: v\nname: V\nprofile:\n  openness: high\n  conscientiousness: '70'\n"
        "  extraversion: true\n  agreeableness: 55\n  emotional_stability: 75\n"
        "  relational_engagement: 50\n  charm: 10\n"
        "transitions:\n- to: k\n  fit: good\n  develop:\n    charisma: 5\n    openness: 7.5\n",
    )
    _write(tmp_path, "5-dup.yaml", "id: k\nname: K again\n" + PROFILE_BLOCK)
    _write(tmp_path, "6-not-a-mapping.yaml", "- just\n- a list\n")
    _write(tmp_path, "7-empty.yaml", "")
    with pytest.raises(CatalogError) as caught:
        read_yaml_catalog(tmp_path)
    found = _where(caught.value.problems)
    assert ("1-syntax.yaml", 3, None, None) in found
    assert ("2-unknown-key.yaml", 3, "k", "colour") in found
    assert {f for f in found if f[0] == "3-missing.yaml"} == {
        ("3-missing.yaml", 1, None, "id"),
        ("3-missing.yaml", 1, None, "name"),
        ("3-missing.yaml", 1, None, "profile"),
    }
    assert {f for f in found if f[0] == "4-values.yaml"} == {
        ("4-values.yaml", 4, "v", "profile.openness"),
        ("4-values.yaml", 5, "v", "profile.conscientiousness"),
        ("4-values.yaml", 6, "v", "profile.extraversion"),
        ("4-values.yaml", 10, "v", "profile.charm"),
        ("4-values.yaml", 13, "v -> k", "transitions[0].fit"),
        ("4-values.yaml", 15, "v -> k", "transitions[0].develop.charisma"),
        ("4-values.yaml", 16, "v -> k", "transitions[0].develop.openness"),
    }
    assert ("5-dup.yaml", 1, "k", "id") in found
    assert ("6-not-a-mapping.yaml", 1, None, None) in found
    assert ("7-empty.yaml", 1, None, None) in found
    by_field = {p.field: p.message for p in caught.value.problems if p.field}
    assert by_field["profile.openness"] == "expected a number, got 'high'"
    assert by_field["profile.charm"] == "unknown trait 'charm'"
    assert by_field["transitions[0].develop.charisma"] == "unknown trait 'charisma'"
    assert "whole numbers" in by_field["transitions[0].develop.openness"]
    assert str(caught.value).startswith(f"{len(caught.value.problems)} problems in the catalog:")


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", "id: a\nname: A\nname: B\n" + PROFILE_BLOCK)
    with pytest.raises(CatalogError) as caught:
        read_yaml_catalog(tmp_path)
    assert [(p.line, p.message) for p in caught.value.problems] == [(3, "duplicate key 'name'")]


def test_missing_roles_folder_is_one_clear_problem(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        read_yaml_catalog(tmp_path)
    assert len(caught.value.problems) == 1
    assert caught.value.problems[0].file == str(tmp_path)


def test_unreadable_characters_are_a_problem_not_a_crash(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", "id: a\nname: A\x00\n")
    with pytest.raises(CatalogError) as caught:
        read_yaml_catalog(tmp_path)
    assert _where(caught.value.problems) == {("a.yaml", 2, None, None)}
    assert "#x0000" in caught.value.problems[0].message


def test_an_id_with_a_trailing_newline_is_reported_with_file_line_and_field(
    tmp_path: Path,
) -> None:
    # `$` in a regex matches before a final newline: such an id once passed the loader's own
    # check, and building its stand-in role failed with no file or line.
    _write(tmp_path, "a.yaml", 'name: A\nid: "a\\n"\n' + PROFILE_BLOCK)
    with pytest.raises(CatalogError) as caught:
        read_yaml_catalog(tmp_path)
    assert _where(caught.value.problems) == {("a.yaml", 2, None, "id")}
    assert "is not a role id" in caught.value.problems[0].message
