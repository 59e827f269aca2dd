"""Error answers speak the negotiated language: ``?lang=``, else ``Accept-Language``, else
Spanish. Every problem's ``title`` and ``detail`` come from usecases/messages.py."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from graph.traits import TRAITS, Language
from tests.unit.api.conftest import API_KEY, ClientFactory, assert_problem, make_settings
from usecases.messages import MESSAGES
from usecases.store import open_store

pytestmark = pytest.mark.anyio

KEY = {"X-API-Key": API_KEY}
ROUTE = {"from": "mlops-engineer", "to": "chief-data-officer"}
ROLE_BODY = {
    "name": "Rol de prueba",
    "profile": dict.fromkeys([t.value for t in TRAITS], 50),
}

#: (method, path, headers, JSON body, status, problem kind, title key)
CASES: list[tuple[str, str, dict[str, str], Any, int, str | None, str]] = [
    ("POST", "/v1/routes", {}, {"to": 3}, 422, "invalid-request", "problem.invalid_request"),
    ("GET", "/v1/roles/mlops", {}, None, 404, "unknown-role", "problem.unknown_role"),
    (
        "DELETE",
        "/v1/transitions/chief-data-officer/data-analyst",
        KEY,
        None,
        404,
        "unknown-transition",
        "problem.unknown_transition",
    ),
    (
        "POST",
        "/v1/routes",
        {},
        {**ROUTE, "to": "mlops-engineer"},
        422,
        "invalid-query",
        "problem.invalid_query",
    ),
    ("PUT", "/v1/roles/x-role", {}, ROLE_BODY, 401, "missing-api-key", "problem.missing_api_key"),
    (
        "PUT",
        "/v1/roles/x-role",
        {"X-API-Key": "wrong"},
        ROLE_BODY,
        403,
        "invalid-api-key",
        "problem.invalid_api_key",
    ),
    (
        "PUT",
        "/v1/roles/x-role",
        {**KEY, "If-Match": "7"},
        ROLE_BODY,
        412,
        "version-conflict",
        "problem.version_conflict",
    ),
    ("PATCH", "/v1/roles", {}, None, 405, None, "problem.method_not_allowed"),
    ("GET", "/v2/nothing", {}, None, 404, None, "problem.not_found"),
    (
        "POST",
        "/v1/routes",
        {},
        {**ROUTE, "pad": "x" * 70_000},
        413,
        "body-too-large",
        "problem.body_too_large",
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "headers", "body", "status", "kind", "key"),
    CASES,
    ids=[f"{c[4]}-{c[6]}" for c in CASES],
)
@pytest.mark.parametrize(
    ("ask", "lang"),
    [({"Accept-Language": "en-GB,en;q=0.9"}, "en"), ({"Accept-Language": "es"}, "es"), ({}, "es")],
)
async def test_each_problem_speaks_the_negotiated_language(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    headers: dict[str, str],
    body: Any,
    status: int,
    kind: str | None,
    key: str,
    ask: dict[str, str],
    lang: str,
) -> None:
    r = await client.request(method, path, headers={**headers, **ask}, json=body)
    problem = assert_problem(r, status, kind)
    assert problem["title"] == MESSAGES[f"{key}.title"]["en" if lang == "en" else "es"]
    assert r.headers["content-language"] == lang
    assert problem.get("detail")


async def test_lang_in_the_query_wins_over_accept_language(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/roles/mlops?lang=en", headers={"Accept-Language": "es"})
    problem = assert_problem(r, 404, "unknown-role")
    assert problem["title"] == "Unknown role"
    assert problem["detail"] == "Unknown role 'mlops'. Did you mean: mlops-engineer?"
    r = await client.get("/v1/roles/mlops", headers={"Accept-Language": "es"})
    assert assert_problem(r, 404)["detail"] == (
        "El catálogo no tiene el rol 'mlops'. ¿Quisiste decir: mlops-engineer?"
    )


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/routes", {**ROUTE, "to": "mlops-engineer"}),
        ("/v1/routes", {**ROUTE, "constraints": {"avoid": ["chief-data-officer"]}}),
        ("/v1/routes", {**ROUTE, "constraints": {"via": ["data-engineer", "data-engineer"]}}),
        ("/v1/routes", {**ROUTE, "constraints": {"via": ["mlops-engineer"]}}),
        (
            "/v1/routes",
            {**ROUTE, "constraints": {"via": ["data-engineer"], "avoid": ["data-engineer"]}},
        ),
        (
            "/v1/routes",
            {**ROUTE, "constraints": {"via": ["data-engineer"], "max_steps": 1}},
        ),
        (
            "/v1/reachable",
            {"from": "mlops-engineer", "constraints": {"via": ["data-engineer"]}},
        ),
    ],
)
async def test_every_query_error_of_the_search_is_translated(
    client: httpx.AsyncClient, path: str, body: dict[str, Any]
) -> None:
    english = assert_problem(await client.post(f"{path}?lang=en", json=body), 422, "invalid-query")
    spanish = assert_problem(await client.post(f"{path}?lang=es", json=body), 422, "invalid-query")
    assert english["detail"].endswith(".")  # worded by the API, not the search's raw text
    assert spanish["detail"] != english["detail"]
    assert spanish["errors"][0]["message"] == spanish["detail"]


async def test_read_only_catalog_explains_itself_in_both_languages(
    client_for: ClientFactory,
) -> None:
    store = open_store(make_settings(catalog_dir=None, neo4j_uri=None))
    words: tuple[tuple[Language, str], ...] = (("en", "bundled"), ("es", "incluido"))
    async with client_for(store) as c:
        for lang, word in words:
            r = await c.delete(f"/v1/roles/mlops-engineer?lang={lang}", headers=KEY)
            problem = assert_problem(r, 409, "catalog-read-only")
            assert problem["title"] == MESSAGES["problem.read_only.title"][lang]
            assert word in problem["detail"] and "--writable" in problem["detail"]
