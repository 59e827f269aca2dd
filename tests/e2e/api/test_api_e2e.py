"""The API over real HTTP: uvicorn in its own process, httpx as the client.

Every endpoint, every error shape, auth on writes, a write followed by a
route that uses it, language switching and concurrent route queries. The
server is shared by the tests of one store, so writes use their own role ids
and clean up after themselves.
"""

from __future__ import annotations

import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from rumbo_api_server import Server

MLOPS_TO_CDO = {
    "from": "mlops-engineer",
    "to": "chief-data-officer",
    "mode": "alternatives",
    "k": 5,
}

PROFILE = {
    "openness": 100,
    "conscientiousness": 100,
    "extraversion": 100,
    "agreeableness": 100,
    "emotional_stability": 100,
    "relational_engagement": 100,
}


def problem(response: httpx.Response, status: int, kind: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-catalog-version"].isdigit()
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    if kind:
        assert body["type"] == f"urn:rumbo:problem:{kind}"
    return body


def version_of(response: httpx.Response) -> int:
    """The catalog version; the ETag names it, with the catalog's id."""
    version = int(response.headers["x-catalog-version"])
    assert re.fullmatch(f'W/"[0-9a-f]+-{version}"', response.headers["etag"])
    return version


def test_health_and_ready(server: Server) -> None:
    with server.client() as c:
        assert c.get("/health").json() == {"status": "ok"}
        ready = c.get("/ready")
        assert ready.status_code == 200
        assert ready.json()["store"] == server.store
        assert ready.json()["roles"] >= 55
        assert ready.json()["catalog_version"] == version_of(ready)


def test_reads(server: Server) -> None:
    with server.client() as c:
        traits = c.get("/v1/traits", params={"lang": "en"}).json()
        assert [t["label"] for t in traits["traits"]][:2] == ["Openness", "Conscientiousness"]
        page = c.get("/v1/roles", params={"family": "data", "limit": 3}).json()
        assert page["total"] >= len(page["items"]) == 3
        assert all(item["family"] == "data" for item in page["items"])
        found = c.get("/v1/roles", params={"q": "científico"}).json()
        assert found["total"] >= 1
        role = c.get("/v1/roles/mlops-engineer").json()
        assert role["profile"]["conscientiousness"] == 80
        assert {t["to"] for t in role["outgoing"]} >= {"chief-data-officer", "ai-researcher"}
        assert role["incoming"]
        reach = c.get("/v1/roles/mlops-engineer/reachable", params={"steps": 2}).json()
        assert reach["total"] == len(reach["roles"]) > 0


def test_language_switching(server: Server) -> None:
    query = {"from": "mlops-engineer", "to": "chief-data-officer", "constraints": {"max_steps": 1}}
    with server.client() as c:
        es = c.post("/v1/routes", json=query)
        en = c.post("/v1/routes", json=query, headers={"Accept-Language": "en-US,en;q=0.8"})
        forced = c.post("/v1/routes?lang=es", json=query, headers={"Accept-Language": "en"})
    assert es.headers["content-language"] == "es"
    assert en.headers["content-language"] == "en"
    assert es.json()["routes"][0]["explanation"].startswith("1 paso")
    assert en.json()["routes"][0]["explanation"].startswith("1 step")
    assert forced.json()["lang"] == "es"


def test_route_answers_are_byte_stable_under_concurrency(server: Server) -> None:
    with server.client() as c:
        reference = c.post("/v1/routes", json=MLOPS_TO_CDO)
        assert reference.status_code == 200
        assert reference.json()["routes"]

        def ask(_: int) -> bytes:
            response = c.post("/v1/routes", json=MLOPS_TO_CDO)
            assert response.status_code == 200
            return response.content

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(ask, range(24)))
    assert all(answer == reference.content for answer in answers)


