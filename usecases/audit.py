"""Use case: the plausibility audit of a catalog's default routes (``rumbo audit``).

The audit asks the default route query (``best`` mode, default objective and
constraints, as ``rumbo route FROM TO`` does) for every ordered pair of roles, or for
a seeded sample of them, and measures what a career coach would question
(``docs/audit.md``):

- best routes that step down a level while heading to a target of the same or a
  higher level;
- steps that rise two or more levels, and derived steps that fall or rise two or more;
- the share of steps on derived edges, on O*NET links and on curated edges;
- routes through a role whose Job Zone is higher than both ends' (a credential gate),
  and routes through a role requiring a credential neither end requires (the catalog's
  ``credentials``);
- how often the Pareto frontier holds more than one route;
- the timelines (months and level changes) of a few named routes;
- whether the seed's five transitions (``mlops-engineer``'s curated edges) are exact.

:func:`check_audit` compares a report with the issue's thresholds
(:class:`Thresholds`); each threshold applies only to catalogs that have what it
measures (O*NET links, Job Zones, credentials, the seed's roles).

>>> from graph.career import DerivedRules
>>> from graph.catalog import Catalog
>>> from graph.model import Role, Transition
>>> from graph.traits import Profile
>>> p = Profile.from_scores([50] * 6)
>>> roles = [Role(id=i, name=i, level=lv, profile=p)
...          for i, lv in (("a", "junior"), ("b", "mid"), ("c", "senior"))]
>>> edges = [Transition(source="a", target="b", fit=0.8),
...          Transition(source="b", target="c", fit=0.8)]
>>> snapshot = CatalogSnapshot(1, Catalog.build(roles, edges).with_rules(
...     CareerRules(derived=DerivedRules(enabled=False))))
>>> report = audit_catalog(snapshot, named=())
>>> report.pairs, report.routes, report.steps, report.step_down.percent()
(6, 3, 4, '0.0 % (0 of 3)')
>>> [c.name for c in check_audit(report) if not c.passed]
[]
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, computed_field

from graph.career import CareerRules
from graph.model import Origin
from graph.routes import Route
from graph.store import CatalogSnapshot
from graph.traits import Trait
from usecases.answer import CatalogVersion
from usecases.modes import Mode
from usecases.routes import RouteAnswer, RouteQuery, answer_routes

__all__ = [
    "NAMED_ROUTES",
    "SEED_TRANSITIONS",
    "AuditAnswer",
    "AuditReport",
    "Check",
    "FrontierSizes",
    "SeedCheck",
    "Share",
    "Thresholds",
    "Timeline",
    "TimelineStep",
    "audit_answer",
    "audit_catalog",
    "check_audit",
    "sample_pairs",
]

#: Named routes whose timelines every report shows (those whose two ends are in the catalog).
NAMED_ROUTES: tuple[tuple[str, str], ...] = (
    ("mlops-engineer", "chief-data-officer"),
    ("ai-product-manager", "ai-research-lead"),
    ("onet-15-2041-00", "onet-11-1011-00"),  # Statisticians -> Chief Executives
    ("onet-29-1141-00", "onet-11-9111-00"),  # Registered Nurses -> Medical and Health Services Mgrs
    ("onet-15-1132-00", "onet-11-3021-00"),  # Software Developers -> Computer and IS Managers
    ("onet-41-2031-00", "onet-41-1011-00"),  # Retail Salespersons -> their First-Line Supervisors
)

#: The seed guide page's five transitions out of ``mlops-engineer``: target, fit, develop.
_O, _C, _E, _A, _ES, _RE = Trait
SEED_TRANSITIONS: tuple[tuple[str, float, dict[Trait, int]], ...] = (
    ("data-governance-specialist", 0.68, {_A: 12, _RE: 10}),
    ("platform-engineer", 0.70, {_E: 8, _RE: 10}),
    ("ai-researcher", 0.62, {_O: 15, _C: 8}),
    ("build-engineer", 0.65, {_C: 8, _RE: 10}),
    ("chief-data-officer", 0.48, {_E: 20, _RE: 18}),
)
_SEED_SOURCE = "mlops-engineer"


class Share(BaseModel):
    """``count`` of ``total``; ``value`` is their ratio (``None`` when ``total`` is 0)."""

    model_config = ConfigDict(frozen=True)

    count: int = Field(ge=0)
    total: int = Field(ge=0)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return self.count / self.total if self.total else None

    def percent(self) -> str:
        """The share as text, e.g. ``'3.1 % (12 of 390)'``."""
        if self.value is None:
            return "n/a (none measured)"
        return f"{100 * self.value:.1f} % ({self.count} of {self.total})"


class FrontierSizes(BaseModel):
    """Sizes of the Pareto frontiers of the audited pairs that have a route."""

    model_config = ConfigDict(frozen=True)

    queries: int = Field(description="Pareto queries asked (audited pairs with a best route).")
    more_than_one: Share = Field(description="Frontiers holding more than one route.")
    mean: float | None = Field(description="Mean routes per frontier.")
    largest: int = Field(description="Routes on the largest frontier.")


class TimelineStep(BaseModel):
    """One step of a named route's timeline."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, serialize_by_alias=True)

    source: str = Field(alias="from")
    target: str = Field(alias="to")
    origin: Origin | None
    level_change: int | None = Field(description="Ranks gained on the catalog's scale.")
    months: float = Field(description="Months the step takes (the search graph's edge).")


