"""The ``api`` package's doctests (``api/`` is not among pytest's testpaths)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["api.settings", "api.deps", "api.errors", "api.routes.roles"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
