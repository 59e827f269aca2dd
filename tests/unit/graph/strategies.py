"""Hypothesis strategies for small random career graphs and queries."""

from __future__ import annotations

from typing import Any

import networkx as nx
from hypothesis import strategies as st

from graph.career import CareerRules
from graph.model import Origin, Role, Transition
from graph.network import role_graph
from graph.personal import Person
from graph.search.query import Constraints, Objective
from graph.traits import TRAITS, Profile

# Few distinct values, so that exact ties between routes are common; 0.6 * 0.6 == 0.4 * 0.9
# and 0.5 * 0.8 == 0.4 * 1.0 as products of fits, though not as float sums of -ln fit.
FITS = (0.4, 0.5, 0.6, 0.8, 0.9, 1.0)
POINTS = (0, 5, 10, 15)
# Levels of the default scale (ranks 0, 2, 3, 3, 5), one off the scale, and none.
LEVELS = ("junior", "senior", "lead", "manager", "executive", "astronaut", None)
JOB_ZONES = (None, 1, 2, 3, 4, 5)
# Credentials a role may require, by whole-id prefix ("licence", "bar"); sometimes a
# "degree" every role requires too (prefix "r"), so that the longest prefix decides.
CREDENTIALS = (None, None, "licence", "bar")


@st.composite
def graphs(
    draw: st.DrawFn, min_nodes: int = 3, max_nodes: int = 8, tradeoff: bool = False
) -> nx.DiGraph:
    """Random graphs; with ``tradeoff`` a better fit costs more effort, as in real moves."""
    n = draw(st.integers(min_nodes, max_nodes))
    ids = [f"r{i}" for i in range(n)]
    roles = [
        Role(
            id=i,
            name=i,
            profile=draw(profiles()),
            level=draw(st.sampled_from(LEVELS)),
            job_zone=draw(st.sampled_from(JOB_ZONES)),
        )
        for i in ids
    ]
    pairs = [(a, b) for a in ids for b in ids if a != b]
    chosen = draw(
        st.lists(
            st.sampled_from(pairs), unique=True, min_size=min(len(pairs) // 2, 20), max_size=26
        )
    )
    edges = []
    for a, b in chosen:
        develop = {
            t: p
            for t in draw(st.lists(st.sampled_from(TRAITS), max_size=2, unique=True))
            if (p := draw(st.sampled_from(POINTS)))
        }
        fit = draw(st.sampled_from(FITS))
        if tradeoff:
            develop = {TRAITS[0]: int(fit * 20) - 8 + draw(st.sampled_from((0, 2)))}
        origin = draw(st.sampled_from([Origin.CURATED, Origin.ONET, Origin.DERIVED]))
        edges.append(Transition(source=a, target=b, fit=fit, develop=develop, origin=origin))
    return role_graph(roles, edges, draw(career_rules(ids)))


@st.composite
def career_rules(draw: st.DrawFn, ids: list[str]) -> CareerRules:
    """Default rules with a random credential per role (by whole-id prefix), and sometimes
    a "degree" every role without one requires (the short prefix "r")."""
    required = {i: draw(st.sampled_from(CREDENTIALS)) for i in ids}
    credentials: dict[str, tuple[str, ...]] = {}
    for role, name in required.items():
        if name is not None:
            credentials[name] = (*credentials.get(name, ()), role)
    if draw(st.booleans()):
        credentials["degree"] = ("r",)
    return CareerRules(credentials=credentials)


@st.composite
def queries(draw: st.DrawFn, graph: nx.DiGraph, with_via: bool = True) -> dict[str, Any]:
    """Keyword arguments of a valid query from the first to the last role."""
    ids = sorted(graph, key=lambda s: int(s[1:]))
    source, target = ids[0], ids[-1]
    middle = ids[1:-1]
    avoid = draw(st.lists(st.sampled_from(middle), unique=True, max_size=1)) if middle else []
    free = [m for m in middle if m not in avoid]
    via: list[str] = []
    if with_via and free:
        via = draw(st.lists(st.sampled_from(free), unique=True, max_size=2))
    constraints = Constraints(
        max_steps=draw(st.integers(len(via) + 1, 6)),
        min_step_fit=draw(st.sampled_from([0.0, 0.0, 0.6])),
        avoid=frozenset(avoid),
        via=tuple(via),
        max_step_effort=draw(st.sampled_from([None, None, 10])),
        max_trait_step=draw(st.sampled_from([None, None, 5])),
        curated_only=draw(st.sampled_from([False, False, True])),
        max_level_rise=draw(st.sampled_from([1, 1, 0, None])),
        allow_step_down=draw(st.booleans()),
        allow_credential_gates=draw(st.booleans()),
    )
    weights = draw(
        st.tuples(
            st.sampled_from([0.0, 0.5, 1.0, 2.0]), st.sampled_from([0.0, 0.5, 1.0, 2.0])
        ).filter(lambda w: w != (0.0, 0.0))
    )
    objective = Objective(
        fit_weight=weights[0],
        effort_weight=weights[1],
        months_weight=draw(st.sampled_from([0.0, 0.0, 0.5, 1.0])),
    )
    return {"source": source, "target": target, "constraints": constraints, "objective": objective}


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    """Profiles on a coarse grid, so that equal fits and developments are common."""
    return Profile.from_scores([draw(st.sampled_from((30, 45, 50, 60, 75))) for _ in TRAITS])


@st.composite
def people(draw: st.DrawFn, graph: nx.DiGraph) -> Person:
    """A person starting at the first role or from themself."""
    first = min(graph, key=lambda s: int(s[1:]))
    return Person(
        scores=draw(profiles()),
        current_role=draw(st.sampled_from([first, None])),
        tolerance=draw(st.sampled_from([0.0, 10.0])),
        development_rate=draw(st.sampled_from([None, None, 2.0, 0.5])),
        min_months_in_role=draw(st.sampled_from([None, None, 6.0, 0.0])),
    )
