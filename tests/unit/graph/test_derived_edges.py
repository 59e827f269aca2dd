"""Derived transitions agree with their definition, pair by pair."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.catalog import Catalog
from graph.fit import development_needed, profile_fit
from graph.model import Origin, Role, Transition
from graph.traits import Profile

scores = st.lists(st.sampled_from([30, 45, 50, 55, 60, 62.5, 75]), min_size=6, max_size=6)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(scores, min_size=2, max_size=12),
    st.sampled_from([0.5, 0.7, 0.75, 0.9]),
    st.integers(1, 4),
    st.data(),
)
def test_derived_edges_follow_the_definition(
    profiles: list[list[float]], threshold: float, per_role: int, data: st.DataObject
) -> None:
    roles = [
        Role(id=f"r{i:02d}", name=f"R{i}", profile=Profile.from_scores(p))
        for i, p in enumerate(profiles)
    ]
    pairs = [(a.id, b.id) for a in roles for b in roles if a.id != b.id]
    curated = data.draw(st.lists(st.sampled_from(pairs), unique=True, max_size=6))
    catalog = Catalog.build(roles, [Transition(source=a, target=b, fit=0.5) for a, b in curated])
    expected = []
    for a in roles:
        ranked = sorted(
            (-profile_fit(a.profile, b.profile), b.id)
            for b in roles
            if b.id != a.id
            and (a.id, b.id) not in catalog.transitions
            and profile_fit(a.profile, b.profile) >= threshold
        )
        for neg_fit, target in ranked[:per_role]:
            develop = development_needed(a.profile, catalog.roles[target].profile)
            expected.append((a.id, target, -neg_fit, develop))
    got = catalog.derived_transitions(threshold, per_role)
    assert [(t.source, t.target, t.fit, t.develop) for t in got] == expected
    assert all(t.origin is Origin.DERIVED for t in got)
