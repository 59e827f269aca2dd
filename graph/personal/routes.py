"""Every route mode, costed for one person (see ``docs/model.md``, personal routes).

The person's profile grows along the route: entering a role asks each trait
to reach the role's ideal minus the tolerance, and the points added persist.
Step fit is the profile formula between the person's profile at that moment
and the next role's ideal; allowed moves are the catalog's transitions (and,
from the person themself, a first move into any role).

Each function takes a networkx graph or a
:class:`~graph.search.index.CompiledGraph`; a plain graph is compiled for
that one call (see :func:`~graph.search.index.compile_graph`).
"""

from __future__ import annotations

import networkx as nx

from graph.errors import InvalidQueryError
from graph.personal._search import pareto_paths, ranked_paths, reachable_paths
from graph.personal._space import personal_space
from graph.personal.person import Person
from graph.routes import Route
from graph.search.index import CompiledGraph
from graph.search.query import MAX_ALTERNATIVES, Constraints, Objective


def personal_best(
    graph: nx.DiGraph | CompiledGraph,
    person: Person,
    target: str,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> Route | None:
    """The person's route of least objective cost (ties: fewer steps, then ids).

    Examples
    --------
    >>> from graph.model import Role, Transition
    >>> from graph.network import role_graph
    >>> from graph.traits import Profile
    >>> roles = [Role(id="a", name="A", profile=Profile.from_scores([50] * 6)),
    ...          Role(id="b", name="B", profile=Profile.from_scores([50, 50, 80, 50, 50, 50]))]
    >>> g = role_graph(roles, [Transition(source="a", target="b", fit=0.7)])
    >>> me = Person(scores=Profile.from_scores([50] * 6), current_role="a")
    >>> route = personal_best(g, me, "b")
    >>> route.totals.effort, route.steps[0].develop, route.totals.months
    (20, {<Trait.EXTRAVERSION: 'extraversion'>: 20}, 47.0)

    Role "a" has no level, so the person stays its unknown level's 47 months
    (the catalog's rules); their own rate and time in role override them:

    >>> quick = me.model_copy(update={"development_rate": 2.0, "min_months_in_role": 6.0})
    >>> personal_best(g, quick, "b").totals.months
    10.0
    """
    routes = _ranked(graph, person, target, 1, False, constraints, objective)
    return routes[0] if routes else None


def personal_alternatives(
    graph: nx.DiGraph | CompiledGraph,
    person: Person,
    target: str,
    k: int,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> list[Route]:
    """The person's ``k`` least-cost routes, best first."""
    if not 1 <= k <= MAX_ALTERNATIVES:
        message = f"k must be between 1 and {MAX_ALTERNATIVES}, got {k}"
        raise InvalidQueryError(message, "k", "k_range", top=MAX_ALTERNATIVES, k=k)
    return _ranked(graph, person, target, k, False, constraints, objective)


def personal_shortest_gap(
    graph: nx.DiGraph | CompiledGraph,
    person: Person,
    target: str,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> Route | None:
    """The person's route of least development (ties: fit, steps, ids)."""
    routes = _ranked(graph, person, target, 1, True, constraints, objective)
    return routes[0] if routes else None


def personal_pareto(
    graph: nx.DiGraph | CompiledGraph,
    person: Person,
    target: str,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> list[Route]:
    """The exact Pareto set over the person's cumulative fit, effort and months."""
    space = personal_space(graph, person, target, constraints, objective)
    return [space.route(p) for p in pareto_paths(space, target)]


def personal_reachable(
    graph: nx.DiGraph | CompiledGraph,
    person: Person,
    constraints: Constraints | None = None,
    objective: Objective | None = None,
) -> dict[str, Route]:
    """The person's best route to every role within the step limit, by cost."""
    space = personal_space(graph, person, None, constraints, objective)
    return {space.space.role_id(node): space.route(p) for node, p in reachable_paths(space).items()}


def _ranked(
    graph: nx.DiGraph | CompiledGraph,
    person: Person,
    target: str,
    k: int,
    by_effort: bool,
    constraints: Constraints | None,
    objective: Objective | None,
) -> list[Route]:
    """The person's ``k`` best routes by cost, or by effort then fit."""
    space = personal_space(graph, person, target, constraints, objective)
    return [space.route(p) for p in ranked_paths(space, target, k, by_effort)]
