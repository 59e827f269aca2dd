"""O*NET text releases: both link layouts, the trait mapping, every error with file and line."""

from __future__ import annotations

import shutil
import statistics
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.errors import CatalogError, Problem
from graph.fit import development_needed, profile_fit
from graph.model import Origin, is_role_id
from graph.search.best import best_route
from graph.search.query import Constraints
from graph.traits import TRAITS, Trait
from loaders.onet import (
    EXPECTED_STYLES,
    ONET_LEVELS,
    ONET_RULES,
    STYLE_WEIGHTS,
    TIER_STRENGTH,
    LinkLayout,
    OnetImport,
    RatingScale,
    attribution,
    detect_release,
    import_onet,
    index_strength,
    is_onet_release,
    link_fit,
    normalise_style_name,
    onet_level,
    onet_role_id,
    soc_family,
    t_score,
)
from loaders.onet import links as onet_links
from loaders.onet._reading import Reader
from loaders.onet.importer import _NO_NEIGHBOUR
from loaders.onet.links import read_links

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "onet"
MINI_20 = FIXTURES / "onet-20.3-mini"
MINI_29 = FIXTURES / "onet-29x"
MALFORMED = FIXTURES / "onet-20.3-malformed"
REAL_20_3 = Path(__file__).resolve().parents[4] / "shared/data/onet-20.3"

ATTRIBUTION_20_3 = (
    "This page includes information from the O*NET 20.3 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
    "license. O*NET\u00ae is a trademark of USDOL/ETA."
)

Where = tuple[str, int | None, str | None]

#: The columns after Data Value of a 20.3 ``Work Styles.txt`` row, and its line end.
_TAIL = ["8", "0.10", "4.70", "5.00", "N", "07/2012", "Incumbent\r\n"]


def _where(problems: tuple[Problem, ...]) -> set[Where]:
    """(file name, line, field) of each problem."""
    return {(Path(p.file or "").name, p.line, p.field) for p in problems}


def _copy(source: Path, tmp_path: Path, name: str | None = None) -> Path:
    target = tmp_path / (name or source.name)
    shutil.copytree(source, target)
    return target


def _edit(path: Path, change: Callable[[str], str]) -> None:
    """Rewrite a fixture file through ``change``, keeping its line endings."""
    text = path.read_bytes().decode()
    path.write_bytes(change(text).encode())


def _errors(folder: Path) -> CatalogError:
    with pytest.raises(CatalogError) as caught:
        import_onet(folder)
    return caught.value


# --------------------------------------------------------------------------- helpers


def test_the_mapping_uses_every_style_and_each_trait_weighs_one() -> None:
    assert set(STYLE_WEIGHTS) == set(TRAITS)
    for weights in STYLE_WEIGHTS.values():
        assert sum(weights.values()) == pytest.approx(1.0)
        assert set(weights) <= set(EXPECTED_STYLES)
    used = {style for weights in STYLE_WEIGHTS.values() for style in weights}
    assert used == set(EXPECTED_STYLES)
    assert len(EXPECTED_STYLES) == 16


def test_style_names_compare_across_spellings() -> None:
    key = normalise_style_name
    assert key("Self Control") == key("Self-Control") == key("self  control")
    assert key("Adaptability/Flexibility") == key("Adaptability / Flexibility")
    assert key("Achievement/Effort") != key("Attention to Detail")


def test_ids_and_families_come_from_the_soc_code() -> None:
    assert onet_role_id("15-2051.00") == "onet-15-2051-00"
    assert is_role_id(onet_role_id("55-3019.00"))
    assert soc_family("11-1011.00") == "Management"
    assert soc_family("55-1011.00") == "Military Specific"
    assert soc_family("98-0000.00") is None


def test_link_strength_and_fit_formula() -> None:
    assert [index_strength(i, 10) for i in (1, 4, 7, 10)] == [1.0, 0.9, 0.8, 0.7]
    assert index_strength(3, 1) == 1.0
    assert TIER_STRENGTH == {"Primary-Short": 1.0, "Primary-Long": 0.85, "Supplemental": 0.7}
    assert link_fit(1.0, 0.74) == 0.87
    assert link_fit(0.7, 0.2) == 0.48
    assert link_fit(0.0, 0.0) == 0.01
    assert link_fit(1.0, 1.0) == 1.0


def test_a_link_beats_a_derived_move_of_the_same_profile_fit() -> None:
    prior = ONET_RULES.derived.no_link_prior
    for percent in range(1, 101):
        profile = percent / 100
        weakest_link = link_fit(min(TIER_STRENGTH.values()), profile)
        assert weakest_link >= profile >= round(profile * prior, 2)
        if profile < 1:
            assert weakest_link > round(profile * prior, 2)


