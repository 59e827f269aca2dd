"""Seniority and time in the CLI: the career options reach the query, and each step shows
its level change and months, each route its timeline and the answer its notice."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

import rumbo_cli.main as cli
from graph.model import Origin
from graph.routes import Step, route_from_steps
from graph.search import Constraints, Objective
from graph.traits import Trait
from rumbo_cli.render import print_route_answer
from usecases.explain import ExplainedRoute
from usecases.modes import Mode
from usecases.routes import RouteAnswer, RouteQuery, answer_routes
from usecases.settings import Settings
from usecases.store import open_store


def step(source: str, target: str, level_change: int | None, months: float) -> Step:
    return Step(
        source=source,
        target=target,
        fit=0.9,
        strengths=(),
        develop={Trait.EXTRAVERSION: 4},
        origin=Origin.CURATED,
        level_change=level_change,
        months=months,
    )


def answer(notice: str | None = None) -> RouteAnswer:
    route = route_from_steps(
        [step("a", "b", 1, 47), step("b", "c", 0, 47), step("c", "d", None, 32)], 0.3
    )
    explained = ExplainedRoute(**dict(route), explanation="three steps")
    names = {"a": "A", "b": "B", "c": "C", "d": "D"}
    return RouteAnswer(
        catalog_version=1,
        lang="es",
        mode=Mode.BEST,
        routes=[explained],
        notice=notice,
        names=names,
    )


def rendered(lang: str, notice: str | None = None) -> list[str]:
    console = Console(record=True, width=200, emoji=False)
    print_route_answer(console, answer(notice), "en" if lang == "en" else "es")
    return console.export_text().splitlines()


def test_each_step_shows_its_level_change_and_months() -> None:
    lines = [line for line in rendered("es") if "→" in line and "ajuste" in line]
    assert lines[0] == "  1. A → B · ajuste 90 % · nivel +1 · 47 meses · curada"
    assert "ajuste 90 % · nivel = · 47 meses" in lines[1]
    assert "ajuste 90 % · 32 meses" in lines[2]  # an unknown level says nothing
    english = [line for line in rendered("en") if "→" in line and "fit" in line]
    assert "fit 90% · level +1 · 47 months · curated" in english[0]


def test_each_route_shows_its_timeline_in_years_and_months() -> None:
    [totals] = [line for line in rendered("es") if line.startswith("Ruta 1")]
    assert totals.endswith("· ≈ 10 años y 6 meses")
    [totals] = [line for line in rendered("en") if line.startswith("Route 1")]
    assert totals.endswith("· ≈ 10 years 6 months")


def test_the_notice_comes_before_the_routes() -> None:
    lines = rendered("en", notice="These routes step down a level somewhere.")
    assert lines[0] == "These routes step down a level somewhere."
    assert not any("step down" in line for line in rendered("en"))


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What the route, reachable and leverage commands ask the use cases (answers unused)."""
    queries: list[Any] = []

    def route(_snapshot: object, query: RouteQuery, _lang: str) -> RouteAnswer:
        queries.append(query)
        return answer()

    def reachable(_snapshot: object, query: Any, _lang: str) -> Any:
        queries.append(query)
        raise SystemExit(0)

    def leverage(*args: Any) -> Any:
        queries.append(args[4:6])  # (constraints, objective)
        raise SystemExit(0)

    monkeypatch.setattr(cli, "answer_routes", route)
    monkeypatch.setattr(cli, "reachable_answer", reachable)
    monkeypatch.setattr(cli, "leverage_answer", leverage)
    return queries


def invoke(*args: str) -> None:
    result = CliRunner().invoke(cli.app, list(args))
    assert result.exit_code == 0, result.output


def test_defaults_are_the_models(asked: list[Any]) -> None:
    invoke("route", "a", "d")
    [query] = asked
    assert query.constraints == Constraints()
    assert query.objective == Objective()


def test_route_options_reach_the_query(asked: list[Any]) -> None:
    invoke(
        "route", "a", "d", "--max-level-rise", "2", "--allow-step-down", "--months-weight", "1.5"
    )
    invoke("route", "a", "d", "--max-level-rise", "any", "--allow-credential-gates")
    first, second = asked
    assert first.constraints.max_level_rise == 2
    assert first.constraints.allow_step_down and not first.constraints.allow_credential_gates
    assert first.objective.months_weight == 1.5
    assert second.constraints.max_level_rise is None
    assert second.constraints.allow_credential_gates and not second.constraints.allow_step_down


def test_reachable_and_leverage_take_the_career_options(asked: list[Any]) -> None:
    invoke("reachable", "a", "--max-level-rise", "0", "--allow-step-down")
    invoke(
        "leverage", "d", "--scores", "O=50,C=50,E=50,A=50,ES=50,RE=50",
        "--allow-credential-gates", "--max-level-rise", "any", "--months-weight", "2",
    )  # fmt: skip
    reachable, (constraints, objective) = asked
    assert reachable.constraints.max_level_rise == 0 and reachable.constraints.allow_step_down
    assert constraints.allow_credential_gates and constraints.max_level_rise is None
    assert objective.months_weight == 2


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_a_bad_level_rise_is_refused(value: str) -> None:
    result = CliRunner().invoke(cli.app, ["route", "a", "d", "--max-level-rise", value])
    assert result.exit_code == 2
    assert "--max-level-rise" in result.output


def test_the_bundled_catalog_answers_with_the_options() -> None:
    """The real search accepts every option (its semantics are tested with the search)."""
    store = open_store(Settings(catalog_dir=None, neo4j_uri=None))
    try:
        snapshot = store.snapshot()
    finally:
        store.close()
    query = RouteQuery(
        source="mlops-engineer",
        target="chief-data-officer",
        objective=Objective(months_weight=1),
        constraints=Constraints(
            max_level_rise=None, allow_step_down=True, allow_credential_gates=True
        ),
    )
    assert answer_routes(snapshot, query, "en").routes
