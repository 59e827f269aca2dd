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


def profile_services(compose: dict[str, Any], profile: str | None) -> set[str]:
    """The services ``docker compose`` starts with ``--profile profile`` (or none)."""
    return {
        name
        for name, service in compose["services"].items()
        if not service.get("profiles") or profile in service["profiles"]
    }


def test_two_services_by_default_and_named_volumes(compose: dict[str, Any]) -> None:
    assert profile_services(compose, None) == {"neo4j", "api"}
    assert set(compose["volumes"]) == {"neo4j-data", "neo4j-logs", "projection"}
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


# ------------------------------------------------------------------ the scale profile

NGINX_CONF = REPO / "deploy" / "nginx.conf"


def nginx_directives() -> list[str]:
    """deploy/nginx.conf's directives and block openings, comments dropped, one a line."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    lines = (ln.split("#", 1)[0].strip() for ln in text.splitlines())
    return [ln for ln in lines if ln]


def test_the_scale_profile_adds_replicas_behind_a_proxy(compose: dict[str, Any]) -> None:
    assert profile_services(compose, "scale") == {"neo4j", "api", "api-replica", "proxy"}


def test_replicas_run_the_api_image_after_the_api_loaded_the_catalog(
    compose: dict[str, Any],
) -> None:
    replica = compose["services"]["api-replica"]
    assert replica["image"] == compose["services"]["api"]["image"] == "rumbo-api:latest"
    assert replica["deploy"]["replicas"] == "${RUMBO_API_REPLICAS:-3}"
    # Only `rumbo serve`: schema and first load are the api service's, done before it is
    # healthy, so N replicas never race to load the catalog.
    assert replica["command"] == ["rumbo", "serve", "--host", "0.0.0.0", "--port", "8000"]
    assert replica["depends_on"] == {"api": {"condition": "service_healthy"}}
    assert "ports" not in replica  # reached through the proxy only
    assert "/ready" in " ".join(replica["healthcheck"]["test"])


def test_replicas_use_the_same_neo4j_and_share_a_projection_folder(
    compose: dict[str, Any], dockerfile: list[str]
) -> None:
    replica, api = compose["services"]["api-replica"], compose["services"]["api"]
    env = replica["environment"]
    assert {k: v for k, v in env.items() if k != "RUMBO_PROJECTION_DIR"} == api["environment"]
    folder = env["RUMBO_PROJECTION_DIR"]
    assert replica["volumes"] == [f"projection:{folder}"]
    # The named volume takes the owner of the image's folder: the service's user writes it.
    assert any(f"install -d -o rumbo -g rumbo {folder}" in ln for ln in dockerfile)


def test_the_proxy_is_the_official_nginx_image_with_the_config_from_the_repo(
    compose: dict[str, Any],
) -> None:
    proxy = compose["services"]["proxy"]
    image, _, version = proxy["image"].partition(":")
    assert image == "nginx"
    major, minor = (int(x) for x in version.removesuffix("-alpine").split("."))
    assert (major, minor) >= (1, 28)  # upstream `resolve` is open source since 1.27.3
    assert proxy["volumes"] == ["./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro"]
    assert proxy["ports"] == ["127.0.0.1:8080:8080"]
    assert proxy["depends_on"] == {"api-replica": {"condition": "service_healthy"}}


def test_nginx_balances_over_every_replica_address() -> None:
    directives = nginx_directives()
    assert "resolver 127.0.0.11 valid=10s ipv6=off;" in directives  # Docker's DNS
    assert "upstream rumbo_api {" in directives
    server = next(d for d in directives if d.startswith("server api-replica:"))
    assert server.startswith("server api-replica:8000 resolve")
    assert any(d.startswith("zone rumbo_api ") for d in directives)  # `resolve` needs a zone
    assert "listen 8080;" in directives
    assert "proxy_pass http://rumbo_api;" in directives
    # Keep-alive to the replicas needs HTTP/1.1 without a Connection: close header.
    assert "proxy_http_version 1.1;" in directives
    assert 'proxy_set_header Connection "";' in directives