def test_levels_come_from_the_job_zone_and_the_occupation_s_nature() -> None:
    assert [onet_level("15-2041.00", zone) for zone in range(1, 6)] == [
        "entry",
        "skilled",
        "experienced",
        "professional",
        "expert",
    ]
    # first-line supervisors and managers rank one above their job zone
    assert onet_level("41-1011.00", 2) == "experienced"
    assert onet_level("53-1021.00", 2) == "experienced"
    assert onet_level("11-9051.00", 3) == "professional"
    assert onet_level("11-3021.00", 4) == "expert"
    assert onet_level("11-9111.00", 5) == "director"
    # minor group 1 of the professional groups are not supervisors
    assert onet_level("15-1132.00", 4) == "professional"
    assert onet_level("29-1141.00", 3) == "experienced"
    assert onet_level("11-1011.00", 5) == onet_level("11-1011.03", 5) == "executive"
    assert onet_level("11-1011.00", None) is None
    names = ONET_LEVELS.names()
    assert [ONET_LEVELS.rank(n) for n in names] == list(range(7))
    assert set(ONET_RULES.months_by_level) == set(names)


def test_release_comes_from_read_me_first_then_the_folder_name(tmp_path: Path) -> None:
    assert detect_release(MINI_20) == "20.3"
    assert detect_release(MINI_29) == "29.1"
    folder = tmp_path / "db_20_3_text"
    folder.mkdir()
    (folder / "Read Me.txt").write_text("O*NET 28.2 Database\nFebruary 2024 Release\n")
    assert detect_release(folder) == "28.2"
    assert detect_release(tmp_path / "onet") is None
    assert attribution("20.3") == ATTRIBUTION_20_3
    assert "the O*NET Database by" in attribution(None)


def test_release_folders_are_recognised_by_their_files(tmp_path: Path) -> None:
    assert is_onet_release(MINI_20)
    assert is_onet_release(MINI_29)
    assert not is_onet_release(tmp_path)
    assert not is_onet_release(tmp_path / "missing")
    (tmp_path / "Occupation Data.txt").write_text("O*NET-SOC Code\tTitle\tDescription\n")
    assert not is_onet_release(tmp_path)
    assert not is_onet_release(tmp_path / "Occupation Data.txt")


# --------------------------------------------------------------------------- 20.x layout


def test_a_20x_release_with_the_career_changers_matrix() -> None:
    result = import_onet(MINI_20)
    summary = result.summary
    assert summary.release == "20.3"
    assert summary.layout is LinkLayout.CAREER_CHANGERS
    assert summary.has_job_zones
    assert summary.ratings is RatingScale.IMPORTANCE
    assert (summary.occupations_read, summary.roles_created) == (8, 7)
    assert [(s.code, s.reason) for s in summary.skipped] == [("55-1011.00", _NO_NEIGHBOUR)]
    # no ratings, but Career Changers index 1 names a rated occupation
    assert [(i.code, i.sources, i.basis) for i in summary.imputed] == [
        ("15-1199.00", ("15-2041.00",), "Career Changers Matrix.txt, indexes 1-5")
    ]
    assert (summary.links_read, summary.transitions_created) == (9, 9)
    assert summary.links_skipped == {}
    assert summary.missing_styles == summary.unmapped_styles == ()
    assert summary.incomplete == {}
    assert summary.notes == ()

    stats = result.catalog.role("onet-15-2041-00")
    assert stats.name == stats.name_en == "Statisticians"
    assert stats.family == "Computer and Mathematical"
    assert (stats.level, stats.job_zone) == ("expert", 5)
    # O*NET's text is English: the English guide, no Spanish one; asked in Spanish, the
    # guide answers in English and says so.
    assert stats.en is not None and stats.en.description is not None
    assert stats.en.description.startswith("Develop or apply")
    assert (stats.description, stats.strengths, stats.profile_notes) == (None, (), {})
    assert (stats.guide_language("es"), stats.guide("es")) == ("en", stats.en)
    assert stats.attribution == attribution("20.3", modified_by="Rumbo")
    levels = {rid: role.level for rid, role in result.catalog.roles.items()}
    assert levels["onet-13-2051-00"] == "professional"
    assert levels["onet-43-9061-00"] == "skilled"
    assert levels["onet-11-9111-00"] == "director"
    assert levels["onet-11-1011-00"] == "executive"
    assert result.catalog.rules == ONET_RULES
    imputed = result.catalog.role("onet-15-1199-00")
    assert imputed.imputed_from == ("onet-15-2041-00",)
    assert imputed.profile == stats.profile  # the mean of one profile
    # no Job Zones row either: the zone of the same neighbour, and its level
    assert (imputed.job_zone, imputed.level) == (5, "expert")
    assert summary.imputed[0].job_zone_imputed == 5
    assert not stats.imputed


