"""The ``rumbo`` command as users run it: a real process, its output and exit code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
SEED = REPO.parent / "shared" / "seeds" / "000_73f37a781e8cd7e2.txt"


def rumbo(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from rumbo_cli.main import run; run()", *args]
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )


def test_five_routes_with_explanations() -> None:
    result = rumbo("route", "mlops-engineer", "chief-data-officer", "--k", "5")
    assert result.returncode == 0, result.stderr
    assert [f"Ruta {i}" in result.stdout for i in range(1, 6)] == [True] * 5
    assert "fortalezas:" in result.stdout and "a desarrollar:" in result.stdout
    assert "Ruta 6" not in result.stdout


def test_pareto_frontier_as_json_matches_the_api_shape() -> None:
    result = rumbo("route", "mlops-engineer", "chief-data-officer", "--pareto", "--json")
    assert result.returncode == 0, result.stderr
    routes = json.loads(result.stdout)["routes"]
    assert len(routes) >= 2
    fits = [r["totals"]["cumulative_fit"] for r in routes]
    efforts = [r["totals"]["effort"] for r in routes]
    assert fits == sorted(fits, reverse=True) and efforts == sorted(efforts, reverse=True)
    step = routes[0]["steps"][0]
    assert {"from", "to", "fit", "develop", "strengths", "origin"} <= set(step)


def test_broken_catalog_reports_every_problem_without_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(REPO / "loaders" / "bundled", folder)
    mlops = folder / "roles" / "mlops-engineer.yaml"
    mlops.write_text(mlops.read_text().replace("to: ai-researcher", "to: ai-wizard"))
    cdo = folder / "roles" / "chief-data-officer.yaml"
    cdo.write_text(cdo.read_text().replace("openness: 65", "openness: 140"))
    dg = folder / "roles" / "data-governance-specialist.yaml"
    text = dg.read_text()
    first_fit = text[text.index("fit: ") :].split("\n")[0]
    dg.write_text(text.replace(first_fit, "fit: 0", 1))
    result = rumbo("validate", str(folder))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    report = " ".join(result.stderr.split())
    assert "3 problemas en el catálogo" in report
    assert "mlops-engineer.yaml" in report and "ai-wizard" in report
    assert "chief-data-officer.yaml" in report and "profile.openness" in report
    assert "data-governance-specialist.yaml" in report and ".fit" in report


def test_unknown_role_suggests_close_matches() -> None:
    result = rumbo("route", "mlops", "chief-data-officer")
    assert result.returncode == 2
    assert "mlops-engineer" in result.stderr and "Traceback" not in result.stderr


def test_personal_route_from_scores() -> None:
    scores = "O=72,C=78,E=38,A=58,ES=70,RE=44"
    result = rumbo(
        "route",
        "mlops-engineer",
        "chief-data-officer",
        "--scores",
        scores,
        "--max-trait-step",
        "10",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    [route] = json.loads(result.stdout)["routes"]
    # Every step takes time (in role, or to develop the traits), and the route their sum.
    months = [step["months"] for step in route["steps"]]
    assert all(m > 0 for m in months)
    assert route["totals"]["months"] == pytest.approx(sum(months))
    bad = rumbo("fit-now", "--scores", "O=140,C=78,E=38,A=58,ES=70,RE=44")
    assert bad.returncode == 2 and "--scores: Apertura: 140" in bad.stderr


@pytest.mark.skipif(not SEED.exists(), reason="the seed page lives beside the repository")
def test_seed_page_imports_into_a_catalog(tmp_path: Path) -> None:
    result = rumbo("import", str(SEED), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    again = rumbo("validate", str(tmp_path / "out"))
    assert again.returncode == 0, again.stderr
