"""O*NET 30.x releases: impact ratings, the 21-style mapping, T-scores, imputed profiles."""

from __future__ import annotations

import shutil
import statistics
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.errors import CatalogError, Problem
from graph.traits import TRAITS, Trait
from loaders import read_catalog
from loaders.onet import (
    EXPECTED_STYLES_30,
    STYLE_SETS,
    STYLE_WEIGHTS_30,
    LinkLayout,
    RatingScale,
    attribution,
    import_onet,
    mean_profile,
    t_score,
)
from loaders.onet.importer import _NO_NEIGHBOUR
from rumbo_cli import main as cli

HERE = Path(__file__).resolve()
REAL_30_1 = HERE.parents[4] / "shared/data/onet-30.1"  # the data next to the checkout
MINI_30, MINI_20 = (
    HERE.parents[2] / "fixtures/onet" / name for name in ("onet-30x", "onet-20.3-mini")
)


def _where(problems: tuple[Problem, ...]) -> set[tuple[str, int | None, str | None]]:
    """(file name, line, field) of each problem."""
    return {(Path(p.file or "").name, p.line, p.field) for p in problems}


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "db_30_1_text"
    shutil.copytree(MINI_30, target)
    return target


def _edit(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text()))


def _errors(folder: Path) -> CatalogError:
    with pytest.raises(CatalogError) as caught:
        import_onet(folder)
    return caught.value


def _style_row(code: str, element: str, name: str, scale: str, value: str) -> str:
    return f"{code}\t{element}\t{name}\t{scale}\t{value}\t12/2025\tAI/Expert\n"


# --------------------------------------------------------------------------- the mapping


def test_the_30x_mapping_uses_all_21_styles_and_each_trait_weighs_one() -> None:
    assert len(EXPECTED_STYLES_30) == 21
    assert set(STYLE_WEIGHTS_30) == set(TRAITS)
    for weights in STYLE_WEIGHTS_30.values():
        assert sum(weights.values()) == pytest.approx(1.0)
    used = {style for weights in STYLE_WEIGHTS_30.values() for style in weights}
    assert used == set(EXPECTED_STYLES_30)
    # honesty-humility styles go to agreeableness only (docs/onet.md)
    for style in ("Humility", "Sincerity", "Integrity"):
        holders = {t for t, weights in STYLE_WEIGHTS_30.items() if style in weights}
        assert holders == {Trait.AGREEABLENESS}


def test_impact_is_rescaled_linearly_then_made_a_t_score() -> None:
    impact = STYLE_SETS[RatingScale.IMPACT]
    assert (impact.scale_id, impact.low, impact.high) == ("WI", -3.0, 3.0)
    assert [impact.to_score(v) for v in (-3.0, 0.0, 3.0)] == [0.0, 50.0, 100.0]


# --------------------------------------------------------------------------- the fixture


def test_a_30x_release_is_detected_and_imported() -> None:
    result = import_onet(MINI_30)
    summary = result.summary
    assert summary.release == "30.1"
    assert summary.ratings is RatingScale.IMPACT
    assert summary.layout is LinkLayout.RELATED_OCCUPATIONS
    assert summary.missing_styles == summary.unmapped_styles == ()
    assert summary.incomplete == {}
    assert (summary.occupations_read, summary.roles_created) == (9, 8)
    assert (summary.links_read, summary.transitions_created) == (12, 12)
    assert summary.lines()[0] == "O*NET 30.1, impact ratings, related-occupations layout"
    stats = result.catalog.role("onet-15-2041-00")
    assert stats.name == "Statisticians"
    assert (stats.level, stats.job_zone) == ("expert", 5)
    assert stats.attribution == attribution("30.1", modified_by="Rumbo")
    assert "O*NET 30.1 Database" in stats.attribution


def test_30x_traits_are_t_scores_of_weighted_impacts() -> None:
    result = import_onet(MINI_30)
    profile = result.catalog.role("onet-15-2041-00").profile
    # Statisticians, 30.1: Innovation 1.89, Intellectual Curiosity 2.67,
    # Tolerance for Ambiguity 1.45, Adaptability 1.05
    raw = sum(
        w * (v + 3) / 6 * 100 for w, v in ((0.35, 1.89), (0.35, 2.67), (0.15, 1.45), (0.15, 1.05))
    )
    assert profile.openness == t_score(raw, result.summary.norms[Trait.OPENNESS])
    rated = [role.profile for role in result.catalog.roles.values() if not role.imputed]
    assert len(rated) == 5
    for trait in TRAITS:
        scores = [p.score(trait) for p in rated]
        assert statistics.fmean(scores) == pytest.approx(50, abs=0.1)
        assert statistics.pstdev(scores) == pytest.approx(10, abs=0.1)


