"""read_catalog / write_catalog layout detection and import_guide_pages merging."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.catalog import Catalog
from graph.errors import CatalogError
from graph.model import Role, Transition
from graph.traits import Profile, Trait
from loaders import catalog_format, import_guide_pages, read_catalog, write_catalog


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_write_and_read_back_in_both_formats(
    tmp_path: Path, sample_catalog: Catalog, fmt: str
) -> None:
    write_catalog(sample_catalog, tmp_path, fmt)  # type: ignore[arg-type]
    assert catalog_format(tmp_path) == fmt
    again = read_catalog(tmp_path)
    assert set(again.roles) == set(sample_catalog.roles)
    assert again.transitions == sample_catalog.transitions
    if fmt == "yaml":
        assert again == sample_catalog


def _single_problem(path: Path) -> str:
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    assert len(caught.value.problems) == 1
    problem = caught.value.problems[0]
    assert problem.file == str(path)
    return problem.message


def test_missing_path_is_one_problem(tmp_path: Path) -> None:
    assert "no such" in _single_problem(tmp_path / "nowhere")


def test_a_file_is_not_a_catalog(tmp_path: Path) -> None:
    (tmp_path / "roles.csv").write_text("id\n")
    assert "not a catalog folder" in _single_problem(tmp_path / "roles.csv")


def test_unrecognised_folder_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hi\n")
    assert "neither" in _single_problem(tmp_path)


def test_half_a_csv_catalog_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "roles.csv").write_text("id\n")
    assert "transitions.csv is missing" in _single_problem(tmp_path)


def test_both_layouts_in_one_folder_is_one_problem(tmp_path: Path, sample_catalog: Catalog) -> None:
    write_catalog(sample_catalog, tmp_path, "yaml")
    write_catalog(sample_catalog, tmp_path, "csv")
    assert "both" in _single_problem(tmp_path)


def test_unknown_format_is_a_catalog_error(tmp_path: Path, sample_catalog: Catalog) -> None:
    with pytest.raises(CatalogError):
        write_catalog(sample_catalog, tmp_path, "json")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- guide pages


def _base() -> Catalog:
    p = Profile.from_scores([70, 85, 40, 55, 75, 50])
    ids = [
        "mlops-engineer",
        "ai-researcher",
        "data-governance-specialist",
        "platform-engineer",
        "build-engineer",
        "chief-data-officer",
    ]
    roles = [Role(id=i, name=i.upper(), family="data", profile=p) for i in ids]
    roles[0] = Role(
        id="mlops-engineer",
        name="Ingeniero MLOps",
        name_en="MLOps Engineer",
        family="ml",
        level="senior",
        red_flags=("kept when the page has none",),
        profile=Profile.from_scores([71, 86, 41, 56, 76, 51]),
    )
    edges = [
        Transition(source="mlops-engineer", target="platform-engineer", fit=0.9),
        Transition(source="mlops-engineer", target="data-governance-specialist", fit=0.3),
        Transition(source="ai-researcher", target="mlops-engineer", fit=0.5),
    ]
    return Catalog.build(roles, edges)


def test_import_seed_page_into_base(seed_path: Path) -> None:
    merged = import_guide_pages([seed_path], _base())
    role = merged.role("mlops-engineer")
    assert role.profile == Profile.from_scores([71, 86, 41, 56, 76, 51])
    assert (role.name, role.name_en, role.family, role.level) == (
        "MLOps Engineer",
        "MLOps Engineer",
        "ml",
        "senior",
    )
    assert len(role.strengths) == 4 and len(role.interview_questions) == 4
    assert role.red_flags[0].startswith("Modelos en producción sin monitoreo")
    out = {t.target: t for t in merged.outgoing("mlops-engineer")}
    assert sorted(out) == [
        "ai-researcher",
        "build-engineer",
        "chief-data-officer",
        "data-governance-specialist",
        "platform-engineer",
    ]
    assert out["platform-engineer"].fit == 0.70
    assert out["platform-engineer"].develop == {
        Trait.RELATIONAL_ENGAGEMENT: 10,
        Trait.EXTRAVERSION: 8,
    }
    assert out["data-governance-specialist"].fit == 0.68
    # other roles' transitions are kept
    assert ("ai-researcher", "mlops-engineer") in merged.transitions


def _mini_page(tmp_path: Path, name: str, title: str, transitions: str) -> Path:
    path = tmp_path / name
    notes = "n\n" * 6
    path.write_text(
        f"{title}\nPerfil OCEAN+ Ideal\n{notes}Plan de Carrera\nDetalle de transiciones\n"
        + transitions,
        encoding="utf-8",
    )
    return path


def test_import_reports_every_problem(tmp_path: Path) -> None:
    unknown_role = _mini_page(tmp_path, "1.txt", "Quantum Poet", "")
    unknown_target = _mini_page(
        tmp_path,
        "2.txt",
        "Build Engineer",
        "AI Researcher 60% fit\nGhost Role 50% fit\n",
    )
    malformed = _mini_page(tmp_path, "3.txt", "AI Researcher", "Build Engineer 150% fit\n")
    twice = _mini_page(tmp_path, "4.txt", "build engineer", "")
    with pytest.raises(CatalogError) as caught:
        import_guide_pages([unknown_role, unknown_target, malformed, twice], _base())
    found = {(Path(p.file or "").name, p.line, p.field) for p in caught.value.problems}
    assert found == {
        ("1.txt", 1, "profile"),
        ("2.txt", 12, "transitions[1].target"),
        ("3.txt", 11, "transitions[0].fit"),
        ("4.txt", 1, "id"),
    }
    by_file = {Path(p.file or "").name: p.message for p in caught.value.problems}
    assert "no numeric profile" in by_file["1.txt"]
    assert "unknown role 'ghost-role'" in by_file["2.txt"]


def test_import_without_base_has_no_profiles(tmp_path: Path) -> None:
    page = _mini_page(tmp_path, "p.txt", "AI Researcher", "")
    with pytest.raises(CatalogError) as caught:
        import_guide_pages([page], None)
    assert [(p.file, p.record) for p in caught.value.problems] == [(str(page), "ai-researcher")]
    assert "no numeric profile" in caught.value.problems[0].message