def test_traits_are_t_scores_of_weighted_means_of_rescaled_importances() -> None:
    result = import_onet(MINI_20)
    profile = result.catalog.role("onet-15-2041-00").profile
    norms = result.summary.norms
    # Innovation 3.68, Analytical Thinking 4.76, Independence 4.08, Adaptability 3.20
    raw_openness = 0.40 * 67 + 0.30 * 94 + 0.15 * 77 + 0.15 * 55
    assert profile.openness == t_score(raw_openness, norms[Trait.OPENNESS])
    # Stress Tolerance 3.36, Self Control 3.08, Adaptability/Flexibility 3.20
    raw_stability = 0.40 * 59 + 0.35 * 52 + 0.25 * 55
    assert profile.emotional_stability == pytest.approx(
        t_score(raw_stability, norms[Trait.EMOTIONAL_STABILITY]), abs=0.051
    )
    rated = [role.profile for role in result.catalog.roles.values() if not role.imputed]
    for trait in TRAITS:
        scores = [p.score(trait) for p in rated]
        assert statistics.fmean(scores) == pytest.approx(50, abs=0.1)
        assert statistics.pstdev(scores) == pytest.approx(10, abs=0.1)


def test_transitions_combine_link_strength_and_profile_fit() -> None:
    catalog = import_onet(MINI_20).catalog
    source, target = catalog.role("onet-15-2041-00"), catalog.role("onet-15-2031-00")
    edge = catalog.transitions[(source.id, target.id)]  # Career Changers index 2 of 10
    assert edge.origin is Origin.ONET
    assert edge.fit == link_fit(index_strength(2, 10), profile_fit(source.profile, target.profile))
    assert edge.fit == 0.87  # profile fit 0.74, strength 0.967: 0.74 + 0.26 * 0.5 * 0.967
    assert edge.develop == development_needed(source.profile, target.profile)
    assert edge.strengths == ("Analytical Thinking", "Attention to Detail", "Dependability")
    weakest = catalog.transitions[("onet-15-2031-00", "onet-11-1011-00")]  # index 10 of 10
    assert weakest.fit == link_fit(
        0.7, profile_fit(target.profile, catalog.role("onet-11-1011-00").profile)
    )
    assert all(t.origin is Origin.ONET for t in catalog.transitions.values())
    assert all(len(t.strengths) <= 3 for t in catalog.transitions.values())


def test_self_links_and_duplicate_links_are_counted(tmp_path: Path) -> None:
    folder = _copy(MINI_20, tmp_path)
    _edit(
        folder / "Career Changers Matrix.txt",
        lambda text: text + "15-2041.00\t15-2031.00\t9\r\n15-2041.00\t15-2041.00\t3\r\n",
    )
    result = import_onet(folder)
    assert result.summary.links_read == 11
    assert result.summary.links_skipped == {
        "duplicate link (the strongest kept)": 1,
        "an occupation linked to itself": 1,
    }
    assert result.catalog == import_onet(MINI_20).catalog


def test_columns_are_found_by_header_name(tmp_path: Path) -> None:
    folder = _copy(MINI_20, tmp_path)

    def reverse_columns(text: str) -> str:
        rows = text.split("\r\n")
        return "\r\n".join("\t".join(reversed(row.split("\t"))) if row else row for row in rows)

    for name in ("Work Styles.txt", "Career Changers Matrix.txt", "Occupation Data.txt"):
        _edit(folder / name, reverse_columns)
    assert import_onet(folder).catalog == import_onet(MINI_20).catalog


def test_renamed_styles_give_the_same_profiles(tmp_path: Path) -> None:
    folder = _copy(MINI_20, tmp_path)
    _edit(
        folder / "Work Styles.txt",
        lambda text: text.replace("\tSelf Control\t", "\tSELF-CONTROL\t").replace(
            "\tAdaptability/Flexibility\t", "\tAdaptability / Flexibility\t"
        ),
    )
    result = import_onet(folder)
    assert result.summary.missing_styles == ()
    assert result.catalog == import_onet(MINI_20).catalog


