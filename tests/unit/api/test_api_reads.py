"""Read endpoints: traits, role search and detail, reachability, languages, version headers."""

from __future__ import annotations

import httpx
import pytest

from tests.unit.api.conftest import CATALOG_ID, ClientFactory, assert_problem, bundled_catalog

pytestmark = pytest.mark.anyio


async def test_health_needs_no_store_and_carries_the_version(client: httpx.AsyncClient) -> None:
    r = await client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}
    assert r.headers["x-catalog-version"] == "1"
    assert r.headers["etag"] == f'W/"{CATALOG_ID}-1"'


async def test_ready_reports_the_loaded_projection(client: httpx.AsyncClient) -> None:
    r = await client.get("/ready")
    assert r.status_code == 200
    body = r.json()
    catalog = bundled_catalog()
    assert body["status"] == "ready"
    assert body["store"] == "memory"
    assert body["catalog_version"] == 1
    assert body["roles"] == len(catalog.roles)
    assert body["transitions"] == len(catalog.transitions)
    assert body["graph_edges"] >= len(catalog.transitions)


async def test_traits_in_both_languages(client: httpx.AsyncClient) -> None:
    es = (await client.get("/v1/traits")).json()
    en = (await client.get("/v1/traits", params={"lang": "en"})).json()
    assert [t["id"] for t in es["traits"]] == [
        "openness",
        "conscientiousness",
        "extraversion",
        "agreeableness",
        "emotional_stability",
        "relational_engagement",
    ]
    assert es["lang"] == "es" and es["traits"][0]["label"] == "Apertura"
    assert en["lang"] == "en" and en["traits"][0]["label"] == "Openness"
    assert es["traits"][4]["code"] == "ES"
    assert es["catalog_version"] == 1


async def test_roles_page_through_the_whole_catalog(client: httpx.AsyncClient) -> None:
    ids: list[str] = []
    offset = 0
    while True:
        page = (await client.get("/v1/roles", params={"limit": 7, "offset": offset})).json()
        assert page["total"] == len(bundled_catalog().roles)
        assert page["limit"] == 7 and page["offset"] == offset
        ids += [item["id"] for item in page["items"]]
        offset += 7
        if offset >= page["total"]:
            break
    assert ids == sorted(bundled_catalog().roles)


async def test_roles_search_by_spanish_or_english_name_ignoring_accents(
    client: httpx.AsyncClient,
) -> None:
    spanish = (await client.get("/v1/roles", params={"q": "ingenieria"})).json()
    assert spanish["total"] >= 1
    assert all(
        "ingenier" in (i["name_es"].lower().replace("í", "i")) or "ingenier" in i["id"]
        for i in spanish["items"]
    )
    english = (await client.get("/v1/roles", params={"q": "MLOps"})).json()
    assert [i["id"] for i in english["items"]] == ["mlops-engineer"]


async def test_roles_filter_by_family_and_level(client: httpx.AsyncClient) -> None:
    catalog = bundled_catalog()
    expected = sorted(
        r.id for r in catalog.roles.values() if r.family == "data" and r.level == "senior"
    )
    page = (await client.get("/v1/roles", params={"family": "data", "level": "senior"})).json()
    assert page["total"] == len(expected) > 0
    assert [i["id"] for i in page["items"]] == expected[:20]
    assert all(i["family"] == "data" and i["level"] == "senior" for i in page["items"])


async def test_roles_search_with_no_match_is_an_empty_page(client: httpx.AsyncClient) -> None:
    page = (await client.get("/v1/roles", params={"q": "astronaut"})).json()
    assert page["total"] == 0 and page["items"] == []


@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": 0}, "limit"), ({"limit": 1000}, "limit"), ({"offset": -1}, "offset")],
)
async def test_roles_pagination_limits_name_the_parameter(
    client: httpx.AsyncClient, params: dict[str, int], field: str
) -> None:
    r = await client.get("/v1/roles", params=params)
    body = assert_problem(r, 422, "invalid-request")
    assert body["errors"] == [
        {
            "field": field,
            "location": "query",
            "message": body["errors"][0]["message"],
            "type": body["errors"][0]["type"],
        }
    ]


