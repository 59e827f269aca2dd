"""``rumbo leverage`` when the person has no route today: what a raise opens, or nothing."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from graph.search import Constraints, Objective
from rumbo_cli.person_input import load_person
from rumbo_cli.render import print_leverage
from rumbo_cli.source import snapshot_from
from usecases.leverage import LeverageAnswer, leverage_answer

SCORES = "O=72,C=78,E=38,A=58,ES=70,RE=44"


@pytest.fixture(scope="module")
def answer() -> LeverageAnswer:
    """The snapshot test's answer (mlops-engineer to chief-data-officer)."""
    person = load_person(None, SCORES, "mlops-engineer", "es")
    snapshot = snapshot_from(None, None)
    return leverage_answer(
        snapshot, person, "chief-data-officer", 10, Constraints(), Objective(), "es"
    )


def printed(answer: LeverageAnswer) -> tuple[bool, str]:
    console = Console(file=io.StringIO(), width=80, emoji=False)
    found = print_leverage(console, answer, "es")
    assert isinstance(console.file, io.StringIO)
    return found, " ".join(console.file.getvalue().split())


def without_todays_route(answer: LeverageAnswer, *, opened: bool) -> LeverageAnswer:
    """The answer as if the person had no route today (and, unless ``opened``, none after
    any raise either)."""
    items = [
        item.model_copy(update={"improvement": None, "route": item.route if opened else None})
        for item in answer.by_trait
    ]
    return answer.model_copy(update={"baseline": None, "best_trait": None, "by_trait": items})


def test_with_no_route_today_the_table_shows_what_each_raise_opens(
    answer: LeverageAnswer,
) -> None:
    found, text = printed(without_todays_route(answer, opened=True))
    assert found
    lines = text.split(" ─")[0], text.split("─ ")[-1]
    assert (
        lines[0]
        == "No hay ruta con estas restricciones. rasgo → sube a ajuste acumulado meses esfuerzo"
    )
    assert lines[1].startswith("Extraversión → 48 45 % 47 21")  # no change: none today
    # the two raises whose routes score best tie for it
    assert "Empatan (abren la mejor ruta por igual): Extraversión, Engagement Relacional." in text
    assert "(hoy no hay ninguna)" in text


def test_with_no_route_at_all_it_gives_the_hints(answer: LeverageAnswer) -> None:
    found, text = printed(without_todays_route(answer, opened=False))
    assert not found
    assert "Prueba a permitir más pasos (--max-steps)" in text
    assert "rasgo" not in text  # no table of routes that do not exist