def test_a_style_missing_from_the_whole_release_is_reported(tmp_path: Path) -> None:
    folder = _copy(MINI_20, tmp_path)
    _edit(
        folder / "Work Styles.txt",
        lambda text: "\r\n".join(r for r in text.split("\r\n") if "\tIntegrity\t" not in r),
    )
    result = import_onet(folder)
    assert result.summary.missing_styles == ("Integrity",)
    assert result.summary.roles_created == 7
    assert result.summary.incomplete == {}
    assert any("Integrity" in line for line in result.summary.lines())
    profile = result.catalog.role("onet-15-2041-00").profile
    # Dependability 4.16, Attention to Detail 4.72, Achievement 3.92, Persistence 4.04,
    # Initiative 3.92: conscientiousness without Integrity's 0.10
    expected = (0.25 * 79 + 0.20 * 93 + 0.20 * 73 + 0.15 * 76 + 0.10 * 73) / 0.90
    norm = result.summary.norms[Trait.CONSCIENTIOUSNESS]
    assert profile.conscientiousness == pytest.approx(t_score(expected, norm), abs=0.1)


def test_styles_outside_the_mapping_are_ignored_and_listed(tmp_path: Path) -> None:
    folder = _copy(MINI_20, tmp_path)
    _edit(
        folder / "Work Styles.txt",
        lambda text: text + "\t".join(["15-2041.00", "1.C.9", "Optimism", "IM", "4.9"] + _TAIL),
    )
    result = import_onet(folder)
    assert result.summary.unmapped_styles == ("Optimism",)
    assert "work styles not used by the mapping: Optimism" in result.summary.lines()
    assert result.catalog == import_onet(MINI_20).catalog


def test_rows_of_other_scales_are_ignored(tmp_path: Path) -> None:
    folder = _copy(MINI_20, tmp_path)
    _edit(
        folder / "Work Styles.txt",
        lambda text: (
            text + "\t".join(["15-2041.00", "1.C.1.a", "Achievement/Effort", "DR", "17"] + _TAIL)
        ),
    )
    assert import_onet(folder).catalog == import_onet(MINI_20).catalog


def test_a_trait_with_no_style_skips_every_occupation_with_the_reason(tmp_path: Path) -> None:
    folder = _copy(MINI_20, tmp_path)
    openness = {f"\t{s}\t" for s in STYLE_WEIGHTS[Trait.OPENNESS]}
    _edit(
        folder / "Work Styles.txt",
        lambda text: "\r\n".join(
            r for r in text.split("\r\n") if not any(s in r for s in openness)
        ),
    )
    result = import_onet(folder)
    assert result.summary.roles_created == 0
    assert result.summary.transitions_created == 0
    reasons = {s.code: s.reason for s in result.summary.skipped}
    assert len(reasons) == 8
    assert reasons["15-2041.00"].startswith("no work style for openness (needs one of: Innovation")
    assert reasons["15-1199.00"] == _NO_NEIGHBOUR  # no rated occupation is left


def test_without_job_zones_roles_have_no_level(tmp_path: Path) -> None:
    folder = _copy(MINI_20, tmp_path)
    (folder / "Job Zones.txt").unlink()
    result = import_onet(folder)
    assert not result.summary.has_job_zones
    assert {role.level for role in result.catalog.roles.values()} == {None}
    assert {role.job_zone for role in result.catalog.roles.values()} == {None}
    assert "no Job Zones.txt" in result.summary.lines()[0]


def test_progress_reports_every_stage_to_its_end() -> None:
    calls: list[tuple[str, int, int]] = []
    import_onet(MINI_20, lambda stage, done, total: calls.append((stage, done, total)))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert stages == [
        "Occupation Data.txt",
        "Work Styles.txt",
        "Career Changers Matrix.txt",
        "Job Zones.txt",
        "roles",
        "transitions",
    ]
    last = {stage: (done, total) for stage, done, total in calls}
    assert all(done == total for done, total in last.values())
    assert last["Work Styles.txt"] == (96, 96)


# --------------------------------------------------------------------------- 29.x layout


