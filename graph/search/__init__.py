"""Route search over the career graph: one algorithm per module.

- :mod:`graph.search.best`: the single best route under the scalar objective;
- :mod:`graph.search.alternatives`: the k best simple routes in order;
- :mod:`graph.search.pareto`: the exact Pareto set over cumulative fit and effort;
- :mod:`graph.search.shortest_gap`: the route of least development effort;
- :mod:`graph.search.reachable`: the best route to every role within N steps;
- :mod:`graph.search.brute_force`: reference answers by full enumeration.
"""

from graph.search.alternatives import alternative_routes
from graph.search.best import best_route
from graph.search.pareto import pareto_routes
from graph.search.query import Constraints, Objective
from graph.search.reachable import reachable_routes
from graph.search.shortest_gap import shortest_gap_route

__all__ = [
    "Constraints",
    "Objective",
    "alternative_routes",
    "best_route",
    "pareto_routes",
    "reachable_routes",
    "shortest_gap_route",
]
