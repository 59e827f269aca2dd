"""Seniority and time on the web page: each step's level change, the route's timeline and
the career options of the search form (sent in the request's constraints)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402
from web_helpers import MLOPS_TO_CDO, Page, open_page, route_request  # noqa: E402


def test_a_route_shows_level_changes_and_its_timeline(page: Page, shots: Path) -> None:
    with page.expect_response(lambda r: "/v1/routes" in r.url) as answered:
        open_page(page, f"{MLOPS_TO_CDO}&mode=best")
    detail = page.locator("#route-detail")
    expect(detail).to_be_visible()
    [route] = answered.value.json()["routes"]

    # One level cell per step: +n, = or −n as the API's level_change says ("—" unknown).
    levels = detail.locator(".steps td.level")
    expect(levels).to_have_count(len(route["steps"]))
    signs = {None: "—", 0: "="}
    for cell, step in zip(levels.all(), route["steps"], strict=True):
        change = step["level_change"]
        text = signs.get(change) or (f"+{change}" if change > 0 else f"−{-change}")
        expect(cell).to_have_text(text)
    expect(detail.locator(".steps th", has_text="Nivel")).to_have_count(1)

    # The route's timeline: a bar per step, the total in years and months.
    months = route["totals"]["months"]
    assert months and months > 12  # role to role too: executive moves take years
    timeline = detail.locator(".timeline-chart")
    expect(timeline).to_be_visible()
    expect(timeline.locator(".timeline-row")).to_have_count(len(route["steps"]))
    assert float(timeline.get_attribute("data-months") or 0) == pytest.approx(months)
    expect(detail.locator(".totals")).to_contain_text("Duración")
    expect(detail.locator(".totals")).to_contain_text(re.compile(r"≈ \d+ años?"))
    expect(page.locator(".route-choice-meta").first).to_contain_text("≈")
    expect(detail.locator(".steps th", has_text="Meses")).to_have_count(1)
    page.screenshot(path=shots / "route-career.png", full_page=True)

    page.locator(".lang-switch button[data-lang=en]").click()
    expect(detail.locator(".steps th", has_text="Level")).to_have_count(1)
    expect(page.locator("#route-detail .totals")).to_contain_text(re.compile(r"≈ \d+ years?"))


def test_toggling_an_option_changes_the_request(page: Page, shots: Path) -> None:
    body = route_request(page, lambda: open_page(page, MLOPS_TO_CDO))
    # The API's defaults, sent explicitly.
    assert body["constraints"]["max_level_rise"] == 1
    assert body["constraints"]["allow_step_down"] is False
    assert body["constraints"]["allow_credential_gates"] is False
    expect(page.locator("#route-detail")).to_be_visible()

    page.locator("details.advanced summary").click()
    page.get_by_label("Permitir bajar de nivel en el camino").check()
    page.get_by_label("Subida máxima de nivel por paso").select_option("any")
    page.get_by_label("Peso del tiempo (años)").fill("0.5")
    page.screenshot(path=shots / "route-career-options.png", full_page=True)
    body = route_request(page, lambda: page.get_by_role("button", name="Buscar rutas").click())
    assert body["constraints"]["allow_step_down"] is True
    assert body["constraints"]["max_level_rise"] is None
    assert body["constraints"]["allow_credential_gates"] is False
    assert body["objective"]["months_weight"] == 0.5
    expect(page.locator("#route-detail")).to_be_visible()
    expect(page).to_have_url(re.compile(r"rise=any"))
    expect(page).to_have_url(re.compile(r"down=1"))

    # The options are part of the address: reloading sends them again.
    body = route_request(page, page.reload)
    assert body["constraints"]["allow_step_down"] is True
    assert body["constraints"]["max_level_rise"] is None
    expect(page.get_by_label("Permitir bajar de nivel en el camino")).to_be_checked()

    page.locator("details.advanced summary").click()
    page.get_by_label("Permitir bajar de nivel en el camino").uncheck()
    page.get_by_label("Permitir pasar por roles que exigen más formación").check()
    page.get_by_label("Subida máxima de nivel por paso").select_option("2")
    body = route_request(page, lambda: page.get_by_role("button", name="Buscar rutas").click())
    assert body["constraints"]["allow_step_down"] is False
    assert body["constraints"]["allow_credential_gates"] is True
    assert body["constraints"]["max_level_rise"] == 2


def test_phone_layout_keeps_the_new_columns_reachable(page: Page, shots: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, f"{MLOPS_TO_CDO}&mode=best")
    expect(page.locator("#route-detail .timeline-chart")).to_be_visible()
    # Nothing wider than the screen but the scrollable table.
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= 390
    page.screenshot(path=shots / "route-career-phone.png", full_page=True)