class Timeline(BaseModel):
    """The best route between two named roles, with its months and level changes."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, serialize_by_alias=True)

    source: str = Field(alias="from")
    target: str = Field(alias="to")
    roles: tuple[str, ...] = Field(description="Roles of the best route; empty without one.")
    steps: tuple[TimelineStep, ...]
    months: float | None = Field(description="Months of the whole route.")
    years: float | None


class SeedCheck(BaseModel):
    """One of the seed's transitions as the search graph holds it."""

    model_config = ConfigDict(frozen=True)

    target: str
    expected_fit: float
    fit: float | None = Field(description="The edge's fit in the search graph; null if absent.")
    expected_develop: dict[Trait, int]
    develop: dict[Trait, int] | None
    exact: bool


class AuditReport(BaseModel):
    """What the audit measured on one catalog version (see ``docs/audit.md``)."""

    model_config = ConfigDict(frozen=True)

    catalog_version: CatalogVersion
    roles: int = Field(description="Roles in the catalog.")
    pairs: int = Field(description="Ordered pairs audited.")
    all_pairs: int = Field(description="Ordered pairs of distinct roles in the catalog.")
    seed: int | None = Field(description="Seed of the pair sample; null when all pairs ran.")
    routes: int = Field(description="Audited pairs with a best route.")
    steps: int = Field(description="Steps of those routes.")
    step_down: Share = Field(
        description="Routes towards a target of the same or a higher level that step down."
    )
    step_down_without_alternative: int = Field(
        description="Of those, routes given with the notice that no other route exists."
    )
    rising_two_or_more: Share = Field(description="Steps rising two or more levels.")
    derived_steps: Share = Field(description="Steps on derived edges.")
    derived_falling: Share = Field(description="Derived steps that fall a level or more.")
    derived_rising_two_or_more: Share = Field(description="Derived steps rising 2+ levels.")
    onet_steps: Share = Field(description="Steps on O*NET links.")
    curated_steps: Share = Field(description="Steps on curated edges.")
    through_higher_job_zone: Share = Field(
        description="Routes through a role whose Job Zone is higher than both ends'."
    )
    through_credential_gate: Share = Field(
        description="Routes through a role requiring a credential neither end requires."
    )
    has_onet_links: bool
    has_job_zones: bool
    has_credentials: bool
    frontier: FrontierSizes
    timelines: tuple[Timeline, ...]
    seed_transitions: tuple[SeedCheck, ...] = Field(
        description="The seed's five transitions; empty when the catalog lacks their roles."
    )


