"""Answer checks: each baseline's answer against Rumbo's on the same pair.

A checker is called as ``check(pair, rumbo_answer, baseline_answer)`` and returns
``(status, detail)``: ``ok``; ``partial`` (equal on the prefix the baseline
produced in time); ``unverified`` (the baseline cannot decide, e.g. networkx's
optimum is longer than the step limit); or ``mismatch`` with what differs.
Costs are compared within a relative tolerance of :data:`TOL`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import Any

import networkx as nx

from bench.harness import Checker, Pair, QueryTimeout, deadline
from bench.subjects import COST

#: Costs equal within this relative tolerance count as equal.
TOL = 1e-9

Outcome = tuple[str, str]
OK: Outcome = ("ok", "")


def same_cost(a: float, b: float) -> bool:
    """Equal within the relative tolerance.

    >>> same_cost(1.0, 1.0 + 1e-12), same_cost(1.0, 1.001)
    (True, False)
    """
    return abs(a - b) <= TOL * (1.0 + abs(a) + abs(b))


def path_cost(graph: nx.DiGraph, path: Sequence[str]) -> float:
    """Scalar cost of a path, summed in path order as Rumbo sums it."""
    total = 0.0
    for u, v in zip(path[:-1], path[1:], strict=True):
        total += graph[u][v][COST]
    return total


def path_vector(graph: nx.DiGraph, path: Sequence[str]) -> tuple[float, int]:
    """``(-ln cumulative fit, effort)`` of a path, rounded to compare, summed in path order."""
    fit_cost, effort = 0.0, 0
    for u, v in zip(path[:-1], path[1:], strict=True):
        fit_cost += graph[u][v]["fit_cost"]
        effort += graph[u][v]["effort"]
    return round(fit_cost, 9), effort


def check_best(graph: nx.DiGraph, max_steps: int) -> Checker:
    """Rumbo's best route against networkx's ``bidirectional_dijkstra`` path.

    networkx knows no step limit: where its path fits the limit the costs must be
    equal; where it does not, Rumbo's may only not be cheaper (*unverified*).
    """

    def check(pair: Pair, route: Any, path: list[str] | None) -> Outcome:
        if path is None:
            if route is None:
                return OK
            return "mismatch", f"Rumbo found {route.roles} but networkx finds no path"
        cost = path_cost(graph, path)
        if len(path) - 1 <= max_steps:
            if route is None:
                return "mismatch", f"networkx found {tuple(path)} (cost {cost!r}), Rumbo none"
            if same_cost(route.totals.score, cost):
                return OK
            return "mismatch", (
                f"Rumbo {route.roles} cost {route.totals.score!r}, "
                f"networkx {tuple(path)} cost {cost!r}"
            )
        if route is not None and route.totals.score < cost - TOL * (1.0 + cost):
            return "mismatch", (
                f"Rumbo {route.roles} cost {route.totals.score!r} is below the unconstrained "
                f"optimum {cost!r}"
            )
        return "unverified", "networkx's path is longer than the step limit"

    return check


def check_cypher_best(pair: Pair, route: Any, found: tuple[list[str], float] | None) -> Outcome:
    """Rumbo's best route (catalog transitions only) against Cypher's: equal costs."""
    if found is None:
        if route is None:
            return OK
        return "mismatch", f"Rumbo found {route.roles} but Cypher finds no route"
    path, cost = found
    if route is None:
        return "mismatch", f"Cypher found {tuple(path)} (cost {cost!r}), Rumbo none"
    if same_cost(route.totals.score, cost):
        return OK
    return "mismatch", f"Rumbo {route.roles} cost {route.totals.score!r}, Cypher {path} {cost!r}"


class AlternativesCheck:
    """Rumbo's k alternatives against Yen's paths (``shortest_simple_paths``) filtered
    to the step limit, as costs in order.

    The baseline answers ``(generator, first k paths)``; where fewer than k of those
    fit the step limit, the enumeration is continued, untimed, for at most ``timeout``
    seconds per pair and ``budget`` seconds in all; what it could not reach in time
    leaves the check *partial* (equal on the prefix found).
    """

    def __init__(
        self, graph: nx.DiGraph, k: int, max_steps: int, timeout: float, budget: float
    ) -> None:
        self.graph, self.k, self.max_steps = graph, k, max_steps
        self.timeout, self.budget_left = timeout, budget

    def __call__(
        self, pair: Pair, routes: Any, found: tuple[Iterator[list[str]] | None, list[list[str]]]
    ) -> Outcome:
        generator, first = found
        want = [path_cost(self.graph, p) for p in first if len(p) - 1 <= self.max_steps]
        complete = generator is None or len(first) < self.k or len(want) >= self.k
        if not complete and self.budget_left > 0:
            complete = self._continue(generator, want)
        want = want[: self.k]
        got = [r.totals.score for r in routes]
        if complete:
            if len(got) == len(want) and all(map(same_cost, got, want)):
                return OK
            return "mismatch", f"Rumbo costs {got}, networkx (within the step limit) {want}"
        if len(got) >= len(want) and all(map(same_cost, got, want)):
            return "partial", f"first {len(want)} of {self.k} checked"
        return (
            "mismatch",
            f"Rumbo costs {got}, networkx's first {len(want)} within the limit {want}",
        )

    def _continue(self, generator: Iterator[list[str]] | None, want: list[float]) -> bool:
        """Extend ``want`` until it has k costs; whether the enumeration got there in time."""
        assert generator is not None
        t0 = time.perf_counter()
        complete = False
        try:
            with deadline(min(self.timeout, self.budget_left)):
                for path in generator:
                    if len(path) - 1 <= self.max_steps:
                        want.append(path_cost(self.graph, path))
                        if len(want) == self.k:
                            break
                complete = True
        except QueryTimeout:
            pass
        self.budget_left -= time.perf_counter() - t0
        return complete


def check_paths(graph: nx.DiGraph) -> Checker:
    """Route lists (Pareto sets) identical to brute force's."""

    def check(pair: Pair, routes: Any, paths: list[tuple[str, ...]]) -> Outcome:
        got = [tuple(r.roles) for r in routes]
        want = [tuple(p) for p in paths]
        if got == want:
            return OK
        same_vectors = sorted(path_vector(graph, r) for r in got) == sorted(
            path_vector(graph, p) for p in want
        )
        kind = "same (fit, effort) vectors, other routes" if same_vectors else "different sets"
        return "mismatch", f"{kind}: Rumbo {got}, brute force {want}"

    return check


