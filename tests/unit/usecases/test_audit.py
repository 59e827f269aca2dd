"""The plausibility audit: its figures on small catalogs, its checks, and ``rumbo audit``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from graph.career import CareerRules, DerivedRules
from graph.catalog import Catalog
from graph.model import Origin, Role, Transition
from graph.store import CatalogSnapshot
from graph.traits import Profile
from loaders import bundled_catalog, read_catalog
from rumbo_cli.main import app
from usecases.audit import (
    SEED_TRANSITIONS,
    Thresholds,
    audit_answer,
    audit_catalog,
    check_audit,
    sample_pairs,
)

ONET_MINI = Path(__file__).resolve().parents[2] / "fixtures" / "onet" / "onet-20.3-mini"
NO_DERIVED = CareerRules(derived=DerivedRules(enabled=False))


def _snapshot(
    levels: dict[str, str], edges: list[tuple[str, str]], origin: Origin = Origin.CURATED
) -> CatalogSnapshot:
    profile = Profile.from_scores([50] * 6)
    roles = [Role(id=rid, name=rid, level=level, profile=profile) for rid, level in levels.items()]
    transitions = [Transition(source=s, target=t, fit=0.8, origin=origin) for s, t in edges]
    return CatalogSnapshot(1, Catalog.build(roles, transitions, rules=NO_DERIVED))


def test_a_route_that_must_step_down_is_counted_and_fails_the_check() -> None:
    # a (senior) reaches c (senior) only through b (junior)
    snapshot = _snapshot({"a": "senior", "b": "junior", "c": "senior"}, [("a", "b"), ("b", "c")])
    answer = audit_answer(snapshot)
    report = answer.report
    assert (report.pairs, report.all_pairs, report.routes, report.steps) == (6, 6, 3, 4)
    # heading to the same or a higher level: a -> c and b -> c; a -> c steps down
    assert (report.step_down.count, report.step_down.total) == (1, 2)
    assert report.step_down_without_alternative == 1
    assert report.rising_two_or_more.count == 2  # junior -> senior, twice
    assert report.curated_steps.value == 1.0
    assert report.derived_steps.count == report.onet_steps.count == 0
    assert not report.has_onet_links and not report.has_job_zones
    assert [c.name for c in answer.failed] == ["best routes stepping down"]
    lenient = check_audit(report, Thresholds(max_step_down=0.5))
    assert all(c.passed for c in lenient)


def test_o_star_net_catalogs_are_checked_on_their_links_not_their_step_downs() -> None:
    snapshot = _snapshot(
        {"onet-a": "senior", "onet-b": "junior", "onet-c": "senior"},
        [("onet-a", "onet-b"), ("onet-b", "onet-c")],
        Origin.ONET,
    )
    answer = audit_answer(snapshot)
    assert answer.report.has_onet_links
    assert answer.report.onet_steps.value == 1.0
    assert [c.name for c in answer.checks] == [
        "derived steps falling or rising 2+",
        "best-route steps on O*NET links",
    ]
    assert not answer.failed
    strict = check_audit(answer.report, Thresholds(min_onet_steps=1.01))
    assert [c.name for c in strict if not c.passed] == ["best-route steps on O*NET links"]


def test_a_sample_is_seeded_sorted_and_never_larger_than_all_pairs() -> None:
    ids = [f"r{i}" for i in range(10)]
    assert len(sample_pairs(ids, None, 0)) == 90
    assert sample_pairs(ids, 20, 3) == sample_pairs(ids, 20, 3)
    assert sample_pairs(ids, 20, 3) != sample_pairs(ids, 20, 4)
    assert sample_pairs(ids, 20, 3) == sorted(sample_pairs(ids, 20, 3))
    assert len(set(sample_pairs(ids, 20, 3))) == 20
    assert sample_pairs(ids, 500, 3) == sample_pairs(ids, None, 0)


def test_the_bundled_catalog_reports_its_seed_transitions_and_named_timelines() -> None:
    snapshot = CatalogSnapshot(1, read_catalog(bundled_catalog()))
    report = audit_catalog(snapshot, sample=40, seed=1, frontier=False)
    assert report.pairs == 40 and report.seed == 1
    assert report.frontier.queries == 0
    assert [c.target for c in report.seed_transitions] == [t for t, _, _ in SEED_TRANSITIONS]
    assert all(c.exact for c in report.seed_transitions)
    mlops = report.timelines[0]
    assert (mlops.source, mlops.target) == ("mlops-engineer", "chief-data-officer")
    assert mlops.roles[0] == "mlops-engineer" and mlops.roles[-1] == "chief-data-officer"
    assert mlops.months == sum(step.months for step in mlops.steps)
    assert mlops.months is not None and mlops.months >= 12  # years, not months
    assert all(t.source in snapshot.catalog.roles for t in report.timelines)


def test_rumbo_audit_reads_an_o_star_net_release_and_exits_1_only_outside_thresholds() -> None:
    result = CliRunner().invoke(app, ["audit", "--catalog", str(ONET_MINI), "--json", "--check"])
    answer = json.loads(result.stdout)
    assert answer["report"]["roles"] == 7  # 6 rated, 1 imputed (docs/onet.md)
    assert answer["report"]["has_onet_links"] and answer["report"]["has_job_zones"]
    failed = [c["name"] for c in answer["checks"] if not c["passed"]]
    assert result.exit_code == (1 if failed else 0)
    text = CliRunner().invoke(app, ["audit", "--catalog", str(ONET_MINI), "--sample", "5"])
    assert text.exit_code == 0
    assert "a sample of 5 of 42 ordered pairs (seed 0)" in text.stdout
    assert "Steps on O*NET links:" in text.stdout


def test_credentials_are_checked_where_a_role_requires_one() -> None:
    # a reaches c only through b, whose licence neither a nor c requires
    levels = {"a": "senior", "b": "senior", "c": "senior", "d": "senior"}
    plain = _snapshot(levels, [("a", "b"), ("b", "c"), ("d", "b")])
    licensed = NO_DERIVED.model_copy(update={"credentials": {"licence": ("b", "d")}})
    snapshot = CatalogSnapshot(1, plain.catalog.with_rules(licensed))
    answer = audit_answer(snapshot)
    report = answer.report
    assert not plain.catalog.rules.credentials and report.has_credentials
    # a -> b, b -> c, d -> b and d -> b -> c (d holds the licence); a -> c is gated
    assert report.routes == 4
    assert report.through_credential_gate.percent() == "0.0 % (0 of 4)"
    assert "routes through a credential neither end holds" in [c.name for c in answer.checks]
    assert not audit_answer(plain).report.has_credentials