def test_30x_occupations_without_ratings_are_imputed_closest_tier_first() -> None:
    result = import_onet(MINI_30)
    catalog, summary = result.catalog, result.summary
    assert [(i.code, i.sources, i.basis) for i in summary.imputed] == [
        ("11-1011.03", ("11-1011.00",), "Related Occupations.txt, Primary-Short"),
        ("15-1299.00", ("15-1252.00", "15-2051.00"), "Related Occupations.txt, Primary-Long"),
        ("15-2099.00", ("15-2041.00", "15-2051.00"), "same SOC minor group"),
    ]
    officers = catalog.role("onet-11-1011-03")
    assert officers.imputed and officers.imputed_from == ("onet-11-1011-00",)
    assert officers.profile == catalog.role("onet-11-1011-00").profile
    others = catalog.role("onet-15-1299-00")
    assert others.imputed_from == ("onet-15-1252-00", "onet-15-2051-00")
    assert others.profile == mean_profile(
        [catalog.role("onet-15-1252-00").profile, catalog.role("onet-15-2051-00").profile]
    )
    # no Job Zones row: the zone is imputed from the same two neighbours (5 and 4: the lower)
    assert catalog.role("onet-15-2099-00").job_zone == 4
    assert [i.job_zone_imputed for i in summary.imputed] == [None, None, 4]
    assert [(s.code, s.reason) for s in summary.skipped] == [("55-1011.00", _NO_NEIGHBOUR)]
    assert "  1 imputed from: same SOC minor group" in summary.lines()
    # the links of an imputed occupation are transitions like any other
    assert ("onet-15-1299-00", "onet-11-3021-00") in catalog.transitions


def _zones(folder: Path, change: Callable[[str], str]) -> None:
    _edit(folder / "Job Zones.txt", change)


def test_an_imputed_occupation_without_a_job_zone_takes_its_neighbours_median(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path)
    # Computer Occupations, All Other (imputed from Software Developers and Data
    # Scientists) loses its Job Zones row, and Software Developers move to zone 3
    _zones(folder, lambda text: text.replace("15-1299.00\t4\t12/2025\tAnalyst\n", ""))
    _zones(folder, lambda text: text.replace("15-1252.00\t4", "15-1252.00\t3"))
    # Chief Sustainability Officers lose theirs: one neighbour, Chief Executives (zone 5)
    _zones(folder, lambda text: text.replace("11-1011.03\t5\t12/2025\tAnalyst\n", ""))
    result = import_onet(folder)
    catalog, summary = result.catalog, result.summary
    zones = {i.code: i.job_zone_imputed for i in summary.imputed}
    assert zones == {"11-1011.03": 5, "15-1299.00": 3, "15-2099.00": 4}
    others = catalog.role("onet-15-1299-00")
    assert (others.job_zone, others.level) == (3, "experienced")  # zones 3 and 4: the lower
    # the level follows the code as for a rated occupation: a Chief Executive is executive
    officers = catalog.role("onet-11-1011-03")
    assert (officers.job_zone, officers.level) == (5, "executive")
    assert "  3 imputed with a Job Zone too (the median of the same neighbours)" in (
        summary.lines()
    )


