"""``POST /v1/routes``: every mode, stable serialisation, languages and every error shape."""

from __future__ import annotations

import json

import httpx
import networkx as nx
import pytest

from graph.search import Constraints
from graph.store import CatalogSnapshot
from tests.unit.api.conftest import MLOPS_TO_CDO, assert_problem, bundled_catalog, error_fields
from usecases.modes import Mode
from usecases.routes import RouteQuery, answer_routes

pytestmark = pytest.mark.anyio


async def test_mlops_to_cdo_alternatives(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/routes", json=MLOPS_TO_CDO)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["catalog_version"] == 1
    assert body["mode"] == "alternatives"
    assert body["reason"] is None
    assert 1 <= len(body["routes"]) <= 5
    scores = [route["totals"]["score"] for route in body["routes"]]
    assert scores == sorted(scores)
    for route in body["routes"]:
        assert route["roles"][0] == "mlops-engineer"
        assert route["roles"][-1] == "chief-data-officer"
        assert len(route["steps"]) == route["totals"]["steps"] == len(route["roles"]) - 1
        pairs = zip(route["roles"], route["roles"][1:], strict=False)
        for step, (a, b) in zip(route["steps"], pairs, strict=True):
            assert (step["from"], step["to"]) == (a, b)
            assert set(step) >= {"from", "to", "fit", "strengths", "develop", "origin"}
        assert set(route["totals"]) >= {
            "cumulative_fit",
            "weakest_step",
            "mean_step_fit",
            "effort",
            "develop",
            "steps",
        }
        assert route["explanation"].startswith(f"{route['totals']['steps']} paso")
        assert all(role in body["names"] for role in route["roles"])
    assert r.headers["x-catalog-version"] == "1"


async def test_answer_matches_the_domain(client: httpx.AsyncClient) -> None:
    body = (await client.post("/v1/routes?lang=en", json=MLOPS_TO_CDO)).json()
    snapshot = CatalogSnapshot(1, bundled_catalog())
    expected = answer_routes(snapshot, RouteQuery.model_validate(MLOPS_TO_CDO), "en")
    assert body["routes"] == [r.model_dump(mode="json", by_alias=True) for r in expected.routes]


@pytest.mark.parametrize("mode", [m.value for m in Mode])
async def test_every_mode_answers(client: httpx.AsyncClient, mode: str) -> None:
    query = {"from": "data-analyst", "to": "director-of-data", "mode": mode, "k": 3}
    r = await client.post("/v1/routes", json=query)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["mode"] == mode
    assert body["routes"], body["reason"]
    if mode in ("best", "shortest-gap"):
        assert len(body["routes"]) == 1
    if mode == "alternatives":
        assert len(body["routes"]) <= 3
    if mode == "shortest-gap":
        pareto = (await client.post("/v1/routes", json={**query, "mode": "pareto"})).json()
        least = min(route["totals"]["effort"] for route in pareto["routes"])
        assert body["routes"][0]["totals"]["effort"] == least


async def test_same_query_serialises_to_the_same_bytes(client: httpx.AsyncClient) -> None:
    query = {**MLOPS_TO_CDO, "mode": "pareto"}
    first = await client.post("/v1/routes", json=query)
    for _ in range(3):
        again = await client.post("/v1/routes", json=query)
        assert again.content == first.content
    reordered = json.dumps(dict(reversed(list(query.items()))))
    same = await client.post(
        "/v1/routes", content=reordered, headers={"Content-Type": "application/json"}
    )
    assert same.content == first.content


async def test_objective_and_constraints_are_applied(client: httpx.AsyncClient) -> None:
    query = {
        "from": "mlops-engineer",
        "to": "chief-data-officer",
        "mode": "alternatives",
        "k": 10,
        "objective": {"fit_weight": 1.0, "effort_weight": 0.0},
        "constraints": {
            "max_steps": 3,
            "min_step_fit": 0.6,
            "avoid": ["platform-engineer"],
            "max_step_effort": 30,
            "curated_only": True,
        },
    }
    body = (await client.post("/v1/routes", json=query)).json()
    assert body["routes"], body["reason"]
    for route in body["routes"]:
        assert route["totals"]["steps"] <= 3
        assert "platform-engineer" not in route["roles"]
        for step in route["steps"]:
            assert step["fit"] >= 0.6
            assert sum(step["develop"].values()) <= 30
            assert step["origin"] != "derived"


async def test_via_roles_are_visited_in_order(client: httpx.AsyncClient) -> None:
    query = {
        "from": "mlops-engineer",
        "to": "chief-data-officer",
        "constraints": {"via": ["data-governance-specialist"], "max_steps": 5},
    }
    body = (await client.post("/v1/routes", json=query)).json()
    assert body["routes"]
    assert "data-governance-specialist" in body["routes"][0]["roles"]


async def test_explanations_switch_language(client: httpx.AsyncClient) -> None:
    query = {"from": "mlops-engineer", "to": "chief-data-officer", "constraints": {"max_steps": 1}}
    es = (await client.post("/v1/routes", json=query)).json()
    en = (await client.post("/v1/routes", json=query, headers={"Accept-Language": "en-GB"})).json()
    assert es["lang"] == "es" and en["lang"] == "en"
    assert es["routes"][0]["explanation"].startswith("1 paso: ")
    assert "Ajuste acumulado 48 %" in es["routes"][0]["explanation"]
    assert en["routes"][0]["explanation"].startswith("1 step: ")
    assert "Cumulative fit 48%" in en["routes"][0]["explanation"]
    step_es, step_en = es["routes"][0]["steps"][0], en["routes"][0]["steps"][0]
    for key in ("from", "to", "fit", "develop", "origin"):
        assert step_es[key] == step_en[key]


async def test_no_route_is_200_with_an_empty_list_and_the_reason(
    client: httpx.AsyncClient,
) -> None:
    snapshot = CatalogSnapshot(1, bundled_catalog())
    graph = snapshot.graph
    far = next(
        (s, t)
        for s in sorted(graph)
        for t in sorted(graph)
        if s != t and nx.has_path(graph, s, t) and nx.shortest_path_length(graph, s, t) >= 3
    )
    hops = nx.shortest_path_length(graph, *far)
    query = {"from": far[0], "to": far[1], "constraints": {"max_steps": 2}}
    r = await client.post("/v1/routes?lang=en", json=query)
    assert r.status_code == 200
    body = r.json()
    assert body["routes"] == [] and body["names"] == {}
    assert body["reason"] == (
        answer_routes(snapshot, _query(far, Constraints(max_steps=2)), "en").reason
    )
    assert f"at least {hops} steps" in body["reason"]

    strict = {**MLOPS_TO_CDO, "constraints": {"min_step_fit": 0.99}}
    body = (await client.post("/v1/routes", json=strict)).json()
    assert body["routes"] == []
    assert body["reason"].startswith("Hay rutas de MLOps Engineer a Chief Data Officer")


def _query(ends: tuple[str, str], constraints: Constraints) -> RouteQuery:
    return RouteQuery(source=ends[0], target=ends[1], constraints=constraints)


@pytest.mark.parametrize(
    ("change", "field", "message_part"),
    [
        ({"from": "mlops"}, "from", None),
        ({"to": "chief-data-oficer"}, "to", None),
        ({"constraints": {"avoid": ["ai-reseacher"]}}, "constraints.avoid", None),
        ({"constraints": {"via": ["data-governance"]}}, "constraints.via", None),
    ],
)
async def test_unknown_role_in_the_body_is_404_naming_the_field(
    client: httpx.AsyncClient, change: dict[str, object], field: str, message_part: str | None
) -> None:
    r = await client.post("/v1/routes", json={**MLOPS_TO_CDO, **change})
    body = assert_problem(r, 404, "unknown-role")
    assert body["field"] == field
    assert body["suggestions"], body


async def test_unknown_mlops_suggests_mlops_engineer(client: httpx.AsyncClient) -> None:
    body = assert_problem(
        await client.post("/v1/routes", json={**MLOPS_TO_CDO, "from": "mlops"}), 404
    )
    assert body["suggestions"] == ["mlops-engineer"]
    assert body["role_id"] == "mlops"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({**MLOPS_TO_CDO, "constraints": {"max_steps": 99}}, ["constraints.max_steps"]),
        ({**MLOPS_TO_CDO, "constraints": {"max_steps": 0}}, ["constraints.max_steps"]),
        ({**MLOPS_TO_CDO, "constraints": {"min_step_fit": 1.5}}, ["constraints.min_step_fit"]),
        ({**MLOPS_TO_CDO, "constraints": {"curated_only": 0}}, ["constraints.curated_only"]),
        ({**MLOPS_TO_CDO, "constraints": {"max_steps": "4"}}, ["constraints.max_steps"]),
        ({**MLOPS_TO_CDO, "constraints": {"avoid": ["a", "a"]}}, ["constraints.avoid"]),
        ({**MLOPS_TO_CDO, "constraints": {"speed": 1}}, ["constraints.speed"]),
        ({**MLOPS_TO_CDO, "k": 0}, ["k"]),
        ({**MLOPS_TO_CDO, "k": 51}, ["k"]),
        ({**MLOPS_TO_CDO, "mode": "fastest"}, ["mode"]),
        ({**MLOPS_TO_CDO, "objective": {"fit_weight": -1}}, ["objective.fit_weight"]),
        ({**MLOPS_TO_CDO, "objective": {"fit_weight": 0, "effort_weight": 0}}, ["objective"]),
        ({"to": "chief-data-officer"}, ["from"]),
        ({**MLOPS_TO_CDO, "colour": "blue"}, ["colour"]),
        ({**MLOPS_TO_CDO, "from": ""}, ["from"]),
        ([], ["body"]),
    ],
)
async def test_invalid_body_is_422_naming_each_field(
    client: httpx.AsyncClient, body: object, fields: list[str]
) -> None:
    r = await client.post("/v1/routes", json=body)
    problem = assert_problem(r, 422, "invalid-request")
    assert error_fields(problem) == fields
    assert all(e["location"] == "body" for e in problem["errors"])
    assert all(e["message"] for e in problem["errors"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"to": "mlops-engineer"}, "to"),
        ({"constraints": {"avoid": ["chief-data-officer"]}}, "constraints.avoid"),
        ({"constraints": {"via": ["ai-researcher", "ai-researcher"]}}, "constraints.via"),
        (
            {"constraints": {"via": ["ai-researcher", "data-architect"], "max_steps": 2}},
            "constraints.max_steps",
        ),
    ],
)
async def test_contradictory_query_is_422_naming_the_field(
    client: httpx.AsyncClient, change: dict[str, object], field: str
) -> None:
    r = await client.post("/v1/routes", json={**MLOPS_TO_CDO, **change})
    problem = assert_problem(r, 422, "invalid-query")
    assert error_fields(problem) == [field]


