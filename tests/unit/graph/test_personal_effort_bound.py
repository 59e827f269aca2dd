"""The personal search's effort bound never exceeds the cost still to pay.

A person at r0 (every trait 30) goes to r5, whose ideal asks 15 more extraversion
points. Either they develop them on the last step (r0 → r1 → r5) or on a detour
through r4, whose ideal asks the same points, back to r1 (r0 → r4 → r1 → r5). With
effort alone weighted the two routes cost exactly the same, 15 points, so the shorter
one must win. With ``effort_weight=0.5`` a point costs 2^32 · 0.005 = 21,474,836.48
units, rounded to 21,474,836: the search's lower bound once took the unrounded value,
overestimated the 15 points still to develop after r0 → r1 by 7 units, and returned
the detour (found by hypothesis in ``test_personal_against_brute_force.py``).
"""

from __future__ import annotations

import networkx as nx
import pytest

from graph.model import Role, Transition
from graph.network import role_graph
from graph.personal import Person, personal_alternatives, personal_best
from graph.personal import brute_force as brute
from graph.search import Constraints, Objective
from graph.traits import Profile

SHORT = ("r0", "r1", "r5")
DETOUR = ("r0", "r4", "r1", "r5")
pytestmark = pytest.mark.usefixtures("search_mode")


def _graph() -> nx.DiGraph:
    base = Profile.from_scores([30] * 6)
    extravert = Profile.from_scores([30, 30, 45, 30, 30, 30])
    profiles = {"r0": base, "r1": base, "r4": extravert, "r5": extravert}
    roles = [Role(id=r, name=r, profile=p, level="junior") for r, p in profiles.items()]
    pairs = [("r0", "r1"), ("r1", "r5"), ("r0", "r4"), ("r4", "r1")]
    return role_graph(roles, [Transition(source=u, target=v, fit=0.4) for u, v in pairs])


@pytest.mark.parametrize("effort_weight", [0.5, 1.0, 2.0])
@pytest.mark.parametrize("via", [(), ("r1",)])
def test_equal_effort_routes_tie_to_fewer_steps(effort_weight: float, via: tuple[str, ...]) -> None:
    query = {
        "person": Person(scores=Profile.from_scores([30] * 6), current_role="r0", tolerance=0),
        "target": "r5",
        "constraints": Constraints(max_steps=3, via=via),
        "objective": Objective(fit_weight=0, effort_weight=effort_weight),
    }
    graph = _graph()
    assert brute.brute_personal_alternatives(graph, k=2, **query) == [SHORT, DETOUR]
    best = personal_best(graph, **query)  # type: ignore[arg-type]
    assert best is not None and best.roles == SHORT
    routes = personal_alternatives(graph, k=2, **query)  # type: ignore[arg-type]
    assert [r.roles for r in routes] == [SHORT, DETOUR]
    assert routes[0].totals.effort == routes[1].totals.effort == 15
