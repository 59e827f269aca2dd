"""The structure of docker-compose.yml and the Dockerfile (no Docker engine runs here)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def dockerfile() -> list[str]:
    """Dockerfile instructions, continuation lines joined, comments dropped."""
    text = (REPO / "Dockerfile").read_text(encoding="utf-8")
    joined = re.sub(r"\\\n\s*", " ", text)
    return [
        ln.strip() for ln in joined.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]


def test_two_services_and_named_volumes(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {"neo4j", "api"}
    assert set(compose["volumes"]) == {"neo4j-data", "neo4j-logs"}
    volumes = compose["services"]["neo4j"]["volumes"]
    assert "neo4j-data:/data" in volumes and "neo4j-logs:/logs" in volumes


def test_neo4j_is_the_5_26_community_image_with_auth_from_the_environment(
    compose: dict[str, Any],
) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    auth = neo4j["environment"]["NEO4J_AUTH"]
    assert auth.startswith("neo4j/${RUMBO_NEO4J_PASSWORD:?")  # required, never a default
    assert "rumbo-local-pw" not in (REPO / "docker-compose.yml").read_text(encoding="utf-8")


def test_neo4j_has_a_healthcheck_that_runs_a_query(compose: dict[str, Any]) -> None:
    check = compose["services"]["neo4j"]["healthcheck"]
    command = " ".join(check["test"])
    assert check["test"][0] == "CMD-SHELL"
    assert "cypher-shell" in command and "RETURN 1" in command
    assert "$${NEO4J_AUTH#neo4j/}" in command  # the password is read inside the container
    for key in ("interval", "timeout", "retries", "start_period"):
        assert key in check


def test_api_waits_for_a_healthy_neo4j_and_is_configured_for_it(compose: dict[str, Any]) -> None:
    api = compose["services"]["api"]
    assert api["build"] == {"context": ".", "dockerfile": "Dockerfile"}
    assert api["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    env = api["environment"]
    assert env["RUMBO_NEO4J_URI"] == "bolt://neo4j:7687"
    assert env["RUMBO_NEO4J_USER"] == "neo4j"
    assert env["RUMBO_NEO4J_PASSWORD"].startswith("${RUMBO_NEO4J_PASSWORD:?")
    assert env["RUMBO_NEO4J_DATABASE"] == "neo4j"
    assert "/health" in " ".join(api["healthcheck"]["test"])


def test_ports_are_published_on_loopback_only(compose: dict[str, Any]) -> None:
    for service in compose["services"].values():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), port


def test_dockerfile_is_python_3_11_slim_and_runs_as_a_non_root_user(dockerfile: list[str]) -> None:
    assert dockerfile[0] == "FROM python:3.11-slim"
    users = [ln.split()[1] for ln in dockerfile if ln.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert any("useradd" in ln and users[-1] in ln for ln in dockerfile)
    assert any(ln.startswith("RUN pip install -c requirements.lock .") for ln in dockerfile)
    copied = {
        ln.split()[1].rstrip("/")
        for ln in dockerfile
        if ln.startswith("COPY ") and "--" not in ln.split()[1]
    }
    assert {"graph", "loaders", "api", "rumbo_cli", "cypher", "pyproject.toml"} <= copied
    assert any(ln.startswith("COPY ") and "requirements.lock" in ln.split() for ln in dockerfile)


def test_the_container_creates_the_schema_loads_once_and_serves(dockerfile: list[str]) -> None:
    cmd = next(ln for ln in dockerfile if ln.startswith("CMD "))
    assert "rumbo db init" in cmd
    assert re.search(r"rumbo db load \S+ --if-empty", cmd)
    assert "exec rumbo serve --host 0.0.0.0" in cmd
    assert cmd.index("db init") < cmd.index("db load") < cmd.index("serve")
    assert any(
        "RUMBO_NEO4J_URI=bolt://neo4j:7687" in ln for ln in dockerfile if ln.startswith("ENV")
    )


def test_the_build_context_leaves_out_tests_and_local_state() -> None:
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").split()
    for entry in (".git", "tests", ".neo4j-local", "tools"):
        assert entry in ignored
    for needed in ("data", "cypher", "graph", "pyproject.toml", "README.md", "requirements.lock"):
        assert needed not in ignored
