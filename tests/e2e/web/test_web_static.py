"""How the service serves the page: index at /, assets under /static/, nothing in OpenAPI."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI

from api.web import CONTENT_SECURITY_POLICY, WEB_DIR, mount_web

PAGE_FILES = ["index.html", "app.js", "styles.css", "print.css"]


def test_the_page_files_exist() -> None:
    for name in PAGE_FILES:
        assert (WEB_DIR / name).is_file(), name


def test_index_and_assets_are_served(web_server: str) -> None:
    with httpx.Client(base_url=web_server, timeout=10) as client:
        index = client.get("/")
        assert index.status_code == 200
        assert index.headers["content-type"].startswith("text/html")
        assert index.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert 'src="static/app.js"' in index.text
        assert 'lang="es"' in index.text

        script = client.get("/static/app.js")
        assert script.status_code == 200
        assert "javascript" in script.headers["content-type"]
        assert client.get("/static/styles.css").headers["content-type"].startswith("text/css")
        assert client.get("/static/views/route.js").status_code == 200

        missing = client.get("/static/nope.js")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
        assert client.get("/static/../api/web.py").status_code == 404

        assert client.head("/").status_code == 200
        for method, path in (("POST", "/"), ("DELETE", "/static/app.js")):
            refused = client.request(method, path)
            assert refused.status_code == 405
            assert refused.headers["allow"] == "GET, HEAD"
            assert refused.headers["content-type"] == "application/problem+json"

        paths = client.get("/openapi.json").json()["paths"]
        assert "/" not in paths and not any(p.startswith("/static") for p in paths)


def test_the_page_loads_nothing_from_elsewhere() -> None:
    """No CDN: every URL in the page's files is relative to the service."""
    for path in WEB_DIR.rglob("*"):
        if path.suffix in {".html", ".js", ".css"}:
            text = path.read_text(encoding="utf-8")
            for line in text.splitlines():
                if "http://" in line or "https://" in line:
                    assert "www.w3.org/2000/svg" in line, f"{path.name}: {line.strip()}"


def test_missing_folder_serves_the_api_only(tmp_path: Path) -> None:
    app = FastAPI()
    mount_web(app, tmp_path / "absent")
    assert not [r for r in app.routes if getattr(r, "path", "") in ("/", "/static")]