class Thresholds(BaseModel):
    """The issue's targets, checked by ``rumbo audit --check``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_step_down: float = Field(0.02, description="Most routes stepping down (share).")
    max_derived_out_of_window: int = Field(
        0, description="Most derived steps that fall or rise two or more."
    )
    min_onet_steps: float = Field(0.80, description="Least share of steps on O*NET links.")
    max_through_higher_job_zone: float = Field(
        0.02, description="Most routes through a higher Job Zone than both ends' (share)."
    )
    max_through_credential_gate: float = Field(
        0.02, description="Most routes through a credential neither end holds (share)."
    )


class Check(BaseModel):
    """One threshold compared with the report."""

    model_config = ConfigDict(frozen=True)

    name: str
    limit: str
    measured: str
    passed: bool


class AuditAnswer(BaseModel):
    """The audit's figures and the thresholds that apply to them."""

    model_config = ConfigDict(frozen=True)

    report: AuditReport
    checks: tuple[Check, ...]

    @property
    def failed(self) -> tuple[Check, ...]:
        """The checks outside their thresholds."""
        return tuple(c for c in self.checks if not c.passed)


def audit_answer(
    snapshot: CatalogSnapshot,
    sample: int | None = None,
    seed: int = 0,
    thresholds: Thresholds | None = None,
) -> AuditAnswer:
    """Audit a catalog version (:func:`audit_catalog`) and check it (:func:`check_audit`)."""
    report = audit_catalog(snapshot, sample, seed)
    return AuditAnswer(report=report, checks=tuple(check_audit(report, thresholds)))


def sample_pairs(role_ids: Sequence[str], sample: int | None, seed: int) -> list[tuple[str, str]]:
    """Every ordered pair of distinct roles, or ``sample`` of them drawn with ``seed``.

    >>> sample_pairs(["a", "b", "c"], None, 0)
    [('a', 'b'), ('a', 'c'), ('b', 'a'), ('b', 'c'), ('c', 'a'), ('c', 'b')]
    >>> sample_pairs(["a", "b", "c"], 2, 7) == sample_pairs(["a", "b", "c"], 2, 7)
    True
    """
    ordered = sorted(role_ids)
    pairs = [(s, t) for s in ordered for t in ordered if s != t]
    if sample is None or sample >= len(pairs):
        return pairs
    return sorted(random.Random(seed).sample(pairs, sample))


def audit_catalog(
    snapshot: CatalogSnapshot,
    sample: int | None = None,
    seed: int = 0,
    named: Iterable[tuple[str, str]] = NAMED_ROUTES,
    frontier: bool = True,
) -> AuditReport:
    """Audit the default best routes of a catalog version.

    Parameters
    ----------
    snapshot : CatalogSnapshot
        The catalog version; its compiled graph answers every query.
    sample : int, optional
        Audit this many ordered pairs drawn with ``seed`` instead of all of them.
    seed : int
        Seed of the sample.
    named : iterable of (str, str)
        Routes whose timelines to report; pairs with an unknown role are left out.
    frontier : bool
        Whether to ask the Pareto mode for every audited pair with a route.
    """
    catalog = snapshot.catalog
    graph: nx.DiGraph = snapshot.graph
    rank = _ranks(graph)
    zone = {rid: role.job_zone for rid, role in catalog.roles.items()}
    pairs = sample_pairs(list(catalog.roles), sample, seed)
    routes: list[Route] = []
    credential = {rid: catalog.rules.credential_of(rid) for rid in catalog.roles}
    tally = _Tally(rank, zone, credential)
    for source, target in pairs:
        answer = _default_answer(snapshot, source, target)
        if answer.routes:
            routes.append(answer.routes[0])
            tally.add(answer.routes[0], forced_down=answer.notice is not None)
    all_pairs = len(catalog.roles) * (len(catalog.roles) - 1)
    return AuditReport(
        catalog_version=snapshot.version,
        roles=len(catalog.roles),
        pairs=len(pairs),
        all_pairs=all_pairs,
        seed=seed if len(pairs) < all_pairs else None,
        routes=len(routes),
        steps=tally.steps,
        step_down=Share(count=tally.stepping_down, total=tally.heading_up),
        step_down_without_alternative=tally.forced_down,
        rising_two_or_more=Share(count=tally.rising_two, total=tally.steps),
        derived_steps=Share(count=tally.derived, total=tally.steps),
        derived_falling=Share(count=tally.derived_falling, total=tally.derived),
        derived_rising_two_or_more=Share(count=tally.derived_rising_two, total=tally.derived),
        onet_steps=Share(count=tally.onet, total=tally.steps),
        curated_steps=Share(count=tally.curated, total=tally.steps),
        through_higher_job_zone=Share(count=tally.gated, total=tally.zoned),
        through_credential_gate=Share(count=tally.uncredentialed, total=len(routes)),
        has_onet_links=Origin.ONET in catalog.transition_table().origins(),
        has_job_zones=any(z is not None for z in zone.values()),
        has_credentials=any(c is not None for c in credential.values()),
        frontier=_frontier(snapshot, routes if frontier else []),
        timelines=tuple(_timeline(snapshot, rank, s, t) for s, t in named if _known(graph, s, t)),
        seed_transitions=_seed_checks(graph),
    )


