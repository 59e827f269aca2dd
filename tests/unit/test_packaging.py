"""What a wheel of Rumbo holds: every package, and every file of their package data.

The bundled catalog (``loaders/bundled/``), the web page (``api/static/``) and the
Cypher files ship as package data, found with :mod:`importlib.resources`. A file
that pyproject.toml's globs miss works in a checkout and is absent from a wheel,
so these checks compare the globs with the files on disk. ``scripts/check-wheel``
builds and runs a real wheel (in CI); these are the cheap half run with every test.
"""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from glob import glob
from pathlib import Path
from typing import Any

from api.web import WEB_DIR
from loaders import bundled_catalog

REPO = Path(__file__).resolve().parents[2]

#: Top-level packages of the checkout that stay out of the wheel.
NOT_SHIPPED = {"bench", "tests"}


def setuptools_table() -> dict[str, Any]:
    table: dict[str, Any] = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(table["tool"]["setuptools"])


def top_level_packages() -> set[str]:
    """Folders of the checkout that are Python packages."""
    return {d.name for d in REPO.iterdir() if (d / "__init__.py").is_file()}


def shipped_packages() -> set[str]:
    """The top-level packages the wheel holds (pyproject's ``packages.find.include``)."""
    include = setuptools_table()["packages"]["find"]["include"]
    return {name for name in top_level_packages() if any(fnmatch(name, p) for p in include)}


def owning_package(file: Path) -> str:
    """The dotted name of the innermost package holding ``file`` (setuptools' key)."""
    folder = file.parent
    while not (folder / "__init__.py").is_file():
        folder = folder.parent
    return ".".join(folder.relative_to(REPO).parts)


def data_files(package: str) -> set[Path]:
    """Files under a top-level package that are not Python code: its package data."""
    return {
        path
        for path in (REPO / package).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".py", ".pyc"}
    }


def globbed(package: str, pattern: str) -> set[Path]:
    """The files one package-data glob selects, as setuptools expands it."""
    folder = REPO.joinpath(*package.split("."))
    return {Path(p) for p in glob(str(folder / pattern), recursive=True) if Path(p).is_file()}


def shipped_data_files() -> set[Path]:
    """Every file the package-data globs select, in every shipped package."""
    package_data: dict[str, list[str]] = setuptools_table()["package-data"]
    return {
        path
        for package, patterns in package_data.items()
        for pattern in patterns
        for path in globbed(package, pattern)
    }


def test_every_package_ships_but_the_tests_and_the_benchmarks() -> None:
    assert top_level_packages() - shipped_packages() == NOT_SHIPPED


def test_the_package_data_globs_cover_every_data_file() -> None:
    """A new page script, role file or Cypher file can never be left out of the wheel."""
    on_disk = {path for package in shipped_packages() for path in data_files(package)}
    missing = sorted(str(p.relative_to(REPO)) for p in on_disk - shipped_data_files())
    assert not missing, f"add globs to [tool.setuptools.package-data] for {missing}"


def test_every_package_data_glob_selects_files() -> None:
    package_data: dict[str, list[str]] = setuptools_table()["package-data"]
    for package, patterns in package_data.items():
        assert package.split(".")[0] in shipped_packages(), package
        for pattern in patterns:
            found = globbed(package, pattern)
            assert found, f"{package}: {pattern} selects no file"
            assert {owning_package(p) for p in found} == {package}, pattern


def test_the_code_finds_its_data_inside_the_packages() -> None:
    assert bundled_catalog() == REPO / "loaders" / "bundled"
    assert WEB_DIR == REPO / "api" / "static"
    shipped = shipped_data_files()
    assert (WEB_DIR / "index.html") in shipped
    assert len([p for p in shipped if p.parent == bundled_catalog() / "roles"]) == 55
    assert {p.name for p in shipped if p.parent == REPO / "cypher"} >= {
        "schema.cypher",
        "read.cypher",
        "write.cypher",
    }
