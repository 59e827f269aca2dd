"""What the web page tests share: opening the page, picking roles, entering a person.

Imported by the test modules of this folder as ``web_helpers`` (the folder is on
``sys.path`` the way pytest imports test modules without packages).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402

Page = Any  # playwright.sync_api.Page

#: A person's six scores, as typed into the page.
SCORES = {
    "openness": "60",
    "conscientiousness": "70",
    "extraversion": "40",
    "agreeableness": "55",
    "emotional_stability": "60",
    "relational_engagement": "45",
}
MLOPS_TO_CDO = "#/route?from=mlops-engineer&to=chief-data-officer"


def open_page(page: Page, hash_: str = "") -> None:
    """Load the page at ``hash_`` and wait until it has started."""
    page.goto(f"/{hash_}")
    expect(page.locator("html")).to_have_attribute("data-ready", "true")


def pick_role(page: Page, name: str, typed: str, option_id: str) -> None:
    """Type part of a name in a role type-ahead and choose the option with the keyboard."""
    field = page.locator(f"input[name='{name}']")
    field.fill(typed)
    listbox = page.locator(f"#{field.get_attribute('aria-controls')}")
    option = listbox.locator(f"[role=option][data-id='{option_id}']")
    expect(option).to_be_visible()
    index = listbox.locator("[role=option]").evaluate_all(
        "(els, id) => els.findIndex(e => e.dataset.id === id)", option_id
    )
    for _ in range(index + 1):
        field.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    field.press("Enter")
    expect(field).to_have_attribute("data-role-id", option_id)


def fill_scores(page: Page, **changed: str) -> None:
    """Type the person's scores (``SCORES``, with ``changed`` ones replaced)."""
    for trait, value in {**SCORES, **changed}.items():
        page.locator(f"input[data-trait='{trait}']").fill(value)


def route_request(page: Page, action: Any) -> dict[str, Any]:
    """The body of the POST /v1/routes that ``action`` makes the page send."""
    with page.expect_request(lambda r: "/v1/routes" in r.url and r.method == "POST") as sent:
        action()
    body: dict[str, Any] = json.loads(sent.value.post_data or "{}")
    return body
