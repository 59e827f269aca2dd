"""The layers of docs/architecture.md, checked on the imports of every module.

Each package may import only the Rumbo packages below it; the search engine's
private modules are imported only inside ``graph/search``; the Neo4j driver only
inside ``stores``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

#: Rumbo package -> the Rumbo packages its modules may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "graph": set(),
    "cypher": set(),
    "loaders": {"graph"},
    "stores": {"graph", "loaders", "cypher"},
    "usecases": {"graph", "loaders", "stores"},
    "api": {"graph", "usecases"},
    # The CLI also starts the HTTP service (`rumbo serve`).
    "rumbo_cli": {"graph", "loaders", "stores", "usecases", "api"},
}
RUMBO_PACKAGES = {*ALLOWED, "bench", "tests"}


def _imports(path: Path) -> list[str]:
    """Every module an ``import`` or ``from ... import`` of the file names, in full."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_below_it(package: str) -> None:
    wrong = [
        f"{path.relative_to(REPO)} imports {name}"
        for path in _modules(package)
        for name in _imports(path)
        if (top := name.split(".")[0]) in RUMBO_PACKAGES
        and top != package
        and top not in ALLOWED[package]
    ]
    assert wrong == []


def test_private_search_modules_stay_inside_the_search_package() -> None:
    wrong = [
        f"{path.relative_to(REPO)} imports {name}"
        for package in (*ALLOWED, "bench", "tests")
        for path in _modules(package)
        if not path.is_relative_to(REPO / "graph" / "search")
        for name in _imports(path)
        if name.startswith("graph.search._")
    ]
    assert wrong == []


def test_only_the_stores_use_the_neo4j_driver() -> None:
    wrong = [
        f"{path.relative_to(REPO)} imports {name}"
        for package in ALLOWED
        if package != "stores"
        for path in _modules(package)
        for name in _imports(path)
        if name.split(".")[0] == "neo4j"
    ]
    assert wrong == []