def test_a_29x_release_with_related_occupations_and_self_control() -> None:
    result = import_onet(MINI_29)
    summary = result.summary
    assert summary.release == "29.1"  # from Read Me.txt: the folder name has no number
    assert summary.layout is LinkLayout.RELATED_OCCUPATIONS
    assert summary.missing_styles == ()  # "Self-Control" is the 20.x "Self Control"
    assert (summary.occupations_read, summary.roles_created) == (7, 6)
    reasons = {s.code: s.reason for s in summary.skipped}
    assert reasons == {
        "15-1221.00": "no work style for openness (needs one of: Innovation, "
        "Analytical Thinking, Independence, Adaptability/Flexibility)",
    }
    # no ratings and no link to a rated occupation: the rated ones of SOC minor group 15-1
    assert [(i.code, i.sources, i.basis) for i in summary.imputed] == [
        ("15-1299.00", ("15-1252.00",), "same SOC minor group")
    ]
    # ... and no Job Zone: its one neighbour has none to give
    assert summary.imputed[0].job_zone_imputed is None
    assert summary.incomplete == {"11-3021.00": ("Integrity",)}
    assert "occupations lacking some work styles: 1" in summary.lines()
    assert (summary.links_read, summary.transitions_created) == (8, 7)
    assert summary.links_skipped == {"an end did not become a role": 1}

    catalog = result.catalog
    scientist = catalog.role("onet-15-2051-00")
    assert scientist.name == "Data Scientists"
    assert (scientist.level, scientist.job_zone) == ("professional", 4)
    assert scientist.attribution is not None and "O*NET 29.1 Database" in scientist.attribution
    assert catalog.role("onet-15-1252-00").level is None  # no job zone row
    assert catalog.role("onet-15-1252-00").job_zone is None
    assert catalog.role("onet-11-3021-00").family == "Management"
    for target, tier in (
        ("onet-15-2041-00", "Primary-Short"),
        ("onet-11-3021-00", "Primary-Long"),
        ("onet-15-1252-00", "Supplemental"),
    ):
        edge = catalog.transitions[(scientist.id, target)]
        expected = link_fit(
            TIER_STRENGTH[tier], profile_fit(scientist.profile, catalog.role(target).profile)
        )
        assert edge.fit == expected
    # the 20.x name of the same style reads the same
    assert "Self-Control" in EXPECTED_STYLES


def test_tiers_are_read_whatever_their_case(tmp_path: Path) -> None:
    folder = _copy(MINI_29, tmp_path)
    _edit(folder / "Related Occupations.txt", lambda t: t.replace("Primary-Long", "primary long"))
    assert import_onet(folder).catalog == import_onet(MINI_29).catalog


def test_tiers_of_equal_strength_stay_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    # the tier is known by its name: were two tiers as strong, neither would take the other's rank
    as_strong = {normalise_style_name(tier): 1.0 for tier in TIER_STRENGTH}
    monkeypatch.setattr(onet_links, "_TIER_KEYS", as_strong)
    links, _ = read_links(Reader(MINI_29, None), LinkLayout.RELATED_OCCUPATIONS)
    assert sorted({(link.strength, link.tier) for link in links}) == [(1.0, 0), (1.0, 1), (1.0, 2)]


def test_rows_of_unknown_occupations_are_ignored_and_noted(tmp_path: Path) -> None:
    folder = _copy(MINI_29, tmp_path, "onet-latest")
    (folder / "Read Me.txt").unlink()
    ws_row = "99-9999.00\t1.C.7.a\tInnovation\tIM\t4.00\t9\t0.1\t3.8\t4.2\tN\t08/2024\tAnalyst\n"
    _edit(folder / "Work Styles.txt", lambda t: t + ws_row)
    _edit(folder / "Job Zones.txt", lambda t: t + "99-9999.00\t3\t08/2024\tAnalyst\n")
    _edit(
        folder / "Related Occupations.txt",
        lambda t: t + "15-2051.00\t99-9999.00\tSupplemental\t12\n",
    )
    _edit(folder / "Occupation Data.txt", lambda t: t.replace("\n", "\n\n", 1))  # a blank line
    shutil.copy(MINI_20 / "Career Changers Matrix.txt", folder)
    result = import_onet(folder)
    summary = result.summary
    assert summary.release is None
    assert summary.layout is LinkLayout.RELATED_OCCUPATIONS
    assert summary.links_skipped == {
        "an end did not become a role": 1,
        "code not in Occupation Data.txt": 1,
    }
    assert summary.notes == (
        "both link files present; read Related Occupations.txt",
        "release number not found in Read Me.txt nor the folder name",
        "Work Styles.txt: 1 row(s) of unknown occupations ignored",
        "Job Zones.txt: 1 row(s) of unknown occupations ignored",
    )
    role = result.catalog.role("onet-15-2051-00")
    assert role.attribution is not None and "from the O*NET Database by" in role.attribution
    assert summary.lines()[0] == (
        "O*NET unknown release, importance ratings, related-occupations layout"
    )


# --------------------------------------------------------------------------- errors