def test_error_shapes(server: Server) -> None:
    with server.client() as c:
        unknown = problem(c.get("/v1/roles/mlops"), 404, "unknown-role")
        assert unknown["suggestions"] == ["mlops-engineer"]
        in_body = problem(c.post("/v1/routes", json={**MLOPS_TO_CDO, "from": "mlops"}), 404)
        assert in_body["field"] == "from"
        invalid = problem(
            c.post("/v1/routes", json={**MLOPS_TO_CDO, "constraints": {"max_steps": 99}}),
            422,
            "invalid-request",
        )
        assert [e["field"] for e in invalid["errors"]] == ["constraints.max_steps"]
        none = c.post("/v1/routes", json={**MLOPS_TO_CDO, "constraints": {"min_step_fit": 0.99}})
        assert none.status_code == 200
        assert none.json()["routes"] == [] and none.json()["reason"]
        problem(c.get("/v2/nothing"), 404)
        assert problem(c.delete("/v1/routes"), 405)["status"] == 405


def test_writes_need_a_key(server: Server) -> None:
    role = {"name": "Sin clave", "profile": PROFILE}
    with server.client() as c:
        problem(c.put("/v1/roles/no-key-role", json=role), 401, "missing-api-key")
        problem(
            c.put("/v1/roles/no-key-role", json=role, headers={"X-API-Key": "wrong"}),
            403,
            "invalid-api-key",
        )
        problem(c.get("/v1/roles/no-key-role"), 404, "unknown-role")


def test_invalid_score_is_422_naming_the_field(server: Server) -> None:
    role = {"name": "Rol", "profile": {**PROFILE, "openness": 140}}
    with server.client(headers={"X-API-Key": server.key}) as c:
        body = problem(c.put("/v1/roles/score-140", json=role), 422, "invalid-request")
    assert [e["field"] for e in body["errors"]] == ["profile.openness"]


def test_write_then_route_with_if_match(server: Server) -> None:
    role_id = f"e2e-role-{uuid.uuid4().hex[:8]}"
    role = {"name": "Rol de prueba", "name_en": "Test Role", "profile": PROFILE}
    query = {"from": "mlops-engineer", "to": role_id}
    with server.client(headers={"X-API-Key": server.key}) as c:
        health = c.get("/health")
        before, before_tag = version_of(health), health.headers["etag"]
        created = c.put(f"/v1/roles/{role_id}", json=role, headers={"If-Match": before_tag})
        assert created.status_code == 201, created.text
        after = version_of(created)
        assert after > before
        stale = c.put(f"/v1/roles/{role_id}", json=role, headers={"If-Match": before_tag})
        conflict = problem(stale, 412, "version-conflict")
        assert conflict["current_version"] == after

        lonely = c.post("/v1/routes?lang=en", json=query).json()
        assert lonely["routes"] == [] and lonely["reason"].startswith("No sequence")

        edge = c.put(
            f"/v1/transitions/mlops-engineer/{role_id}",
            json={"fit": 0.9, "develop": {"openness": 30}},
            headers={"If-Match": created.headers["etag"]},
        )
        assert edge.status_code == 201, edge.text
        routed = c.post("/v1/routes?lang=en", json=query)
        assert routed.status_code == 200
        assert version_of(routed) >= version_of(edge)
        route = routed.json()["routes"][0]
        assert route["roles"] == ["mlops-engineer", role_id]
        assert "Test Role" in route["explanation"]
        detail = c.get(f"/v1/roles/{role_id}").json()
        assert [t["from"] for t in detail["incoming"]] == ["mlops-engineer"]

        assert c.delete(f"/v1/transitions/mlops-engineer/{role_id}").status_code == 200
        deleted = c.delete(f"/v1/roles/{role_id}")
        assert deleted.status_code == 200
        assert deleted.json()["deleted"] == role_id
        problem(c.get(f"/v1/roles/{role_id}"), 404)


def test_openapi_is_served(server: Server) -> None:
    with server.client() as c:
        schema = c.get("/openapi.json").json()
    assert schema["paths"]["/v1/routes"]["post"]["operationId"] == "findRoutes"
