"""docs/settings.md documents every setting of the service, and README links to it."""

from __future__ import annotations

import re
from pathlib import Path

from usecases.settings import Settings

REPO = Path(__file__).resolve().parents[3]
DOC = REPO / "docs" / "settings.md"


def test_every_settings_field_has_a_row_in_docs_settings() -> None:
    text = DOC.read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `(RUMBO_[A-Z0-9_]+)`", text, re.MULTILINE))
    fields = {f"RUMBO_{name.upper()}" for name in Settings.model_fields}
    assert fields - rows == set()


def test_the_readme_links_to_the_settings() -> None:
    assert "docs/settings.md" in (REPO / "README.md").read_text(encoding="utf-8")