def test_every_malformed_row_is_reported_with_file_and_line() -> None:
    error = _errors(MALFORMED)
    assert _where(error.problems) == {
        ("Occupation Data.txt", 3, None),  # 2 fields, the header has 3
        ("Occupation Data.txt", 4, "O*NET-SOC Code"),  # 15-20X1.00
        ("Work Styles.txt", 3, "Data Value"),  # "high"
        ("Work Styles.txt", 4, "Data Value"),  # 6.20 > 5
        ("Work Styles.txt", 5, None),  # 5 fields, the header has 4
        ("Work Styles.txt", 6, "Data Value"),  # 0.50 < 1
        ("Work Styles.txt", 8, "Element Name"),  # duplicate of line 7
        ("Career Changers Matrix.txt", 3, "Index"),  # "first"
        ("Career Changers Matrix.txt", 4, "Related O*NET-SOC Code"),  # 15-2041
        ("Career Changers Matrix.txt", 5, "Index"),  # 0
        ("Job Zones.txt", 2, "Job Zone"),  # 6
        ("Job Zones.txt", 3, "Job Zone"),  # "five"
    }
    messages = {(Path(p.file or "").name, p.line): p.message for p in error.problems}
    assert messages["Occupation Data.txt", 3] == "row has 2 fields, the header has 3"
    assert messages["Work Styles.txt", 3] == "not a number: 'high'"
    assert messages["Work Styles.txt", 4] == "6.20 is outside 1-5"
    assert messages["Work Styles.txt", 8] == (
        "duplicate importance of this work style (first at line 7)"
    )
    assert messages["Career Changers Matrix.txt", 5] == "0 is below 1"
    assert "Work Styles.txt:4, record 15-2041.00 Leadership, field Data Value" in str(error)


def test_duplicate_rows_and_empty_names_are_problems(tmp_path: Path) -> None:
    folder = _copy(MINI_29, tmp_path)
    _edit(
        folder / "Occupation Data.txt",
        lambda t: t + "15-2051.00\tData Scientists\tAgain.\n15-9999.00\t\tNo title.\n",
    )
    ws_row = "15-2051.00\t1.C.9\t\tIM\t4.00\t9\t0.1\t3.8\t4.2\tN\t08/2024\tAnalyst\n"
    _edit(folder / "Work Styles.txt", lambda t: t + ws_row)
    _edit(folder / "Job Zones.txt", lambda t: t + "15-2051.00\t5\t08/2024\tAnalyst\n")
    error = _errors(folder)
    assert _where(error.problems) == {
        ("Occupation Data.txt", 9, "O*NET-SOC Code"),  # duplicate of line 8
        ("Occupation Data.txt", 10, "Title"),
        ("Work Styles.txt", 93, "Element Name"),
        ("Job Zones.txt", 7, "O*NET-SOC Code"),  # duplicate of line 6
    }
    messages = {(Path(p.file or "").name, p.line): p.message for p in error.problems}
    assert messages["Occupation Data.txt", 9] == "duplicate occupation (first at line 8)"
    assert messages["Job Zones.txt", 7] == "duplicate job zone (first at line 6)"


def test_missing_required_files_are_named(tmp_path: Path) -> None:
    folder = _copy(MINI_20, tmp_path)
    (folder / "Work Styles.txt").unlink()
    (folder / "Career Changers Matrix.txt").unlink()
    error = _errors(folder)
    assert _where(error.problems) == {("Work Styles.txt", None, None), (folder.name, None, None)}
    messages = [p.message for p in error.problems]
    assert "missing required file of the O*NET release" in messages
    assert any(
        "Career Changers Matrix.txt" in m and "Related Occupations.txt" in m for m in messages
    )


def test_a_missing_occupation_file_is_named(tmp_path: Path) -> None:
    folder = _copy(MINI_29, tmp_path)
    (folder / "Occupation Data.txt").unlink()
    assert _where(_errors(folder).problems) == {("Occupation Data.txt", None, None)}


def test_missing_columns_are_reported_on_the_header_line(tmp_path: Path) -> None:
    folder = _copy(MINI_29, tmp_path)
    _edit(folder / "Related Occupations.txt", lambda t: t.replace("Relatedness Tier", "Tier", 1))
    _edit(folder / "Work Styles.txt", lambda t: t.replace("\tData Value\t", "\tValue\t", 1))
    error = _errors(folder)
    assert _where(error.problems) == {
        ("Related Occupations.txt", 1, "Relatedness Tier"),
        ("Work Styles.txt", 1, "Data Value"),
    }