def check_personal_paths(pair: Pair, routes: Any, paths: list[tuple[str, ...]]) -> Outcome:
    """Personal Pareto routes identical to brute force's."""
    got = [tuple(r.roles) for r in routes]
    want = [tuple(p) for p in paths]
    if got == want:
        return OK
    return "mismatch", f"Rumbo {got}, brute force {want}"


def check_route(graph: nx.DiGraph) -> Checker:
    """One route (shortest-gap) identical to brute force's, ties broken the same way."""

    def check(pair: Pair, route: Any, path: tuple[str, ...] | None) -> Outcome:
        got = None if route is None else tuple(route.roles)
        if got == path:
            return OK
        if got is not None and path is not None:
            if path_vector(graph, got) == path_vector(graph, path):
                return "mismatch", f"tie broken differently: Rumbo {got}, brute force {path}"
        return "mismatch", f"Rumbo {got}, brute force {path}"

    return check


def check_reachable(graph: nx.DiGraph) -> Checker:
    """The route to every reachable role identical to brute force's."""

    def check(pair: Pair, routes: Any, paths: dict[str, tuple[str, ...]]) -> Outcome:
        got = {node: tuple(r.roles) for node, r in routes.items()}
        if got == paths:
            return OK
        missing = sorted(set(paths) - set(got))[:3]
        extra = sorted(set(got) - set(paths))[:3]
        differ = [n for n in paths if n in got and got[n] != paths[n]]
        costlier = [
            n for n in differ if not same_cost(path_cost(graph, got[n]), path_cost(graph, paths[n]))
        ]
        return "mismatch", (
            f"{len(paths)} roles by brute force, {len(got)} by Rumbo; missing {missing}, "
            f"extra {extra}; {len(differ)} other routes, {len(costlier)} of them costlier "
            f"(e.g. {[(n, got[n], paths[n]) for n in differ[:2]]})"
        )

    return check
