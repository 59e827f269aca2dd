"""The README's Neo4j recipe, exactly as a user follows it, for ``rumbo serve``.

Only ``RUMBO_NEO4J_URI`` and ``RUMBO_NEO4J_PASSWORD`` are set (no user: the default ``neo4j``
must be used), plus ``RUMBO_API_KEYS`` for the write; then ``rumbo db init``, ``rumbo db
load loaders/bundled`` and ``rumbo serve --neo4j <uri>``, read and written over HTTP.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
from neo4j import Driver
from neo4j_e2e import PASSWORD, REPO, URI, open_store

from tests.e2e.api.rumbo_api_server import free_port, serving

KEY = "readme-recipe-key"
#: ``rumbo``: what its console script runs, on this interpreter.
RUMBO = [sys.executable, "-c", "from rumbo_cli.main import run; run()"]


def recipe_environment() -> dict[str, str]:
    """The caller's environment without any ``RUMBO_*`` variable, plus the recipe's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUMBO_")}
    env.update(RUMBO_NEO4J_URI=URI, RUMBO_NEO4J_PASSWORD=PASSWORD, RUMBO_API_KEYS=KEY)
    env["PYTHONUNBUFFERED"] = "1"
    assert "RUMBO_NEO4J_USER" not in env
    return env


def rumbo(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [*RUMBO, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"rumbo {' '.join(args)}:\n{done.stderr}"


def test_serve_reads_and_writes_with_only_the_uri_and_the_password(
    clean: Driver, tmp_path: Path
) -> None:
    env = recipe_environment()
    rumbo(env, "db", "init")
    rumbo(env, "db", "load")
    port = free_port()
    command = [*RUMBO, "serve", "--neo4j", URI, "--port", str(port)]
    role = {
        "name": "Rol de la receta",
        "profile": {
            "openness": 60,
            "conscientiousness": 70,
            "extraversion": 50,
            "agreeableness": 55,
            "emotional_stability": 65,
            "relational_engagement": 45,
        },
    }
    with serving(command, env, tmp_path / "serve.log", port) as url:
        with httpx.Client(base_url=url, timeout=30) as client:
            roles = client.get("/v1/roles")
            assert roles.status_code == 200, roles.text
            assert roles.json()["total"] == 55
            route = client.post(
                "/v1/routes", json={"from": "mlops-engineer", "to": "chief-data-officer"}
            )
            assert route.status_code == 200, route.text
            assert route.json()["routes"][0]["roles"][-1] == "chief-data-officer"

            created = client.put("/v1/roles/recipe-role", json=role, headers={"X-API-Key": KEY})
            assert created.status_code == 201, created.text
            back = client.get("/v1/roles/recipe-role")
            assert back.status_code == 200 and back.json()["name"] == role["name"]
    with open_store() as store:  # the write reached Neo4j, not only the server's memory
        assert store.snapshot().catalog.roles["recipe-role"].name == role["name"]
