"""Cypher-like, markup-like and control-character text in every field, through real HTTP.

A role and two transitions whose every free-text field (and, as far as the id pattern
allows, the role id) holds text that would break a statement built by string
concatenation are written through the API, read back through the API and checked
verbatim; every other role must be exactly as before and the role count one higher. On
the Neo4j store the test also opens its own connection and checks the stored catalog,
which holds the one field the API does not return (``profile_notes``).
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from rumbo_api_server import NEO4J_PASSWORD, NEO4J_URI, NEO4J_USER, Server

from graph.traits import TRAITS

#: Cypher that closes a string and a map, then runs its own clauses; parameters; backticks;
#: quotes and backslashes; NUL, tab, newlines, an ANSI escape, a right-to-left override, a
#: line separator, a byte-order mark, a combining accent, an astral letter and an emoji.
HOSTILE = (
    "x'}) DETACH DELETE n // \"}) MATCH (n) DETACH DELETE n; $param {param} "
    "`Role` MATCH (n) RETURN n /* */ \\' \\\\ "
    "nul\x00tab\tlf\ncr\r esc\x1b[31m rtl\u202e ls\u2028 bom\ufeff e\u0301 \U0001d518 \U0001f600"
)
#: A family is at most 80 characters (a level must be on the catalog's scale: see the
#: test of a hostile level below).
SHORT = "x'}) DETACH DELETE n // $p `b` \x00\t\n\u202e\U0001f600"
PROFILE = dict.fromkeys([t.value for t in TRAITS], 55)


def text(label: str) -> str:
    return f"{label} {HOSTILE}"


def role_body() -> dict[str, Any]:
    return {
        "name": text("name"),
        "name_en": text("name_en"),
        "family": SHORT,
        "level": "senior",
        "description": text("description"),
        "profile": PROFILE,
        "profile_notes": {t.value: text(f"note {t.value}") for t in TRAITS},
        "strengths": [text("strength 1"), text("strength 2")],
        "red_flags": [text("red flag")],
        "interview_questions": [
            {"question": text("question"), "evaluates": text("evaluates")},
            {"question": text("question without evaluates")},
        ],
        "archetypes": [{"name": text("archetype"), "description": text("archetype text")}],
        "attribution": text("attribution"),
    }


def all_roles(c: httpx.Client) -> dict[str, dict[str, Any]]:
    """Every role's detail, by id, through the API (catalog version left out)."""
    ids: list[str] = []
    while True:
        page = c.get("/v1/roles", params={"limit": 200, "offset": len(ids)}).json()
        ids += [item["id"] for item in page["items"]]
        if len(ids) >= page["total"]:
            break
    details = {}
    for role_id in ids:
        response = c.get(f"/v1/roles/{role_id}")
        assert response.status_code == 200, response.text
        detail = response.json()
        detail.pop("catalog_version")
        details[role_id] = detail
    return details


def without_edges_to(detail: dict[str, Any], role_id: str) -> dict[str, Any]:
    kept = dict(detail)
    for side in ("incoming", "outgoing"):
        kept[side] = [t for t in detail[side] if role_id not in (t["from"], t["to"])]
    return kept


def version_of(response: httpx.Response) -> str:
    return response.headers["etag"]


def test_a_hostile_level_is_refused_naming_the_field(server: Server) -> None:
    """Levels are names on the catalog's scale: hostile text there is a clear 422."""
    role_id = f"e2e-level-{uuid.uuid4().hex[:8]}"
    with server.client(headers={"X-API-Key": server.key}) as c:
        before = c.get("/v1/roles", params={"limit": 1}).json()["total"]
        refused = c.put(f"/v1/roles/{role_id}", json={**role_body(), "level": SHORT[::-1]})
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["level"]
        assert c.get("/v1/roles", params={"limit": 1}).json()["total"] == before