def check_audit(report: AuditReport, thresholds: Thresholds | None = None) -> list[Check]:
    """The thresholds that apply to this report, each compared with what it measured.

    The derived-step limit applies to every catalog; the step-down limit to curated
    catalogs (without O*NET links: an O*NET catalog reports it, and its routes step
    down only where no other route exists); the O*NET link share to catalogs with
    O*NET links; the Job Zone limit to catalogs whose roles carry Job Zones; the
    credential limit to catalogs where some role requires a credential; the seed check
    to catalogs holding the seed's roles.
    """
    limits = thresholds or Thresholds()
    checks = []
    if not report.has_onet_links:
        checks.append(_at_most("best routes stepping down", report.step_down, limits.max_step_down))
    checks.append(
        Check(
            name="derived steps falling or rising 2+",
            limit=f"<= {limits.max_derived_out_of_window}",
            measured=str(_out_of_window(report)),
            passed=_out_of_window(report) <= limits.max_derived_out_of_window,
        )
    )
    if report.has_onet_links:
        value = report.onet_steps.value
        checks.append(
            Check(
                name="best-route steps on O*NET links",
                limit=f">= {100 * limits.min_onet_steps:g} %",
                measured=report.onet_steps.percent(),
                passed=value is None or value >= limits.min_onet_steps,
            )
        )
    if report.has_job_zones:
        checks.append(
            _at_most(
                "routes through a higher Job Zone",
                report.through_higher_job_zone,
                limits.max_through_higher_job_zone,
            )
        )
    if report.has_credentials:
        checks.append(
            _at_most(
                "routes through a credential neither end holds",
                report.through_credential_gate,
                limits.max_through_credential_gate,
            )
        )
    if report.seed_transitions:
        inexact = [c.target for c in report.seed_transitions if not c.exact]
        checks.append(
            Check(
                name="seed transitions exact",
                limit=f"{len(SEED_TRANSITIONS)} of {len(SEED_TRANSITIONS)}",
                measured=f"{len(SEED_TRANSITIONS) - len(inexact)} of {len(SEED_TRANSITIONS)}"
                + (f" (not: {', '.join(inexact)})" if inexact else ""),
                passed=not inexact,
            )
        )
    return checks


# --------------------------------------------------------------------------- measuring


class _Tally:
    """Counts over the audited best routes."""

    def __init__(
        self,
        rank: dict[str, int | None],
        zone: dict[str, int | None],
        credential: dict[str, str | None],
    ) -> None:
        self.rank, self.zone, self.credential = rank, zone, credential
        self.steps = self.rising_two = 0
        self.derived = self.derived_falling = self.derived_rising_two = 0
        self.onet = self.curated = 0
        self.heading_up = self.stepping_down = self.forced_down = 0
        self.zoned = self.gated = self.uncredentialed = 0

    def add(self, route: Route, forced_down: bool) -> None:
        changes = [_change(self.rank, s.source, s.target) for s in route.steps]
        for step, change in zip(route.steps, changes, strict=True):
            self.steps += 1
            self.rising_two += change is not None and change >= 2
            self.onet += step.origin is Origin.ONET
            self.curated += step.origin is Origin.CURATED
            if step.origin is Origin.DERIVED:
                self.derived += 1
                self.derived_falling += change is not None and change < 0
                self.derived_rising_two += change is not None and change >= 2
        start, end = self.rank[route.roles[0]], self.rank[route.roles[-1]]
        if start is not None and end is not None and end >= start:
            self.heading_up += 1
            down = any(c is not None and c < 0 for c in changes)
            self.stepping_down += down
            self.forced_down += down and forced_down
        ends = [self.zone[route.roles[0]], self.zone[route.roles[-1]]]
        if None not in ends:
            self.zoned += 1
            ceiling = max(z for z in ends if z is not None)
            middle = (self.zone[r] for r in route.roles[1:-1])
            self.gated += any(z is not None and z > ceiling for z in middle)
        held = {None, self.credential[route.roles[0]], self.credential[route.roles[-1]]}
        self.uncredentialed += any(self.credential[r] not in held for r in route.roles[1:-1])