def test_an_unknown_tier_is_a_problem(tmp_path: Path) -> None:
    folder = _copy(MINI_29, tmp_path)
    _edit(
        folder / "Related Occupations.txt", lambda t: t + "15-2041.00\t11-1011.00\tSecondary\t12\n"
    )
    error = _errors(folder)
    assert _where(error.problems) == {("Related Occupations.txt", 10, "Relatedness Tier")}
    assert "unknown relatedness tier 'Secondary'" in error.problems[0].message


def test_work_styles_without_importance_rows_are_a_problem(tmp_path: Path) -> None:
    folder = _copy(MINI_29, tmp_path)
    _edit(folder / "Work Styles.txt", lambda t: t.split("\n", 1)[0] + "\n")
    error = _errors(folder)
    assert _where(error.problems) == {("Work Styles.txt", 1, None)}


def test_an_empty_file_is_a_problem(tmp_path: Path) -> None:
    folder = _copy(MINI_29, tmp_path)
    (folder / "Job Zones.txt").write_text("")
    assert _where(_errors(folder).problems) == {("Job Zones.txt", 1, None)}


def test_a_folder_that_does_not_exist_is_a_problem(tmp_path: Path) -> None:
    error = _errors(tmp_path / "nowhere")
    assert _where(error.problems) == {("nowhere", None, None)}


def test_non_utf8_files_are_read_and_noted(tmp_path: Path) -> None:
    folder = _copy(MINI_29, tmp_path)
    _edit(
        folder / "Occupation Data.txt",
        lambda t: t.replace("Set the direction", "Set the dirécción"),
    )
    path = folder / "Occupation Data.txt"
    path.write_bytes(path.read_bytes().decode().encode("cp1252"))
    result = import_onet(folder)
    assert result.catalog.role("onet-11-1011-00").guide("en").description == (
        "Set the dirécción of an organization and run its operations at the top level."
    )
    assert result.summary.notes == ("Occupation Data.txt: not UTF-8, read as Windows-1252",)


# --------------------------------------------------------------------------- the real 20.3 release


@pytest.fixture(scope="module")
def real_import() -> OnetImport:
    if not REAL_20_3.is_dir():
        pytest.skip(f"the O*NET 20.3 release is absent (expected at {REAL_20_3})")
    return import_onet(REAL_20_3)


def test_the_real_20_3_release(real_import: OnetImport) -> None:
    result = real_import
    catalog, summary = result.catalog, result.summary
    assert summary.release == "20.3"
    assert summary.layout is LinkLayout.CAREER_CHANGERS
    assert summary.occupations_read == 1113
    assert summary.ratings is RatingScale.IMPORTANCE
    # 953 rated and 140 of the 160 unrated occupations, imputed
    assert summary.roles_created == len(catalog.roles) == 953 + 140
    assert summary.links_read == 8348
    assert summary.transitions_created == len(catalog.transitions) == 8348
    assert summary.links_skipped == {}
    # the matrix never names an unrated occupation: every imputation is by SOC group
    assert Counter(i.basis for i in summary.imputed) == {
        "same SOC detailed occupation": 87,
        "same SOC broad group": 29,
        "same SOC minor group": 24,
    }
    financial_managers = catalog.role("onet-11-3031-00")
    assert financial_managers.imputed_from == ("onet-11-3031-01", "onet-11-3031-02")
    # the 20 left are the military occupations (SOC 55), none of them rated
    assert {(s.code[:3], s.reason) for s in summary.skipped} == {("55-", _NO_NEIGHBOUR)}
    assert len(summary.skipped) == 20
    assert summary.missing_styles == summary.unmapped_styles == ()
    assert summary.incomplete == {}
    rated = [role for role in catalog.roles.values() if not role.imputed]
    assert len(rated) == 953
    assert all(role.level is not None for role in rated)
    assert all(role.family is not None for role in catalog.roles.values())
    assert all(
        role.attribution == attribution("20.3", modified_by="Rumbo")
        for role in catalog.roles.values()
    )


def test_the_real_20_3_levels_as_docs_onet_md_counts_them(real_import: OnetImport) -> None:
    roles = [role for role in real_import.catalog.roles.values() if not role.imputed]
    levels = Counter(role.level for role in roles)
    assert levels == {
        "entry": 44,
        "skilled": 264,
        "experienced": 244,
        "professional": 208,
        "expert": 183,
        "director": 8,
        "executive": 2,
    }
    assert Counter(role.job_zone for role in roles) == {1: 44, 2: 275, 3: 255, 4: 222, 5: 157}
    imputed = [role for role in real_import.catalog.roles.values() if role.imputed]
    # 138 imputed Job Zones (the median of the same neighbours) and 2 of the release (zone 4)
    zones = [i.job_zone_imputed for i in real_import.summary.imputed]
    assert Counter(zone is None for zone in zones) == {False: 138, True: 2}
    assert Counter(role.job_zone for role in imputed) == {1: 5, 2: 40, 3: 39, 4: 40, 5: 16}
    assert Counter(role.level for role in imputed) == {
        "entry": 5,
        "skilled": 40,
        "experienced": 36,
        "professional": 31,
        "expert": 28,
    }
    financial_managers = real_import.catalog.role("onet-11-3031-00")
    assert (financial_managers.job_zone, financial_managers.level) == (4, "expert")


