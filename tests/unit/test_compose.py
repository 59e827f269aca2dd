"""The structure of docker-compose.yml and the Dockerfile (no Docker engine runs here).

The image must serve the web page and load the bundled catalog: both are package data
(tests/unit/test_packaging.py), so these checks make sure the Dockerfile copies every
package, installs them non-editable and the build context keeps their files.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest
import yaml

from api.web import WEB_DIR
from loaders import bundled_catalog
from tests.unit.test_packaging import REPO, shipped_data_files, shipped_packages


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


def copied_paths(dockerfile: list[str]) -> set[str]:
    """Sources of the Dockerfile's COPY instructions from the build context."""
    return {
        source.rstrip("/")
        for ln in dockerfile
        if ln.startswith("COPY ") and not ln.split()[1].startswith("--from")
        for source in [w for w in ln.split()[1:-1] if not w.startswith("--")]
    }


def dockerignored(path: str, patterns: list[str]) -> bool:
    """Whether a .dockerignore pattern leaves out ``path`` or a folder above it.

    fnmatch's ``*`` also matches ``/``, so this errs towards "left out".
    """
    parts = path.split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(
        fnmatch(c, p) or fnmatch(c, p.removeprefix("**/")) for c in candidates for p in patterns
    )


def dockerignore_patterns() -> list[str]:
    lines = (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def test_dockerfile_is_python_3_11_slim_and_runs_as_a_non_root_user(dockerfile: list[str]) -> None:
    assert dockerfile[0] == "FROM python:3.11-slim"
    users = [ln.split()[1] for ln in dockerfile if ln.startswith("USER ")]
    assert users and users[-1] not in ("root", "0")
    assert any("useradd" in ln and users[-1] in ln for ln in dockerfile)


def test_the_image_installs_every_package_non_editable(dockerfile: list[str]) -> None:
    """A plain install, like a wheel's: the packages and their package data in site-packages."""
    installs = [ln for ln in dockerfile if ln.startswith("RUN ") and "pip install" in ln]
    assert len(installs) == 1
    assert installs[0].startswith("RUN pip install -c requirements.lock . ")
    assert " -e " not in installs[0] and "--editable" not in installs[0]
    assert "rm -rf /src" in installs[0]  # the service cannot fall back on a source copy
    needed = shipped_packages() | {"pyproject.toml", "README.md", "requirements.lock"}
    assert needed <= copied_paths(dockerfile)


def test_the_image_serves_the_page_and_holds_the_bundled_catalog(dockerfile: list[str]) -> None:
    """Every file of the page and of the catalog is package data of a copied package."""
    packaged = shipped_data_files()
    for folder in (WEB_DIR, bundled_catalog()):
        files = {p for p in folder.rglob("*") if p.is_file()}
        assert files and files <= packaged, sorted(map(str, files - packaged))
    assert {"api", "loaders"} <= copied_paths(dockerfile)
    assert not [ln for ln in dockerfile if "data/" in ln or "RUMBO_BUNDLED_CATALOG" in ln]


def test_the_container_creates_the_schema_loads_once_and_serves(dockerfile: list[str]) -> None:
    cmd = next(ln for ln in dockerfile if ln.startswith("CMD "))
    assert "rumbo db init && " in cmd
    assert "rumbo db load --if-empty && " in cmd  # the bundled catalog: no folder to name
    assert "exec rumbo serve --host 0.0.0.0 --port 8000" in cmd
    assert cmd.index("db init") < cmd.index("db load") < cmd.index("serve")
    assert any(
        "RUMBO_NEO4J_URI=bolt://neo4j:7687" in ln for ln in dockerfile if ln.startswith("ENV")
    )


def test_the_build_context_leaves_out_tests_and_local_state() -> None:
    patterns = dockerignore_patterns()
    for entry in (".git", "tests", ".neo4j-local", "tools", "build", "*.egg-info"):
        assert entry in patterns
    assert dockerignored("tests/unit/test_compose.py", patterns)
    assert dockerignored("loaders/__pycache__/yaml_catalog.cpython-311.pyc", patterns)
    assert not any(p.startswith("!") for p in patterns)  # no exceptions: the matcher is simple


def test_the_build_context_keeps_every_file_the_image_installs() -> None:
    patterns = dockerignore_patterns()
    needed = [Path(name) for name in ("pyproject.toml", "README.md", "requirements.lock")]
    for package in shipped_packages():
        needed += [
            p.relative_to(REPO)
            for p in (REPO / package).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        ]
    left_out = [str(p) for p in needed if dockerignored(p.as_posix(), patterns)]
    assert not left_out