def _ranks(graph: nx.DiGraph) -> dict[str, int | None]:
    rules: CareerRules = graph.graph.get("rules") or CareerRules()
    return {rid: rules.levels.rank(data["role"].level) for rid, data in graph.nodes(data=True)}


def _change(rank: dict[str, int | None], source: str | None, target: str) -> int | None:
    a, b = rank.get(source) if source else None, rank[target]
    return None if a is None or b is None else b - a


def _out_of_window(report: AuditReport) -> int:
    return report.derived_falling.count + report.derived_rising_two_or_more.count


def _at_most(name: str, share: Share, limit: float) -> Check:
    return Check(
        name=name,
        limit=f"<= {100 * limit:g} %",
        measured=share.percent(),
        passed=share.value is None or share.value <= limit,
    )


def _default_answer(snapshot: CatalogSnapshot, source: str, target: str) -> RouteAnswer:
    """The answer ``rumbo route SOURCE TARGET`` gives (best mode, default query)."""
    return answer_routes(snapshot, RouteQuery(source=source, target=target), "en")


def _frontier(snapshot: CatalogSnapshot, routes: Sequence[Route]) -> FrontierSizes:
    """Frontier sizes as ``rumbo route --pareto`` answers them (step-down fallback included)."""
    sizes = [
        len(
            answer_routes(
                snapshot,
                RouteQuery(source=r.roles[0], target=r.roles[-1], mode=Mode.PARETO),
                "en",
            ).routes
        )
        for r in routes
    ]
    return FrontierSizes(
        queries=len(sizes),
        more_than_one=Share(count=sum(size > 1 for size in sizes), total=len(sizes)),
        mean=sum(sizes) / len(sizes) if sizes else None,
        largest=max(sizes, default=0),
    )


def _known(graph: nx.DiGraph, source: str, target: str) -> bool:
    return source in graph and target in graph


def _timeline(
    snapshot: CatalogSnapshot, rank: dict[str, int | None], source: str, target: str
) -> Timeline:
    found = _default_answer(snapshot, source, target).routes
    if not found:
        return Timeline(source=source, target=target, roles=(), steps=(), months=None, years=None)
    graph = snapshot.graph
    steps = tuple(
        TimelineStep(
            source=step.source or source,
            target=step.target,
            origin=step.origin,
            level_change=_change(rank, step.source, step.target),
            months=float(graph.edges[step.source, step.target]["months"]),
        )
        for step in found[0].steps
    )
    months = sum(s.months for s in steps)
    return Timeline(
        source=source,
        target=target,
        roles=found[0].roles,
        steps=steps,
        months=months,
        years=round(months / 12, 1),
    )


def _seed_checks(graph: nx.DiGraph) -> tuple[SeedCheck, ...]:
    if _SEED_SOURCE not in graph or any(t not in graph for t, _, _ in SEED_TRANSITIONS):
        return ()
    checks = []
    for target, fit, develop in SEED_TRANSITIONS:
        edge = graph.edges[_SEED_SOURCE, target] if graph.has_edge(_SEED_SOURCE, target) else None
        got_fit = edge["fit"] if edge else None
        got_develop = dict(edge["transition"].develop) if edge else None
        checks.append(
            SeedCheck(
                target=target,
                expected_fit=fit,
                fit=got_fit,
                expected_develop=develop,
                develop=got_develop,
                exact=got_fit == fit and got_develop == develop,
            )
        )
    return tuple(checks)
