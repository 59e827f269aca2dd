"""A career graph compiled for search: integer-indexed arrays and the caches queries share.

Role ids are numbered in sorted order, so comparing tuples of numbers orders
routes exactly as comparing tuples of ids would. Edges are kept in CSR arrays
(out-edges by source, in-edges by target) so that a query can find, with a few
vector operations, the part of a large graph its routes can possibly use.

Interface
---------
- :func:`compile_graph` / :class:`CompiledGraph`: what every search runs on.
  It holds the networkx graph, its :class:`GraphIndex`, a :class:`QueryMemo`
  and the route steps already made, so whoever holds the compiled graph (a
  catalog snapshot, a benchmark) owns those caches; nothing is written onto
  the networkx graph. Every search accepts a plain ``nx.DiGraph`` too and
  then compiles it for that one call: callers that ask many queries compile
  once and pass the :class:`CompiledGraph`.
- :class:`GraphIndex`: the read-only arrays, built once per compiled graph.
- :func:`edge_slices`: the edge positions of many nodes of a CSR array at once.

Seniority and Job Zones come from what :func:`graph.network.role_graph` puts
on the graph (node ``rank``, ``job_zone`` and ``credential``, edge
``level_change`` and ``months``), as arrays where an unknown value is one that
never blocks a constraint: level change 0, Job Zone 0, credential -1.

Invariants: a compiled graph reflects its networkx graph as it was when
compiled; change the networkx graph and compile it again (a catalog write
makes a new snapshot, hence a new compiled graph). The caches only add
entries that any thread would compute the same, so sharing a compiled graph
between threads is safe.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypeVar, cast

import networkx as nx
import numpy as np
import numpy.typing as npt

from graph.model import Origin
from graph.routes import Step, step_from_transition

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

T = TypeVar("T")

#: Entries kept per compiled graph (see :class:`QueryMemo`).
MEMO_ENTRIES = 256

__all__ = [
    "MEMO_ENTRIES",
    "BoolArray",
    "CompiledGraph",
    "EdgeTuple",
    "FloatArray",
    "GraphIndex",
    "IntArray",
    "QueryMemo",
    "compile_graph",
    "edge_slices",
    "networkx_graph",
]

#: One out-edge as the searches read it:
#: (target, fit, -ln fit, effort, peak, derived, months, level change or 0 if unknown).
EdgeTuple = tuple[int, float, float, int, int, bool, float, int]


@dataclass(frozen=True)
class GraphIndex:
    """CSR arrays of a career graph; edge ``e`` goes from ``src[e]`` to ``dst[e]``.

    The arrays are read-only. ``rise`` is an edge's level change (0 where a
    level is unknown), ``months`` the months it takes; ``rank`` is a role's
    seniority rank (-1 if unknown) and ``job_zone`` its Job Zone (0 if unknown);
    ``credential`` numbers the credential a role requires (its position in
    ``credentials``, the names in sorted order; -1 for none).
    """

    ids: tuple[str, ...]
    position: dict[str, int]
    out_ptr: IntArray
    dst: IntArray
    src: IntArray
    fit: FloatArray
    fit_cost: FloatArray
    effort: IntArray
    peak: IntArray
    derived: BoolArray
    rise: IntArray
    months: FloatArray
    in_ptr: IntArray
    in_edges: IntArray
    rank: IntArray
    job_zone: IntArray
    credential: IntArray
    credentials: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.ids)


class CompiledGraph:
    """A career graph ready for search, and the caches its queries share.

    Build it with :func:`compile_graph`. Per-role edge lists and route steps
    are made on first use and kept; the :class:`QueryMemo` keeps what a
    query derives from its filters alone.

    Examples
    --------
    >>> from graph.search.examples import detour_graph
    >>> g = detour_graph()
    >>> compiled = compile_graph(g)
    >>> compile_graph(compiled) is compiled, compiled.index.ids, compiled.graph is g
    (True, ('a', 'b', 'c'), True)
    >>> compiled.step("a", "b") is compiled.step("a", "b")
    True
    """

    __slots__ = ("_graph", "_index", "_memo", "_out", "_steps")

    def __init__(self, graph: nx.DiGraph) -> None:
        self._graph = graph
        self._index = _build(graph)
        self._memo = QueryMemo(MEMO_ENTRIES)
        self._out: dict[int, list[EdgeTuple]] = {}
        self._steps: dict[tuple[str, str], Step] = {}

    def __repr__(self) -> str:
        return f"CompiledGraph(roles={self._index.size}, edges={len(self._index.dst)})"

    @property
    def graph(self) -> nx.DiGraph:
        """The networkx graph this was compiled from (nodes' roles, edges' transitions)."""
        return self._graph

    @property
    def index(self) -> GraphIndex:
        return self._index

    @property
    def memo(self) -> QueryMemo:
        return self._memo

    def out_edges(self, node: int) -> list[EdgeTuple]:
        """Out-edges of a role (by its index number) as Python tuples, by target id."""
        edges = self._out.get(node)
        if edges is None:
            ix = self._index
            lo, hi = int(ix.out_ptr[node]), int(ix.out_ptr[node + 1])
            edges = list(
                zip(
                    ix.dst[lo:hi].tolist(),
                    ix.fit[lo:hi].tolist(),
                    ix.fit_cost[lo:hi].tolist(),
                    ix.effort[lo:hi].tolist(),
                    ix.peak[lo:hi].tolist(),
                    ix.derived[lo:hi].tolist(),
                    ix.months[lo:hi].tolist(),
                    ix.rise[lo:hi].tolist(),
                    strict=True,
                )
            )
            # Two threads may make the same list once each; either is right.
            self._out[node] = edges
        return edges

    def step(self, source: str, target: str) -> Step:
        """The route step along an edge, made on first use and kept.

        Steps are immutable, and answers on a large graph share many edges.
        """
        key = (source, target)
        step = self._steps.get(key)
        if step is None:
            data = self._graph.adj[source][target]
            step = self._steps[key] = step_from_transition(
                data["transition"], data["level_change"], data["months"]
            )
        return step


def compile_graph(graph: nx.DiGraph | CompiledGraph) -> CompiledGraph:
    """``graph`` compiled for search; a :class:`CompiledGraph` comes back unchanged.

    Compiling reads the whole graph (a few hundred milliseconds for 10,000 roles), so
    compile once per graph version and reuse the result.
    """
    if isinstance(graph, CompiledGraph):
        return graph
    return CompiledGraph(graph)


def networkx_graph(graph: nx.DiGraph | CompiledGraph) -> nx.DiGraph:
    """The networkx graph behind either kind of search graph."""
    return graph.graph if isinstance(graph, CompiledGraph) else graph


def _build(graph: nx.DiGraph) -> GraphIndex:
    ids = tuple(sorted(graph))
    position = {rid: i for i, rid in enumerate(ids)}
    src_l, dst_l, fit_l, cost_l, effort_l, peak_l, derived_l, rise_l, months_l = _edge_columns(
        graph, position
    )
    src = np.asarray(src_l, dtype=np.int64)
    dst = np.asarray(dst_l, dtype=np.int64)
    order = np.lexsort((dst, src))
    src, dst = src[order], dst[order]
    n = len(ids)
    out_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=out_ptr[1:])
    in_edges = np.lexsort((src, dst)).astype(np.int64)
    names = [graph.nodes[rid]["credential"] for rid in ids]
    credentials = tuple(sorted({n for n in names if n is not None}))
    code = {name: number for number, name in enumerate(credentials)}
    in_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(dst, minlength=n), out=in_ptr[1:])
    return GraphIndex(
        ids=ids,
        position=position,
        out_ptr=_read_only(out_ptr),
        dst=_read_only(dst),
        src=_read_only(src),
        fit=_read_only(np.asarray(fit_l, dtype=np.float64)[order]),
        fit_cost=_read_only(np.asarray(cost_l, dtype=np.float64)[order]),
        effort=_read_only(np.asarray(effort_l, dtype=np.int64)[order]),
        peak=_read_only(np.asarray(peak_l, dtype=np.int64)[order]),
        derived=_read_only(np.asarray(derived_l, dtype=np.bool_)[order]),
        rise=_read_only(np.asarray(rise_l, dtype=np.int64)[order]),
        months=_read_only(np.asarray(months_l, dtype=np.float64)[order]),
        in_ptr=_read_only(in_ptr),
        in_edges=_read_only(in_edges),
        rank=_read_only(_node_numbers(graph, ids, "rank", -1)),
        job_zone=_read_only(_node_numbers(graph, ids, "job_zone", 0)),
        credential=_read_only(
            np.asarray([-1 if n is None else code[n] for n in names], dtype=np.int64)
        ),
        credentials=credentials,
    )


#: The numbers of an edge :func:`_edge_columns` collects, as typed-array codes.
_COLUMN_TYPES = ("q", "q", "d", "d", "q", "q", "b", "q", "d")
#: Edges turned into columns at a time.
_CHUNK = 1 << 16


def _edge_columns(graph: nx.DiGraph, position: dict[str, int]) -> list[np.ndarray]:
    """Source, target, fit, fit cost, effort, peak, derived, rise and months of every
    edge, as columns in the graph's edge order.

    Collected in typed arrays a chunk of edges at a time: a tuple per edge held about
    twice the final arrays' memory while a 100k-role catalog's graph was compiled.
    """
    rows = (
        (position[u], position[v], *d.numbers())
        # role_graph's EdgeData (no derived edge made a Transition), or a plain dict of
        # the same keys (bench.synthetic's graph, a hand-made one).
        if not isinstance(d, dict)
        else (
            position[u],
            position[v],
            d["fit"],
            d["fit_cost"],
            d["effort"],
            d["peak"],
            d["transition"].origin is Origin.DERIVED,
            d["level_change"] or 0,
            d["months"],
        )
        for u, v, d in graph.edges(data=True)
    )
    columns = [array(code) for code in _COLUMN_TYPES]
    while chunk := list(islice(rows, _CHUNK)):
        for column, values in zip(columns, zip(*chunk, strict=True), strict=True):
            column.extend(values)
    return [np.frombuffer(column, dtype=column.typecode) for column in columns]


def _node_numbers(graph: nx.DiGraph, ids: tuple[str, ...], key: str, unknown: int) -> IntArray:
    """A node attribute of every role in id order, ``unknown`` where it is ``None``."""
    nodes = graph.nodes
    values = [nodes[rid][key] for rid in ids]
    return np.asarray([unknown if v is None else v for v in values], dtype=np.int64)


A = TypeVar("A", bound=np.ndarray)


def _read_only(array: A) -> A:
    array.flags.writeable = False
    return array


def edge_slices(ptr: IntArray, nodes: IntArray) -> IntArray:
    """Positions ``ptr[v]..ptr[v+1]`` for every ``v`` in ``nodes``, concatenated."""
    starts = ptr[nodes]
    counts = ptr[nodes + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
    return offsets + np.arange(total, dtype=np.int64)


class QueryMemo:
    """Least-recently-used per-query data of one graph that other queries can reuse.

    What a whole-graph search derives from its filters alone (lower-bound
    tables towards a goal, the usable edges of each role) does not depend on
    where a route starts, so later queries with the same filters reuse it.
    Thread-safe; two threads may compute the same entry once each.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._tables: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            table = self._tables.get(key)
            if table is not None:
                self._tables.move_to_end(key)
                return cast(T, table)
        table = compute()
        with self._lock:
            self._tables[key] = table
            while len(self._tables) > self._size:
                self._tables.popitem(last=False)
        return table