def test_an_imputed_occupation_keeps_the_job_zone_of_the_release(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    # the neighbours of Computer Occupations, All Other are both in zone 4
    _zones(folder, lambda text: text.replace("15-1299.00\t4", "15-1299.00\t2"))
    result = import_onet(folder)
    others = result.catalog.role("onet-15-1299-00")
    assert others.imputed and (others.job_zone, others.level) == (2, "skilled")
    assert {i.code: i.job_zone_imputed for i in result.summary.imputed}["15-1299.00"] is None


def test_imputed_occupations_take_derived_moves_in_and_out() -> None:
    catalog = import_onet(MINI_30).catalog
    derived = {(edge.source, edge.target) for edge in catalog.derived_transitions()}
    # Mathematical Science Occupations, All Other: imputed profile and Job Zone (4), the
    # same SOC minor group (15-2) as Statisticians (zone 5) and Data Scientists (zone 4)
    imputed = "onet-15-2099-00"
    assert ("onet-15-2051-00", imputed) in derived
    assert {target for source, target in derived if source == imputed} == {
        "onet-15-2041-00",
        "onet-15-2051-00",
    }


def test_30x_strengths_are_the_styles_both_occupations_rank_distinctive() -> None:
    catalog = import_onet(MINI_30).catalog
    edge = catalog.transitions[("onet-15-2041-00", "onet-15-2051-00")]
    # Statisticians rank Achievement Orientation 1, Intellectual Curiosity 2, Integrity 4;
    # Data Scientists rank them too; the worse of the two ranks orders them
    assert edge.strengths == ("Achievement Orientation", "Intellectual Curiosity", "Integrity")
    assert catalog.transitions[("onet-11-1011-03", "onet-11-1011-00")].strengths == ()


def test_the_cli_imports_a_30x_release(tmp_path: Path) -> None:
    out = tmp_path / "catalog"
    result = CliRunner().invoke(cli.app, ["import", str(MINI_30), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = read_catalog(out)
    assert written.role("onet-11-1011-03").imputed_from == ("onet-11-1011-00",)
    # written and read back whole: O*NET's English text stays the English guide
    assert written.roles == import_onet(MINI_30).catalog.roles
    stats = written.role("onet-15-2041-00")
    assert stats.description is None
    assert stats.en is not None and stats.en.description is not None
    assert stats.en.description.startswith("Develop or apply")


# --------------------------------------------------------------------------- errors


def test_a_30x_release_without_related_occupations_names_the_file(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "Related Occupations.txt").unlink()
    error = _errors(folder)
    assert _where(error.problems) == {(folder.name, None, None)}
    message = error.problems[0].message
    assert message.startswith("missing related-occupations file Related Occupations.txt")
    assert "30.x" in message


def test_bad_30x_rows_are_named_by_file_and_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    rows = (
        _style_row("15-2041.00", "1.D.9", "Zeal", "WI", "3.50")  # line 212: above +3
        + _style_row("15-2041.00", "1.D.9", "Zeal", "DR", "2.50")  # 213: not a whole rank
        + _style_row("15-2041.00", "1.D.9", "Zeal", "DR", "11.00")  # 214: above 10
        + _style_row("15-2041.00", "1.D.1.a", "Innovation", "WI", "0.40")  # 215: duplicate
        + "15-2041.00\t1.D.1.a\tInnovation\tWI\n"  # 216: 4 fields
    )
    _edit(folder / "Work Styles.txt", lambda text: text + rows)
    error = _errors(folder)
    assert _where(error.problems) == {
        ("Work Styles.txt", 212, "Data Value"),
        ("Work Styles.txt", 213, "Data Value"),
        ("Work Styles.txt", 214, "Data Value"),
        ("Work Styles.txt", 215, "Element Name"),
        ("Work Styles.txt", 216, None),
    }
    messages = {p.line: p.message for p in error.problems}
    assert messages[212] == "3.50 is outside -3-3"
    assert messages[213] == "not a whole rank: 2.5"
    assert messages[214] == "11.00 is outside 0-10"
    assert messages[215] == "duplicate impact of this work style (first at line 129)"
    assert "Work Styles.txt:212, record 15-2041.00 Zeal, field Data Value" in str(error)


def test_importance_and_impact_in_one_file_is_a_problem(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    row = _style_row("15-2041.00", "1.C.1.a", "Achievement/Effort", "IM", "4.00")
    _edit(folder / "Work Styles.txt", lambda text: text + row)
    error = _errors(folder)
    assert _where(error.problems) == {("Work Styles.txt", 1, None)}
    assert error.problems[0].message.startswith("both importance (Scale ID IM")


def test_a_20x_release_ignores_rank_rows(tmp_path: Path) -> None:
    folder = tmp_path / "onet-20.3-mini"
    shutil.copytree(MINI_20, folder)
    row = "15-2041.00\t1.C.1.a\tAchievement/Effort\tDR\t17\t8\t0.1\t4.7\t5.0\tN\t07/2012\tX\r\n"
    _edit(folder / "Work Styles.txt", lambda text: text + row)
    assert import_onet(folder).catalog == import_onet(MINI_20).catalog


# --------------------------------------------------------------------------- the real 30.1 release


@pytest.fixture(scope="module")
def real_30_1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real 30.1 Work Styles and Occupation Data with the fixture's related occupations."""
    if not REAL_30_1.is_dir():
        pytest.skip(f"the O*NET 30.1 files are absent (expected at {REAL_30_1})")
    folder = tmp_path_factory.mktemp("real") / "db_30_1_text"
    folder.mkdir()
    for name in ("Work Styles.txt", "Occupation Data.txt"):
        shutil.copy(REAL_30_1 / name, folder)
    shutil.copy(MINI_30 / "Related Occupations.txt", folder)
    return folder


def test_the_real_30_1_work_styles(real_30_1: Path) -> None:
    result = import_onet(real_30_1)
    catalog, summary = result.catalog, result.summary
    assert summary.release == "30.1"
    assert summary.ratings is RatingScale.IMPACT
    assert summary.occupations_read == 1016
    assert summary.missing_styles == summary.unmapped_styles == ()
    assert summary.incomplete == {}
    rated = [role for role in catalog.roles.values() if not role.imputed]
    assert len(rated) == 891
    # 125 unrated: 106 imputed (2 through the fixture's links, the rest by SOC group);
    # the 19 left are military occupations, none of them rated
    assert len(summary.imputed) == 106
    assert Counter(i.basis for i in summary.imputed) == {
        "Related Occupations.txt, Primary-Short": 1,
        "Related Occupations.txt, Primary-Long": 1,
        "same SOC detailed occupation": 48,
        "same SOC broad group": 39,
        "same SOC minor group": 17,
    }
    assert {s.code[:3] for s in summary.skipped} == {"55-"}
    assert len(summary.skipped) == 19
    assert summary.roles_created == len(catalog.roles) == 891 + 106
    assert catalog.role("onet-15-1252-00").name == "Software Developers"
    assert not catalog.role("onet-15-1252-00").imputed  # rated in 30.1
    for trait in TRAITS:
        scores = [role.profile.score(trait) for role in rated]
        assert statistics.fmean(scores) == pytest.approx(50, abs=0.1)
        assert statistics.pstdev(scores) == pytest.approx(10, abs=0.1)
        assert 0 < min(scores) and max(scores) < 100