def test_hostile_text_in_every_field_round_trips_verbatim(server: Server) -> None:
    role_id = f"e2e-x--.match.n.-return-n..detach-delete-{uuid.uuid4().hex[:8]}"
    body = role_body()
    into = {"fit": 0.61, "strengths": [text("into")], "develop": {"openness": 5}}
    out_of = {"fit": 0.42, "strengths": [text("out of")], "origin": "onet"}
    with server.client(headers={"X-API-Key": server.key}) as c:
        before = all_roles(c)
        assert role_id not in before
        created = c.put(f"/v1/roles/{role_id}", json=body)
        assert created.status_code == 201, created.text
        edge_in = c.put(f"/v1/transitions/mlops-engineer/{role_id}", json=into)
        assert edge_in.status_code == 201, edge_in.text
        edge_out = c.put(f"/v1/transitions/{role_id}/data-engineer", json=out_of)
        assert edge_out.status_code == 201, edge_out.text
        try:
            after = all_roles(c)
            detail_en = c.get(f"/v1/roles/{role_id}", params={"lang": "en"}).json()
            route = c.post(
                "/v1/routes?lang=en",
                json={
                    "from": "mlops-engineer",
                    "to": role_id,
                    "constraints": {"curated_only": True, "max_steps": 1},
                },
            )
            stored = stored_in_neo4j(role_id) if server.store == "neo4j" else None
        finally:
            c.delete(f"/v1/transitions/mlops-engineer/{role_id}")
            c.delete(f"/v1/transitions/{role_id}/data-engineer")
            c.delete(f"/v1/roles/{role_id}")
        restored = all_roles(c)

    # The new role, read back through the API, field by field.
    got = after[role_id]
    for field in ("description", "strengths", "red_flags", "attribution", "family", "level"):
        expected = body[field]
        assert got[field] == expected, field
    assert got["name"] == got["name_es"] == body["name"]
    assert got["name_en"] == body["name_en"] == detail_en["name"]
    assert got["interview_questions"] == [
        {"question": text("question"), "evaluates": text("evaluates")},
        {"question": text("question without evaluates"), "evaluates": None},
    ]
    assert got["archetypes"] == body["archetypes"]
    assert got["profile"] == PROFILE
    [incoming] = got["incoming"]
    assert (incoming["from"], incoming["strengths"]) == ("mlops-engineer", [text("into")])
    [outgoing] = got["outgoing"]
    assert (outgoing["to"], outgoing["strengths"], outgoing["origin"]) == (
        "data-engineer",
        [text("out of")],
        "onet",
    )
    # The role's name reaches the other ends and the route explanations verbatim.
    assert [t["other_name"] for t in after["mlops-engineer"]["outgoing"] if t["to"] == role_id] == [
        body["name"]
    ]
    assert route.status_code == 200, route.text
    [best] = route.json()["routes"]
    assert best["roles"] == ["mlops-engineer", role_id]
    assert body["name_en"] in best["explanation"]
    assert best["steps"][0]["strengths"] == [text("into")]

    # The rest of the catalog is intact: one role more, every other role as it was.
    assert len(after) == len(before) + 1
    assert set(after) - set(before) == {role_id}
    for other, detail in before.items():
        assert without_edges_to(after[other], role_id) == detail, other
    assert restored == before

    if stored is not None:  # what Neo4j itself holds, read on a connection of our own
        role, edges = stored
        assert role["profile_notes"] == body["profile_notes"]
        for field in ("name", "name_en", "description", "attribution", "family", "level"):
            assert role[field] == body[field], field
        assert role["strengths"] == body["strengths"]
        assert edges == {
            ("mlops-engineer", role_id): [text("into")],
            (role_id, "data-engineer"): [text("out of")],
        }


def stored_in_neo4j(role_id: str) -> tuple[dict[str, Any], dict[tuple[str, str], list[str]]]:
    """The role and its edges' strengths as a fresh connection to Neo4j reads them."""
    from stores.neo4j import connect

    with connect(NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, "neo4j") as store:
        catalog = store.snapshot().catalog
    role = catalog.roles[role_id].model_dump(mode="json")
    edges = {
        key: list(edge.strengths) for key, edge in catalog.transitions.items() if role_id in key
    }
    return role, edges
