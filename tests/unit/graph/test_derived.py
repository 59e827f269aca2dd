"""Derived transitions agree with their definition under the catalog's rules, pair by pair."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.career import CareerRules, DerivedRules
from graph.catalog import Catalog
from graph.fit import development_needed, profile_fit
from graph.model import Origin, Role, Transition, soc_minor_group
from graph.traits import Profile
from loaders import bundled_catalog, read_catalog

scores = st.lists(st.sampled_from([30, 45, 50, 55, 60, 62.5, 75]), min_size=6, max_size=6)
families = st.sampled_from([None, "a", "b", "c"])
levels = st.sampled_from([None, "junior", "mid", "senior", "lead", "manager", "director"])
zones = st.sampled_from([None, 1, 2, 3, 4, 5])
# O*NET-like ids (two SOC minor groups) and plain ids.
prefixes = st.sampled_from(["onet-15-20", "onet-15-11", "onet-11-30", "r"])
rules_of = st.builds(
    DerivedRules,
    enabled=st.booleans(),
    threshold=st.sampled_from([0.5, 0.7, 0.75, 0.9]),
    per_role=st.integers(1, 4),
    no_link_prior=st.sampled_from([0.5, 0.85, 1.0]),
    min_level_change=st.integers(-2, 0),
    max_level_change=st.integers(0, 2),
    same_family_only=st.booleans(),
    same_soc_minor_group=st.booleans(),
    max_job_zone_change=st.sampled_from([None, 0, 1, 2]),
)


def _allowed(a: Role, b: Role, rules: CareerRules) -> bool:
    """The specification of a plausible derived move (profiles aside), one pair at a time."""
    derived = rules.derived
    ranks = rules.levels.rank(a.level), rules.levels.rank(b.level)
    if ranks[0] is None or ranks[1] is None:
        return False
    if not derived.min_level_change <= ranks[1] - ranks[0] <= derived.max_level_change:
        return False
    if derived.same_family_only:
        if a.family is None or b.family is None:
            return False
        if a.family != b.family and {a.family, b.family} not in [
            set(pair) for pair in rules.adjacent_families
        ]:
            return False
    if derived.same_soc_minor_group and (
        soc_minor_group(a.id) is None or soc_minor_group(a.id) != soc_minor_group(b.id)
    ):
        return False
    if derived.max_job_zone_change is not None:
        if a.job_zone is None or b.job_zone is None:
            return False
        if abs(a.job_zone - b.job_zone) > derived.max_job_zone_change:
            return False
    return True


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(scores, families, levels, zones, prefixes), min_size=2, max_size=12),
    rules_of,
    st.lists(st.sampled_from([("a", "b"), ("b", "c")]), unique=True),
    st.data(),
)
def test_derived_edges_follow_the_definition(
    specs: list[tuple[list[float], str | None, str | None, int | None, str]],
    derived: DerivedRules,
    adjacent: list[tuple[str, str]],
    data: st.DataObject,
) -> None:
    roles = [
        Role(
            id=f"{prefix}{i:02d}-00" if prefix != "r" else f"r{i:02d}",
            name=f"R{i}",
            family=family,
            level=level,
            job_zone=zone,
            profile=Profile.from_scores(p),
        )
        for i, (p, family, level, zone, prefix) in enumerate(specs)
    ]
    rules = CareerRules(adjacent_families=tuple(adjacent), derived=derived)
    pairs = [(a.id, b.id) for a in roles for b in roles if a.id != b.id]
    curated = data.draw(st.lists(st.sampled_from(pairs), unique=True, max_size=6))
    catalog = Catalog.build(
        roles, [Transition(source=a, target=b, fit=0.5) for a, b in curated], rules=rules
    )
    expected = []
    for a in catalog.roles.values() if derived.enabled else []:
        ranked = sorted(
            (-profile_fit(a.profile, b.profile), b.id)
            for b in roles
            if b.id != a.id
            and (a.id, b.id) not in catalog.transitions
            and _allowed(a, b, rules)
            and profile_fit(a.profile, b.profile) >= derived.threshold
        )
        for neg_fit, target in ranked[: derived.per_role]:
            develop = development_needed(a.profile, catalog.roles[target].profile)
            fit = max(0.01, round(-neg_fit * derived.no_link_prior, 2))
            expected.append((a.id, target, fit, develop))
    got = catalog.derived_transitions()
    assert [(t.source, t.target, t.fit, t.develop) for t in got] == expected
    assert all(t.origin is Origin.DERIVED for t in got)


def test_the_bundled_catalog_derives_no_step_down_and_no_leap() -> None:
    catalog = read_catalog(bundled_catalog())
    levels = catalog.rules.levels
    derived = catalog.derived_transitions()
    changes = [
        levels.change(catalog.roles[t.source].level, catalog.roles[t.target].level) for t in derived
    ]
    assert derived and all(change in (0, 1) for change in changes)
    for edge in derived:
        a, b = catalog.roles[edge.source], catalog.roles[edge.target]
        assert catalog.rules.adjacent(a.family, b.family)
        assert edge.fit == round(profile_fit(a.profile, b.profile) * 0.85, 2)


def test_a_catalog_edge_beats_a_derived_one_of_the_same_profile_fit() -> None:
    p = Profile.from_scores([50] * 6)
    roles = [Role(id=x, name=x, family="f", level="mid", profile=p) for x in ("a", "b", "c")]
    catalog = Catalog.build(roles, [Transition(source="a", target="b", fit=1.0)])
    graph = catalog.to_graph()
    assert graph["a"]["b"]["fit"] == 1.0
    assert graph["a"]["c"]["fit"] == 0.85
    off = catalog.with_rules(CareerRules(derived=DerivedRules(enabled=False)))
    assert list(off.to_graph().edges) == [("a", "b")]
