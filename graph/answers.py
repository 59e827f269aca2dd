"""Route queries as users ask them, and answers with explanations in es or en."""

from __future__ import annotations

from enum import StrEnum

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.model import DevelopmentAction
from graph.personal import (
    Person,
    personal_alternatives,
    personal_best,
    personal_pareto,
    personal_shortest_gap,
)
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
from graph.traits import TRAITS, Language, Trait


class Mode(StrEnum):
    """Which routes a query asks for."""

    BEST = "best"
    ALTERNATIVES = "alternatives"
    PARETO = "pareto"
    SHORTEST_GAP = "shortest-gap"


class RouteQuery(BaseModel):
    """One route query: ends, mode, objective and constraints."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    source: str | None = Field(
        None,
        alias="from",
        max_length=80,
        examples=["mlops-engineer"],
        description="Starting role; may be left out when a person is given.",
    )
    target: str = Field(alias="to", max_length=80, examples=["chief-data-officer"])
    mode: Mode = Mode.BEST
    k: int = Field(5, ge=1, le=MAX_ALTERNATIVES, description="Routes wanted in alternatives mode.")
    objective: Objective = Objective()
    constraints: Constraints = Constraints()
    person: Person | None = Field(
        None, description="Cost the routes for this person's assessed profile."
    )

    @model_validator(mode="after")
    def _one_start(self) -> RouteQuery:
        current = self.person.current_role if self.person else None
        if self.person is None and self.source is None:
            raise ValueError("give 'from', or a person to start from")
        if self.source and current and self.source != current:
            raise ValueError("'from' and person.current_role name different roles")
        return self

    def start(self) -> str | None:
        """The starting role: ``from``, else the person's current role, else none."""
        return self.source or (self.person.current_role if self.person else None)

    def effective_person(self) -> Person | None:
        """The person, starting at ``from`` when that is given."""
        if self.person is None or self.source is None:
            return self.person
        return self.person.model_copy(update={"current_role": self.source})


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
    routes = find_routes(graph, query)
    explained = [explain(graph, r, lang) for r in routes]
    reason = None if routes else why_no_route(graph, query.start(), query.target, query, lang)
    return RouteAnswer(routes=explained, reason=reason)


def find_routes(graph: nx.DiGraph, query: RouteQuery) -> list[Route]:
    """The routes a query asks for, role to role or costed for its person."""
    t, c, o, k = query.target, query.constraints, query.objective, query.k
    person = query.effective_person()
    if person is not None:
        if query.mode is Mode.BEST:
            return _listed(personal_best(graph, person, t, c, o))
        if query.mode is Mode.ALTERNATIVES:
            return personal_alternatives(graph, person, t, k, c, o)
        if query.mode is Mode.PARETO:
            return personal_pareto(graph, person, t, c, o)
        return _listed(personal_shortest_gap(graph, person, t, c, o))
    s = query.start()
    assert s is not None
    if query.mode is Mode.BEST:
        return _listed(best_route(graph, s, t, c, o))
    if query.mode is Mode.ALTERNATIVES:
        return alternative_routes(graph, s, t, k, c, o)
    if query.mode is Mode.PARETO:
        return pareto_routes(graph, s, t, c, o)
    return _listed(shortest_gap_route(graph, s, t, c, o))


def _listed(route: Route | None) -> list[Route]:
    return [route] if route is not None else []


def role_name(graph: nx.DiGraph, role_id: str, lang: Language) -> str:
    """Display name of a role on the graph."""
    name: str = graph.nodes[role_id]["role"].display_name(lang)
    return name


def with_actions(graph: nx.DiGraph, route: Route, lang: Language) -> Route:
    """The route with the catalog's development actions on the steps that need them."""
    by_trait = _action_texts(graph, lang)
    if not by_trait:
        return route
    steps = [
        step.model_copy(update={"actions": {t: by_trait[t] for t in step.develop if t in by_trait}})
        for step in route.steps
    ]
    return route.model_copy(update={"steps": tuple(steps)})


def _action_texts(graph: nx.DiGraph, lang: Language) -> dict[Trait, tuple[str, ...]]:
    """The action table by trait in one language, worked out once per graph."""
    key = f"actions_{lang}"
    texts: dict[Trait, tuple[str, ...]] | None = graph.graph.get(key)
    if texts is None:
        table: tuple[DevelopmentAction, ...] = graph.graph.get("actions", ())
        texts = {
            trait: tuple(a.text(lang) for a in table if a.trait is trait)
            for trait in TRAITS
            if any(a.trait is trait for a in table)
        }
        graph.graph[key] = texts
    return texts


def explain(graph: nx.DiGraph, route: Route, lang: Language) -> ExplainedRoute:
    """Attach development actions and a one-paragraph explanation of the totals."""
    route = with_actions(graph, route, lang)
    t = route.totals
    words = _PHRASES[lang]
    names = " → ".join(role_name(graph, r, lang) for r in route.roles)
    text = (
        f"{t.steps} {words['step' if t.steps == 1 else 'steps']}: {names}. "
        f"{words['fit']} {percent(t.cumulative_fit, lang)}, "
        f"{words['weakest']} {percent(t.weakest_step, lang)}. "
    )
    develop = develop_text(t.develop, lang)
    text += (
        f"{words['develop']}: {t.effort} {words['points']} ({develop})."
        if develop
        else words["none"]
    )
    if t.months is not None:
        text += f" {words['about']} {t.months:.0f} {words['months']}."
    # Steps and totals are model instances already: pydantic keeps them as they are.
    return ExplainedRoute(
        roles=route.roles, steps=route.steps, totals=route.totals, explanation=text
    )


#: The words of route explanations, per language.
_PHRASES: dict[str, dict[str, str]] = {
    "es": {
        "step": "paso",
        "steps": "pasos",
        "fit": "Fit acumulado",
        "weakest": "paso más débil",
        "develop": "Desarrollo",
        "points": "puntos",
        "none": "Sin desarrollo.",
        "about": "Unos",
        "months": "meses",
    },
    "en": {
        "step": "step",
        "steps": "steps",
        "fit": "Cumulative fit",
        "weakest": "weakest step",
        "develop": "Development",
        "points": "points",
        "none": "No development.",
        "about": "About",
        "months": "months",
    },
}


def develop_text(develop: dict[Trait, int], lang: Language) -> str:
    """Points per trait as ``Apertura +15, Responsabilidad +8``, in OCEAN+ order.

    >>> develop_text({Trait.EXTRAVERSION: 8, Trait.OPENNESS: 15}, "es")
    'Apertura +15, Extraversión +8'
    """
    return ", ".join(f"{t.label(lang)} +{develop[t]}" for t in TRAITS if t in develop)


def percent(value: float, lang: Language) -> str:
    """A fraction as a whole percentage, spaced as each language writes it.

    >>> percent(0.482, "en"), percent(0.482, "es")
    ('48%', '48 %')
    """
    return f"{value:.0%}" if lang == "en" else f"{value * 100:.0f} %"


def why_no_route(
    graph: nx.DiGraph, source: str | None, target: str, query: RouteQuery, lang: Language
) -> str:
    """Why a query found nothing: no path at all, too many steps, or the constraints."""
    constraints = query.constraints
    b = role_name(graph, target, lang)
    if source is None:
        if lang == "en":
            return f"No route into {b} meets these constraints for this person."
        return f"Ninguna ruta hacia {b} cumple estas restricciones para esta persona."
    a = role_name(graph, source, lang)
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
