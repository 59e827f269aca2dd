"""Hostile files: nesting too deep for the YAML parser, and files too large (or endless).

A 2 KB YAML file nested 1,000 levels deep once ended every command in a RecursionError
traceback, and ``rumbo import /dev/zero`` read until memory ran out. Each is now one
problem naming the file (see docs/catalog-format.md, "Input limits").
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import CatalogError
from loaders import read_catalog, read_guide_page, read_yaml_document
from loaders._common import MAX_TABLE_BYTES, MAX_TEXT_BYTES
from loaders._yaml import MAX_NESTING

PROFILE = (
    "profile: {openness: 50, conscientiousness: 50, extraversion: 50, agreeableness: 50,\n"
    "  emotional_stability: 50, relational_engagement: 50}\n"
)

#: 1,000 levels in 2 KB, in flow style; 500 in block style, indented (245 KiB). Each
#: ended in a RecursionError before.
DEEP_FLOW = "[" * 1000 + "]" * 1000
DEEP_BLOCK = "\n" + "".join(f"{'  ' * depth}k:\n" for depth in range(1, 500))


def _catalog(tmp_path: Path, role_file: str) -> Path:
    folder = tmp_path / "catalog"
    (folder / "roles").mkdir(parents=True)
    (folder / "roles" / "a.yaml").write_text(role_file, encoding="utf-8")
    return folder


def _only_problem(caught: pytest.ExceptionInfo[CatalogError]) -> tuple[str, int | None, str]:
    (problem,) = caught.value.problems
    return Path(problem.file or "").name, problem.line, problem.message


@pytest.mark.parametrize("deep", [DEEP_FLOW, DEEP_BLOCK], ids=["flow", "block"])
def test_a_role_file_nested_too_deep_is_one_problem_naming_it(tmp_path: Path, deep: str) -> None:
    folder = _catalog(tmp_path, "id: a\nname: A\n" + PROFILE + "strengths: " + deep + "\n")
    with pytest.raises(CatalogError) as caught:
        read_catalog(folder)
    name, line, message = _only_problem(caught)
    assert name == "a.yaml"
    assert line is not None and line >= 4
    assert f"nested more than {MAX_NESTING} levels deep" in message


def test_nesting_up_to_the_limit_is_parsed(tmp_path: Path) -> None:
    """The limit is on the document's depth: the role mapping is one level of it."""
    inner = "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1)
    folder = _catalog(tmp_path, "id: a\nname: A\n" + PROFILE + f"strengths: {inner}\n")
    with pytest.raises(CatalogError) as caught:
        read_catalog(folder)
    assert "nested" not in str(caught.value)  # parsed, then refused as not a list of texts


def test_rules_and_actions_files_nested_too_deep(tmp_path: Path) -> None:
    folder = _catalog(tmp_path, "id: a\nname: A\n" + PROFILE)
    for name in ("catalog.yaml", "actions.yaml"):
        (folder / name).write_text("levels: " + DEEP_FLOW + "\n", encoding="utf-8")
        with pytest.raises(CatalogError) as caught:
            read_catalog(folder)
        assert name in str(caught.value) and "nested more than" in str(caught.value)
        (folder / name).unlink()


def test_a_person_file_nested_too_deep(tmp_path: Path) -> None:
    person = tmp_path / "person.yaml"
    person.write_text("scores: " + DEEP_FLOW + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_yaml_document(person)
    name, line, message = _only_problem(caught)
    assert (name, line) == ("person.yaml", 1)
    assert "nested more than" in message


def test_aliases_cannot_build_a_structure_deeper_than_the_limit(tmp_path: Path) -> None:
    """Each anchor within the limit, each alias one level: chained they would go deeper."""
    half = MAX_NESTING // 2
    lines = [f"a0: &a0 {'[' * half}x{']' * half}"]
    lines += [f"a{i}: &a{i} {'[' * half}*a{i - 1}{']' * half}" for i in range(1, 80)]
    person = tmp_path / "person.yaml"
    person.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_yaml_document(person)
    assert "nested more than" in str(caught.value)


def test_a_role_file_over_the_size_limit(tmp_path: Path) -> None:
    padding = "# " + "x" * 98 + "\n"
    text = "id: a\nname: A\n" + PROFILE + padding * (MAX_TEXT_BYTES // len(padding) + 1)
    folder = _catalog(tmp_path, text)
    with pytest.raises(CatalogError) as caught:
        read_catalog(folder)
    name, _, message = _only_problem(caught)
    assert name == "a.yaml"
    assert "larger than 256 KiB" in message


def test_a_csv_table_over_the_size_limit(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    header = "source,target,fit\n"
    (folder / "transitions.csv").write_text(header + "a,a,0.5\n" * (MAX_TABLE_BYTES // 8 + 1))
    (folder / "roles.csv").write_text("id,name\n")
    with pytest.raises(CatalogError) as caught:
        read_catalog(folder)
    assert "transitions.csv" in str(caught.value)
    assert "larger than 64 MiB" in str(caught.value)


def test_an_endless_guide_page_is_refused_after_the_limit(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        read_guide_page(Path("/dev/zero"))
    assert _only_problem(caught)[0] == "zero"
    assert "larger than 256 KiB" in str(caught.value)


def test_the_bundled_catalog_is_well_within_the_limits(repo: Path, tmp_path: Path) -> None:
    bundled = repo / "loaders" / "bundled"
    sizes = [p.stat().st_size for p in bundled.rglob("*") if p.is_file()]
    assert max(sizes) * 16 < MAX_TEXT_BYTES
    shutil.copytree(bundled, tmp_path / "copy")
    assert len(read_catalog(tmp_path / "copy").roles) == 55
