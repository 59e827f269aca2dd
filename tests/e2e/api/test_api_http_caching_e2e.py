"""Over real HTTP (uvicorn in its own process): conditional GETs answer 304, every answer
says how it may be cached, the docs pages load only the service's own files, and errors
speak the negotiated language."""

from __future__ import annotations

import re

from rumbo_api_server import Server


def test_a_get_revalidated_with_its_etag_is_304_with_no_body(server: Server) -> None:
    with server.client() as c:
        first = c.get("/v1/roles/chief-data-officer?lang=en")
        assert first.status_code == 200
        assert first.headers["cache-control"] == "no-cache"
        etag = first.headers["etag"]
        for sent in (etag, etag.removeprefix("W/"), f'W/"other-1", {etag}', "*"):
            again = c.get("/v1/roles/chief-data-officer?lang=en", headers={"If-None-Match": sent})
            assert again.status_code == 304, sent
            assert again.content == b""
            assert again.headers["etag"] == etag
        other = c.get("/v1/roles/chief-data-officer", headers={"If-None-Match": 'W/"x-0"'})
        assert other.status_code == 200 and other.json()["id"] == "chief-data-officer"


def test_searches_and_probes_are_never_stored(server: Server) -> None:
    with server.client() as c:
        assert c.get("/health").headers["cache-control"] == "no-store"
        r = c.post("/v1/routes", json={"from": "mlops-engineer", "to": "chief-data-officer"})
        assert r.status_code == 200 and r.headers["cache-control"] == "no-store"


def test_role_search_ranks_the_abbreviation_first(server: Server) -> None:
    with server.client() as c:
        page = c.get("/v1/roles", params={"q": "cdo"}).json()
        assert page["items"][0]["id"] == "chief-data-officer"
        spanish = c.get("/v1/roles", params={"q": "científica de datos"}).json()
        assert spanish["items"][0]["id"] == "data-scientist"


def test_docs_load_only_the_services_own_files(server: Server) -> None:
    with server.client() as c:
        for page in ("/docs", "/redoc"):
            r = c.get(page)
            assert r.status_code == 200
            assert "script-src 'self';" in r.headers["content-security-policy"]
            assert not re.search(r"https?://", r.text)
            for url in re.findall(r'(?:src|href)="([^"]+)"', r.text):
                assert c.get(url).status_code == 200, url


def test_errors_speak_the_negotiated_language(server: Server) -> None:
    with server.client() as c:
        es = c.get("/v1/roles/cdo", headers={"Accept-Language": "es"})
        en = c.get("/v1/roles/cdo", headers={"Accept-Language": "en"})
        assert es.status_code == en.status_code == 404
        assert es.json()["title"] == "Rol desconocido"
        assert en.json()["title"] == "Unknown role"
        assert en.json()["suggestions"][0] == "chief-data-officer"
        assert es.headers["content-language"] == "es"


def test_head_answers_like_get_without_a_body(server: Server) -> None:
    with server.client() as c:
        for path in ("/v1/roles/chief-data-officer?lang=en", "/v1/roles?q=cdo", "/health", "/"):
            get = c.get(path)
            head = c.head(path)
            assert head.status_code == get.status_code == 200, path
            assert head.content == b"", path
            assert int(head.headers["content-length"]) == len(get.content), path
            for name in ("content-type", "etag", "cache-control", "x-catalog-version"):
                assert head.headers.get(name) == get.headers.get(name), (path, name)
        assert c.head("/v1/routes").status_code == 405
