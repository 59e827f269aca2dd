"""Many writers and readers at once, on the in-memory store and on Neo4j.

Afterwards the catalog holds exactly the accepted writes, every accepted write
moved the version by exactly one, every route answer names one version, and
conditional writes on the same version let exactly one through. Readers retry a
search the server refuses as too busy (503 with Retry-After), as clients should.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from rumbo_api_server import Server

from graph.traits import TRAITS

WRITERS, WRITES_EACH = 4, 6


def role_body(n: int) -> dict[str, object]:
    return {
        "name": f"Rol concurrente {n}",
        "profile": dict.fromkeys((t.value for t in TRAITS), 40 + n % 20),
    }


def admitted_post(client: httpx.Client, path: str, body: object) -> httpx.Response:
    """POST a search, waiting ``Retry-After`` and retrying while the server is too busy
    (more searches at once than a worker admits), as a client should."""
    for _ in range(60):
        r = client.post(path, json=body)
        if r.status_code != 503 or r.json()["type"] != "urn:rumbo:problem:too-busy":
            return r
        time.sleep(int(r.headers["Retry-After"]))
    return r


def test_concurrent_writes_and_reads(server: Server) -> None:
    headers = {"X-API-Key": server.key}
    with server.client() as c:
        start = int(c.get("/ready").json()["catalog_version"])
        roles_before = c.get("/v1/roles", params={"limit": 1}).json()["total"]

    def write(worker: int) -> list[int]:
        versions = []
        with server.client() as c:
            for i in range(WRITES_EACH):
                n = worker * 100 + i
                r = c.put(f"/v1/roles/concurrent-{n}", json=role_body(n), headers=headers)
                assert r.status_code == 201, r.text
                versions.append(int(r.headers["X-Catalog-Version"]))
        return versions

    def read(_: int) -> list[int]:
        seen = []
        with server.client() as c:
            for _ in range(WRITES_EACH):
                r = admitted_post(
                    c, "/v1/routes", {"from": "mlops-engineer", "to": "chief-data-officer"}
                )
                assert r.status_code == 200, r.text
                body_version = r.json()["catalog_version"]
                assert int(r.headers["X-Catalog-Version"]) == body_version
                seen.append(body_version)
        return seen

    with ThreadPoolExecutor(max_workers=2 * WRITERS) as pool:
        writes = [pool.submit(write, w) for w in range(WRITERS)]
        reads = [pool.submit(read, w) for w in range(WRITERS)]
        accepted = sorted(v for f in writes for v in f.result())
        answered = [v for f in reads for v in f.result()]

    total = WRITERS * WRITES_EACH
    assert accepted == list(range(start + 1, start + total + 1))
    assert all(start <= v <= start + total for v in answered)
    with server.client() as c:
        assert c.get("/v1/roles", params={"limit": 1}).json()["total"] == roles_before + total
        for w in range(WRITERS):
            for i in range(WRITES_EACH):
                assert c.get(f"/v1/roles/concurrent-{w * 100 + i}").status_code == 200
        for w in range(WRITERS):
            for i in range(WRITES_EACH):
                c.delete(f"/v1/roles/concurrent-{w * 100 + i}", headers=headers)


def test_conditional_writes_on_one_version_let_one_through(server: Server) -> None:
    headers = {"X-API-Key": server.key}
    with server.client() as c:
        version = int(c.get("/ready").json()["catalog_version"])

    def conditional(n: int) -> int:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            r = c.put(
                f"/v1/roles/conditional-{n}",
                json=role_body(n),
                headers={**headers, "If-Match": f'"{version}"'},
            )
            return r.status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = sorted(pool.map(conditional, range(4)))
    assert statuses == [201, 412, 412, 412]
    with server.client() as c:
        for n in range(4):
            c.delete(f"/v1/roles/conditional-{n}", headers=headers)


def test_concurrent_creates_of_one_role_answer_one_201(server: Server) -> None:
    """Eight PUTs creating one role at once: one 201, seven 200 (all eight were 201)."""
    headers = {"X-API-Key": server.key}
    role_id = f"raced-{server.store}"

    def create(n: int) -> int:
        with server.client() as c:
            r = c.put(f"/v1/roles/{role_id}", json=role_body(n), headers=headers)
            assert r.status_code in (200, 201), r.text
            return r.status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = sorted(pool.map(create, range(8)))
    assert statuses == [200] * 7 + [201]
    with server.client() as c:
        only_once = c.put(
            f"/v1/roles/{role_id}-once",
            json=role_body(1),
            headers={**headers, "If-None-Match": "*"},
        )
        assert only_once.status_code == 201, only_once.text
        again = c.put(
            f"/v1/roles/{role_id}-once",
            json=role_body(2),
            headers={**headers, "If-None-Match": "*"},
        )
        assert again.status_code == 412 and again.json()["type"].endswith("already-exists")
