"""Use case: every role reachable within N steps, with its best route (for a person, if given)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graph.personal import personal_reachable
from graph.search import Constraints, reachable_routes
from graph.search.budget import time_budget
from graph.store import CatalogSnapshot
from graph.traits import Language
from usecases.answer import CatalogVersion
from usecases.explain import ExplainedRoute, Explainer
from usecases.start import StartingPoint


class ReachableQuery(StartingPoint):
    """Where to start (a role, a person, or both) and the limits every route respects.

    ``constraints.max_steps`` is how far to look; routes are ranked as in
    ``best`` mode with the default objective (for the person, when given).
    """

    constraints: Constraints = Field(
        Constraints(max_steps=2), description="Limits every route respects; max_steps is N."
    )


class ReachableRole(BaseModel):
    """One role reachable from the start, with its best route."""

    id: str = Field(description="The reachable role.", examples=["data-governance-specialist"])
    name: str = Field(description="Its name in the requested language.")
    route: ExplainedRoute


class ReachableAnswer(BaseModel):
    """Every role reachable within the step limit, in order of best-route cost."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    catalog_version: CatalogVersion
    lang: Language
    source: str | None = Field(
        alias="from",
        examples=["mlops-engineer"],
        description="The starting role; null when a person starts from themself.",
    )
    steps: int = Field(description="Most steps a route may take.")
    total: int = Field(description="Reachable roles.")
    roles: list[ReachableRole]


def reachable_answer(
    snapshot: CatalogSnapshot, query: ReachableQuery, lang: Language, budget: float | None = None
) -> ReachableAnswer:
    """The best route to every role within ``query.constraints.max_steps`` steps."""
    graph, person = snapshot.compiled, query.effective_person()
    with time_budget(budget):
        if person is not None:
            routes = personal_reachable(graph, person, query.constraints)
        else:
            start = query.start()
            assert start is not None  # the validator requires a start or a person
            routes = reachable_routes(graph, start, query.constraints)
    explainer = Explainer(snapshot.catalog, lang)
    entries = [
        ReachableRole(id=target, name=explainer.name(target), route=explainer.explain(route))
        for target, route in routes.items()
    ]
    return ReachableAnswer(
        catalog_version=snapshot.version,
        lang=lang,
        source=query.start(),
        steps=query.constraints.max_steps,
        total=len(entries),
        roles=entries,
    )
