"""Person-centred endpoints: personal routes, fit-now and leverage."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest

from api.models.person import PERSON_EXAMPLE
from graph.catalog import Catalog
from graph.model import Role
from graph.personal import Person, personal_best
from graph.personal.fit_now import fit_now
from graph.search import Constraints
from graph.traits import Profile
from stores.memory import MemoryStore
from tests.unit.api.conftest import ClientFactory, assert_problem, bundled_catalog, error_fields

pytestmark = pytest.mark.anyio

#: Lucía, the worked example of docs/model.md, as the API's example person.
LUCIA: dict[str, Any] = PERSON_EXAMPLE
LUCIA_PERSON = Person(
    scores=Profile.from_scores([72, 78, 38, 58, 70, 44]), current_role="mlops-engineer"
)


async def test_personal_route_matches_the_domain(client: httpx.AsyncClient) -> None:
    body = {"to": "chief-data-officer", "person": LUCIA, "constraints": {"max_trait_step": 10}}
    r = await client.post("/v1/routes", json=body)
    assert r.status_code == 200, r.text
    [route] = r.json()["routes"]
    graph = bundled_catalog().to_graph()
    expected = personal_best(
        graph, LUCIA_PERSON, "chief-data-officer", Constraints(max_trait_step=10)
    )
    assert expected is not None
    assert route["roles"] == list(expected.roles)
    assert [s["months"] for s in route["steps"]] == [s.months for s in expected.steps]
    assert route["totals"]["months"] == expected.totals.months == 201.0
    assert [s["level_change"] for s in route["steps"]] == [0, 1, 1, 1]
    assert route["steps"][1]["actions"]["extraversion"]


async def test_fit_now_ranks_every_role(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/fit-now?lang=en", json={"person": LUCIA, "limit": 5})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(bundled_catalog().roles)
    expected = fit_now(LUCIA_PERSON, bundled_catalog().roles.values())[:5]
    assert [x["id"] for x in body["roles"]] == [e.id for e in expected]
    assert [x["fit"] for x in body["roles"]] == [e.fit for e in expected]
    assert all(x["name"] for x in body["roles"])


def _many_roles(count: int) -> Catalog:
    """``count`` roles, ``role-0000`` fitting LUCIA best and the last one worst."""
    roles = [
        Role(id=f"role-{n:04d}", name=f"Rol {n}", profile=Profile.from_scores([n % 101] * 6))
        for n in range(count)
    ]
    return Catalog.build(roles, [])


async def test_fit_now_ids_rank_only_those_roles_past_any_limit(
    client_for: ClientFactory,
) -> None:
    catalog = _many_roles(620)
    ranked = fit_now(LUCIA_PERSON, catalog.roles.values())
    last = ranked[-1].id
    async with client_for(MemoryStore(catalog)) as c:
        top = (await c.post("/v1/fit-now", json={"person": LUCIA, "limit": 500})).json()
        assert top["total"] == 620 and last not in [x["id"] for x in top["roles"]]
        r = await c.post("/v1/fit-now", json={"person": LUCIA, "ids": [last, ranked[0].id, last]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 2
    assert [(x["id"], x["fit"]) for x in body["roles"]] == [
        (ranked[0].id, ranked[0].fit),
        (last, ranked[-1].fit),
    ]


async def test_fit_now_names_every_unknown_id(client: httpx.AsyncClient) -> None:
    ids = ["chief-data-officer", "mlops-enginer", "head-of-ai", "nobody-at-all"]
    r = await client.post("/v1/fit-now?lang=en", json={"person": LUCIA, "ids": ids})
    body = assert_problem(r, 422, "invalid-request")
    assert error_fields(body) == ["ids[1]", "ids[3]"]
    first, second = body["errors"]
    assert first["type"] == second["type"] == "unknown_role"
    assert first["message"] == "Unknown role 'mlops-enginer'. Did you mean: mlops-engineer?"
    assert second["message"].startswith("Unknown role 'nobody-at-all'.")
    spanish = (await client.post("/v1/fit-now?lang=es", json={"person": LUCIA, "ids": ids})).json()
    assert spanish["errors"][0]["message"].startswith(
        "El catálogo no tiene el rol 'mlops-enginer'."
    )


async def test_leverage_names_the_trait_to_work_on(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/v1/leverage?lang=en", json={"person": LUCIA, "to": "chief-data-officer"}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["best_trait"] in ("extraversion", "relational_engagement")
    gains = [t["improvement"] for t in body["by_trait"]]
    assert gains == sorted(gains, reverse=True)
    assert body["by_trait"][0]["label"] in ("Extraversion", "Relational Engagement")


async def test_bad_person_is_a_422_naming_the_field(client: httpx.AsyncClient) -> None:
    bad = {**LUCIA, "scores": {**LUCIA["scores"], "openness": 140}}
    body = assert_problem(await client.post("/v1/fit-now", json={"person": bad}), 422)
    assert error_fields(body) == ["person.scores.openness"]
    missing = {"scores": {"openness": 50}}
    body = assert_problem(
        await client.post("/v1/routes", json={"to": "chief-data-officer", "person": missing}), 422
    )
    assert "person.scores.extraversion" in error_fields(body)


async def test_unknown_target_suggests(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/leverage", json={"person": LUCIA, "to": "mlops"})
    body = assert_problem(r, 404, "unknown-role")
    assert body["suggestions"] == ["mlops-engineer"]


async def test_scores_never_reach_the_logs(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    unusual = {**LUCIA, "scores": {**LUCIA["scores"], "openness": 71.234}}
    await client.post("/v1/fit-now", json={"person": unusual})
    await client.post("/v1/routes", json={"to": "chief-data-officer", "person": unusual})
    assert "71.234" not in caplog.text


async def test_person_answers_are_never_cached(client: httpx.AsyncClient, app: Any) -> None:
    await client.post("/v1/routes", json={"to": "chief-data-officer", "person": LUCIA})
    assert app.state.answers._items == {}
    query = {"from": "mlops-engineer", "to": "chief-technology-officer"}
    first = await client.post("/v1/routes", json=query)
    second = await client.post("/v1/routes", json=query)
    assert first.status_code == 200
    assert first.content == second.content
    assert len(app.state.answers._items) == 1
