"""Catalog writes: API keys, validation like the loaders, If-Match, and writes that routes use."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import httpx
import pytest

from stores.folder import FolderStore
from stores.memory import MemoryStore
from tests.unit.api.conftest import (
    API_KEY,
    CATALOG_ID,
    ClientFactory,
    assert_problem,
    bundled_catalog,
    error_fields,
    make_settings,
)
from usecases.settings import BUNDLED_CATALOG
from usecases.store import open_store

pytestmark = pytest.mark.anyio

KEY = {"X-API-Key": API_KEY}

NEW_ROLE = {
    "name": "Ingeniero/a de Plataformas de ML",
    "name_en": "ML Platform Engineer",
    "family": "ml",
    "level": "senior",
    "description": "Construye la plataforma en la que se entrenan los modelos.",
    "profile": {
        "openness": 68,
        "conscientiousness": 82,
        "extraversion": 45,
        "agreeableness": 57,
        "emotional_stability": 74,
        "relational_engagement": 55,
    },
    "profile_notes": {"openness": "Curiosidad por nuevas herramientas"},
    "strengths": ["Automatización de pipelines"],
    "interview_questions": [{"question": "¿Cómo escalarías el entrenamiento?"}],
}

#: A profile no catalog role comes close to, so no derived edge touches the role.
ISOLATED = {**NEW_ROLE, "profile": dict.fromkeys(NEW_ROLE["profile"], 100)}

TRANSITION = {
    "fit": 0.95,
    "strengths": ["Infraestructura de ML"],
    "develop": {"relational_engagement": 5},
    "origin": "curated",
}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", "/v1/roles/ml-platform-engineer", NEW_ROLE),
        ("DELETE", "/v1/roles/mlops-engineer", None),
        ("PUT", "/v1/transitions/mlops-engineer/data-engineer", TRANSITION),
        ("DELETE", "/v1/transitions/mlops-engineer/chief-data-officer", None),
    ],
)
async def test_writes_need_a_valid_key(
    client: httpx.AsyncClient, store: MemoryStore, method: str, path: str, body: object
) -> None:
    missing = await client.request(method, path, json=body)
    assert_problem(missing, 401, "missing-api-key")
    assert "X-API-Key" in missing.headers["www-authenticate"]
    wrong = await client.request(method, path, json=body, headers={"X-API-Key": "wrong"})
    assert_problem(wrong, 403, "invalid-api-key")
    near = await client.request(method, path, json=body, headers={"X-API-Key": API_KEY[:-1]})
    assert_problem(near, 403, "invalid-api-key")
    assert store.snapshot().version == 1


async def test_auth_is_checked_before_the_body(client: httpx.AsyncClient) -> None:
    r = await client.put("/v1/roles/x", json={"name": 3})
    assert_problem(r, 401)


async def test_no_configured_key_refuses_every_write(client_for: ClientFactory) -> None:
    async with client_for(api_keys=[]) as c:
        r = await c.delete("/v1/roles/mlops-engineer", headers={"X-API-Key": ""})
        assert_problem(r, 401)
        r = await c.delete("/v1/roles/mlops-engineer", headers={"X-API-Key": "anything"})
        assert_problem(r, 403)


async def test_any_configured_key_is_accepted(client_for: ClientFactory) -> None:
    async with client_for(api_keys=["first-key", "second-key"]) as c:
        r = await c.delete(
            "/v1/transitions/mlops-engineer/chief-data-officer",
            headers={"X-API-Key": "second-key"},
        )
        assert r.status_code == 200


async def test_put_role_creates_then_replaces(client: httpx.AsyncClient) -> None:
    created = await client.put("/v1/roles/ml-platform-engineer", json=NEW_ROLE, headers=KEY)
    assert created.status_code == 201, created.text
    assert created.headers["location"] == "/v1/roles/ml-platform-engineer"
    assert created.headers["x-catalog-version"] == "2"
    assert created.headers["etag"] == f'W/"{CATALOG_ID}-2"'
    body = created.json()
    assert body["catalog_version"] == 2
    assert body["id"] == "ml-platform-engineer"
    assert body["name"] == NEW_ROLE["name"]
    assert body["profile"]["openness"] == 68
    assert body["traits"][0]["note"] == "Curiosidad por nuevas herramientas"
    assert body["outgoing"] == [] and body["incoming"] == []

    replaced = await client.put(
        "/v1/roles/ml-platform-engineer",
        json={**NEW_ROLE, "level": "lead"},
        headers={**KEY, "Accept-Language": "en"},
    )
    assert replaced.status_code == 200
    assert replaced.json()["level"] == "lead"
    assert replaced.json()["name"] == "ML Platform Engineer"
    assert replaced.json()["catalog_version"] == 3
    fetched = (await client.get("/v1/roles/ml-platform-engineer")).json()
    assert fetched["level"] == "lead" and fetched["catalog_version"] == 3


async def test_replacing_a_role_keeps_its_transitions(client: httpx.AsyncClient) -> None:
    before = (await client.get("/v1/roles/mlops-engineer")).json()
    body = {k: v for k, v in before.items() if k in NEW_ROLE or k in ("red_flags", "archetypes")}
    body["name"] = "MLOps Engineer (revisado)"
    for k in ("name_en", "family", "level", "description"):
        body[k] = before[k]
    body["profile"] = before["profile"]
    r = await client.put("/v1/roles/mlops-engineer", json=body, headers=KEY)
    assert r.status_code == 200, r.text
    after = r.json()
    assert after["name_es"] == "MLOps Engineer (revisado)"
    assert after["outgoing"] == before["outgoing"]
    assert after["incoming"] == before["incoming"]


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"profile": {**NEW_ROLE["profile"], "openness": 140}}, ["profile.openness"]),
        ({"profile": {**NEW_ROLE["profile"], "openness": -1}}, ["profile.openness"]),
        ({"profile": {**NEW_ROLE["profile"], "openness": "70"}}, ["profile.openness"]),
        ({"profile": {**NEW_ROLE["profile"], "openness": True}}, ["profile.openness"]),
        ({"profile": {**NEW_ROLE["profile"], "charm": 50}}, ["profile.charm"]),
        (
            {"profile": {"openness": 50}},
            [
                "profile.conscientiousness",
                "profile.extraversion",
                "profile.agreeableness",
                "profile.emotional_stability",
                "profile.relational_engagement",
            ],
        ),
        ({"name": ""}, ["name"]),
        ({"profile_notes": {"charm": "x"}}, ["profile_notes.charm"]),
        ({"id": "other"}, ["id"]),
        ({"transitions": []}, ["transitions"]),
    ],
)
async def test_invalid_role_is_422_naming_each_field(
    client: httpx.AsyncClient, store: MemoryStore, change: dict[str, object], fields: list[str]
) -> None:
    r = await client.put("/v1/roles/new-role", json={**NEW_ROLE, **change}, headers=KEY)
    problem = assert_problem(r, 422, "invalid-request")
    assert error_fields(problem) == fields
    assert "140" not in r.text  # input values are never echoed
    assert store.snapshot().version == 1


ENGLISH_GUIDE = {
    "description": "Builds the platform models are trained on.",
    "profile_notes": {"openness": "Curious about new tools"},
    "strengths": ["Pipeline automation"],
    "interview_questions": [{"question": "How would you scale training?"}],
    "archetypes": [{"name": "Platform builder"}],
}


async def test_put_then_get_keeps_the_english_guide_and_imputed_from(
    client: httpx.AsyncClient, store: MemoryStore
) -> None:
    body = {**NEW_ROLE, "en": ENGLISH_GUIDE, "imputed_from": ["ml-engineer", "data-engineer"]}
    r = await client.put("/v1/roles/ml-platform-engineer", json=body, headers=KEY)
    assert r.status_code == 201, r.text
    english = (await client.get("/v1/roles/ml-platform-engineer?lang=en")).json()
    assert english["guide_lang"] == "en"
    assert english["description"] == ENGLISH_GUIDE["description"]
    assert english["strengths"] == ENGLISH_GUIDE["strengths"]
    assert english["traits"][0]["note"] == "Curious about new tools"
    assert [a["name"] for a in english["archetypes"]] == ["Platform builder"]
    spanish = (await client.get("/v1/roles/ml-platform-engineer?lang=es")).json()
    assert spanish["guide_lang"] == "es" and spanish["description"] == NEW_ROLE["description"]
    assert spanish["imputed"] is True
    assert [r["id"] for r in spanish["imputed_from"]] == ["ml-engineer", "data-engineer"]
    role = store.snapshot().catalog.roles["ml-platform-engineer"]
    assert role.en is not None and role.en.strengths == ("Pipeline automation",)
    assert role.imputed_from == ("ml-engineer", "data-engineer")


async def test_a_put_of_a_bundled_role_with_its_guide_keeps_its_english(
    client: httpx.AsyncClient, store: MemoryStore
) -> None:
    before = store.snapshot().catalog.roles["mlops-engineer"]
    assert before.en is not None  # a bundled role with an English guide
    body = before.model_dump(mode="json", exclude={"id"}, exclude_none=True)
    body["level"] = "lead"
    r = await client.put("/v1/roles/mlops-engineer", json=body, headers=KEY)
    assert r.status_code == 200, r.text
    after = store.snapshot().catalog.roles["mlops-engineer"]
    assert after.en == before.en and after.level == "lead"
    english = (await client.get("/v1/roles/mlops-engineer?lang=en")).json()
    assert english["strengths"] == list(before.en.strengths)


async def test_a_folder_keeps_the_english_guide_and_imputed_from(
    client_for: ClientFactory, tmp_path: Path
) -> None:
    folder = Path(shutil.copytree(BUNDLED_CATALOG, tmp_path / "catalog"))
    body = {**NEW_ROLE, "en": ENGLISH_GUIDE, "imputed_from": ["ml-engineer"]}
    store = FolderStore.open(folder)
    try:
        async with client_for(store) as c:
            r = await c.put("/v1/roles/ml-platform-engineer", json=body, headers=KEY)
            assert r.status_code == 201, r.text
    finally:
        store.close()
    reopened = FolderStore.open(folder)
    try:
        async with client_for(reopened) as c:
            english = (await c.get("/v1/roles/ml-platform-engineer?lang=en")).json()
    finally:
        reopened.close()
    assert english["strengths"] == ENGLISH_GUIDE["strengths"]
    assert [r["id"] for r in english["imputed_from"]] == ["ml-engineer"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"en": {"strengths": ["x"], "name": "x"}}, "en.name"),
        ({"en": {"profile_notes": {"charm": "x"}}}, "en.profile_notes.charm"),
        ({"en": {"strengths": [""]}}, "en.strengths[0]"),
        ({"imputed_from": ["Not An Id"]}, "imputed_from[0]"),
        ({"imputed_from": ["ml-engineer", "ml-engineer"]}, "imputed_from"),
        ({"imputed_from": ["new-role"]}, "imputed_from"),
    ],
)
async def test_an_invalid_english_guide_or_imputed_from_is_422(
    client: httpx.AsyncClient, store: MemoryStore, change: dict[str, object], field: str
) -> None:
    r = await client.put("/v1/roles/new-role", json={**NEW_ROLE, **change}, headers=KEY)
    assert r.status_code == 422, r.text
    assert field in error_fields(r.json())
    assert store.snapshot().version == 1


async def test_score_140_names_profile_openness(client: httpx.AsyncClient) -> None:
    role = {**NEW_ROLE, "profile": {**NEW_ROLE["profile"], "openness": 140}}
    for lang, message in (
        ("en", "Must be less than or equal to 100."),
        ("es", "Debe ser menor o igual que 100."),
    ):
        r = await client.put(f"/v1/roles/new-role?lang={lang}", json=role, headers=KEY)
        problem = assert_problem(r, 422)
        assert problem["errors"] == [
            {
                "field": "profile.openness",
                "location": "body",
                "message": message,
                "type": "less_than_equal",
            }
        ]


async def test_bad_role_id_in_the_path_is_422(client: httpx.AsyncClient) -> None:
    r = await client.put("/v1/roles/Bad%20Id", json=NEW_ROLE, headers=KEY)
    problem = assert_problem(r, 422)
    assert problem["errors"][0] == {
        "field": "role_id",
        "location": "path",
        "message": problem["errors"][0]["message"],
        "type": "string_pattern_mismatch",
    }


async def test_delete_role_removes_its_transitions(client: httpx.AsyncClient) -> None:
    catalog = bundled_catalog()
    touching = sum(1 for key in catalog.transitions if "mlops-engineer" in key)
    r = await client.delete("/v1/roles/mlops-engineer", headers=KEY)
    assert r.status_code == 200
    assert r.json() == {
        "catalog_version": 2,
        "deleted": "mlops-engineer",
        "transitions_removed": touching,
    }
    body = assert_problem(await client.get("/v1/roles/mlops-engineer"), 404, "unknown-role")
    assert body["catalog_version"] == 2
    cdo = (await client.get("/v1/roles/chief-data-officer")).json()
    assert all(t["from"] != "mlops-engineer" for t in cdo["incoming"])
    again = await client.delete("/v1/roles/mlops-engineer", headers=KEY)
    assert_problem(again, 404, "unknown-role")


async def test_put_transition_creates_then_replaces(client: httpx.AsyncClient) -> None:
    path = "/v1/transitions/mlops-engineer/data-engineer"
    created = await client.put(path, json=TRANSITION, headers=KEY)
    assert created.status_code == 201, created.text
    assert created.headers["location"] == path
    assert created.json() == {
        "catalog_version": 2,
        "from": "mlops-engineer",
        "to": "data-engineer",
        "fit": 0.95,
        "strengths": ["Infraestructura de ML"],
        "develop": {"relational_engagement": 5},
        "effort": 5,
        "origin": "curated",
    }
    replaced = await client.put(path, json={**TRANSITION, "fit": 0.5}, headers=KEY)
    assert replaced.status_code == 200 and replaced.json()["fit"] == 0.5
    role = (await client.get("/v1/roles/mlops-engineer")).json()
    edge = next(t for t in role["outgoing"] if t["to"] == "data-engineer")
    assert edge["fit"] == 0.5


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"fit": 0}, ["fit"]),
        ({"fit": 1.5}, ["fit"]),
        ({"fit": "0.7"}, ["fit"]),
        ({"develop": {"openness": 101}}, ["develop.openness"]),
        ({"develop": {"openness": 2.5}}, ["develop.openness"]),
        ({"develop": {"charm": 5}}, ["develop.charm"]),
        ({"origin": "derived"}, ["origin"]),
        ({"to": "x"}, ["to"]),
    ],
)
async def test_invalid_transition_is_422_naming_each_field(
    client: httpx.AsyncClient, change: dict[str, object], fields: list[str]
) -> None:
    r = await client.put(
        "/v1/transitions/mlops-engineer/data-engineer", json={**TRANSITION, **change}, headers=KEY
    )
    assert error_fields(assert_problem(r, 422, "invalid-request")) == fields


async def test_transition_to_an_unknown_role_is_404_with_suggestions(
    client: httpx.AsyncClient,
) -> None:
    r = await client.put(
        "/v1/transitions/mlops-engineer/data-enginer", json=TRANSITION, headers=KEY
    )
    problem = assert_problem(r, 404, "unknown-role")
    assert problem["field"] == "target"
    assert problem["suggestions"][0] == "data-engineer"


async def test_self_transition_is_422_naming_target(client: httpx.AsyncClient) -> None:
    r = await client.put(
        "/v1/transitions/mlops-engineer/mlops-engineer", json=TRANSITION, headers=KEY
    )
    problem = assert_problem(r, 422, "invalid-catalog-write")
    assert problem["errors"][0]["field"] == "target"
    assert "itself" in problem["errors"][0]["message"]


async def test_delete_transition(client: httpx.AsyncClient) -> None:
    path = "/v1/transitions/mlops-engineer/chief-data-officer"
    r = await client.delete(path, headers=KEY)
    assert r.status_code == 200
    assert r.json()["deleted"] == "mlops-engineer->chief-data-officer"
    assert r.json()["catalog_version"] == 2
    assert_problem(await client.delete(path, headers=KEY), 404, "unknown-transition")


async def test_if_match_current_version_writes(client: httpx.AsyncClient) -> None:
    etag = (await client.get("/v1/roles/mlops-engineer")).headers["etag"]
    assert etag == f'W/"{CATALOG_ID}-1"'
    for header in (etag, '"2"', "3", '"1", W/"4"'):
        version = (await client.get("/health")).headers["x-catalog-version"]
        if header == '"1", W/"4"':
            header = f'"1", W/"{version}"'
        r = await client.put(
            "/v1/transitions/mlops-engineer/data-engineer",
            json=TRANSITION,
            headers={**KEY, "If-Match": header},
        )
        assert r.status_code in (200, 201), (header, r.text)
    r = await client.delete(
        "/v1/transitions/mlops-engineer/data-engineer", headers={**KEY, "If-Match": "*"}
    )
    assert r.status_code == 200


async def test_stale_if_match_is_412_and_changes_nothing(
    client: httpx.AsyncClient, store: MemoryStore
) -> None:
    first = await client.put("/v1/roles/new-role", json=NEW_ROLE, headers=KEY)
    assert first.headers["etag"] == f'W/"{CATALOG_ID}-2"'
    for method, path, body in [
        ("PUT", "/v1/roles/new-role", {**NEW_ROLE, "level": "lead"}),
        ("DELETE", "/v1/roles/new-role", None),
        ("PUT", "/v1/transitions/new-role/mlops-engineer", TRANSITION),
        ("DELETE", "/v1/transitions/mlops-engineer/chief-data-officer", None),
    ]:
        r = await client.request(method, path, json=body, headers={**KEY, "If-Match": 'W/"1"'})
        problem = assert_problem(r, 412, "version-conflict")
        assert problem["expected_version"] == 1
        assert problem["current_version"] == 2
        assert r.headers["x-catalog-version"] == "2"
    assert store.snapshot().version == 2


async def test_malformed_if_match_is_422(client: httpx.AsyncClient) -> None:
    r = await client.delete("/v1/roles/mlops-engineer", headers={**KEY, "If-Match": "yesterday"})
    problem = assert_problem(r, 422, "invalid-request")
    assert error_fields(problem) == ["If-Match"]


async def test_a_new_role_and_transitions_are_used_by_routes(client: httpx.AsyncClient) -> None:
    """Write a role no profile reaches, link it with curated edges, then route through it."""
    query = {"from": "mlops-engineer", "to": "ml-platform-engineer", "mode": "best"}
    r = await client.put("/v1/roles/ml-platform-engineer", json=ISOLATED, headers=KEY)
    assert r.status_code == 201
    lonely = (await client.post("/v1/routes?lang=en", json=query)).json()
    assert lonely["routes"] == []
    assert lonely["reason"].startswith("No sequence of transitions leads from MLOps Engineer")

    r = await client.put(
        "/v1/transitions/mlops-engineer/ml-platform-engineer", json=TRANSITION, headers=KEY
    )
    assert r.status_code == 201
    r = await client.put(
        "/v1/transitions/ml-platform-engineer/chief-data-officer",
        json={"fit": 0.99},
        headers=KEY,
    )
    assert r.status_code == 201
    version = int(r.headers["x-catalog-version"])

    found = await client.post("/v1/routes?lang=en", json=query)
    assert found.headers["x-catalog-version"] == str(version)
    routes = found.json()["routes"]
    assert routes[0]["roles"] == ["mlops-engineer", "ml-platform-engineer"]
    assert routes[0]["steps"][0]["fit"] == 0.95
    assert "ML Platform Engineer" in routes[0]["explanation"]

    via = await client.post(
        "/v1/routes",
        json={
            **query,
            "to": "chief-data-officer",
            "constraints": {"via": ["ml-platform-engineer"]},
        },
    )
    assert via.json()["routes"][0]["roles"] == [
        "mlops-engineer",
        "ml-platform-engineer",
        "chief-data-officer",
    ]
    best = (await client.post("/v1/routes", json={**query, "to": "chief-data-officer"})).json()
    assert best["routes"][0]["roles"] == [
        "mlops-engineer",
        "ml-platform-engineer",
        "chief-data-officer",
    ]
    assert best["names"]["ml-platform-engineer"] == NEW_ROLE["name"]

    reach = await client.get("/v1/roles/mlops-engineer/reachable?steps=1&curated_only=true")
    assert "ml-platform-engineer" in [entry["id"] for entry in reach.json()["roles"]]

    await client.delete("/v1/roles/ml-platform-engineer", headers=KEY)
    gone = await client.post("/v1/routes", json={**query, "to": "chief-data-officer"})
    assert "ml-platform-engineer" not in gone.json()["routes"][0]["roles"]


async def test_an_etag_of_another_catalog_never_matches(
    client: httpx.AsyncClient, store: MemoryStore
) -> None:
    # Same version, other catalog: e.g. an ETag kept from before a restart on other files.
    for header, kind in [
        ('W/"ffff0000-1"', "catalog-mismatch"),
        ('W/"ffff0000-1", W/"ffff0001-1"', "catalog-mismatch"),
        ('W/"ffff0000-1", "7"', "version-conflict"),  # the bare version is tried, and stale
    ]:
        r = await client.put(
            "/v1/roles/new-role", json=NEW_ROLE, headers={**KEY, "If-Match": header}
        )
        assert_problem(r, 412, kind)
    assert store.snapshot().version == 1 and "new-role" not in store.snapshot().catalog.roles
    r = await client.put(
        "/v1/roles/new-role", json=NEW_ROLE, headers={**KEY, "If-Match": f'W/"{CATALOG_ID}-1"'}
    )
    assert r.status_code == 201, r.text


async def test_if_none_match_star_creates_only(
    client: httpx.AsyncClient, store: MemoryStore
) -> None:
    create_only = {**KEY, "If-None-Match": "*"}
    first = await client.put("/v1/roles/new-role", json=NEW_ROLE, headers=create_only)
    assert first.status_code == 201, first.text
    again = await client.put(
        "/v1/roles/new-role", json={**NEW_ROLE, "level": "lead"}, headers=create_only
    )
    assert_problem(again, 412, "already-exists")
    assert store.snapshot().version == 2
    assert store.snapshot().catalog.roles["new-role"].level != "lead"
    path = "/v1/transitions/mlops-engineer/chief-data-officer"
    r = await client.put(path, json=TRANSITION, headers=create_only)
    assert_problem(r, 412, "already-exists")
    r = await client.put("/v1/roles/other", json=NEW_ROLE, headers={**KEY, "If-None-Match": "x"})
    assert_problem(r, 422, "invalid-request")


async def test_concurrent_creates_of_one_role_answer_one_201(
    client_for: ClientFactory, tmp_path: Path
) -> None:
    # The write endpoints run in the threadpool, and a writable folder takes a while to
    # save each write: these eight race for real (before the fix, all eight were 201).
    store = FolderStore.open(Path(shutil.copytree(BUNDLED_CATALOG, tmp_path / "catalog")))
    try:
        async with client_for(store) as c:
            answers = await asyncio.gather(
                *(c.put("/v1/roles/raced-role", json=NEW_ROLE, headers=KEY) for _ in range(8))
            )
    finally:
        store.close()
    assert sorted(r.status_code for r in answers) == [200] * 7 + [201]
    assert sorted(int(r.headers["x-catalog-version"]) for r in answers) == list(range(2, 10))


async def test_the_bundled_catalog_is_read_only(client_for: ClientFactory) -> None:
    store = open_store(make_settings(catalog_dir=None, neo4j_uri=None))
    async with client_for(store) as c:
        english = {**KEY, "Accept-Language": "en"}
        r = await c.put("/v1/roles/new-role", json=NEW_ROLE, headers=english)
        problem = assert_problem(r, 409, "catalog-read-only")
        assert "bundled" in problem["detail"] and "--writable" in problem["detail"]
        r = await c.delete("/v1/roles/mlops-engineer", headers=KEY)
        assert_problem(r, 409, "catalog-read-only")
    assert store.snapshot().version == 1
