"""Reading and writing catalogs: YAML and CSV folders, and role-guide pages.

A catalog is a folder in one of two layouts (see ``docs/catalog-format.md``):

* YAML: ``roles/<role-id>.yaml``, one role and its transitions per file
  (:mod:`loaders.yaml_catalog`);
* CSV: ``roles.csv`` and ``transitions.csv`` (:mod:`loaders.csv_catalog`),
  which carry only the numeric core of a catalog.

Both layouts keep the catalog's career rules (level scale, time in role,
development rate, adjacent families, derived-move rules) in ``catalog.yaml``
(:mod:`loaders.career_rules`); a folder without it has the default rules.

Role-guide text pages (:mod:`loaders.guide_page`) add guide fields and
curated transitions to the roles of an existing catalog.

Every user mistake is a :class:`~graph.errors.CatalogError` listing all the
problems found, each naming file, line, record and field.

>>> import tempfile
>>> from graph.model import Role
>>> from graph.traits import Profile
>>> catalog = Catalog.build([Role(id="a", name="A", profile=Profile.from_scores([50] * 6))], [])
>>> with tempfile.TemporaryDirectory() as tmp:
...     write_catalog(catalog, Path(tmp), "csv")
...     read_catalog(Path(tmp)) == catalog
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

from graph.catalog import Catalog
from graph.errors import CatalogError, Problem
from loaders import _atomic
from loaders._yaml import read_yaml_document
from loaders.actions import read_actions, write_actions
from loaders.career_rules import RULES_FILE, read_rules, write_rules
from loaders.csv_catalog import ROLES_FILE, TRANSITIONS_FILE, read_csv_catalog, write_csv_catalog
from loaders.guide_page import (
    GuidePage,
    GuideTransition,
    SuccessStory,
    import_guide_pages,
    parse_guide_page,
    read_guide_page,
)
from loaders.yaml_catalog import ROLES_DIR, read_yaml_catalog, write_yaml_catalog

__all__ = [
    "CatalogFormat",
    "bundled_catalog",
    "GuidePage",
    "GuideTransition",
    "RULES_FILE",
    "SuccessStory",
    "catalog_format",
    "import_guide_pages",
    "parse_guide_page",
    "read_catalog",
    "read_csv_catalog",
    "read_guide_page",
    "read_rules",
    "read_yaml_catalog",
    "recover_interrupted_write",
    "read_yaml_document",
    "write_catalog",
    "write_csv_catalog",
    "write_rules",
    "write_yaml_catalog",
]

CatalogFormat = Literal["yaml", "csv"]


def catalog_format(path: Path) -> CatalogFormat:
    """The layout of a catalog folder.

    Raises
    ------
    CatalogError
        With one problem naming ``path`` if it is missing, not a folder,
        unreadable, holds neither layout, holds both, or only half of the
        CSV layout.
    """

    def fail(message: str) -> CatalogError:
        return CatalogError([Problem(message, str(path))])

    try:
        if not path.exists():
            raise fail("no such catalog folder")
        if not path.is_dir():
            raise fail(
                f"not a catalog folder (expected a folder holding {ROLES_DIR}/ "
                f"or {ROLES_FILE} and {TRANSITIONS_FILE})"
            )
        has_yaml = (path / ROLES_DIR).is_dir()
        has_roles_csv = (path / ROLES_FILE).is_file()
        has_transitions_csv = (path / TRANSITIONS_FILE).is_file()
    except OSError as exc:
        raise fail(f"cannot read the catalog folder: {exc.strerror or exc}") from None
    has_csv = has_roles_csv or has_transitions_csv
    if has_yaml and has_csv:
        raise fail(
            f"the folder holds both a YAML catalog ({ROLES_DIR}/) and a CSV catalog "
            f"({ROLES_FILE}, {TRANSITIONS_FILE}); keep one of them"
        )
    if has_yaml:
        return "yaml"
    if has_roles_csv and has_transitions_csv:
        return "csv"
    if has_csv:
        missing = TRANSITIONS_FILE if has_roles_csv else ROLES_FILE
        raise fail(f"a CSV catalog needs {ROLES_FILE} and {TRANSITIONS_FILE}; {missing} is missing")
    raise fail(
        f"not a catalog folder: it holds neither {ROLES_DIR}/ (YAML) "
        f"nor {ROLES_FILE} and {TRANSITIONS_FILE} (CSV)"
    )


def read_catalog(path: Path) -> Catalog:
    """Read a catalog folder in whichever layout it has (see :func:`catalog_format`).

    Parameters
    ----------
    path
        A folder holding ``roles/*.yaml``, or ``roles.csv`` and ``transitions.csv``.

    Raises
    ------
    CatalogError
        If the folder is missing or unrecognised (one problem naming it), or
        lists every problem of its files.
    """
    fmt = catalog_format(path)
    catalog = read_yaml_catalog(path) if fmt == "yaml" else read_csv_catalog(path)
    return catalog.with_actions(read_actions(path, fmt))


def write_catalog(catalog: Catalog, folder: Path, fmt: CatalogFormat) -> None:
    """Write a catalog into ``folder`` as YAML or CSV, atomically.

    Only the layout's own files are written (``roles/*.yaml``, or ``roles.csv``
    and ``transitions.csv``, plus ``catalog.yaml`` and the action table); other files in
    the folder are kept. A ``catalog.yaml`` that already holds the catalog's rules is
    left as it is (its comments survive).

    Raises
    ------
    CatalogError
        If ``fmt`` is unknown or the folder cannot be written.
    """
    if fmt == "yaml":
        write_yaml_catalog(catalog, folder)
    elif fmt == "csv":
        write_csv_catalog(catalog, folder)
    else:
        raise CatalogError([Problem(f"unknown catalog format {fmt!r}; use yaml or csv")])
    write_actions(catalog.actions, folder, fmt)


def bundled_catalog() -> Path:
    """The catalog folder shipped inside the package (55 roles, in YAML).

    Found with :mod:`importlib.resources`, so it is the same folder in a
    checkout, an editable install and an installed wheel.

    >>> (bundled_catalog() / "roles").is_dir()
    True
    """
    return _package_folder("loaders", "bundled")


def _package_folder(package: str, name: str) -> Path:
    """A folder of package data as a real path (Rumbo is never run from a zip)."""
    found = resources.files(package) / name
    if not isinstance(found, Path):
        raise RuntimeError(f"{package}/{name} is not on the file system: install Rumbo unzipped")
    return found


def recover_interrupted_write(folder: Path) -> bool:
    """Undo what a crash inside :func:`write_catalog` left half done in a YAML catalog folder.

    Role files are swapped in with two renames; a crash between them leaves ``roles/``
    renamed aside. That write was never finished (nor acknowledged), so the renamed
    folder is the catalog's current content and is put back. Returns whether it was.
    Only a process that owns the folder (a writable store, under its lock) may call it.
    """
    return _atomic.recover_folder(folder / ROLES_DIR)
