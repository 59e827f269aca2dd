"""The CLI and the API are adapters over the same use cases: they give the same answers.

Each case asks one question through ``rumbo ... --json`` (a real process) and through the
HTTP API (the app in-process), on the bundled catalog, and compares the JSON.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from api.models.person import PERSON_EXAMPLE
from tests.unit.cli.cli_batch import rumbo_batch

pytestmark = pytest.mark.anyio

SCORES = "O=72,C=78,E=38,A=58,ES=70,RE=44"
#: The API's example person (at mlops-engineer), whose scores SCORES gives the CLI.
AT_MLOPS = PERSON_EXAMPLE
PERSON = {"scores": PERSON_EXAMPLE["scores"]}

#: (CLI argv, HTTP method, path, JSON body or None, keys of the answers to compare)
CASES: list[tuple[list[str], str, str, dict[str, Any] | None, tuple[str, ...] | None]] = [
    (
        ["route", "mlops-engineer", "chief-data-officer", "--lang", "en"],
        "POST",
        "/v1/routes?lang=en",
        {"from": "mlops-engineer", "to": "chief-data-officer"},
        None,
    ),
    (
        ["route", "mlops-engineer", "chief-data-officer", "--k", "3", "--max-steps", "3"],
        "POST",
        "/v1/routes",
        {
            "from": "mlops-engineer",
            "to": "chief-data-officer",
            "mode": "alternatives",
            "k": 3,
            "constraints": {"max_steps": 3},
        },
        None,
    ),
    (
        ["route", "mlops-engineer", "chief-data-officer", "--pareto"],
        "POST",
        "/v1/routes",
        {"from": "mlops-engineer", "to": "chief-data-officer", "mode": "pareto"},
        None,
    ),
    (
        ["route", "-", "chief-data-officer", "--scores", SCORES, "--shortest-gap"],
        "POST",
        "/v1/routes",
        {"to": "chief-data-officer", "mode": "shortest-gap", "person": PERSON},
        None,
    ),
    (
        ["roles", "--search", "DATOS"],
        "GET",
        "/v1/roles?q=DATOS&limit=200",
        None,
        ("catalog_version", "lang", "total", "items"),
    ),
    (
        ["roles", "--search", "ingeniería", "--lang", "en"],
        "GET",
        "/v1/roles?q=ingenier%C3%ADa&limit=200&lang=en",
        None,
        ("catalog_version", "lang", "total", "items"),
    ),
    (
        ["role", "mlops-engineer", "--lang", "en"],
        "GET",
        "/v1/roles/mlops-engineer?lang=en",
        None,
        None,
    ),
    (
        ["reachable", "mlops-engineer", "--steps", "2"],
        "GET",
        "/v1/roles/mlops-engineer/reachable?steps=2",
        None,
        None,
    ),
    (
        ["reachable", "mlops-engineer", "--steps", "2", "--scores", SCORES],
        "POST",
        "/v1/reachable",
        {"person": AT_MLOPS, "constraints": {"max_steps": 2}},
        None,
    ),
    (
        ["reachable", "-", "--steps", "1", "--scores", SCORES, "--lang", "en"],
        "POST",
        "/v1/reachable?lang=en",
        {"person": PERSON, "constraints": {"max_steps": 1}},
        None,
    ),
    (
        ["fit-now", "--scores", SCORES, "--top", "7"],
        "POST",
        "/v1/fit-now",
        {"person": PERSON, "limit": 7},
        None,
    ),
    (
        [
            "leverage",
            "chief-data-officer",
            "--from",
            "mlops-engineer",
            "--scores",
            SCORES,
            "--points",
            "10",
        ],
        "POST",
        "/v1/leverage",
        {"person": AT_MLOPS, "to": "chief-data-officer", "points": 10},
        None,
    ),
]


async def test_the_cli_and_the_api_give_the_same_answers(client: httpx.AsyncClient) -> None:
    printed = rumbo_batch([[*argv, "--json"] for argv, *_ in CASES])
    for (argv, method, path, body, keys), cli in zip(CASES, printed, strict=True):
        assert cli.returncode == 0, (argv, cli.stderr)
        response = await client.request(method, path, json=body)
        assert response.status_code == 200, (path, response.text)
        from_cli, from_api = json.loads(cli.stdout), response.json()
        if keys is not None:
            from_cli = {k: from_cli[k] for k in keys}
            from_api = {k: from_api[k] for k in keys}
        assert from_cli == from_api, argv
        assert _has_content(from_api), argv


def _has_content(answer: dict[str, Any]) -> bool:
    """Whether the answer found something (an empty answer would agree trivially)."""
    for key in ("routes", "items", "roles", "by_trait", "traits"):
        if key in answer:
            return bool(answer[key])
    return False
