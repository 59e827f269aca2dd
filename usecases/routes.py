"""Use case: a route query, role to role or costed for a person, answered and explained."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from graph.routes import Route
from graph.search import CompiledGraph, Constraints, Objective
from graph.search.budget import time_budget
from graph.search.query import MAX_ALTERNATIVES
from graph.store import CatalogSnapshot
from graph.traits import Language
from usecases.answer import CatalogVersion
from usecases.explain import ExplainedRoute, Explainer
from usecases.messages import say
from usecases.modes import ROUTE_MODES, Mode
from usecases.start import StartingPoint


class RouteQuery(StartingPoint):
    """A route query: ends, mode, objective weights and constraints.

    Modes: ``best`` (the single best route under the objective),
    ``alternatives`` (the ``k`` best routes in order), ``pareto`` (every
    route that no other beats on all of cumulative fit, effort and months) and
    ``shortest-gap`` (the route of least development effort).

    With a ``person``, routes are costed for that person's assessed profile
    and start at ``from`` or at ``person.current_role`` (or, with neither,
    at the person's first step into a role). Assessment scores are never
    logged.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    target: str = Field(
        alias="to",
        min_length=1,
        max_length=80,
        description="Role id where the route ends.",
        examples=["chief-data-officer"],
    )
    mode: Mode = Field(Mode.BEST, description="Which routes to find.")
    k: int = Field(
        5, ge=1, le=MAX_ALTERNATIVES, description="Routes wanted in `alternatives` mode."
    )
    objective: Objective = Field(
        Objective(),
        description="Weights of fit, effort and months in `best` and `alternatives`.",
        examples=[{"fit_weight": 1.0, "effort_weight": 0.5}],
    )
    constraints: Constraints = Field(
        Constraints(),
        description="Limits every route must respect. Role ids in `avoid` and `via` must "
        "exist; `via` roles are visited in order.",
        examples=[
            {
                "max_steps": 4,
                "min_step_fit": 0.5,
                "avoid": ["ai-researcher"],
                "via": [],
                "max_step_effort": 30,
                "curated_only": False,
            }
        ],
    )


class RouteAnswer(BaseModel):
    """The routes a query found, best first; an empty list comes with the reason.

    Steps and totals are those of the search; the order of routes, of steps
    and of traits in ``develop`` is stable, so one query on one catalog
    version always serialises to the same bytes.
    """

    catalog_version: CatalogVersion
    lang: Language = Field(description="Language of names, explanations and the reason.")
    mode: Mode
    routes: list[ExplainedRoute]
    reason: str | None = Field(
        None, description="Why no route was found (only when `routes` is empty)."
    )
    notice: str | None = Field(
        None,
        description="Set when the routes step down a level on the way to a target of the same "
        "or a higher level: no route that does not exists.",
    )
    names: dict[str, str] = Field(
        description="Display name of every role the routes pass through, in route order."
    )


def find_routes(graph: CompiledGraph, query: RouteQuery) -> list[Route]:
    """The routes a query asks for, role to role or costed for its person, unexplained."""
    mode = ROUTE_MODES[query.mode]
    person = query.effective_person()
    t, k, c, o = query.target, query.k, query.constraints, query.objective
    if person is not None:
        return mode.for_person(graph, person, t, k, c, o)
    start = query.start()
    assert start is not None  # the validator requires a start or a person
    return mode.between_roles(graph, start, t, k, c, o)


def answer_routes(
    snapshot: CatalogSnapshot, query: RouteQuery, lang: Language, budget: float | None = None
) -> RouteAnswer:
    """Run a route query on one catalog version and explain its answer.

    ``budget`` limits the search's wall time in seconds
    (:class:`~graph.errors.QueryBudgetExceeded` beyond it).

    Examples
    --------
    >>> from graph.catalog import Catalog
    >>> from graph.model import Role, Transition
    >>> from graph.traits import Profile
    >>> roles = [Role(id=i, name=i.upper(), profile=Profile.from_scores([s] * 6))
    ...          for i, s in (("a", 50), ("b", 50), ("c", 100))]
    >>> catalog = Catalog.build(roles, [Transition(source="a", target="b", fit=0.7)])
    >>> snapshot = CatalogSnapshot(1, catalog)
    >>> answer_routes(snapshot, RouteQuery(source="a", target="b"), "en").names
    {'a': 'A', 'b': 'B'}
    >>> answer_routes(snapshot, RouteQuery(source="a", target="c"), "en").reason
    'No sequence of transitions leads from A to C.'
    """
    with time_budget(budget):
        routes, stepped_down = _routes_stepping_down_only_if_needed(snapshot, query)
    explainer = Explainer(snapshot.catalog, lang)
    explained = [explainer.explain(r) for r in routes]
    reason = None
    if not routes:
        reason = explainer.why_no_route(
            snapshot.graph, query.start(), query.target, query.constraints
        )
    return RouteAnswer(
        catalog_version=snapshot.version,
        lang=lang,
        mode=query.mode,
        routes=explained,
        reason=reason,
        notice=_step_down_notice(len(routes), lang) if stepped_down else None,
        names=explainer.names(explained),
    )


def _step_down_notice(routes: int, lang: Language) -> str:
    """Why the answer's ``routes`` routes step down, worded for one route or several.

    >>> _step_down_notice(1, "en").split(":")[0]
    'This route steps down a level somewhere'
    >>> _step_down_notice(2, "es").split(":")[0]
    'Estas rutas bajan de nivel en algún paso'
    """
    return say("notice.route_steps_down" if routes == 1 else "notice.routes_step_down", lang)


def _routes_stepping_down_only_if_needed(
    snapshot: CatalogSnapshot, query: RouteQuery
) -> tuple[list[Route], bool]:
    """The query's routes; when none exists without stepping down (and the query did not
    allow it), the routes that step down, flagged, because no other route exists."""
    routes = find_routes(snapshot.compiled, query)
    if routes or query.constraints.allow_step_down:
        return routes, False
    allowed = query.constraints.model_copy(update={"allow_step_down": True})
    routes = find_routes(snapshot.compiled, query.model_copy(update={"constraints": allowed}))
    return routes, bool(routes)
