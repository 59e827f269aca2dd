"""Role ids: the whole text must match, a final newline included."""

from __future__ import annotations

import pytest

from graph.model import is_role_id, soc_code


@pytest.mark.parametrize("text", ["mlops-engineer", "a", "onet-15-2041.00", "x" * 80])
def test_well_formed_ids_pass(text: str) -> None:
    assert is_role_id(text)


@pytest.mark.parametrize(
    "text", ["mlops-engineer\n", "a\n", "\nmlops-engineer", "a\r\n", "", "-a", "x" * 81, "A"]
)
def test_a_trailing_newline_or_other_stray_text_fails(text: str) -> None:
    assert not is_role_id(text)


def test_an_onet_id_with_a_trailing_newline_has_no_soc_code() -> None:
    assert soc_code("onet-15-2041-00") == "15-2041.00"
    assert soc_code("onet-15-2041-00\n") is None
