"""Personal routes: a person's own OCEAN+ assessment drives fit, effort and timeline."""

from graph.personal.person import Person
from graph.personal.routes import (
    personal_alternatives,
    personal_best,
    personal_pareto,
    personal_reachable,
    personal_shortest_gap,
)

__all__ = [
    "Person",
    "personal_alternatives",
    "personal_best",
    "personal_pareto",
    "personal_reachable",
    "personal_shortest_gap",
]
