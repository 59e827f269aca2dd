"""No acknowledged write is lost: a real server killed with SIGKILL right after a 2xx.

A writable catalog folder saves each write before answering, so the restarted
server serves it, at the same version and with the same ETag; the bundled catalog
and a folder served without ``--writable`` refuse writes (409); an ETag of one
catalog never matches another.
"""

from __future__ import annotations

from pathlib import Path

import httpx
from rumbo_api_server import (
    E2E_KEY,
    copy_of_bundled_catalog,
    free_port,
    serve_command,
    server_env,
    server_process,
)

from graph.traits import TRAITS

KEY = {"X-API-Key": E2E_KEY}
ROLE = {"name": "Rol duradero", "profile": dict.fromkeys((t.value for t in TRAITS), 55)}


def test_a_write_survives_kill_9_right_after_its_answer(tmp_path: Path) -> None:
    folder = copy_of_bundled_catalog(tmp_path / "catalog")
    log = tmp_path / "server.log"
    port = free_port()
    with server_process(serve_command(port, folder=folder), server_env(), log, port) as (
        process,
        url,
    ):
        created = httpx.put(f"{url}/v1/roles/durable-role", json=ROLE, headers=KEY, timeout=30)
        process.kill()  # SIGKILL, the moment the 201 is in
        process.wait()
    assert created.status_code == 201, created.text
    version, etag = created.headers["x-catalog-version"], created.headers["etag"]
    assert etag.endswith(f'-{version}"')

    port = free_port()
    with server_process(serve_command(port, folder=folder), server_env(), log, port) as (_, url):
        with httpx.Client(base_url=url, timeout=30) as c:
            role = c.get("/v1/roles/durable-role")
            assert role.status_code == 200 and role.json()["name"] == "Rol duradero"
            assert role.headers["x-catalog-version"] == version
            assert role.headers["etag"] == etag
            # The ETag saved before the kill still names this catalog and version.
            replaced = c.put("/v1/roles/durable-role", json=ROLE, headers={**KEY, "If-Match": etag})
            assert replaced.status_code == 200, replaced.text
            assert int(replaced.headers["x-catalog-version"]) == int(version) + 1


def test_read_only_catalogs_refuse_writes_and_etags_never_cross_catalogs(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    port = free_port()
    with server_process(serve_command(port), server_env(), log, port) as (_, url):
        bundled_etag = httpx.get(f"{url}/health").headers["etag"]
        r = httpx.put(f"{url}/v1/roles/new-role", json=ROLE, headers=KEY, timeout=30)
        assert r.status_code == 409, r.text
        assert r.json()["type"] == "urn:rumbo:problem:catalog-read-only"
        assert "--writable" in r.json()["detail"]

    folder = copy_of_bundled_catalog(tmp_path / "catalog")
    port = free_port()
    with server_process(serve_command(port, folder=folder), server_env(), log, port) as (_, url):
        # Version 1 of another catalog: the bundled catalog's ETag does not match it.
        assert httpx.get(f"{url}/health").headers["x-catalog-version"] == "1"
        r = httpx.put(
            f"{url}/v1/roles/new-role",
            json=ROLE,
            headers={**KEY, "If-Match": bundled_etag},
            timeout=30,
        )
        assert r.status_code == 412, r.text
        assert r.json()["type"] == "urn:rumbo:problem:catalog-mismatch"
