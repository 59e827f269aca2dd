"""A catalog's transitions held as columns: the memory of a large catalog.

A :class:`~graph.model.Transition` is a pydantic model of about 350 bytes with its
``__dict__``; a catalog of 100k roles has 800k of them. :class:`TransitionTable` holds
the same records as typed arrays (about 20 bytes a transition, plus the distinct
strength lists once each) and is the mapping ``(source, target) -> Transition`` that
:attr:`graph.catalog.Catalog.transitions` always was: a :class:`Transition` is made
only when one is read. Records are in key order, by source id then target id.

Readers that only need numbers (the search graph, see :func:`graph.network.role_graph`)
read them by row: :meth:`TransitionTable.rows`, :meth:`~TransitionTable.fit_at` and
:meth:`~TransitionTable.points_at`.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, Sequence, ValuesView
from typing import Any, NamedTuple

import numpy as np

from graph.model import DerivedEdge, Origin, Transition
from graph.traits import TRAITS

#: Origins by their code in a table (an origin's position in :class:`Origin`).
ORIGINS: tuple[Origin, ...] = tuple(Origin)
#: An origin's code by the member's identity (an enum member's hash is Python code: slow).
_ORIGIN_CODE_BY_ID = {id(origin): code for code, origin in enumerate(ORIGINS)}
#: Traits per transition: one development byte each, in OCEAN+ order.
WIDTH = len(TRAITS)
#: Fields a table's transitions are made with, one set for all (never changed: models are
#: frozen and copies copy it).
_ALL_FIELDS = set(Transition.model_fields)


class DuplicateTransitionError(ValueError):
    """Two records of a table have the same (source, target)."""

    def __init__(self, source: str, target: str) -> None:
        super().__init__(f"duplicate transition {source} -> {target}")
        self.source = source
        self.target = target


class TransitionColumns(NamedTuple):
    """Records of a :class:`TransitionTable` as one list per field (see its ``columns``)."""

    sources: list[str]
    targets: list[str]
    fits: list[float]
    strengths: list[tuple[str, ...]]
    origins: list[Origin]
    #: One list per trait, in OCEAN+ order: each record's development points (0 for none).
    points: list[list[int]]


class TransitionTable(Mapping[tuple[str, str], Transition]):
    """Validated transitions as columns, read as a mapping of key to :class:`Transition`.

    Build one with :meth:`from_transitions` or a :class:`TableBuilder`; the arguments of
    the constructor are the table's columns, as :meth:`__reduce__` pickles them.

    >>> edges = [Transition(source="b", target="a", fit=0.5, develop={"openness": 4}),
    ...          Transition(source="a", target="b", fit=0.7, strengths=("Rigor",))]
    >>> table = TransitionTable.from_transitions(edges)
    >>> list(table), table["b", "a"] == edges[0], ("a", "c") in table
    ([('a', 'b'), ('b', 'a')], True, False)
    >>> [(source, target, table.fit_at(row)) for source, target, row in table.rows()]
    [('a', 'b', 0.7), ('b', 'a', 0.5)]
    """

    __slots__ = (
        "_fits",
        "_ids",
        "_index",
        "_offsets",
        "_origins",
        "_points",
        "_strength_of",
        "_strength_sets",
        "_targets",
    )

    def __init__(
        self,
        ids: Sequence[str],
        offsets: bytes,
        targets: bytes,
        fits: bytes,
        points: bytes,
        strength_of: bytes,
        strength_sets: Sequence[tuple[str, ...]],
        origins: bytes,
    ) -> None:
        self._ids = tuple(ids)
        self._index = {rid: i for i, rid in enumerate(self._ids)}
        self._offsets = _array("q", offsets)
        self._targets = _array("i", targets)
        self._fits = _array("d", fits)
        self._points = bytes(points)
        self._strength_of = _array("i", strength_of)
        self._strength_sets = tuple(strength_sets)
        self._origins = bytes(origins)
        self._check_shape()

    @classmethod
    def from_transitions(cls, transitions: Iterable[Transition]) -> TransitionTable:
        """The table of ``transitions`` (each key once; any order).

        Raises
        ------
        DuplicateTransitionError
            If two transitions have the same key.
        """
        edges = list(transitions)
        builder = TableBuilder({e.source for e in edges} | {e.target for e in edges})
        builder.add_transitions(edges)
        return builder.build()

    @classmethod
    def from_derived(cls, edges: Sequence[DerivedEdge]) -> TransitionTable:
        """The table of derived edges (origin ``derived``, no strengths).

        >>> table = TransitionTable.from_derived([DerivedEdge("a", "b", 0.6, (0, 2, 0, 0, 0, 0))])
        >>> table["a", "b"] == DerivedEdge("a", "b", 0.6, (0, 2, 0, 0, 0, 0)).transition()
        True
        """
        builder = TableBuilder({e.source for e in edges} | {e.target for e in edges})
        builder.add_columns(
            [e.source for e in edges],
            [e.target for e in edges],
            [e.fit for e in edges],
            [()] * len(edges),
            [e.points for e in edges] or np.zeros((0, WIDTH), dtype=np.uint8),
            [Origin.DERIVED] * len(edges),
        )
        return builder.build()

    def edited(
        self,
        put: Iterable[Transition] = (),
        drop: Iterable[tuple[str, str]] = (),
        drop_role: str | None = None,
    ) -> TransitionTable:
        """A new table: these records put (replacing any of the same key), those dropped.

        ``drop_role`` drops every record that names that role. Every other record is
        copied as columns, so one write to a large catalog makes no other transition.

        >>> table = TransitionTable.from_transitions([Transition(source="a", target="b", fit=0.5)])
        >>> edited = table.edited(put=[Transition(source="b", target="c", fit=0.6)])
        >>> list(edited), list(edited.edited(drop_role="c")), list(edited.edited(drop=[("a", "b")]))
        ([('a', 'b'), ('b', 'c')], [('a', 'b')], [('b', 'c')])
        """
        edges = list(put)
        keep = np.ones(len(self), dtype=bool)
        for key in [*drop, *(edge.key for edge in edges)]:
            if key in self:
                keep[self._row(key)] = False
        role = self._index.get(drop_role) if drop_role is not None else None
        if role is not None:
            keep[self._offsets[role] : self._offsets[role + 1]] = False
            keep[np.frombuffer(self._targets, dtype=np.int32) == role] = False
        named = {e.source for e in edges} | {e.target for e in edges}
        builder = TableBuilder(set(self._ids) | named)
        builder.add_table(self, keep)
        builder.add_transitions(edges)
        return builder.build()

    # ------------------------------------------------------------------ mapping

    def __len__(self) -> int:
        return len(self._targets)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for source, target, _ in self.rows():
            yield source, target

    def __getitem__(self, key: tuple[str, str]) -> Transition:
        row = self._row(key)
        return self._transition(key[0], row)

    def __contains__(self, key: object) -> bool:
        try:
            self._row(key)  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError):
            return False
        return True

    def values(self) -> ValuesView[Transition]:
        return _Values(self)

    def items(self) -> ItemsView[tuple[str, str], Transition]:
        return _Items(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TransitionTable):
            return self._state_without_ids() == other._state_without_ids() and all(
                a == b for a, b in zip(self, other, strict=True)
            )
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # a mapping, like dict

    def __repr__(self) -> str:
        return f"TransitionTable({len(self)} transitions)"

    def __reduce__(self) -> tuple[Callable[..., TransitionTable], tuple[Any, ...]]:
        # Through a function, not the class: an unpickler that allows only the function
        # cannot make a table without the constructor's checks (see stores.projection_file).
        return (
            table_from_columns,
            (
                self._ids,
                self._offsets.tobytes(),
                self._targets.tobytes(),
                self._fits.tobytes(),
                self._points,
                self._strength_of.tobytes(),
                self._strength_sets,
                self._origins,
            ),
        )

    def __setstate__(self, state: object) -> None:
        raise TypeError("a transition table is made from its columns, not given a state")

    # ------------------------------------------------------------------ by row

    def rows(self) -> Iterator[tuple[str, str, int]]:
        """``(source, target, row)`` of every record, in key order."""
        ids, offsets, targets = self._ids, self._offsets, self._targets
        for s, source in enumerate(ids):
            for row in range(offsets[s], offsets[s + 1]):
                yield source, ids[targets[row]], row

    def fit_at(self, row: int) -> float:
        """The fit of the record at ``row``."""
        fit: float = self._fits[row]
        return fit

    def points_at(self, row: int) -> bytes:
        """The development points of the record at ``row``, one per trait in OCEAN+ order."""
        return self._points[row * WIDTH : row * WIDTH + WIDTH]

    def origin_at(self, row: int) -> Origin:
        """The origin of the record at ``row``."""
        return ORIGINS[self._origins[row]]

    def transition_at(self, row: int) -> Transition:
        """The :class:`Transition` of the record at ``row`` (a new one each time)."""
        return self._transition(self._ids[bisect_right(self._offsets, row) - 1], row)

    def _transition(self, source: str, row: int) -> Transition:
        develop = {t: p for t, p in zip(TRAITS, self.points_at(row), strict=True) if p}
        return Transition.model_construct(
            _ALL_FIELDS,
            source=source,
            target=self._ids[self._targets[row]],
            fit=self._fits[row],
            strengths=self._strength_sets[self._strength_of[row]],
            develop=develop,
            origin=ORIGINS[self._origins[row]],
        )

    def outgoing(self, source: str) -> list[Transition]:
        """The transitions leaving ``source``, by target id.

        >>> table = TransitionTable.from_transitions([Transition(source="a", target="b", fit=0.5),
        ...     Transition(source="c", target="b", fit=0.6)])
        >>> [t.target for t in table.outgoing("a")], [t.source for t in table.incoming("b")]
        (['b'], ['a', 'c'])
        """
        s = self._index.get(source)
        if s is None:
            return []
        rows = range(self._offsets[s], self._offsets[s + 1])
        return [self._transition(source, row) for row in rows]

    def incoming(self, target: str) -> list[Transition]:
        """The transitions entering ``target``, by source id."""
        t = self._index.get(target)
        if t is None:
            return []
        rows = np.flatnonzero(np.frombuffer(self._targets, dtype=np.int32) == t)
        return [self.transition_at(row) for row in rows.tolist()]

    def origins(self) -> frozenset[Origin]:
        """The origins the records have."""
        return frozenset(ORIGINS[code] for code in set(self._origins))

    def columns(self, start: int = 0, stop: int | None = None) -> TransitionColumns:
        """The records of rows ``start`` to ``stop`` (excluded) as plain lists, one per field.

        What a writer sends in batches, without making a :class:`Transition` per record.

        >>> table = TransitionTable.from_transitions(
        ...     [Transition(source="a", target="b", fit=0.5, develop={"openness": 4})])
        >>> columns = table.columns()
        >>> columns.sources, columns.targets, columns.fits, columns.points[0]
        (['a'], ['b'], [0.5], [4])
        """
        rows = np.arange(start, len(self) if stop is None else min(stop, len(self)))
        offsets = np.frombuffer(self._offsets, dtype=np.int64)
        sources = np.searchsorted(offsets, rows, side="right") - 1
        ids = self._ids
        width = slice(rows[0] * WIDTH, (rows[-1] + 1) * WIDTH) if rows.size else slice(0, 0)
        points = np.frombuffer(self._points[width], dtype=np.uint8).reshape(-1, WIDTH)
        kept = slice(int(rows[0]), int(rows[-1]) + 1) if rows.size else slice(0, 0)
        return TransitionColumns(
            sources=[ids[i] for i in sources.tolist()],
            targets=[ids[i] for i in self._targets[kept]],
            fits=self._fits[kept].tolist(),
            strengths=[self._strength_sets[i] for i in self._strength_of[kept]],
            origins=[ORIGINS[code] for code in self._origins[kept]],
            points=points.T.tolist(),
        )

    def role_ids(self) -> frozenset[str]:
        """Every role id a record names, as source or target."""
        counts = np.frombuffer(self._offsets, dtype=np.int64)
        sources = np.flatnonzero(np.diff(counts))
        targets = np.unique(np.frombuffer(self._targets, dtype=np.int32))
        named = np.union1d(sources, targets)
        return frozenset(self._ids[i] for i in named.tolist())

    def loops(self) -> list[tuple[str, str]]:
        """Keys of the records whose source is their target."""
        offsets = np.frombuffer(self._offsets, dtype=np.int64)
        sources = np.repeat(np.arange(len(self._ids)), np.diff(offsets))
        looped = sources[sources == np.frombuffer(self._targets, dtype=np.int32)]
        return [(self._ids[i], self._ids[i]) for i in looped.tolist()]

    # ------------------------------------------------------------------ inner

    def _row(self, key: tuple[str, str]) -> int:
        if type(key) is not tuple or len(key) != 2:
            raise KeyError(key)
        source, target = key
        s, t = self._index.get(source), self._index.get(target)
        if s is None or t is None:
            raise KeyError(key)
        lo, hi = self._offsets[s], self._offsets[s + 1]
        row = bisect_left(self._targets, t, lo, hi)
        if row == hi or self._targets[row] != t:
            raise KeyError(key)
        return row

    def _state_without_ids(self) -> tuple[Any, ...]:
        strengths = [self._strength_sets[i] for i in self._strength_of]
        return (len(self), self._fits, self._points, self._origins, strengths)

    def _in_key_order(self) -> bool:
        """Whether the records are by source, then by target, each key once."""
        offsets = np.frombuffer(self._offsets, dtype=np.int64)
        counts = np.diff(offsets)
        if counts.size and counts.min() < 0:
            return False
        sources = np.repeat(np.arange(len(self._ids), dtype=np.int64), counts)
        keys = sources * len(self._ids) + np.frombuffer(self._targets, dtype=np.int32)
        return bool(np.all(keys[1:] > keys[:-1]))

    def _check_shape(self) -> None:
        """Columns of one length, indexes and values in range (a pickled table's too).

        Raises
        ------
        ValueError
            If they are not.
        """
        n = len(self._targets)
        targets = np.frombuffer(self._targets, dtype=np.int32)
        strength_of = np.frombuffer(self._strength_of, dtype=np.int32)
        fits = np.frombuffer(self._fits, dtype=np.float64)
        ok = (
            len(self._offsets) == len(self._ids) + 1
            and self._offsets[0] == 0
            and self._offsets[-1] == n
            and len(self._fits) == len(self._strength_of) == len(self._origins) == n
            and len(self._points) == n * WIDTH
            and all(type(rid) is str for rid in self._ids)
            and all(
                type(texts) is tuple and all(type(text) is str for text in texts)
                for texts in self._strength_sets
            )
            and (n == 0 or (0 <= targets.min() and targets.max() < len(self._ids)))
            and (
                n == 0 or (0 <= strength_of.min() and strength_of.max() < len(self._strength_sets))
            )
            and (n == 0 or np.frombuffer(self._origins, dtype=np.uint8).max() < len(ORIGINS))
            and bool(np.all((fits > 0) & (fits <= 1)))
            and (n == 0 or np.frombuffer(self._points, dtype=np.uint8).max() <= 100)
            and self._in_key_order()
        )
        if not ok:
            raise ValueError("the columns of a transition table do not fit together")


def table_from_columns(*columns: Any) -> TransitionTable:
    """The table of these columns (:class:`TransitionTable`'s arguments), checked.

    How a pickled table is made again.
    """
    return TransitionTable(*columns)


class _Values(ValuesView[Transition]):
    _mapping: TransitionTable

    def __iter__(self) -> Iterator[Transition]:
        table = self._mapping
        for source, _, row in table.rows():
            yield table._transition(source, row)


class _Items(ItemsView[tuple[str, str], Transition]):
    _mapping: TransitionTable

    def __iter__(self) -> Iterator[tuple[tuple[str, str], Transition]]:
        table = self._mapping
        for source, target, row in table.rows():
            yield (source, target), table._transition(source, row)


class TableBuilder:
    """Collects validated transitions by role number, then sorts them into a table.

    ``ids`` are the role ids records may name (any order; each once).

    >>> builder = TableBuilder(["a", "b"])
    >>> builder.add_columns(["b"], ["a"], [0.5], [()], [[0, 3, 0, 0, 0, 0]], [Origin.CURATED])
    >>> builder.build()["b", "a"].develop
    {<Trait.CONSCIENTIOUSNESS: 'conscientiousness'>: 3}
    """

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = sorted(ids)
        self.index = {rid: i for i, rid in enumerate(self.ids)}
        self._chunks: list[tuple[np.ndarray, ...]] = []
        self._strength_sets: dict[tuple[str, ...], int] = {(): 0}

    def add_columns(
        self,
        sources: Iterable[str],
        targets: Iterable[str],
        fits: Sequence[float] | np.ndarray,
        strengths: Sequence[tuple[str, ...]],
        points: Sequence[Sequence[int]] | np.ndarray,
        origins: Iterable[Origin],
    ) -> None:
        """Add records given as columns of one length.

        ``points`` has a row per record: one 0-100 per trait, in OCEAN+ order.

        Raises
        ------
        KeyError
            If a role id is not one of the builder's.
        ValueError
            If the columns are not of one length.
        OverflowError
            If points are not 0-255.
        """
        index = self.index.__getitem__
        sets = self._strength_sets
        for texts in dict.fromkeys(strengths):  # each distinct list once, in order
            sets.setdefault(texts, len(sets))
        chunk = (
            np.fromiter(map(index, sources), dtype=np.int32),
            np.fromiter(map(index, targets), dtype=np.int32),
            np.asarray(fits, dtype=np.float64),
            np.asarray(points, dtype=np.uint8).reshape(-1, WIDTH),
            np.fromiter(map(sets.__getitem__, strengths), dtype=np.int32),
            np.fromiter(map(_ORIGIN_CODE_BY_ID.__getitem__, map(id, origins)), dtype=np.uint8),
        )
        if len({len(column) for column in chunk}) > 1:
            raise ValueError("the columns of the transitions added are not of one length")
        self._chunks.append(chunk)

    def add_transitions(self, edges: Sequence[Transition]) -> None:
        """Add validated :class:`Transition` records."""
        self.add_columns(
            [e.source for e in edges],
            [e.target for e in edges],
            [e.fit for e in edges],
            [e.strengths for e in edges],
            list(map(_PointsOf(), edges)) or np.zeros((0, WIDTH), dtype=np.uint8),
            [e.origin for e in edges],
        )

    def add_table(self, table: TransitionTable, keep: np.ndarray) -> None:
        """Add the records of ``table`` where ``keep`` (a mask of its rows) is true."""
        renumbered = np.array([self.index[rid] for rid in table._ids], dtype=np.int32)
        sets = self._strength_sets
        codes = np.array([sets.setdefault(t, len(sets)) for t in table._strength_sets])
        offsets = np.frombuffer(table._offsets, dtype=np.int64)
        sources = np.repeat(np.arange(len(table._ids)), np.diff(offsets))
        chunk = (
            renumbered[sources],
            renumbered[np.frombuffer(table._targets, dtype=np.int32)],
            np.frombuffer(table._fits, dtype=np.float64),
            np.frombuffer(table._points, dtype=np.uint8).reshape(-1, WIDTH),
            codes[np.frombuffer(table._strength_of, dtype=np.int32)].astype(np.int32),
            np.frombuffer(table._origins, dtype=np.uint8),
        )
        self._chunks.append(tuple(column[keep] for column in chunk))

    def build(self) -> TransitionTable:
        """The table of what was added, in key order.

        Raises
        ------
        DuplicateTransitionError
            If two records have the same key.
        """
        columns = [np.concatenate(c) for c in zip(*self._chunks, strict=True)]
        sources, targets, fits, points, strength_of, origins = columns or _empty_columns()
        n_ids = len(self.ids)
        keys = sources.astype(np.int64) * max(n_ids, 1) + targets
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        same = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1])
        if same.size:
            first = int(order[same[0]])
            raise DuplicateTransitionError(self.ids[sources[first]], self.ids[targets[first]])
        offsets = np.zeros(n_ids + 1, dtype=np.int64)
        np.cumsum(np.bincount(sources, minlength=n_ids), out=offsets[1:])
        sets = sorted(self._strength_sets, key=self._strength_sets.__getitem__)
        return TransitionTable(
            self.ids,
            offsets.tobytes(),
            targets[order].tobytes(),
            fits[order].tobytes(),
            points[order].tobytes(),
            strength_of[order].tobytes(),
            sets,
            origins[order].tobytes(),
        )


def _empty_columns() -> list[np.ndarray]:
    none = np.zeros(0, dtype=np.int32)
    return [
        none,
        none,
        np.zeros(0, dtype=np.float64),
        np.zeros((0, WIDTH), dtype=np.uint8),
        none,
        np.zeros(0, dtype=np.uint8),
    ]


class _PointsOf:
    """A transition's points per trait in OCEAN+ order, remembered per distinct development.

    Most transitions of a large catalog ask for one of few developments; the traits are
    told apart by identity (an enum member's hash is Python code: slow a million times).
    """

    def __init__(self) -> None:
        self._position = {id(t): i for i, t in enumerate(TRAITS)}
        self._seen: dict[tuple[int, ...], list[int]] = {}

    def __call__(self, edge: Transition) -> list[int]:
        develop = edge.develop
        key = (*map(id, develop), *develop.values())
        points = self._seen.get(key)
        if points is None:
            points = [0] * WIDTH
            for trait, value in develop.items():
                points[self._position[id(trait)]] = value
            self._seen[key] = points
        return points


def _array(typecode: str, data: bytes) -> array[Any]:
    column = array(typecode)
    column.frombytes(data)
    return column
