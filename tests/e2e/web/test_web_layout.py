"""Every view at phone and desktop width, keyboard-only use, and text hygiene.

After a search in each view (route finder from a role, in Pareto mode and for
a person; role guide; explorer; compare), nothing may be wider than the
window (wide tables scroll in their own box), no "null", "undefined" or "NaN"
may show, and the page's own Spanish words for fit are one word: "ajuste".
The ``page`` fixture fails a test on any console error or uncaught exception.
``RUMBO_UPDATE_SCREENSHOT=1`` refreshes ``docs/screenshot-phone.png``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402
from web_helpers import MLOPS_TO_CDO, Page, fill_scores, open_page, pick_role  # noqa: E402

REPO = Path(__file__).resolve().parents[3]
STRAY_WORDS = re.compile(r"\b(null|undefined|NaN)\b")
# Fit in any other word than "ajuste", in the page's Spanish text: its own and the API's
# explanations (texts marked in another language, such as an English-only guide, are
# left out, but not the page's headings inside them).
OTHER_FIT_WORDS = re.compile(r"\b(fit|encaje)\b", re.IGNORECASE)

# Elements wider than the window, other than those inside a box that scrolls or clips.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if (x === "auto" || x === "scroll" || x === "hidden") return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")]
    .filter((el) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && (box.right > width + 1 || box.left < -1) && !clipped(el);
    })
    .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute("class") || ""}`);
}"""

# The text of the page in its own language: every text node whose nearest element with a
# lang attribute says the page's language (the html element's, at least).
PAGE_OWN_TEXT = """() => {
  const pageLang = document.documentElement.lang;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const owner = node.parentElement.closest("[lang]");
    if (!owner || owner.lang === pageLang) parts.push(node.textContent);
  }
  return parts.join(" ");
}"""


def assert_fits(page: Page, view: str) -> None:
    width = page.evaluate("innerWidth")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{view}: the page is {scroll} px wide in a {width} px window"
    assert page.evaluate(OVERFLOWING) == [], view


def assert_clean_text(page: Page, view: str, lang: str) -> None:
    text = page.locator("body").inner_text()
    assert not STRAY_WORDS.search(text), f"{view}: {STRAY_WORDS.search(text)}"
    if lang == "es":
        own = page.evaluate(PAGE_OWN_TEXT)
        assert not OTHER_FIT_WORDS.search(own), f"{view}: {OTHER_FIT_WORDS.search(own)}"


def search_every_view(page: Page, lang: str) -> list[str]:
    """Search in each view in turn, checking each answer; returns the views checked."""
    shown: list[str] = []

    def check(view: str) -> None:
        shown.append(view)
        assert_fits(page, view)
        assert_clean_text(page, view, lang)

    open_page(page, MLOPS_TO_CDO)
    expect(page.locator("#route-detail")).to_be_visible()
    check("route")

    open_page(page, f"{MLOPS_TO_CDO}&mode=pareto")
    expect(page.locator("#route-detail")).to_be_visible()
    check("pareto")

    open_page(page, "#/route")
    page.locator("input[name=start][value=person]").check()
    pick_role(page, "from", "MLOps", "mlops-engineer")
    pick_role(page, "to", "Chief Data", "chief-data-officer")
    fill_scores(page)
    page.locator(".route-form button[type=submit]").click()
    expect(page.locator("#leverage table")).to_be_visible()
    check("personal")

    # The scores stay in the tab: the role guide shows the person against the role.
    page.locator(".site-nav a[data-view=role]").click()
    pick_role(page, "role", "Chief Data", "chief-data-officer")
    expect(page.locator(".person-fit-value[data-fit]")).to_be_visible()
    check("role")

    page.locator(".site-nav a[data-view=explore]").click()
    pick_role(page, "explore-role", "MLOps", "mlops-engineer")
    page.locator(".explore-form button[type=submit]").click()
    expect(page.locator("svg.graph .gnode").first).to_be_visible()
    check("explore")

    page.locator(".site-nav a[data-view=compare]").click()
    pick_role(page, "target-1", "Chief Data", "chief-data-officer")
    pick_role(page, "target-2", "Head of AI", "head-of-ai")
    page.locator(".compare-form button[type=submit]").click()
    expect(page.locator(".fit-now tbody tr").first).to_be_visible()
    check("compare")
    return shown


