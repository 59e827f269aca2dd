"""The CLI's text at 80 columns, against checked-in snapshots (tests/unit/cli/snapshots/).

A change of layout shows up as a diff of these files. After an intended change, or a change
of the bundled catalog, regenerate them and review the diff:

    RUMBO_UPDATE_SNAPSHOTS=1 python -m pytest -q tests/unit/cli/test_cli_snapshots.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.unit.cli.cli_batch import Result, rumbo_batch

SNAPSHOTS = Path(__file__).parent / "snapshots"
COLUMNS = 80
SCORES = "O=72,C=78,E=38,A=58,ES=70,RE=44"
#: Most lines ``route --k 5`` may print (it printed 287 when each step listed its actions).
ROUTE_K5_MAX_LINES = 110

#: Snapshot name -> command line.
COMMANDS: dict[str, list[str]] = {
    "route-k5": ["route", "mlops-engineer", "chief-data-officer", "--k", "5"],
    "roles": ["roles"],
    "fit-now": ["fit-now", "--scores", SCORES],
    "leverage": ["leverage", "chief-data-officer", "--from", "mlops-engineer", "--scores", SCORES],
}


@pytest.fixture(scope="module")
def printed() -> dict[str, Result]:
    results = rumbo_batch(list(COMMANDS.values()), columns=COLUMNS)
    return dict(zip(COMMANDS, results, strict=True))


def text_of(result: Result) -> str:
    """The output as compared: lines without trailing blanks (rich pads table cells)."""
    assert result.returncode == 0, (result.args, result.stderr)
    return "".join(f"{line.rstrip()}\n" for line in result.stdout.splitlines())


@pytest.mark.parametrize("name", COMMANDS)
def test_output_matches_its_snapshot(printed: dict[str, Result], name: str) -> None:
    text, snapshot = text_of(printed[name]), SNAPSHOTS / f"{name}.txt"
    if os.environ.get("RUMBO_UPDATE_SNAPSHOTS"):
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8"), (
        f"{name} differs from {snapshot.name}; if intended, regenerate with "
        "RUMBO_UPDATE_SNAPSHOTS=1 (see this module's docstring)"
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_every_line_fits_80_columns(printed: dict[str, Result], name: str) -> None:
    lines = text_of(printed[name]).splitlines()
    assert max(cell_len(line) for line in lines) <= COLUMNS


def test_five_routes_stay_short(printed: dict[str, Result]) -> None:
    lines = text_of(printed["route-k5"]).splitlines()
    assert len(lines) <= ROUTE_K5_MAX_LINES
    assert [sum(line.startswith(f"Ruta {n} ") for line in lines) for n in range(1, 6)] == [1] * 5


def test_each_action_is_listed_once(printed: dict[str, Result]) -> None:
    """The actions of a trait are listed once, after the routes, not at every step."""
    text = text_of(printed["route-k5"])
    assert text.count("Cómo desarrollar cada rasgo") == 1
    actions = [line.strip() for line in text.splitlines() if line.strip().startswith("- ")]
    assert actions and len(actions) == len(set(actions))


def test_wrapped_lines_keep_their_indent_and_percents_stay_whole(
    printed: dict[str, Result],
) -> None:
    lines = text_of(printed["route-k5"]).splitlines()
    steps = [i for i, line in enumerate(lines) if re.match(r"  \d\. ", line)]
    assert steps
    for i, line in enumerate(lines):
        if line and not line.startswith(("Ruta", "Cómo")):
            assert line.startswith("  "), line  # nothing wraps back to the margin
        assert not re.search(r"\d$", line) or not lines[i + 1].lstrip().startswith("%")
    assert not any(line.lstrip().startswith("%") for line in lines)


def test_roles_never_cut_an_id(printed: dict[str, Result]) -> None:
    text = text_of(printed["roles"])
    assert "…" not in text
    assert "chief-information-security-officer" in text


def test_fit_now_and_leverage_tables_have_column_labels(printed: dict[str, Result]) -> None:
    fit_now = text_of(printed["fit-now"]).splitlines()
    assert fit_now[0].split() == ["ajuste", "rol", "(id)", "fortalezas", "a", "desarrollar"]
    leverage = text_of(printed["leverage"]).splitlines()
    # a heading too wide for 80 columns wraps over two lines (the trait names never do)
    rule = next(i for i, line in enumerate(leverage) if line.startswith("──"))
    header = [line.split() for line in leverage[1:rule]]
    assert header == [
        ["ajuste"],
        ["rasgo", "→", "sube", "a", "acumulado", "cambio", "meses", "cambio", "esfuerzo"],
    ]
    rows = leverage[rule + 1 : rule + 7]
    assert all(re.match(r"\S.* → \d+ ", row) for row in rows), rows


def test_leverage_shows_changes_in_fit_and_months_not_the_objective(
    printed: dict[str, Result],
) -> None:
    """The change of cumulative fit in percentage points and of months, no raw objective
    unit; two traits that help equally are said to tie."""
    text = text_of(printed["leverage"])
    extraversion = next(line for line in text.splitlines() if line.startswith("Extraversión"))
    assert extraversion.split() == ["Extraversión", "→", "48", "45", "%", "+10", "p.", "p.",
                                    "47", "=", "21"]  # fmt: skip
    assert "«mejora»" not in text and not re.search(r"\d\.\d{3}", text)
    assert "Empatan (mejoran la ruta por igual): Extraversión, Engagement Relacional." in text