def test_real_20_3_imputed_profiles_spread_less_and_texts_are_english(
    real_import: OnetImport,
) -> None:
    roles = list(real_import.catalog.roles.values())
    imputed = [role for role in roles if role.imputed]
    # docs/onet.md: the imputed profiles' own sd, 7.7 to 8.7 per trait (rated: 10.0)
    spread = {t: statistics.pstdev(role.profile.score(t) for role in imputed) for t in TRAITS}
    assert (round(min(spread.values()), 1), round(max(spread.values()), 1)) == (7.7, 8.7)
    # no Spanish text: every description is the English guide
    assert all(role.description is None for role in roles)
    assert sum(role.en is not None for role in roles) == len(roles)
    assert {role.guide_language("es") for role in roles} == {"en"}


def test_real_20_3_imputed_roles_are_reached_and_lead_on(real_import: OnetImport) -> None:
    catalog = real_import.catalog
    graph = catalog.to_graph()
    imputed = {rid for rid, role in catalog.roles.items() if role.imputed}
    reached = {rid for rid in imputed if set(graph.predecessors(rid)) - {rid}}
    leading = {rid for rid in imputed if set(graph.successors(rid)) - {rid}}
    # docs/onet.md: of the 140, 136 have a move in, 139 a move out, 135 both; every
    # one of those moves is derived (20.3's matrix names no unrated occupation)
    assert (len(reached), len(leading), len(reached & leading)) == (136, 139, 135)
    assert reached | leading == imputed
    touching = [(s, t) for s, t in graph.edges if s in imputed or t in imputed]
    assert all(graph.edges[edge]["transition"].origin is Origin.DERIVED for edge in touching)


def test_real_20_3_derived_moves_stay_in_a_minor_group_and_near_job_zone(
    real_import: OnetImport,
) -> None:
    catalog = real_import.catalog
    derived = catalog.derived_transitions()
    assert derived
    rank, change = ONET_LEVELS.rank, ONET_LEVELS.change
    for edge in derived:
        source, target = catalog.role(edge.source), catalog.role(edge.target)
        assert source.id[:9] == target.id[:9]  # onet-15-2: the same SOC minor group
        assert source.job_zone is not None and target.job_zone is not None
        assert abs(source.job_zone - target.job_zone) <= 1
        assert change(source.level, target.level) in (0, 1)
        assert rank(source.level) is not None


def test_a_statistician_reaches_chief_executive(real_import: OnetImport) -> None:
    catalog = real_import.catalog
    graph = catalog.to_graph(include_derived=False)
    route = best_route(graph, "onet-15-2041-00", "onet-11-1011-00", Constraints(max_steps=6))
    assert route is not None
    assert route.roles[0] == "onet-15-2041-00" and route.roles[-1] == "onet-11-1011-00"
    assert len(route.steps) <= 6
    assert all(step.origin is Origin.ONET for step in route.steps)


@pytest.mark.parametrize(
    ("role_id", "credential"),
    [
        ("onet-29-1069-09", "physician licence (MD or DO)"),  # Preventive Medicine Physicians
        ("onet-29-1229-05", "physician licence (MD or DO)"),  # the same, 2018 SOC
        ("onet-29-1141-00", "registered nurse licence"),
        ("onet-29-1141-04", "advanced practice registered nurse licence"),  # longer prefix
        ("onet-23-1011-00", "law degree (J.D.)"),
        ("onet-53-2012-00", "pilot certificate (FAA commercial or airline transport)"),
        ("onet-23-1022-00", None),  # arbitrators and mediators
        ("onet-29-1071-01", None),  # anesthesiologist assistants
        ("onet-29-1124-00", None),  # radiation therapists: "onet-29-124" is surgeons (2018)
        ("onet-53-2031-00", None),  # flight attendants
        ("onet-15-2041-00", None),  # statisticians
    ],
)
def test_licensed_occupations_require_a_credential(role_id: str, credential: str | None) -> None:
    assert ONET_RULES.credential_of(role_id) == credential