async def test_malformed_json_is_422(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/v1/routes", content=b'{"from": ', headers={"Content-Type": "application/json"}
    )
    problem = assert_problem(r, 422, "invalid-request")
    assert problem["errors"][0]["type"] == "json_invalid"
    assert error_fields(problem) == ["body"]


async def test_body_over_the_limit_is_413(client: httpx.AsyncClient) -> None:
    huge = {**MLOPS_TO_CDO, "constraints": {"avoid": ["x" * 70] * 2000}}
    r = await client.post("/v1/routes", json=huge)
    problem = assert_problem(r, 413, "body-too-large")
    assert "65536" in problem["detail"]
    assert r.headers["x-catalog-version"] == "1"


async def test_wrong_method_is_405_with_allow(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/routes")
    assert_problem(r, 405)
    assert r.headers["allow"] == "POST"
    r = await client.put("/v1/traits")
    assert_problem(r, 405)
    assert r.headers["allow"] == "GET, HEAD"
    r = await client.post("/v1/roles/mlops-engineer")
    assert_problem(r, 405)
    assert r.headers["allow"] == "DELETE, GET, HEAD, PUT"


async def test_unknown_path_is_a_404_problem(client: httpx.AsyncClient) -> None:
    problem = assert_problem(await client.get("/v2/routes"), 404)
    assert problem["type"] == "about:blank"


PERSON = {
    "scores": {
        "openness": 66,
        "conscientiousness": 78,
        "extraversion": 40,
        "agreeableness": 52,
        "emotional_stability": 70,
        "relational_engagement": 45,
    },
    "current_role": "mlops-engineer",
}


async def test_personal_route_starts_at_the_current_role_and_has_months(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post("/v1/routes?lang=en", json={"to": "chief-data-officer", "person": PERSON})
    assert r.status_code == 200, r.text
    route = r.json()["routes"][0]
    assert route["roles"][0] == "mlops-engineer"
    assert route["roles"][-1] == "chief-data-officer"
    assert route["totals"]["months"] > 0
    assert all(step["months"] is not None for step in route["steps"])


async def test_personal_route_without_a_current_role_enters_the_first_role(
    client: httpx.AsyncClient,
) -> None:
    person = {"scores": PERSON["scores"]}
    body = (
        await client.post("/v1/routes", json={"to": "chief-data-officer", "person": person})
    ).json()
    first = body["routes"][0]["steps"][0]
    assert first["from"] is None and first["origin"] is None


@pytest.mark.parametrize(
    ("body", "field", "status"),
    [
        ({"to": "chief-data-officer"}, "from", 422),
        ({"from": "data-engineer", "to": "chief-data-officer", "person": PERSON}, None, 422),
        (
            {"to": "chief-data-officer", "person": {**PERSON, "current_role": "mlop"}},
            "person.current_role",
            404,
        ),
        (
            {
                "to": "chief-data-officer",
                "person": {**PERSON, "scores": {**PERSON["scores"], "openness": 140}},
            },
            "person.scores.openness",
            422,
        ),
        (
            {
                "to": "chief-data-officer",
                "person": {**PERSON, "scores": {**PERSON["scores"], "openness": "66"}},
            },
            "person.scores.openness",
            422,
        ),
    ],
)
async def test_person_errors_name_the_field(
    client: httpx.AsyncClient, body: dict[str, object], field: str | None, status: int
) -> None:
    problem = assert_problem(await client.post("/v1/routes", json=body), status)
    if status == 404:
        assert problem["field"] == field
        assert problem["suggestions"] == ["mlops-engineer"]
    else:
        assert error_fields(problem) == [field or "person.current_role"]
