"""Fixtures of the web page's end-to-end tests.

A real uvicorn server (in a thread of the test process) serves the app on the
bundled catalog with the page mounted, on a free port; Debian's headless
Chromium, driven by Playwright's sync API, opens it with no network access
beyond that server. Two more servers, started by the tests that need them, serve
the O*NET 30.x fixture release and a three-role catalog whose only route steps down.
Screenshots go to ``artifacts/screenshots/`` (git-ignored).

Set ``RUMBO_CHROMIUM`` to use another Chromium binary. Without one the tests
are skipped, with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
import yaml

from graph.traits import TRAITS

REPO = Path(__file__).resolve().parents[3]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    # No network: host names other than the test server's address do not resolve,
    # and anything sent through a proxy goes to a closed port.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1",
]


def chromium_path() -> str | None:
    wanted = os.environ.get("RUMBO_CHROMIUM")
    if wanted:
        return wanted
    for name in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(name).exists():
            return name
    return shutil.which("chromium")


class _ServerThread:
    """uvicorn serving the app (page mounted) from a thread, on a socket bound up front.

    ``catalog_dir`` is the catalog folder served (``RUMBO_CATALOG_DIR``); the bundled
    catalog when it is ``None``.
    """

    def __init__(self, catalog_dir: Path | None = None) -> None:
        self.catalog_dir = catalog_dir
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server: uvicorn.Server | None = None
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            from api.app import create_app
            from usecases.settings import Settings

            settings = Settings(
                catalog_dir=self.catalog_dir, neo4j_uri=None, read_requires_key=False
            )
            app = create_app(settings)
            self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
            self.server.run(sockets=[self.sock])
        except BaseException as exc:  # reported by wait_ready
            self.failure = exc

    def wait_ready(self) -> str:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/ready", timeout=2).status_code == 200:
                    return self.url
            except httpx.TransportError:
                pass
            if self.failure is not None or not self.thread.is_alive():
                raise RuntimeError(f"the web test server failed: {self.failure!r}")
            if time.monotonic() > deadline:
                raise RuntimeError("the web test server was not ready after 60 s")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.server is not None:
            self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture(scope="session")
def _server_thread() -> Iterator[_ServerThread]:
    """Starts the server without waiting, so it boots while Chromium starts."""
    handle = _ServerThread()
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture(scope="session")
def web_server(_server_thread: _ServerThread) -> str:
    """Base URL of the app on the bundled catalog with the page mounted, once ready."""
    return _server_thread.wait_ready()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium, once per module (Playwright's loop must end before async tests)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium_path()
    if not executable or not Path(executable).exists():
        pytest.skip("no Chromium binary (install Debian's chromium or set RUMBO_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


#: The O*NET 30.x fixture release (rated occupations, and some imputed from related ones).
ONET_30X = REPO / "tests" / "fixtures" / "onet" / "onet-30x"


@pytest.fixture(scope="session")
def onet_web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app serving the O*NET 30.x fixture release, imported with
    ``rumbo import`` into a catalog folder, with the page mounted."""
    from typer.testing import CliRunner

    from rumbo_cli.main import app

    folder = tmp_path_factory.mktemp("onet-30x") / "catalog"
    imported = CliRunner().invoke(app, ["import", str(ONET_30X), "--out", str(folder)])
    assert imported.exit_code == 0, imported.output
    yield from _serve(folder)


#: A catalog whose only route between two roles of one level steps down: from the
#: analyst (mid) the one move leads to the assistant (junior), and from there to the
#: scientist (mid). Its rules derive no moves, so no other route can appear.
STEP_DOWN_ROLES = {
    "analyst": ("Analista", "mid", 30, "assistant"),
    "assistant": ("Asistente", "junior", 50, "scientist"),
    "scientist": ("Científica", "mid", 80, None),
}


@pytest.fixture(scope="session")
def step_down_web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app serving :data:`STEP_DOWN_ROLES`, a YAML catalog folder
    written here, with the page mounted."""
    folder = tmp_path_factory.mktemp("step-down") / "catalog"
    (folder / "roles").mkdir(parents=True)
    (folder / "catalog.yaml").write_text("derived:\n  enabled: false\n", encoding="utf-8")
    for role_id, (name, level, score, next_role) in STEP_DOWN_ROLES.items():
        role = {
            "id": role_id,
            "name": name,
            "family": "data",
            "level": level,
            "profile": {trait.value: score for trait in TRAITS},
            "transitions": [{"to": next_role, "fit": 0.7}] if next_role else [],
        }
        text = yaml.safe_dump(role, allow_unicode=True, sort_keys=False)
        (folder / "roles" / f"{role_id}.yaml").write_text(text, encoding="utf-8")
    yield from _serve(folder)


def _serve(folder: Path) -> Iterator[str]:
    """Serve the catalog folder until the generator is closed, yielding its base URL."""
    handle = _ServerThread(folder)
    try:
        yield handle.wait_ready()
    finally:
        handle.stop()


@pytest.fixture
def page(browser: object, web_server: str) -> Iterator[object]:
    """A fresh page (own storage, Spanish) on the bundled catalog's server."""
    yield from _page_on(browser, web_server)


@pytest.fixture
def onet_page(browser: object, onet_web_server: str) -> Iterator[object]:
    """A fresh page (own storage, Spanish) on the O*NET 30.x fixture catalog's server."""
    yield from _page_on(browser, onet_web_server)


@pytest.fixture
def step_down_page(browser: object, step_down_web_server: str) -> Iterator[object]:
    """A fresh page (own storage, Spanish) on the step-down catalog's server."""
    yield from _page_on(browser, step_down_web_server)


def _page_on(browser: object, web_server: str) -> Iterator[object]:
    """A fresh page (own storage, Spanish) that reaches only ``web_server``.

    Console errors and uncaught exceptions fail the test, and so does any
    request to another origin (the page must work offline: no CDN).
    """
    context = browser.new_context(  # type: ignore[attr-defined]
        base_url=web_server,
        viewport={"width": 1360, "height": 900},
        locale="es-ES",
        service_workers="block",
    )
    context.set_default_timeout(10_000)

    errors: list[str] = []
    page = context.new_page()

    def only_local(request: object) -> None:
        url: str = request.url  # type: ignore[attr-defined]
        if not url.startswith((web_server + "/", "data:")):
            errors.append(f"request to another origin: {url}")

    page.on("request", only_local)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: (
            errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    page.errors = errors
    try:
        yield page
    finally:
        context.close()
    expected = getattr(page, "expected_errors", ())
    unexpected = [e for e in errors if not any(x in e for x in expected)]
    assert not unexpected, "\n".join(unexpected)


@pytest.fixture(scope="session")
def shots() -> Path:
    """The git-ignored folder screenshots are saved in."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
