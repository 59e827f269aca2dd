"""The query types of a run: what Rumbo runs, what each baseline runs, how answers compare.

========================  ==========================================  ==========================
query (Rumbo function)    baselines                                   answer check
========================  ==========================================  ==========================
best (``best_route``)     networkx ``bidirectional_dijkstra``          equal cost when networkx's
                                                                      path fits the step limit
alternatives (k=10)       networkx ``shortest_simple_paths``, first k  equal costs, in order, to
                                                                      Yen's paths filtered to the
                                                                      step limit
pareto                    brute force (``graph.search.brute_force``)  identical routes
shortest-gap              brute force                                 identical route
reachable                 brute force                                 identical routes
personal pareto           brute force (``graph.personal.brute_force``) identical routes
catalog best              Cypher on Neo4j (``routes_by_objective``)   equal cost
========================  ==========================================  ==========================

Rumbo's searches get the graph compiled once per graph (as a catalog snapshot
holds it); the baselines get the networkx graph.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from bench.checks import (
    AlternativesCheck,
    check_best,
    check_cypher_best,
    check_paths,
    check_personal_paths,
    check_reachable,
    check_route,
)
from bench.harness import Impl, Pair
from bench.subjects import COST, OBJECTIVE, person_at
from graph.personal import personal_pareto
from graph.personal.brute_force import brute_personal_pareto
from graph.search import (
    CompiledGraph,
    Constraints,
    alternative_routes,
    best_route,
    pareto_routes,
    reachable_routes,
    shortest_gap_route,
)
from graph.search.brute_force import Scored, all_routes, brute_reachable, gap_rank, pareto_front

if TYPE_CHECKING:
    from bench.cypher_baseline import CypherBaseline

#: Every query type, in the order a run times them.
QUERIES = (
    "best",
    "alternatives",
    "pareto",
    "shortest_gap",
    "reachable",
    "personal_pareto",
    "catalog_best",
)


@dataclass(frozen=True)
class QueryType:
    """One query type on one graph: its parameters, Rumbo's implementation, the baselines."""

    params: str
    rumbo: Impl
    baselines: list[Impl]


def query_types(
    graph: nx.DiGraph,
    searched: CompiledGraph,
    pairs: Sequence[Pair],
    args: argparse.Namespace,
    cypher_db: CypherBaseline | None,
) -> dict[str, QueryType]:
    """Every query type the run can time on ``graph`` (``catalog_best`` only with Neo4j).

    ``searched`` is ``graph`` compiled once, what Rumbo's searches are given (a plain
    networkx graph would be compiled again on every call); ``graph`` is the networkx
    graph with :data:`bench.subjects.COST` on its edges, for the baselines and the checks.
    """
    pareto, shortest_gap = _pareto_and_shortest_gap(graph, searched, args)
    types = {
        "best": _best(graph, searched, args),
        "alternatives": _alternatives(graph, searched, args),
        "pareto": pareto,
        "shortest_gap": shortest_gap,
        "reachable": _reachable(graph, searched, args),
        "personal_pareto": _personal_pareto(graph, searched, pairs, args),
    }
    if cypher_db is not None:
        types["catalog_best"] = _catalog_best(searched, cypher_db, args)
    return types


def without_career_rules(max_steps: int, curated_only: bool = False) -> Constraints:
    """The limits of a query checked by a baseline that knows no seniority or Job Zones
    (networkx, Cypher): the career rules off, so both answer the same question.

    Brute force applies the rules as the searches do, so the queries it checks keep
    them on (the defaults).
    """
    return Constraints(
        max_steps=max_steps,
        curated_only=curated_only,
        max_level_rise=None,
        allow_step_down=True,
        allow_credential_gates=True,
    )


def _best(graph: nx.DiGraph, searched: CompiledGraph, args: argparse.Namespace) -> QueryType:
    limits = without_career_rules(args.max_steps)

    def dijkstra(p: Pair) -> list[str] | None:
        try:
            _, path = nx.bidirectional_dijkstra(graph, p[0], p[1], weight=COST)
        except nx.NetworkXNoPath:
            return None
        return list(path)

    return QueryType(
        f"max_steps={args.max_steps}",
        Impl("best_route", lambda p: best_route(searched, p[0], p[1], limits), args.timeout),
        [
            Impl(
                "nx.bidirectional_dijkstra",
                dijkstra,
                args.timeout,
                check=check_best(graph, args.max_steps),
            )
        ],
    )


def _alternatives(
    graph: nx.DiGraph, searched: CompiledGraph, args: argparse.Namespace
) -> QueryType:
    limits, k = without_career_rules(args.max_steps), args.k

    def yen(p: Pair) -> tuple[Iterator[list[str]] | None, list[list[str]]]:
        """The first k paths, timed as the baseline; the generator goes on to the check."""
        generator = nx.shortest_simple_paths(graph, p[0], p[1], weight=COST)
        first: list[list[str]] = []
        try:
            for path in generator:
                first.append(path)
                if len(first) == k:
                    break
        except nx.NetworkXNoPath:
            return None, []
        return generator, first

    check = AlternativesCheck(graph, k, args.max_steps, args.check_timeout, args.check_budget)
    return QueryType(
        f"k={k}, max_steps={args.max_steps}",
        Impl(
            "alternative_routes",
            lambda p: alternative_routes(searched, p[0], p[1], k, limits),
            args.timeout,
        ),
        [Impl("nx.shortest_simple_paths", yen, args.timeout, check=check)],
    )


