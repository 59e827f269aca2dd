"""Route search over the career graph: one algorithm per module.

- :mod:`graph.search.best`: the single best route under the scalar objective;
- :mod:`graph.search.alternatives`: the k best simple routes in order;
- :mod:`graph.search.pareto`: the exact Pareto set over cumulative fit and effort;
- :mod:`graph.search.shortest_gap`: the route of least development effort;
- :mod:`graph.search.reachable`: the best route to every role within N steps;
- :mod:`graph.search.brute_force`: reference answers by full enumeration.
- :mod:`graph.search.examples`: the small graph the examples share.

Every search takes a networkx graph (:func:`graph.network.role_graph`) or a
:class:`CompiledGraph`; a plain graph is compiled for that one call, so
callers with many queries :func:`compile_graph` once (a catalog snapshot's
``compiled``). The shared core the modes are built on is public:
:mod:`graph.search.index` (the compiled graph), :mod:`graph.search.space`
(one query's search space and bounds) and :mod:`graph.search.ranked` (the
k-best label search).
"""

from graph.search.alternatives import alternative_routes
from graph.search.best import best_route
from graph.search.index import CompiledGraph, compile_graph
from graph.search.pareto import pareto_routes
from graph.search.query import Constraints, Objective
from graph.search.reachable import reachable_routes
from graph.search.shortest_gap import shortest_gap_route

__all__ = [
    "CompiledGraph",
    "Constraints",
    "Objective",
    "alternative_routes",
    "best_route",
    "compile_graph",
    "pareto_routes",
    "reachable_routes",
    "shortest_gap_route",
]
