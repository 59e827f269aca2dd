"""The indexed derived-edge method gives exactly the quadratic method's edges.

Random catalogs with whole-number profiles drawn from few values (so fits tie often),
random catalog edges and random rules; both ways of comparing a pool (wholesale and
through the k-d tree) against :func:`graph.derived.quadratic_derived_transitions`.
``python -m bench.derived_edges --check`` does the same on synthetic catalogs up to 20k
roles.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.career import CareerRules, DerivedRules
from graph.derived import derived_transitions, quadratic_derived_transitions
from graph.model import Role
from graph.traits import Profile

rules_of = st.builds(
    DerivedRules,
    enabled=st.just(True),
    threshold=st.sampled_from([0.005, 0.01, 0.3, 0.5, 0.7, 0.75, 0.9, 1.0]),
    per_role=st.integers(1, 5),
    no_link_prior=st.sampled_from([0.5, 0.85, 1.0]),
    min_level_change=st.integers(-2, 0),
    max_level_change=st.integers(0, 2),
    same_family_only=st.booleans(),
    same_soc_minor_group=st.booleans(),
    max_job_zone_change=st.sampled_from([None, 0, 1, 2]),
)
role_specs = st.tuples(
    st.lists(st.integers(0, 4), min_size=6, max_size=6),
    st.sampled_from([None, "a", "b", "c"]),
    st.sampled_from([None, "junior", "mid", "senior", "lead"]),
    st.sampled_from([None, 1, 2, 3]),
    st.sampled_from(["onet-15-20", "onet-15-11", "r"]),
)


def _roles(
    specs: list[tuple[list[int], str | None, str | None, int | None, str]], step: int
) -> list[Role]:
    roles = [
        Role(
            id=f"{prefix}{i:02d}-00" if prefix != "r" else f"r{i:03d}",
            name=f"R{i}",
            family=family,
            level=level,
            job_zone=zone,
            profile=Profile.from_scores([40.0 + step * s for s in scores]),
        )
        for i, (scores, family, level, zone, prefix) in enumerate(specs)
    ]
    return sorted(roles, key=lambda r: r.id)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(role_specs, min_size=1, max_size=40),
    rules_of,
    st.lists(st.sampled_from([("a", "b"), ("b", "c")]), unique=True),
    st.sampled_from([1, 5, 15]),
    st.data(),
)
def test_the_indexed_method_equals_the_quadratic_one(
    specs: list[tuple[list[int], str | None, str | None, int | None, str]],
    derived: DerivedRules,
    adjacent: list[tuple[str, str]],
    step: int,
    data: st.DataObject,
) -> None:
    roles = _roles(specs, step)
    rules = CareerRules(adjacent_families=tuple(adjacent), derived=derived)
    ids = [r.id for r in roles]
    pairs = [(a, b) for a in ids for b in ids if a != b]
    joined = data.draw(st.lists(st.sampled_from(pairs), unique=True, max_size=30)) if pairs else []
    expected = quadratic_derived_transitions(roles, joined, rules)
    assert derived_transitions(roles, joined, rules) == expected
    assert derived_transitions(roles, joined, rules, dense_pool=0) == expected


def test_disabled_rules_derive_nothing() -> None:
    p = Profile.from_scores([50] * 6)
    roles = [Role(id=x, name=x, family="f", level="mid", profile=p) for x in ("a", "b")]
    off = CareerRules(derived=DerivedRules(enabled=False))
    assert (
        derived_transitions(roles, [], off) == quadratic_derived_transitions(roles, [], off) == []
    )
    assert len(derived_transitions(roles, [], CareerRules())) == 2
