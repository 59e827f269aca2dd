"""The OpenAPI document: stable operation ids, documented models, examples, problem answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.anyio

OPERATIONS = {
    ("get", "/health"): "getHealth",
    ("get", "/ready"): "getReadiness",
    ("get", "/v1/traits"): "listTraits",
    ("get", "/v1/roles"): "listRoles",
    ("get", "/v1/roles/{role_id}"): "getRole",
    ("get", "/v1/roles/{role_id}/reachable"): "listReachableRoles",
    ("post", "/v1/reachable"): "findReachableRoles",
    ("post", "/v1/routes"): "findRoutes",
    ("post", "/v1/fit-now"): "fitNow",
    ("post", "/v1/leverage"): "leverage",
    ("get", "/v1/actions"): "listActions",
    ("put", "/v1/actions"): "putActions",
    ("put", "/v1/roles/{role_id}"): "putRole",
    ("delete", "/v1/roles/{role_id}"): "deleteRole",
    ("put", "/v1/transitions/{source}/{target}"): "putTransition",
    ("delete", "/v1/transitions/{source}/{target}"): "deleteTransition",
}


@pytest.fixture
async def schema(client: httpx.AsyncClient) -> dict[str, Any]:
    r = await client.get("/openapi.json")
    assert r.status_code == 200
    body: dict[str, Any] = r.json()
    return body


def _operations(schema: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method, path): op for path, item in schema["paths"].items() for method, op in item.items()
    }


async def test_operation_ids_are_stable(schema: dict[str, Any]) -> None:
    ops = _operations(schema)
    assert {key: op["operationId"] for key, op in ops.items()} == OPERATIONS


async def test_every_model_and_property_is_described(schema: dict[str, Any]) -> None:
    undocumented = []
    for name, model in schema["components"]["schemas"].items():
        if "enum" in model:
            continue
        if not model.get("description"):
            undocumented.append(name)
    assert undocumented == []


async def test_every_operation_has_a_summary_and_description(schema: dict[str, Any]) -> None:
    for key, op in _operations(schema).items():
        assert op.get("summary") and op.get("description"), key


async def test_route_request_example_is_mlops_to_cdo(schema: dict[str, Any]) -> None:
    request = schema["components"]["schemas"]["RouteRequest"]
    assert request["examples"] == [
        {"from": "mlops-engineer", "to": "chief-data-officer", "mode": "alternatives", "k": 5}
    ]
    body = schema["paths"]["/v1/routes"]["post"]["requestBody"]["content"]["application/json"]
    assert body["examples"]["alternatives"]["value"]["from"] == "mlops-engineer"
    assert "examples" in schema["components"]["schemas"]["RouteAnswer"]
    assert "examples" in schema["components"]["schemas"]["Problem"]


async def test_errors_are_documented_as_problem_json(schema: dict[str, Any]) -> None:
    for key, op in _operations(schema).items():
        for code, response in op["responses"].items():
            content = response.get("content", {})
            if code.startswith(("4", "5")):
                assert list(content) == ["application/problem+json"], (key, code)
                assert content["application/problem+json"]["schema"] == {
                    "$ref": "#/components/schemas/Problem"
                }
            assert "X-Catalog-Version" in response["headers"], (key, code)
    route_errors = _operations(schema)[("post", "/v1/routes")]["responses"]
    assert {"404", "422", "503"} <= set(route_errors)
    assert "Retry-After" in route_errors["503"]["headers"]
    write_errors = _operations(schema)[("put", "/v1/roles/{role_id}")]["responses"]
    assert {"401", "403", "412", "422"} <= set(write_errors)


async def test_writes_declare_the_api_key_and_reads_do_not(schema: dict[str, Any]) -> None:
    scheme = schema["components"]["securitySchemes"]["ApiKey"]
    assert scheme == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": scheme["description"],
    }
    for (method, path), op in _operations(schema).items():
        if method in ("put", "delete"):
            assert op["security"] == [{"ApiKey": []}]
        else:
            assert "security" not in op, path


async def test_optional_parameters_are_not_nullable(schema: dict[str, Any]) -> None:
    for key, op in _operations(schema).items():
        for parameter in op.get("parameters", []):
            assert "anyOf" not in parameter["schema"] or all(
                branch != {"type": "null"} for branch in parameter["schema"]["anyOf"]
            ), (key, parameter["name"])


async def test_docs_are_served(client: httpx.AsyncClient) -> None:
    assert (await client.get("/docs")).status_code == 200


async def test_every_model_has_examples(schema: dict[str, Any]) -> None:
    missing = [
        name
        for name, model in schema["components"]["schemas"].items()
        if "enum" not in model
        and "examples" not in model
        and not any("examples" in p for p in model.get("properties", {}).values())
    ]
    assert missing == []


def test_examples_are_valid_instances() -> None:
    from api.models.catalog import ProfileBody, RoleBody, TransitionBody
    from api.models.examples import SCHEMA_EXAMPLES
    from api.models.problems import Problem
    from api.models.routes import RouteRequest
    from api.models.service import Health
    from api.models.strict import RouteConstraints, RouteObjective, RoutePerson
    from graph.model import Archetype, InterviewQuestion
    from graph.routes import Totals
    from graph.traits import Profile
    from usecases.explain import ExplainedRoute
    from usecases.routes import RouteAnswer

    classes = {
        "Archetype": Archetype,
        "InterviewQuestion": InterviewQuestion,
        "Profile": Profile,
        "AssessedProfile": RoutePerson.model_fields["scores"].annotation,
        "Health": Health,
        "RouteAnswer": RouteAnswer,
        "ExplainedRoute": ExplainedRoute,
        "Totals": Totals,
        "RouteObjective": RouteObjective,
        "RouteConstraints": RouteConstraints,
        "RoutePerson": RoutePerson,
    }
    for name, example in SCHEMA_EXAMPLES.items():
        classes[name].model_validate(example)
    for model in (RouteRequest, Problem, RoleBody, ProfileBody, TransitionBody):
        for example in model.model_json_schema()["examples"]:
            model.model_validate(example)
