"""Route queries as users ask them, and answers with explanations in es or en."""

from __future__ import annotations

from enum import StrEnum

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field

from graph.routes import Route
from graph.search import (
    Constraints,
    Objective,
    alternative_routes,
    best_route,
    pareto_routes,
    shortest_gap_route,
)
from graph.search.query import MAX_ALTERNATIVES
from graph.traits import TRAITS, Language


class Mode(StrEnum):
    """Which routes a query asks for."""

    BEST = "best"
    ALTERNATIVES = "alternatives"
    PARETO = "pareto"
    SHORTEST_GAP = "shortest-gap"


class RouteQuery(BaseModel):
    """One route query: ends, mode, objective and constraints."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    source: str = Field(alias="from", max_length=80, examples=["mlops-engineer"])
    target: str = Field(alias="to", max_length=80, examples=["chief-data-officer"])
    mode: Mode = Mode.BEST
    k: int = Field(5, ge=1, le=MAX_ALTERNATIVES, description="Routes wanted in alternatives mode.")
    objective: Objective = Objective()
    constraints: Constraints = Constraints()


class ExplainedRoute(Route):
    """A route with a short explanation in the requested language."""

    explanation: str


class RouteAnswer(BaseModel):
    """The routes a query found; an empty list comes with the reason."""

    model_config = ConfigDict(frozen=True)

    routes: list[ExplainedRoute]
    reason: str | None = None


def answer_routes(graph: nx.DiGraph, query: RouteQuery, lang: Language = "es") -> RouteAnswer:
    """Run a route query and explain its answer.

    >>> from graph.model import Role, Transition
    >>> from graph.network import role_graph
    >>> from graph.traits import Profile
    >>> p = Profile.from_scores([50] * 6)
    >>> g = role_graph([Role(id=i, name=i.upper(), profile=p) for i in "ab"],
    ...                [Transition(source="a", target="b", fit=0.7, develop={"openness": 5})])
    >>> answer = answer_routes(g, RouteQuery(source="a", target="b"), "en")
    >>> print(answer.routes[0].explanation)
    1 step: A → B. Cumulative fit 70%, weakest step 70%. Development: 5 points (Openness +5).
    >>> answer_routes(g, RouteQuery(source="b", target="a"), "en").reason
    'No sequence of transitions leads from B to A.'
    """
    s, t, c, o = query.source, query.target, query.constraints, query.objective
    routes: list[Route]
    if query.mode is Mode.BEST:
        routes = [r] if (r := best_route(graph, s, t, c, o)) else []
    elif query.mode is Mode.ALTERNATIVES:
        routes = alternative_routes(graph, s, t, query.k, c, o)
    elif query.mode is Mode.PARETO:
        routes = pareto_routes(graph, s, t, c, o)
    else:
        routes = [r] if (r := shortest_gap_route(graph, s, t, c, o)) else []
    explained = [explain(graph, r, lang) for r in routes]
    reason = None if routes else why_no_route(graph, s, t, c, lang)
    return RouteAnswer(routes=explained, reason=reason)


def role_name(graph: nx.DiGraph, role_id: str, lang: Language) -> str:
    """Display name of a role on the graph."""
    name: str = graph.nodes[role_id]["role"].display_name(lang)
    return name


def explain(graph: nx.DiGraph, route: Route, lang: Language) -> ExplainedRoute:
    """Attach a one-paragraph explanation of the route's totals."""
    t = route.totals
    names = " → ".join(role_name(graph, r, lang) for r in route.roles)
    develop = ", ".join(
        f"{trait.label(lang)} +{t.develop[trait]}" for trait in TRAITS if trait in t.develop
    )
    if lang == "en":
        steps = f"{t.steps} step" + ("s" if t.steps > 1 else "")
        text = (
            f"{steps}: {names}. Cumulative fit {percent(t.cumulative_fit, lang)}, "
            f"weakest step {percent(t.weakest_step, lang)}. "
        )
        text += f"Development: {t.effort} points ({develop})." if develop else "No development."
    else:
        steps = f"{t.steps} paso" + ("s" if t.steps > 1 else "")
        text = (
            f"{steps}: {names}. Fit acumulado {percent(t.cumulative_fit, lang)}, "
            f"paso más débil {percent(t.weakest_step, lang)}. "
        )
        text += f"Desarrollo: {t.effort} puntos ({develop})." if develop else "Sin desarrollo."
    return ExplainedRoute(**route.model_dump(by_alias=True), explanation=text)


def percent(value: float, lang: Language) -> str:
    """A fraction as a whole percentage, spaced as each language writes it.

    >>> percent(0.482, "en"), percent(0.482, "es")
    ('48%', '48 %')
    """
    return f"{value:.0%}" if lang == "en" else f"{value * 100:.0f} %"


def why_no_route(
    graph: nx.DiGraph, source: str, target: str, constraints: Constraints, lang: Language
) -> str:
    """Why a query found nothing: no path at all, too many steps, or the constraints."""
    a, b = role_name(graph, source, lang), role_name(graph, target, lang)
    if not nx.has_path(graph, source, target):
        if lang == "en":
            return f"No sequence of transitions leads from {a} to {b}."
        return f"Ninguna secuencia de transiciones lleva de {a} a {b}."
    hops = nx.shortest_path_length(graph, source, target)
    if hops > constraints.max_steps:
        if lang == "en":
            return f"{b} is at least {hops} steps from {a}; max_steps is {constraints.max_steps}."
        return f"{b} está a {hops} pasos como mínimo de {a}; el máximo es {constraints.max_steps}."
    if lang == "en":
        return f"Routes from {a} to {b} exist, but none meets these constraints."
    return f"Hay rutas de {a} a {b}, pero ninguna cumple estas restricciones."