async def test_role_detail_has_profile_guide_and_catalog_transitions(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/v1/roles/mlops-engineer")
    assert r.status_code == 200
    role = r.json()
    catalog = bundled_catalog()
    source = catalog.roles["mlops-engineer"]
    assert role["id"] == "mlops-engineer"
    assert role["catalog_version"] == 1
    assert role["profile"] == source.profile.model_dump()
    assert [t["trait"] for t in role["traits"]] == list(source.profile.model_dump())
    assert role["traits"][0]["label"] == "Apertura"
    assert role["traits"][0]["note"] == source.profile_notes.get("openness")
    assert role["strengths"] == list(source.strengths)
    assert role["red_flags"] == list(source.red_flags)
    assert len(role["interview_questions"]) == len(source.interview_questions)
    assert role["archetypes"][0]["name"] == source.archetypes[0].name
    assert [(t["from"], t["to"]) for t in role["outgoing"]] == [
        t.key for t in catalog.outgoing("mlops-engineer")
    ]
    assert [(t["from"], t["to"]) for t in role["incoming"]] == [
        t.key for t in catalog.incoming("mlops-engineer")
    ]
    cdo = next(t for t in role["outgoing"] if t["to"] == "chief-data-officer")
    assert cdo["fit"] == 0.48
    assert cdo["develop"] == {"extraversion": 20, "relational_engagement": 18}
    assert cdo["effort"] == 38
    assert cdo["origin"] == "curated"
    assert cdo["other_name"] == catalog.roles["chief-data-officer"].name
    assert all(t["origin"] != "derived" for t in role["outgoing"] + role["incoming"])


async def test_unknown_role_is_404_with_suggestions(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/roles/mlops")
    body = assert_problem(r, 404, "unknown-role")
    assert body["role_id"] == "mlops"
    assert body["suggestions"] == ["mlops-engineer"]
    assert "mlops-engineer" in str(body["detail"])
    assert body["catalog_version"] == 1
    assert r.headers["x-catalog-version"] == "1"


async def test_reachable_lists_best_routes_in_cost_order(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/roles/mlops-engineer/reachable", params={"steps": 1})
    assert r.status_code == 200
    body = r.json()
    assert body["from"] == "mlops-engineer" and body["steps"] == 1
    assert body["total"] == len(body["roles"]) > 0
    scores = [entry["route"]["totals"]["score"] for entry in body["roles"]]
    assert scores == sorted(scores)
    for entry in body["roles"]:
        assert entry["route"]["roles"] == ["mlops-engineer", entry["id"]]
        assert entry["route"]["explanation"].startswith("1 paso")
    two = (await client.get("/v1/roles/mlops-engineer/reachable?steps=2")).json()
    assert two["total"] > body["total"]


async def test_reachable_curated_only_uses_catalog_edges(client: httpx.AsyncClient) -> None:
    params = {"steps": 1, "curated_only": "true", "lang": "en"}
    body = (await client.get("/v1/roles/mlops-engineer/reachable", params=params)).json()
    expected = {t.target for t in bundled_catalog().outgoing("mlops-engineer")}
    assert {entry["id"] for entry in body["roles"]} == expected
    assert all(entry["route"]["steps"][0]["origin"] != "derived" for entry in body["roles"])


async def test_reachable_errors_name_the_query_parameter(client: httpx.AsyncClient) -> None:
    body = assert_problem(await client.get("/v1/roles/mlops-engineer/reachable?steps=99"), 422)
    assert [e["field"] for e in body["errors"]] == ["steps"]
    avoid_self = await client.get("/v1/roles/mlops-engineer/reachable?avoid=mlops-engineer")
    body = assert_problem(avoid_self, 422, "invalid-query")
    assert body["errors"][0]["field"] == "avoid"
    unknown = await client.get("/v1/roles/mlops-engineer/reachable?avoid=data-enginer")
    body = assert_problem(unknown, 404, "unknown-role")
    assert body["field"] == "avoid"
    assert body["suggestions"][0] == "data-engineer"
    body = assert_problem(await client.get("/v1/roles/mlop/reachable"), 404, "unknown-role")
    assert body["suggestions"] == ["mlops-engineer"]


@pytest.mark.parametrize(
    ("headers", "params", "lang"),
    [
        ({}, {}, "es"),
        ({"Accept-Language": "en-US,en;q=0.9"}, {}, "en"),
        ({"Accept-Language": "fr-FR,es;q=0.3,en;q=0.2"}, {}, "es"),
        ({"Accept-Language": "de"}, {}, "es"),
        ({"Accept-Language": "en"}, {"lang": "es"}, "es"),
        ({}, {"lang": "en"}, "en"),
    ],
)
async def test_language_from_query_or_accept_language(
    client: httpx.AsyncClient, headers: dict[str, str], params: dict[str, str], lang: str
) -> None:
    r = await client.get("/v1/roles/data-engineer", headers=headers, params=params)
    assert r.status_code == 200
    role = bundled_catalog().roles["data-engineer"]
    assert r.json()["lang"] == lang
    assert r.json()["name"] == role.display_name(lang)
    assert r.headers["content-language"] == lang
    assert "Accept-Language" in r.headers["vary"]


async def test_unsupported_lang_parameter_is_422(client: httpx.AsyncClient) -> None:
    body = assert_problem(await client.get("/v1/traits?lang=fr"), 422, "invalid-request")
    assert body["errors"][0]["field"] == "lang"


async def test_reads_need_a_key_only_when_configured(client_for: ClientFactory) -> None:
    async with client_for(read_requires_key=True) as c:
        assert_problem(await c.get("/v1/traits"), 401, "missing-api-key")
        assert_problem(await c.get("/v1/roles", headers={"X-API-Key": "nope"}), 403)
        ok = await c.get("/v1/roles", headers={"X-API-Key": "test-key-0123456789"})
        assert ok.status_code == 200
        assert (await c.get("/health")).status_code == 200
        assert (await c.get("/ready")).status_code == 200
