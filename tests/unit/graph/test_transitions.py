"""A transition table reads back exactly the transitions it was made of."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.catalog import Catalog
from graph.errors import CatalogError
from graph.model import Origin, Role, Transition
from graph.traits import TRAITS, Profile
from graph.transitions import DuplicateTransitionError, TableBuilder, TransitionTable

IDS = ["a", "b", "c", "d", "e", "f"]


@st.composite
def transition_sets(draw: st.DrawFn) -> list[Transition]:
    """Transitions between some of IDS, each key once, in any order (loops included)."""
    keys = draw(st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(IDS)), unique=True))
    texts = st.text(min_size=1, max_size=3)
    return [
        Transition(
            source=source,
            target=target,
            fit=draw(st.floats(min_value=0.01, max_value=1.0)),
            strengths=tuple(draw(st.lists(texts, max_size=2))),
            develop=draw(st.dictionaries(st.sampled_from(TRAITS), st.integers(0, 100))),
            origin=draw(st.sampled_from([Origin.CURATED, Origin.ONET])),
        )
        for source, target in keys
    ]


@settings(max_examples=200, deadline=None)
@given(transition_sets(), st.tuples(st.sampled_from(IDS), st.sampled_from(IDS)))
def test_a_table_is_the_mapping_of_its_transitions(edges: list[Transition], probe: tuple) -> None:
    table = TransitionTable.from_transitions(edges)
    expected = {t.key: t for t in sorted(edges, key=lambda t: t.key)}
    assert list(table) == list(expected)
    assert list(table.values()) == list(expected.values())
    assert list(table.items()) == list(expected.items())
    assert len(table) == len(expected) and table == expected
    assert (probe in table) is (probe in expected)
    assert table.get(probe) == expected.get(probe)
    for source, target, row in table.rows():
        edge = expected[source, target]
        assert table.fit_at(row) == edge.fit and table.origin_at(row) is edge.origin
        assert list(table.points_at(row)) == [edge.develop.get(t, 0) for t in TRAITS]
        assert table.transition_at(row) == edge
    assert sorted(table.loops()) == sorted(k for k in expected if k[0] == k[1])
    for rid in IDS:
        assert table.outgoing(rid) == [t for (s, _), t in expected.items() if s == rid]
        assert table.incoming(rid) == [t for (_, d), t in expected.items() if d == rid]
    assert table.origins() == {t.origin for t in edges}


@settings(max_examples=50, deadline=None)
@given(transition_sets())
def test_a_pickled_table_is_equal_and_keeps_its_columns(edges: list[Transition]) -> None:
    table = TransitionTable.from_transitions(edges)
    again = pickle.loads(pickle.dumps(table))
    assert again == table and list(again.values()) == list(table.values())


def test_a_transition_read_from_a_table_is_a_whole_model() -> None:
    edge = Transition(source="a", target="b", fit=0.4, develop={"openness": 0, "extraversion": 7})
    read = TransitionTable.from_transitions([edge])["a", "b"]
    assert read == edge and read.model_dump() == edge.model_dump()
    assert read.model_fields_set == set(Transition.model_fields)


def test_two_records_with_one_key_are_refused() -> None:
    builder = TableBuilder(["a", "b"])
    points = [[0] * len(TRAITS)] * 2
    builder.add_columns(["a", "a"], ["b", "b"], [0.5, 0.6], [(), ()], points, [Origin.CURATED] * 2)
    with pytest.raises(DuplicateTransitionError, match="a -> b"):
        builder.build()


def test_columns_that_do_not_fit_together_are_refused() -> None:
    table = TransitionTable.from_transitions([Transition(source="a", target="b", fit=0.5)])
    _, args = table.__reduce__()
    with pytest.raises(ValueError, match="do not fit together"):
        TransitionTable(args[0], args[1], args[2][:0], *args[3:])
    with pytest.raises(ValueError, match="do not fit together"):  # a target out of range
        TransitionTable(args[0], args[1], (7).to_bytes(4, "little"), *args[3:])


def _roles(ids: list[str]) -> list[Role]:
    profile = Profile.from_scores([50] * 6)
    return [Role(id=rid, name=rid.upper(), profile=profile) for rid in ids]


@settings(max_examples=100, deadline=None)
@given(transition_sets(), st.lists(st.sampled_from(IDS), unique=True, min_size=1))
def test_a_catalog_built_from_a_table_checks_what_a_list_would(
    edges: list[Transition], ids: list[str]
) -> None:
    """The same catalog, or the same problems, whether the transitions come as a table."""
    table = TransitionTable.from_transitions(edges)
    outcomes = []
    for transitions in (edges, table):
        try:
            outcomes.append(Catalog.build(_roles(ids), transitions))
        except CatalogError as exc:
            outcomes.append(sorted(map(str, exc.problems)))
    assert outcomes[0] == outcomes[1]


@settings(max_examples=100, deadline=None)
@given(transition_sets(), st.integers(0, 40), st.integers(0, 40))
def test_columns_hold_the_fields_of_their_rows(
    edges: list[Transition], start: int, length: int
) -> None:
    table = TransitionTable.from_transitions(edges)
    chosen = list(table.values())[start : start + length]
    columns = table.columns(start, start + length)
    assert columns.sources == [t.source for t in chosen]
    assert columns.targets == [t.target for t in chosen]
    assert columns.fits == [t.fit for t in chosen]
    assert columns.strengths == [t.strengths for t in chosen]
    assert columns.origins == [t.origin for t in chosen]
    assert columns.points == [[t.develop.get(trait, 0) for t in chosen] for trait in TRAITS]


@settings(max_examples=150, deadline=None)
@given(
    transition_sets(),
    transition_sets(),
    st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(IDS))),
    st.none() | st.sampled_from([*IDS, "z"]),
)
def test_an_edited_table_is_the_edited_mapping(
    edges: list[Transition],
    put: list[Transition],
    drop: list[tuple[str, str]],
    drop_role: str | None,
) -> None:
    expected = {t.key: t for t in edges}
    for key in drop:
        expected.pop(key, None)
    if drop_role is not None:
        expected = {k: t for k, t in expected.items() if drop_role not in k}
    expected.update((t.key, t) for t in put)
    edited = TransitionTable.from_transitions(edges).edited(put, drop, drop_role)
    assert edited == dict(sorted(expected.items()))
    assert list(edited) == sorted(expected)


def test_tables_differing_in_strengths_only_are_not_equal() -> None:
    plain = TransitionTable.from_transitions([Transition(source="a", target="b", fit=0.5)])
    strong = TransitionTable.from_transitions(
        [Transition(source="a", target="b", fit=0.5, strengths=("Rigor",))]
    )
    assert plain != strong and plain == TransitionTable.from_transitions(plain.values())


@pytest.mark.parametrize("key", ["ab", ("a",), ("a", "b", "c"), None, ["a", "b"]])
def test_a_key_that_is_no_pair_of_ids_is_missing(key: object) -> None:
    table = TransitionTable.from_transitions([Transition(source="a", target="b", fit=0.5)])
    assert key not in table and table.get(key) is None  # type: ignore[call-overload]
    with pytest.raises(KeyError):
        table[key]  # type: ignore[index]
