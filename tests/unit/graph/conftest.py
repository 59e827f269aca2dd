"""Run the search tests in both ways a search space can be built."""

from __future__ import annotations

import pytest

from graph.search import space


@pytest.fixture(params=["whole graph", "balls"])
def search_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """``whole graph``: as on small catalogs (bounds shared between queries);
    ``balls``: as on large ones (the space cut to the balls around the ends)."""
    if request.param == "balls":
        monkeypatch.setattr(space, "WHOLE_GRAPH_ROLES", 0)
    return str(request.param)
