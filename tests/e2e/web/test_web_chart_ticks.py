"""Chart axes label each tick once, with the digits its value has: a whole-number axis
(effort points, whole months) gets whole-number ticks, and no two labels read the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402
from web_helpers import SCORES, Page, fill_scores, open_page, pick_role  # noqa: E402

#: The Pareto chart's tick labels: the horizontal axis's stand centred under their ticks,
#: the vertical axis's end at theirs.
X_TICKS = ".pareto-chart text.tick[text-anchor=middle]"
Y_TICKS = ".pareto-chart text.tick[text-anchor=end]"


def tick_labels(page: Page, selector: str) -> list[str]:
    labels: list[str] = page.locator(selector).all_text_contents()
    return labels


def test_one_route_at_no_effort_has_whole_effort_ticks(page: Page, shots: Path) -> None:
    """A person who already has every trait at 100 needs no development: the best route
    costs 0 effort points, and the chart's effort axis counts whole points."""
    open_page(page, "#/route")
    page.locator("input[name=start][value=person]").check()
    pick_role(page, "from", "MLOps", "mlops-engineer")
    pick_role(page, "to", "Chief Data", "chief-data-officer")
    fill_scores(page, **dict.fromkeys(SCORES, "100"))
    page.get_by_label("Modo").select_option("best")
    with page.expect_response(lambda r: "/v1/routes" in r.url) as answered:
        page.get_by_role("button", name="Buscar rutas").click()
    expect(page.locator("#route-detail")).to_be_visible()
    answer: dict[str, Any] = answered.value.json()
    [route] = answer["routes"]
    assert route["totals"]["effort"] == 0

    chart = page.locator(".pareto-chart")
    expect(chart).to_have_attribute("data-x", "effort")
    efforts = tick_labels(page, X_TICKS)
    assert efforts == [str(n) for n in range(len(efforts))], efforts
    assert len(efforts) > 1
    # The route's point stands on the tick labelled with its effort.
    zero = page.locator(X_TICKS).first.get_attribute("x")
    centre = chart.locator(".pareto-point circle").get_attribute("cx")
    assert zero is not None and centre is not None
    assert float(zero) == pytest.approx(float(centre))

    fits = tick_labels(page, Y_TICKS)
    assert len(fits) > 1 and len(set(fits)) == len(fits), fits
    months = tick_labels(page, "#route-detail .timeline-chart .tick")
    assert len(months) > 1 and len(set(months)) == len(months), months
    page.locator(".pareto").screenshot(path=shots / "pareto-whole-ticks.png")


def chart_module(page: Page, script: str) -> Any:
    """What ``script`` (a function of the page's charts module) returns in the page."""
    open_page(page)
    return page.evaluate(f"async () => ({script})(await import('./static/charts.js'))")


def test_whole_axes_tick_whole_numbers_and_labels_carry_the_steps_digits(page: Page) -> None:
    """The charts module's own tick helpers, on ranges no served catalog draws."""
    ticks = chart_module(
        page,
        """c => ({
            whole: c.niceTicks(0, 2, 6, { whole: true }),
            wholeWide: c.niceTicks(0, 30, 6, { whole: true }),
            percentsNearAll: c.niceTicks(98, 100, 5, { whole: true }),
            half: c.niceTicks(0, 2, 6),
            quarter: c.tickDigits(c.niceTicks(0, 1.25, 6)),
            tens: c.tickDigits(c.niceTicks(0, 300, 6)),
        })""",
    )
    assert ticks == {
        "whole": [0, 1, 2],
        "wholeWide": [0, 5, 10, 15, 20, 25, 30],
        "percentsNearAll": [98, 99, 100],  # fits of 98-100 %: not 98, 98, 99, 99, 100, 100
        "half": [0, 0.5, 1, 1.5, 2],
        "quarter": 2,
        "tens": 0,
    }