class BruteForce:
    """Brute-force Pareto and shortest-gap on one enumeration per pair.

    Both are ``all_routes`` followed by a selection, so shortest-gap reuses the
    routes the Pareto baseline enumerated on the same pair and is charged that
    enumeration's time (:meth:`enumeration_ns`) plus its own selection.
    """

    def __init__(self, graph: nx.DiGraph, constraints: Constraints) -> None:
        self.graph, self.constraints = graph, constraints
        self._routes: dict[Pair, list[Scored]] = {}
        self._enumeration_ns: dict[Pair, int] = {}

    def pareto(self, p: Pair) -> list[tuple[str, ...]]:
        t0 = time.perf_counter_ns()
        routes = list(all_routes(self.graph, p[0], p[1], self.constraints))
        self._enumeration_ns[p] = time.perf_counter_ns() - t0
        self._routes[p] = routes
        return pareto_front(routes)

    def shortest_gap(self, p: Pair) -> tuple[str, ...] | None:
        routes = self._routes.pop(p, None)
        if routes is None:
            routes = list(all_routes(self.graph, p[0], p[1], self.constraints))
        return min(routes, key=gap_rank).roles if routes else None

    def enumeration_ns(self, p: Pair) -> int:
        """The time the Pareto baseline spent enumerating this pair's routes (0 if it did not)."""
        return self._enumeration_ns.get(p, 0)


def _brute_limits(args: argparse.Namespace) -> dict[str, Any]:
    """Timeout, pairs and sample limit of the brute-force baselines."""
    return {
        "timeout": args.brute_timeout,
        "max_pairs": args.brute_pairs,
        "sample_limit": args.brute_sample_limit,
    }


def _pareto_and_shortest_gap(
    graph: nx.DiGraph, searched: CompiledGraph, args: argparse.Namespace
) -> tuple[QueryType, QueryType]:
    """Pareto and shortest-gap, whose brute-force baselines share one enumeration per pair."""
    brute = BruteForce(graph, Constraints(max_steps=args.max_steps))
    limits, params = brute.constraints, f"max_steps={args.max_steps}"
    pareto = Impl("pareto_routes", lambda p: pareto_routes(searched, *p, limits), args.timeout)
    gap = Impl(
        "shortest_gap_route", lambda p: shortest_gap_route(searched, *p, limits), args.timeout
    )
    brute_pareto = Impl(
        "brute force", brute.pareto, check=check_paths(graph), **_brute_limits(args)
    )
    brute_gap = Impl(
        "brute force",
        brute.shortest_gap,
        check=check_route(graph),
        extra_ns=brute.enumeration_ns,
        **_brute_limits(args),
    )
    return QueryType(params, pareto, [brute_pareto]), QueryType(params, gap, [brute_gap])


def _reachable(graph: nx.DiGraph, searched: CompiledGraph, args: argparse.Namespace) -> QueryType:
    limits = Constraints(max_steps=args.reachable_steps)
    return QueryType(
        f"max_steps={args.reachable_steps}",
        Impl("reachable_routes", lambda p: reachable_routes(searched, p[0], limits), args.timeout),
        [
            Impl(
                "brute force",
                lambda p: brute_reachable(graph, p[0], constraints=limits),
                args.brute_timeout,
                check=check_reachable(graph),
                sample_limit=args.brute_sample_limit,
            )
        ],
    )


def _personal_pareto(
    graph: nx.DiGraph, searched: CompiledGraph, pairs: Sequence[Pair], args: argparse.Namespace
) -> QueryType:
    limits = Constraints(max_steps=args.personal_steps)
    persons = {s: person_at(graph, s) for s, _ in pairs}
    return QueryType(
        f"max_steps={args.personal_steps}, person at the source role",
        Impl(
            "personal_pareto",
            lambda p: personal_pareto(searched, persons[p[0]], p[1], limits),
            args.timeout,
        ),
        [
            Impl(
                "brute force",
                lambda p: brute_personal_pareto(graph, persons[p[0]], p[1], constraints=limits),
                check=check_personal_paths,
                **_brute_limits(args),
            )
        ],
    )


def _catalog_best(
    searched: CompiledGraph, db: CypherBaseline, args: argparse.Namespace
) -> QueryType:
    """Rumbo on the catalog's own transitions (what Neo4j holds) against one Cypher query."""
    limits = without_career_rules(args.max_steps, curated_only=True)
    return QueryType(
        f"max_steps={args.max_steps}",
        Impl("best_route", lambda p: best_route(searched, p[0], p[1], limits), args.timeout),
        [
            Impl(
                "Cypher on Neo4j (routes_by_objective)",
                lambda p: db.best(p[0], p[1], args.max_steps, OBJECTIVE),
                args.cypher_timeout + 5,
                check=check_cypher_best,
                max_pairs=args.cypher_pairs,
                sample_limit=args.cypher_timeout,
            )
        ],
    )
