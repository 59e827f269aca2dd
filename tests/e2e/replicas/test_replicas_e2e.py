"""API replicas are stateless over Neo4j: a write through one is served by the others.

Every request's snapshot asks Neo4j for the catalog version (one small query) and reads the
projection again when it moved (docs/scaling.md), so a replica serves another's write from
its next request on; the test allows the documented bound of 2 s, polling. Every answer
carries ``X-Catalog-Version``: the versions one replica answers with never go back.
"""

from __future__ import annotations

import time

import httpx

from graph.traits import TRAITS
from tests.e2e.api.rumbo_api_server import Server

#: How soon a replica serves a version another replica wrote (docs/scaling.md).
REFRESH_BOUND_SECONDS = 2.0


class Replica:
    """A client of one replica that records the catalog version of every answer."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.client = server.client()
        self.versions: list[int] = []

    def request(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        answer = self.client.request(method, path, **kwargs)  # type: ignore[arg-type]
        self.versions.append(int(answer.headers["X-Catalog-Version"]))
        return answer

    def serves(self, role_id: str, version: int) -> bool:
        """Whether this replica answers ``role_id`` from catalog ``version`` or a later one."""
        deadline = time.monotonic() + REFRESH_BOUND_SECONDS
        while True:
            found = self.request("GET", f"/v1/roles/{role_id}").status_code == 200
            if found and self.versions[-1] >= version:
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)


def role_body(n: int) -> dict[str, object]:
    return {
        "name": f"Rol escrito en la réplica {n}",
        "profile": dict.fromkeys((t.value for t in TRAITS), 45 + n),
    }


def test_a_write_through_one_replica_is_served_by_the_others(replicas: list[Server]) -> None:
    nodes = [Replica(server) for server in replicas]
    for writer, node in enumerate(nodes):  # each replica writes once
        role_id = f"written-through-replica-{writer}"
        answer = node.request(
            "PUT",
            f"/v1/roles/{role_id}",
            json=role_body(writer),
            headers={"X-API-Key": node.server.key},
        )
        assert answer.status_code == 201, answer.text
        version = node.versions[-1]
        others = [n for n in nodes if n is not node]
        late = [n.server.url for n in others if not n.serves(role_id, version)]
        assert not late, f"not serving {role_id} (version {version}) within 2 s: {late}"
    final = [n.request("GET", "/ready").json()["catalog_version"] for n in nodes]
    assert len(set(final)) == 1  # every replica serves the last write's version
    for node in nodes:
        assert node.versions == sorted(node.versions), node.server.url  # never back
        node.client.close()
