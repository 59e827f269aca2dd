"""The web page in headless Chromium against a real server on the bundled catalog
(and, for an O*NET role's attribution and a step-down notice, on catalogs that have them).

Each test opens a fresh page (Spanish by default) and saves a screenshot of
what it checked under ``artifacts/screenshots/``. Set
``RUMBO_UPDATE_SCREENSHOT=1`` to also refresh ``docs/screenshot.png`` (the
route view) from this run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402
from web_helpers import Page, fill_scores, open_page, pick_role  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
# The explanation is the API's text (usecases/messages.py), which names fit either way.
SPANISH_CUMULATIVE_FIT = re.compile(r"(Fit|Ajuste) acumulado")


def find_mlops_to_cdo(page: Page) -> None:
    open_page(page)
    expect(page.locator("h1")).to_have_text("Buscar rutas")
    expect(page.locator("[data-state=empty]")).to_be_visible()
    pick_role(page, "from", "MLOps", "mlops-engineer")
    pick_role(page, "to", "Chief Data", "chief-data-officer")
    page.get_by_role("button", name="Buscar rutas").click()
    expect(page.locator("#route-detail")).to_be_visible()


def test_mlops_to_cdo_shows_several_routes_and_pareto_selects_one(
    page: Page, shots: Path, web_server: str
) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    find_mlops_to_cdo(page)

    choices = page.locator(".route-choice")
    expect(choices).to_have_count(5)  # alternatives, k = 5
    points = page.locator(".pareto-point")
    expect(points).to_have_count(5)
    expect(page.locator("#route-detail")).to_have_attribute("data-route-index", "0")
    diagram = page.locator("#route-detail .route-diagram")
    steps = int(diagram.get_attribute("data-steps") or 0)
    expect(diagram.locator("a.node")).to_have_count(steps + 1)
    expect(diagram.locator(".edge-fit").first).to_contain_text("ajuste")
    expect(diagram.locator(".edge-develop").first).to_contain_text("+")
    expect(page.locator("#route-detail .develop-chart .bar-row")).to_have_count(6)
    expect(page.locator("#route-detail .explanation")).to_contain_text(SPANISH_CUMULATIVE_FIT)
    expect(page.locator(".pareto-point.on-front").first).to_be_visible()
    page.screenshot(path=shots / "route.png", full_page=True)
    if os.environ.get("RUMBO_UPDATE_SCREENSHOT") == "1":
        page.screenshot(
            path=REPO / "docs" / "screenshot.png",
            clip={"x": 0, "y": 0, "width": 1360, "height": 1300},
            full_page=True,
        )

    # Click the point of route 4 (the one-step route, on the Pareto front).
    points.nth(3).click()
    expect(page.locator("#route-detail")).to_have_attribute("data-route-index", "3")
    expect(points.nth(3)).to_have_attribute("aria-pressed", "true")
    expect(choices.nth(3)).to_have_attribute("aria-pressed", "true")
    expect(page).to_have_url(re.compile(r"sel=4"))
    expect(page.locator("#route-detail h3")).to_contain_text("Ruta 4")

    # Keyboard: focus another point and press Enter.
    page.locator(".pareto-point").nth(1).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#route-detail")).to_have_attribute("data-route-index", "1")
    expect(page.locator(".pareto-point").nth(1)).to_be_focused()
    page.screenshot(path=shots / "route-pareto-selected.png")

    # ... or with a route's button in the list.
    choices.nth(2).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#route-detail")).to_have_attribute("data-route-index", "2")
    expect(page.locator(".route-choice").nth(2)).to_be_focused()
    page.locator(".pareto-point").nth(1).click()
    expect(page.locator("#route-detail")).to_have_attribute("data-route-index", "1")

    # The selection is part of the address: reloading shows the same route.
    page.reload()
    expect(page.locator("#route-detail")).to_have_attribute("data-route-index", "1")

    # Offline: every request went to the service itself.
    assert requests and all(url.startswith(web_server) for url in requests), requests


def test_english_switch_re_requests_and_swaps_strings(page: Page, shots: Path) -> None:
    find_mlops_to_cdo(page)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    with page.expect_request(lambda r: "/v1/routes" in r.url and "lang=en" in r.url):
        page.locator(".lang-switch button[data-lang=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Find routes")
    expect(page.locator(".site-nav a[data-view=route]")).to_have_text("Routes")
    expect(page.locator("#route-detail .explanation")).to_contain_text("Cumulative fit")
    expect(page.locator(".route-choice").first).to_contain_text("Data Platform Lead")
    expect(page.get_by_role("combobox", name="Target role")).to_have_value("Chief Data Officer")
    expect(page.get_by_role("button", name="Print plan")).to_be_visible()
    page.screenshot(path=shots / "route-english.png")

    # The choice persists, and switching back restores Spanish.
    page.reload()
    expect(page.locator("h1")).to_have_text("Find routes")
    page.locator(".lang-switch button[data-lang=es]").click()
    expect(page.locator("h1")).to_have_text("Buscar rutas")
    expect(page.locator("#route-detail .explanation")).to_contain_text(SPANISH_CUMULATIVE_FIT)


def test_role_page_from_the_diagram(page: Page, shots: Path) -> None:
    find_mlops_to_cdo(page)
    page.locator("#route-detail .route-diagram a.node-goal").click()
    expect(page).to_have_url(re.compile(r"#/role/chief-data-officer$"))
    expect(page.locator("h1")).to_have_text("Chief Data Officer")
    expect(page.locator(".site-nav a[data-view=role]")).to_have_attribute("aria-current", "page")
    expect(page.locator(".radar-chart")).to_be_visible()
    expect(page.locator(".profile-bars .bar-row")).to_have_count(6)
    expect(page.locator(".strengths li")).not_to_have_count(0)
    expect(page.locator(".red-flags li")).not_to_have_count(0)
    expect(page.locator(".questions li")).not_to_have_count(0)
    expect(page.locator(".outgoing tbody tr")).not_to_have_count(0)
    expect(page.locator(".incoming tbody tr", has_text="MLOps Engineer")).to_have_count(1)
    expect(page.locator("[data-state=attribution]")).to_have_count(0)
    page.screenshot(path=shots / "role.png", full_page=True)

    # Following an incoming transition opens that role's guide.
    page.locator(".incoming a", has_text="MLOps Engineer").click()
    expect(page).to_have_url(re.compile(r"#/role/mlops-engineer$"))
    expect(page.locator("h1")).to_have_text("MLOps Engineer")

    # Back to the finder from the menu: the last routes are shown again.
    page.locator(".site-nav a[data-view=route]").click()
    expect(page.locator("#route-detail")).to_be_visible()
    expect(page).to_have_url(re.compile(r"to=chief-data-officer"))


#: The attribution every role imported from the O*NET 30.x fixture release carries
#: (O*NET's wording, in English on the Spanish page too).
ONET_30_ATTRIBUTION = (
    "This page includes information from the O*NET 30.1 Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
    "license. O*NET® is a trademark of USDOL/ETA. Rumbo has modified all or some of this "
    "information. USDOL/ETA has not approved, endorsed, or tested these modifications."
)


def test_role_page_shows_attribution_footer(onet_page: Page, shots: Path) -> None:
    """An O*NET role's guide credits O*NET (bundled roles have no attribution: see
    ``test_role_page_from_the_diagram``)."""
    page = onet_page
    open_page(page, "#/role/onet-15-2051-00")
    expect(page.locator("h1")).to_have_text("Data Scientists")
    footer = page.locator("[data-state=attribution]")
    expect(footer).to_have_text(f"Fuente: {ONET_30_ATTRIBUTION}")
    # O*NET's credit is English on the Spanish page, and says so; its label is the page's.
    expect(footer.locator("[lang]")).to_have_count(1)
    expect(footer.locator("[lang=en]")).to_have_text(ONET_30_ATTRIBUTION)
    footer.screenshot(path=shots / "role-attribution.png")


def test_person_scores_give_routes_with_timeline(page: Page, shots: Path) -> None:
    open_page(page, "#/route")
    page.get_by_label("Desde una persona").check()
    pick_role(page, "from", "mlops", "mlops-engineer")
    expect(page.get_by_role("combobox", name="Rol actual (opcional)")).to_have_value(
        "MLOps Engineer"
    )
    pick_role(page, "to", "chief data", "chief-data-officer")
    fill_scores(page)
    page.get_by_role("button", name="Buscar rutas").click()

    expect(page.locator(".results-title")).to_contain_text("Costeadas para la persona")
    expect(page.locator(".route-choice")).not_to_have_count(0)
    timeline = page.locator("#route-detail .timeline-chart")
    expect(timeline).to_be_visible()
    steps = int(page.locator("#route-detail .route-diagram").get_attribute("data-steps") or 0)
    expect(timeline.locator(".timeline-row")).to_have_count(steps)
    months = [
        float(m)
        for m in timeline.locator(".timeline-row").evaluate_all(
            "rows => rows.map(r => r.dataset.months)"
        )
    ]
    assert all(m > 0 for m in months)
    assert float(timeline.get_attribute("data-months") or 0) == pytest.approx(sum(months))
    expect(page.locator("#route-detail .totals")).to_contain_text("Duración")
    expect(page.locator("#route-detail .steps th", has_text="Meses")).to_have_count(1)
    expect(page.locator("#route-detail .actions-list li").first).to_be_visible()
    # What to develop first (POST /v1/leverage): now, and each trait raised in turn.
    leverage = page.locator("#leverage")
    expect(leverage.locator("tbody tr")).to_have_count(7)
    expect(leverage.locator(".lev-best")).to_contain_text("mejora")
    expect(leverage.locator("tr.best, tr.tied")).not_to_have_count(0)
    # Scores never go into the address.
    query = parse_qs(page.url.split("#", 1)[1].split("?", 1)[1])
    assert query["person"] == ["1"]
    assert set(query) <= {"person", "from", "to", "mode", "k", "steps", "sel"}, query
    page.screenshot(path=shots / "person-timeline.png", full_page=True)

    # Starting from the person alone (no current role): the first step enters a role.
    page.get_by_role("combobox", name="Rol actual (opcional)").fill("")
    page.get_by_role("button", name="Buscar rutas").click()
    expect(page.locator("#route-detail .route-diagram .node-person")).to_have_count(1)
    expect(page.locator("#route-detail .timeline-chart")).to_be_visible()


def test_unknown_role_shows_the_apis_suggestions(page: Page, shots: Path) -> None:
    page.expected_errors = ("status of 404",)
    # From the address: a typo typed in the form is resolved by the role search instead.
    open_page(page, "#/route?from=mlops-enginer&to=chief-data-officer")
    state = page.locator("[data-state=unknown-role]")
    expect(state).to_be_visible()
    expect(state).to_contain_text("Rol desconocido")
    expect(state).to_contain_text("mlops-enginer")
    expect(state).to_contain_text("Rol de inicio")
    suggestion = state.locator("[data-suggestion=mlops-engineer]")
    expect(suggestion).to_contain_text("MLOps Engineer")
    page.screenshot(path=shots / "unknown-role.png")

    suggestion.click()
    expect(page.locator("#route-detail")).to_be_visible()
    expect(page.get_by_role("combobox", name="Rol de inicio")).to_have_value("MLOps Engineer")

    # The role page answers the same way.
    open_page(page, "#/role/chief-data-oficer")
    expect(page.locator("[data-state=unknown-role]")).to_be_visible()
    page.locator("[data-suggestion=chief-data-officer]").click()
    expect(page.locator("h1")).to_have_text("Chief Data Officer")


def test_no_route_under_constraints_shows_the_reason(page: Page, shots: Path) -> None:
    open_page(page, "#/route")
    pick_role(page, "from", "MLOps", "mlops-engineer")
    pick_role(page, "to", "Chief Data", "chief-data-officer")
    page.get_by_label("Modo").select_option("best")
    page.get_by_label("Máximo de pasos").fill("1")
    page.get_by_label("Ajuste mínimo por paso (%)").fill("90")
    page.get_by_role("button", name="Buscar rutas").click()
    state = page.locator("[data-state=no-route]")
    expect(state).to_be_visible()
    expect(state).to_contain_text("No hay ruta con estas restricciones")
    expect(state.locator(".reason")).to_contain_text("ninguna cumple estas restricciones")
    page.screenshot(path=shots / "no-route.png")

    # Too few steps: the API says how many are needed.
    open_page(page, "#/route?from=junior-software-developer&to=chief-data-officer&steps=1")
    expect(page.locator("[data-state=no-route] .reason")).to_contain_text("pasos como mínimo")


def test_the_answers_notice_is_shown(step_down_page: Page, shots: Path) -> None:
    """The only route from the analyst to the scientist (both mid level) steps down to
    the junior assistant: the server gives it with a notice saying so."""
    page = step_down_page
    with page.expect_response(lambda r: "/v1/routes" in r.url) as answered:
        open_page(page, "#/route?from=analyst&to=scientist")
    answer = answered.value.json()
    [route] = answer["routes"]
    moves = [(step["to"], step["level_change"]) for step in route["steps"]]
    assert moves == [("assistant", -1), ("scientist", 1)]
    # One route: the notice speaks of it in the singular.
    notice = (
        "Esta ruta baja de nivel en algún paso: dentro de estos límites (pasos, "
        "restricciones) ninguna ruta hacia este rol lo evita."
    )
    assert answer["notice"] == notice
    shown = page.locator("[data-state=notice]")
    expect(shown).to_contain_text("Aviso")
    expect(shown).to_contain_text(notice)
    expect(page.locator("#route-detail")).to_be_visible()
    page.screenshot(path=shots / "route-notice.png")


def test_service_unavailable_then_retry(page: Page, shots: Path) -> None:
    page.expected_errors = ("net::ERR_FAILED", "status of 503")
    page.route("**/v1/routes?*", lambda route: route.abort())
    open_page(page, "#/route?from=mlops-engineer&to=chief-data-officer")
    state = page.locator("[data-state=unavailable]")
    expect(state).to_be_visible()
    expect(state).to_contain_text("Servicio no disponible")
    page.screenshot(path=shots / "unavailable.png")
    page.unroute("**/v1/routes?*")
    state.get_by_role("button", name="Reintentar").click()
    expect(page.locator("#route-detail")).to_be_visible()


def test_print_plan_is_one_page(page: Page, shots: Path) -> None:
    open_page(page, "#/route?from=mlops-engineer&to=chief-data-officer&mode=alternatives&k=5")
    expect(page.locator("#route-detail")).to_be_visible()
    page.evaluate(
        "() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }"
    )
    page.get_by_role("button", name="Imprimir plan").click()
    assert page.evaluate("window.__printed") == 1

    page.emulate_media(media="print")
    expect(page.locator(".route-form")).to_be_hidden()
    expect(page.locator(".result-grid")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("#route-detail .print-header")).to_be_visible()
    expect(page.locator("#route-detail .actions-compact")).to_be_visible()
    pdf = page.pdf(format="A4", print_background=True)
    (shots / "plan.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.set_viewport_size({"width": 703, "height": 1000})
    page.screenshot(path=shots / "plan-print.png", full_page=True)


def test_explorer_pans_and_zooms(page: Page, shots: Path) -> None:
    open_page(page, "#/explore/mlops-engineer?steps=2")
    summary = page.locator(".summary")
    expect(summary).to_contain_text("roles alcanzables")
    total = int(summary.get_attribute("data-count") or 0)
    assert total > 5
    graph = page.locator("svg.graph")
    expect(graph.locator(".gnode")).to_have_count(total + 1)
    viewport = graph.locator(".viewport")

    def transform() -> tuple[float, float, float]:
        value = viewport.get_attribute("transform") or ""
        x, y, k = map(float, re.findall(r"-?\d+(?:\.\d+)?", value))
        return x, y, k

    x0, y0, k0 = transform()
    page.locator("[data-zoom=in]").click()
    assert transform()[2] > k0
    page.locator("[data-zoom=reset]").click()
    assert transform() == (x0, y0, k0)

    box = graph.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 30, box["y"] + 30)
    page.mouse.down()
    page.mouse.move(box["x"] + 130, box["y"] + 90, steps=5)
    page.mouse.up()
    x1, y1, _ = transform()
    assert x1 > x0 and y1 > y0

    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    expect(viewport).not_to_have_attribute("transform", re.compile(rf"scale\({k0:.4f}\)"))
    assert transform()[2] > k0

    graph.focus()
    before = transform()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("-")
    after = transform()
    assert after[0] != before[0] and after[2] < before[2]

    node = graph.locator(".gnode[data-role=chief-data-officer]")
    node.focus()
    page.keyboard.press("Enter")
    panel = page.locator(".graph-panel")
    expect(panel).to_contain_text("Chief Data Officer")
    expect(panel.locator(".panel-route")).to_contain_text("MLOps Engineer → Chief Data Officer")
    expect(panel).not_to_contain_text("[object")
    expect(panel.get_by_role("link", name="Ver guía del rol")).to_have_attribute(
        "href", "#/role/chief-data-officer"
    )
    page.locator("[data-zoom=reset]").click()
    page.screenshot(path=shots / "explorer.png", full_page=True)


def test_compare_three_targets_for_one_person(page: Page, shots: Path) -> None:
    open_page(page, "#/compare")
    expect(page.locator("[data-state=empty]")).to_be_visible()
    fill_scores(page)
    pick_role(page, "current", "MLOps", "mlops-engineer")
    pick_role(page, "target-1", "Chief Data", "chief-data-officer")
    pick_role(page, "target-2", "Head of AI", "head-of-ai")
    pick_role(page, "target-3", "Director/a de Datos", "director-of-data")
    page.get_by_role("button", name="Comparar").click()
    table = page.locator(".compare-table")
    expect(table.locator("thead th")).to_have_count(3)
    expect(table.locator("tbody tr", has_text="Meses").locator("td")).to_have_count(3)
    expect(table.locator("tbody tr", has_text="Esfuerzo").locator("td")).to_have_count(3)
    expect(page.locator(".compare-col")).to_have_count(3)
    expect(page.locator(".compare-col .route-diagram")).to_have_count(3)
    expect(page.locator(".badge-best").first).to_be_visible()
    # The roles the person fits best today (POST /v1/fit-now), each one addable as a target.
    expect(page.locator(".fit-now tbody tr")).to_have_count(10)
    expect(page.locator(".fit-now tbody tr").first.locator("meter")).to_have_count(1)
    page.screenshot(path=shots / "compare.png", full_page=True)


def test_hash_routes_are_linkable_and_unknown_ones_say_so(page: Page) -> None:
    open_page(page, "#/route?from=mlops-engineer&to=chief-data-officer&mode=pareto")
    expect(page.locator(".route-choice")).not_to_have_count(0)
    expect(page.get_by_label("Modo")).to_have_value("pareto")
    open_page(page, "#/nowhere")
    expect(page.locator("[data-state=not-found]")).to_be_visible()
    page.get_by_role("link", name="Ir al buscador de rutas").click()
    expect(page.locator("h1")).to_have_text("Buscar rutas")
    expect(page.locator("h1")).to_be_focused()  # focus follows the change of view
    # The skip link is the first stop of the keyboard.
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-ready", "true")
    page.keyboard.press("Tab")
    expect(page.locator("#skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
