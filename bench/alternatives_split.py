"""Where the time of 10 alternatives on the bundled catalog goes (a script, not a test).

For each of the benchmark's 200 seeded pairs, in the benchmark's order, times:
``alternative_routes`` the first time (as ``bench.run`` times it), the same call again
(per-target bounds and per-edge steps now kept by the compiled graph), the label search alone
(``ranked_routes``: the ten paths, no answers built), and networkx's Yen's algorithm
for the first ten paths on the same cost. Prints the medians::

    python -m bench.alternatives_split
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import networkx as nx

from bench.subjects import COST, ROOT, add_cost, make_pairs
from graph.search import Constraints, Objective, alternative_routes, compile_graph
from graph.search.ranked import BY_WEIGHT, ranked_routes
from graph.search.space import SearchSpace, itinerary
from loaders import read_catalog

K = 10


def main() -> None:
    graph = read_catalog(ROOT / "loaders" / "bundled").to_graph()
    add_cost(graph)
    pairs = make_pairs(graph, 200, 202408, 6)
    compiled = compile_graph(graph)
    constraints, objective = Constraints(max_steps=6), Objective()

    def answers(source: str, target: str) -> object:
        return alternative_routes(compiled, source, target, K, constraints)

    def paths_only(source: str, target: str) -> object:
        space = SearchSpace(compiled, constraints, objective, source, target)
        trip = itinerary(space, target)
        return ranked_routes(space, space.number(source), trip, K, BY_WEIGHT) if trip else []

    def yen(source: str, target: str) -> object:
        first: list[list[str]] = []
        for path in nx.shortest_simple_paths(graph, source, target, weight=COST):
            first.append(path)
            if len(first) == K:
                break
        return first

    steps: list[tuple[str, Callable[[str, str], object]]] = [
        ("alternative_routes, first call", answers),
        ("alternative_routes, again", answers),
        ("ranked_routes only (paths)", paths_only),
        ("networkx shortest_simple_paths", yen),
    ]
    times: dict[str, list[float]] = {name: [] for name, _ in steps}
    gc.disable()
    try:
        for source, target in pairs:
            for name, fn in steps:
                started = time.perf_counter()
                fn(source, target)
                times[name].append(time.perf_counter() - started)
    finally:
        gc.enable()
    medians = {name: sorted(v)[len(v) // 2] * 1000 for name, v in times.items()}
    yen_ms = medians["networkx shortest_simple_paths"]
    for name, ms in medians.items():
        print(f"{name:<34} median {ms:7.3f} ms   networkx / this {yen_ms / ms:5.1f}x")


if __name__ == "__main__":
    main()
