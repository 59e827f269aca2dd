"""The small career graph the search modes' examples share.

Three roles with the same profile (50 on every trait) and three transitions::

    a ── fit 0.5, 5 points ─────────────────────────────▶ c
    a ── fit 0.9, 20 points ──▶ b ── fit 0.9, 20 points ──▶ c

The direct move asks for little development but fits poorly; the detour fits
well but asks for more. So the modes disagree: the scalar objective prefers
the detour, least development prefers the direct move, and both routes are
Pareto-optimal.
"""

from __future__ import annotations

import networkx as nx

from graph.model import Role, Transition
from graph.network import role_graph
from graph.traits import Profile

__all__ = ["detour_graph"]


def detour_graph() -> nx.DiGraph:
    """A new copy of the example graph (see the module's description).

    >>> g = detour_graph()
    >>> sorted(g.edges), g["a"]["c"]["effort"]
    ([('a', 'b'), ('a', 'c'), ('b', 'c')], 5)
    """
    neutral = Profile.from_scores([50] * 6)
    roles = [Role(id=i, name=i.upper(), profile=neutral) for i in "abc"]
    return role_graph(
        roles,
        [
            Transition(source="a", target="c", fit=0.5, develop={"openness": 5}),
            Transition(source="a", target="b", fit=0.9, develop={"openness": 20}),
            Transition(source="b", target="c", fit=0.9, develop={"openness": 20}),
        ],
    )
