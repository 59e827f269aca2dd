"""Routes explained for people: names, development actions and a one-paragraph summary.

An :class:`Explainer` is made for one catalog and one language, once per answer:
it reads role names and the development-action table from the catalog, and
writes nothing anywhere (the search graph stays exactly as it was built).
"""

from __future__ import annotations

import networkx as nx
from pydantic import Field

from graph.catalog import Catalog
from graph.routes import Route
from graph.search import Constraints
from graph.traits import TRAITS, Language, Trait
from usecases.messages import develop_text, duration_text, percent, say


class ExplainedRoute(Route):
    """A route with a short explanation in the requested language."""

    explanation: str
    imputed: tuple[str, ...] = Field(
        (),
        description="The roles of this route (in route order) whose ideal profile is imputed "
        "from related roles rather than rated for the role itself (O*NET occupations without "
        "work-style ratings): their fits are approximations. Empty when every profile is rated.",
        examples=[["onet-15-1299-00"]],
    )


class Explainer:
    """Explanations of routes on one catalog, in one language.

    Examples
    --------
    >>> from graph.model import Role, Transition
    >>> from graph.traits import Profile
    >>> p = Profile.from_scores([50] * 6)
    >>> catalog = Catalog.build([Role(id=i, name=i.upper(), profile=p) for i in "ab"],
    ...                         [Transition(source="a", target="b", fit=0.7,
    ...                                     develop={"openness": 5})])
    >>> from graph.search import best_route
    >>> route = best_route(catalog.to_graph(), "a", "b")
    >>> for sentence in Explainer(catalog, "en").explain(route).explanation.split(". "):
    ...     print(sentence)
    1 step: A → B
    Cumulative fit 70%, weakest step 70%
    Development: 5 points (Openness +5)
    About 3 years 11 months.
    """

    def __init__(self, catalog: Catalog, lang: Language) -> None:
        self.catalog = catalog
        self.lang = lang
        table = catalog.actions
        self._actions: dict[Trait, tuple[str, ...]] = {
            trait: tuple(a.text(lang) for a in table if a.trait is trait)
            for trait in TRAITS
            if any(a.trait is trait for a in table)
        }

    def name(self, role_id: str) -> str:
        """A role's display name in this language."""
        return self.catalog.roles[role_id].display_name(self.lang)

    def names(self, routes: list[ExplainedRoute]) -> dict[str, str]:
        """Display names of every role the routes pass through, in route order."""
        names: dict[str, str] = {}
        for route in routes:
            for role_id in route.roles:
                if role_id not in names:
                    names[role_id] = self.name(role_id)
        return names

    def with_actions(self, route: Route) -> Route:
        """The route with the catalog's development actions on the steps that need them."""
        if not self._actions:
            return route
        steps = [
            step.model_copy(
                update={
                    "actions": {t: self._actions[t] for t in step.develop if t in self._actions}
                }
            )
            for step in route.steps
        ]
        return route.model_copy(update={"steps": tuple(steps)})

    def explain(self, route: Route) -> ExplainedRoute:
        """Attach development actions and a one-paragraph explanation of the totals."""
        route = self.with_actions(route)
        t, lang = route.totals, self.lang
        names = " → ".join(self.name(r) for r in route.roles)
        head = "explain.one_step" if t.steps == 1 else "explain.steps"
        parts = [
            say(head, lang, steps=t.steps, names=names),
            say(
                "explain.fit",
                lang,
                fit=percent(t.cumulative_fit, lang),
                weakest=percent(t.weakest_step, lang),
            ),
        ]
        develop = develop_text(t.develop, lang)
        if develop:
            parts.append(say("explain.develop", lang, points=t.effort, traits=develop))
        else:
            parts.append(say("explain.no_develop", lang))
        if t.months is not None:
            parts.append(say("explain.duration", lang, duration=duration_text(t.months, lang)))
        roles = self.catalog.roles
        # Steps and totals are model instances already: pydantic keeps them as they are.
        return ExplainedRoute(
            roles=route.roles,
            steps=route.steps,
            totals=route.totals,
            explanation=" ".join(parts),
            imputed=tuple(r for r in route.roles if roles[r].imputed),
        )

    def why_no_route(
        self, graph: nx.DiGraph, source: str | None, target: str, constraints: Constraints
    ) -> str:
        """Why a query found nothing: no path at all, too many steps, or the constraints."""
        lang, b = self.lang, self.name(target)
        if source is None:
            return say("no_route.person", lang, target=b)
        a = self.name(source)
        if not nx.has_path(graph, source, target):
            return say("no_route.no_path", lang, source=a, target=b)
        hops = nx.shortest_path_length(graph, source, target)
        if hops > constraints.max_steps:
            return say(
                "no_route.too_far",
                lang,
                source=a,
                target=b,
                hops=hops,
                max_steps=constraints.max_steps,
            )
        return say("no_route.constraints", lang, source=a, target=b)
