"""A compact, integer-indexed copy of a career graph, built once per graph.

Role ids are numbered in sorted order, so comparing tuples of numbers orders
routes exactly as comparing tuples of ids would. Edges are kept in CSR arrays
(out-edges by source, in-edges by target) so that a query can find, with a few
vector operations, the part of a large graph its routes can possibly use.

Interface
---------
- :class:`GraphIndex`: the arrays; :func:`graph_index` builds or finds one.
- :func:`edge_slices`: the edge positions of many nodes of a CSR array at once.
- :class:`EdgeLists`: per-role Python lists of out-edges, for hot loops.
- :class:`QueryMemo`: per-query data later queries with the same filters reuse.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import networkx as nx
import numpy as np
import numpy.typing as npt

from graph.model import Origin

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

T = TypeVar("T")

_CACHE_KEY = "_rumbo_index"
#: Entries kept per graph (see :class:`QueryMemo`).
MEMO_ENTRIES = 256

__all__ = [
    "MEMO_ENTRIES",
    "BoolArray",
    "EdgeLists",
    "EdgeTuple",
    "FloatArray",
    "GraphIndex",
    "IntArray",
    "QueryMemo",
    "edge_slices",
    "forget_index",
    "graph_index",
]


@dataclass(frozen=True)
class GraphIndex:
    """CSR arrays of a career graph; edge ``e`` goes from ``src[e]`` to ``dst[e]``."""

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
    in_ptr: IntArray
    in_edges: IntArray
    lists: EdgeLists = field(init=False, repr=False, compare=False)
    memo: QueryMemo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lists", EdgeLists(self))
        object.__setattr__(self, "memo", QueryMemo(MEMO_ENTRIES))

    @property
    def size(self) -> int:
        return len(self.ids)


def graph_index(graph: nx.DiGraph) -> GraphIndex:
    """The index of ``graph``, built on first use and kept on the graph.

    The cache is dropped by :func:`graph.network.add_transition`; graphs must
    not be changed in other ways once searched.
    """
    cached = graph.graph.get(_CACHE_KEY)
    if cached is None:
        cached = graph.graph[_CACHE_KEY] = _build(graph)
    assert isinstance(cached, GraphIndex)
    return cached


def forget_index(graph: nx.DiGraph) -> None:
    """Drop a cached index after the graph changed."""
    graph.graph.pop(_CACHE_KEY, None)


def _build(graph: nx.DiGraph) -> GraphIndex:
    ids = tuple(sorted(graph))
    position = {rid: i for i, rid in enumerate(ids)}
    rows = [
        (
            position[u],
            position[v],
            d["fit"],
            d["fit_cost"],
            d["effort"],
            d["peak"],
            d["transition"].origin is Origin.DERIVED,
        )
        for u, v, d in graph.edges(data=True)
    ]
    if rows:
        src_l, dst_l, fit_l, cost_l, effort_l, peak_l, derived_l = zip(*rows, strict=True)
    else:
        src_l = dst_l = fit_l = cost_l = effort_l = peak_l = derived_l = ()
    src = np.asarray(src_l, dtype=np.int64)
    dst = np.asarray(dst_l, dtype=np.int64)
    order = np.lexsort((dst, src))
    src, dst = src[order], dst[order]
    n = len(ids)
    out_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=out_ptr[1:])
    in_edges = np.lexsort((src, dst)).astype(np.int64)
    in_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(dst, minlength=n), out=in_ptr[1:])
    return GraphIndex(
        ids=ids,
        position=position,
        out_ptr=out_ptr,
        dst=dst,
        src=src,
        fit=np.asarray(fit_l, dtype=np.float64)[order],
        fit_cost=np.asarray(cost_l, dtype=np.float64)[order],
        effort=np.asarray(effort_l, dtype=np.int64)[order],
        peak=np.asarray(peak_l, dtype=np.int64)[order],
        derived=np.asarray(derived_l, dtype=np.bool_)[order],
        in_ptr=in_ptr,
        in_edges=in_edges,
    )


def edge_slices(ptr: IntArray, nodes: IntArray) -> IntArray:
    """Positions ``ptr[v]..ptr[v+1]`` for every ``v`` in ``nodes``, concatenated."""
    starts = ptr[nodes]
    counts = ptr[nodes + 1] - starts
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
    return offsets + np.arange(total, dtype=np.int64)


#: One out-edge as the searches read it: (target, fit, -ln fit, effort, peak, derived).
EdgeTuple = tuple[int, float, float, int, int, bool]


class EdgeLists:
    """Per-role Python lists of out-edges, made on first use and kept."""

    def __init__(self, index: GraphIndex) -> None:
        self._index = index
        self._out: dict[int, list[EdgeTuple]] = {}

    def out(self, node: int) -> list[EdgeTuple]:
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
                    strict=True,
                )
            )
            self._out[node] = edges
        return edges


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