@pytest.mark.parametrize(
    ("width", "lang"), [(390, "es"), (390, "en"), (1400, "es")], ids=["phone", "phone-en", "wide"]
)
def test_no_view_is_wider_than_the_window(page: Page, shots: Path, width: int, lang: str) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    if lang == "en":
        page.add_init_script("localStorage.setItem('rumbo.lang', 'en')")
    shown = search_every_view(page, lang)
    assert shown == ["route", "pareto", "personal", "role", "explore", "compare"]
    page.screenshot(path=shots / f"compare-{width}-{lang}.png", full_page=True)
    assert page.errors == []


def test_phone_screenshot_of_a_search(page: Page, shots: Path) -> None:
    """The README's phone picture: routes from MLOps Engineer to Chief Data Officer."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, MLOPS_TO_CDO)
    results = page.locator("#results")
    expect(page.locator("#route-detail")).to_be_visible()
    top = results.bounding_box()
    assert top is not None
    clip = {"x": 0, "y": top["y"] - 8, "width": 390, "height": 1500}
    page.screenshot(path=shots / "route-phone.png", clip=clip, full_page=True)
    if os.environ.get("RUMBO_UPDATE_SCREENSHOT") == "1":
        page.screenshot(path=REPO / "docs" / "screenshot-phone.png", clip=clip, full_page=True)


def focus_by_tab(page: Page, selector: str, most: int = 40) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(most):
        if page.evaluate(f"document.activeElement?.matches({selector!r}) ?? false"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def choose_with_keys(page: Page, typed: str, option_id: str) -> None:
    """In the focused type-ahead: type, arrow down to the option, Enter."""
    page.keyboard.type(typed)
    field = page.locator("input:focus")
    listbox = page.locator(f"#{field.get_attribute('aria-controls')}")
    expect(listbox.locator(f"[data-id='{option_id}']")).to_be_visible()
    for _ in range(8):
        page.keyboard.press("ArrowDown")
        active = field.get_attribute("aria-activedescendant") or ""
        if page.locator(f"#{active}").get_attribute("data-id") == option_id:
            break
    page.keyboard.press("Enter")
    expect(field).to_have_attribute("data-role-id", option_id)


def test_the_route_finder_with_the_keyboard_only(page: Page, shots: Path) -> None:
    open_page(page, "#/route")
    focus_by_tab(page, "input[name=from]")
    choose_with_keys(page, "MLOps", "mlops-engineer")
    focus_by_tab(page, "input[name=to]")
    choose_with_keys(page, "Chief Data", "chief-data-officer")
    page.keyboard.press("Enter")  # submits the form

    # The answer takes the focus; the routes follow it in tab order.
    expect(page.locator("#results-title")).to_be_focused()
    expect(page.locator("#route-detail")).to_have_attribute("data-route-index", "0")
    focus_by_tab(page, ".how-to-read summary", most=3)
    page.keyboard.press("Enter")
    expect(page.locator(".how-to-read")).to_have_attribute("open", "")
    focus_by_tab(page, ".route-choice[data-route-index='1']", most=6)
    page.keyboard.press("Enter")
    expect(page.locator("#route-detail")).to_have_attribute("data-route-index", "1")
    expect(page.locator(".route-choice[data-route-index='1']")).to_be_focused()
    expect(page.locator(".how-to-read")).to_have_attribute("open", "")  # kept as left
    page.screenshot(path=shots / "route-keyboard.png")


def test_out_of_range_scores_are_named_at_their_fields(page: Page, shots: Path) -> None:
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "/v1/routes" in r.url else None)
    open_page(page, "#/route")
    page.locator("input[name=start][value=person]").check()
    pick_role(page, "to", "Chief Data", "chief-data-officer")
    fill_scores(page, openness="150", extraversion="-3")
    page.get_by_role("button", name="Buscar rutas").click()

    openness = page.locator("input[data-trait=openness]")
    extraversion = page.locator("input[data-trait=extraversion]")
    expect(openness).to_be_focused()
    for field in (openness, extraversion):
        expect(field).to_have_attribute("aria-invalid", "true")
        message_id = (field.get_attribute("aria-describedby") or "").split()[-1]
        expect(page.locator(f"#{message_id}")).to_have_text("Escribe un número de 0 a 100.")
        expect(page.locator(f"#{message_id}")).to_be_visible()
    expect(page.locator("input[data-trait=conscientiousness]")).not_to_have_attribute(
        "aria-invalid", "true"
    )
    alert = page.locator("[data-state=invalid-fields]")
    expect(alert).to_contain_text("Apertura (O)")
    expect(alert).to_contain_text("Extraversión (E)")
    expect(page.locator("[data-state=invalid-fields]")).not_to_contain_text("Faltan")
    page.screenshot(path=shots / "scores-out-of-range.png")
    assert sent == []  # nothing was asked of the API

    # Corrected, the messages go and the answer takes the focus.
    openness.fill("60")
    expect(openness).not_to_have_attribute("aria-invalid", "true")
    extraversion.fill("40")
    page.get_by_role("button", name="Buscar rutas").click()
    expect(page.locator("#results-title")).to_be_focused()
    expect(page.locator(".field-error:visible")).to_have_count(0)
    expect(page.locator("#route-detail")).to_be_visible()


def test_the_how_to_read_panel_in_both_languages(page: Page, shots: Path) -> None:
    open_page(page, MLOPS_TO_CDO)
    panel = page.locator("[data-panel=how-to-read]")
    expect(panel.locator("summary")).to_have_text("Cómo leer esto")
    expect(panel).not_to_have_attribute("open", "")
    panel.locator("summary").click()
    for term in ("Ajuste de un paso", "Ajuste acumulado", "Esfuerzo", "derivada", "Meses"):
        expect(panel.locator("dt", has_text=term)).to_have_count(1)
    expect(panel.locator("[data-term=cumulative] dd")).to_contain_text("producto")
    disclaimer = page.locator(".results [data-state=disclaimer]")
    expect(disclaimer).to_contain_text("no una decisión de contratación")
    # Tooltips on the numbers.
    expect(page.locator("#route-detail .total[title]")).not_to_have_count(0)
    expect(page.locator("#route-detail .steps th[title]", has_text="Ajuste")).to_have_count(1)
    expect(page.locator("#route-detail .steps th[title]", has_text="Origen")).to_have_count(1)
    expect(page.locator(".route-choice-meta[title]").first).to_have_attribute(
        "title", re.compile("producto")
    )
    page.screenshot(path=shots / "how-to-read.png", full_page=True)

    page.locator(".lang-switch button[data-lang=en]").click()
    expect(panel.locator("summary")).to_have_text("How to read this")
    expect(panel.locator("dt", has_text="Cumulative fit")).to_have_count(1)
    expect(panel.locator("dt", has_text="Derived move")).to_have_count(1)
    expect(page.locator(".results [data-state=disclaimer]")).to_contain_text(
        "not a hiring decision"
    )


def test_pareto_mode_hides_the_number_of_routes(page: Page) -> None:
    open_page(page, f"{MLOPS_TO_CDO}&mode=pareto")
    expect(page.locator("#route-detail")).to_be_visible()
    expect(page.get_by_label("Número de rutas")).to_be_hidden()
    page.get_by_label("Modo").select_option("alternatives")
    expect(page.get_by_label("Número de rutas")).to_be_visible()


def test_page_strings_exist_in_both_languages(page: Page) -> None:
    open_page(page)
    es, en = page.evaluate(
        "import('./static/i18n.js').then((m) => [m.messageKeys('es'), m.messageKeys('en')])"
    )
    assert es and sorted(es) == sorted(en)
    static = page.locator("[data-i18n]").evaluate_all("els => els.map(e => e.dataset.i18n)")
    assert set(static) <= set(es)


def assert_visibly_focused(page: Page, selector: str) -> None:
    """The element has the focus, is visible, and draws a focus outline."""
    element = page.locator(selector)
    expect(element).to_be_focused()
    expect(element).to_be_visible()
    outline = element.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("", "none"), outline


def test_a_search_without_routes_focuses_a_visible_message(page: Page, shots: Path) -> None:
    open_page(page, "#/route")
    pick_role(page, "from", "MLOps", "mlops-engineer")
    pick_role(page, "to", "Chief Data", "chief-data-officer")
    page.get_by_label("Modo").select_option("best")
    page.get_by_label("Máximo de pasos").fill("1")
    page.get_by_label("Ajuste mínimo por paso (%)").fill("90")
    page.get_by_role("button", name="Buscar rutas").click()  # with the mouse
    assert_visibly_focused(page, "[data-state=no-route]")
    expect(page.locator("#results-title")).not_to_be_focused()
    page.screenshot(path=shots / "no-route-focus.png")

    # An answer the API refuses (the same role at both ends): its message takes the focus.
    page.expected_errors = ["status of 422"]  # the browser logs the refused request
    pick_role(page, "to", "MLOps", "mlops-engineer")
    page.get_by_label("Máximo de pasos").fill("4")
    page.get_by_role("button", name="Buscar rutas").click()
    assert_visibly_focused(page, "#results [data-state=invalid]")
    expect(page.locator("#results [data-state=invalid]")).to_contain_text(
        "La ruta debe terminar en un rol distinto del de partida."
    )


def test_the_explorers_min_fit_is_checked_at_its_field(page: Page) -> None:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/reachable" in r.url else None)
    open_page(page, "#/explore")
    pick_role(page, "explore-role", "MLOps", "mlops-engineer")
    field = page.get_by_label("Ajuste mínimo por paso (%)")
    field.fill("150")
    page.locator(".explore-form button[type=submit]").click()
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    message_id = (field.get_attribute("aria-describedby") or "").split()[-1]
    expect(page.locator(f"#{message_id}")).to_have_text("Escribe un número de 0 a 100.")
    expect(page.locator("[data-state=invalid-fields]")).to_contain_text("Ajuste mínimo por paso")
    assert asked == []  # nothing was asked of the API

    field.fill("50")
    page.locator(".explore-form button[type=submit]").click()
    expect(page.locator("svg.graph .gnode").first).to_be_visible()
    expect(field).not_to_have_attribute("aria-invalid", "true")
    assert asked and "min_step_fit=0.5" in asked[-1]


def test_the_page_text_check_reads_headings_inside_texts_in_another_language(
    onet_page: Page,
) -> None:
    """An O*NET guide is English on the Spanish page: its texts are left out of the check,
    the page's Spanish headings over them are not."""
    page = onet_page
    with page.expect_response(lambda r: "/v1/roles/onet-15-1299-00?" in r.url) as answered:
        open_page(page, "#/role/onet-15-1299-00")
    expect(page.locator(".strengths h2")).to_be_visible()
    own = page.evaluate(PAGE_OWN_TEXT)
    for heading in page.locator("section[lang=en] > h2").all_inner_texts():
        assert heading in own
    assert "Fortalezas" in own and "Preguntas de entrevista" in own
    description = answered.value.json()["description"]
    assert description and description not in own
    assert_clean_text(page, "role (O*NET)", "es")
