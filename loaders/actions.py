"""The development-action table of a catalog: ``actions.yaml`` or ``actions.csv``.

YAML maps each trait to its actions::

    openness:
    - es: Liderar una prueba de concepto con una herramienta nueva
      en: Lead a proof of concept with a new tool

CSV has the columns ``trait``, ``es`` and ``en``, one action per row. Both are
optional: a catalog without the file has no actions.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graph.errors import CatalogError, Problem
from graph.model import DevelopmentAction
from graph.traits import TRAITS, trait_from_label
from loaders import _atomic
from loaders._common import link_out_of, read_text_limited, resolved_for_writing
from loaders._yaml import compose

ACTIONS_YAML = "actions.yaml"
ACTIONS_CSV = "actions.csv"
CSV_COLUMNS = ("trait", "es", "en")


def read_actions(folder: Path, fmt: str) -> list[DevelopmentAction]:
    """Read the folder's action table (empty when the file is absent).

    Raises
    ------
    CatalogError
        Listing every bad entry with file, line and field.
    """
    path = folder / (ACTIONS_YAML if fmt == "yaml" else ACTIONS_CSV)
    refused = link_out_of(path, folder)
    if refused:
        raise CatalogError([Problem(refused, str(path))])
    if not path.is_file():
        return []
    try:
        text = read_text_limited(path, encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogError([Problem(f"cannot read the file: {exc}", str(path))]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CatalogError([Problem(f"cannot read the file: {reason}", str(path))]) from None
    rows = _yaml_rows(text, path) if fmt == "yaml" else _csv_rows(text, path)
    actions, problems = [], []
    for line, trait_text, fields in rows:
        trait = trait_from_label(str(trait_text))
        if trait is None:
            problems.append(
                Problem(f"unknown trait {trait_text!r}", str(path), line, None, "trait")
            )
            continue
        try:
            actions.append(DevelopmentAction(trait=trait, **fields))
        except (ValidationError, TypeError) as exc:
            detail = exc.errors()[0] if isinstance(exc, ValidationError) else None
            field = str(detail["loc"][0]) if detail else None
            message = detail["msg"] if detail else "expected es and en texts"
            problems.append(Problem(message, str(path), line, trait.value, field))
    if problems:
        raise CatalogError(problems)
    return actions


def _yaml_rows(text: str, path: Path) -> list[tuple[int, object, dict[str, Any]]]:
    try:
        root = compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise CatalogError([Problem(f"not valid YAML: {exc}", str(path), line)]) from None
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        raise CatalogError([Problem("expected trait: [actions]", str(path), 1)])
    rows: list[tuple[int, object, dict[str, Any]]] = []
    for key, value in root.value:
        entries = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for entry in entries:
            data = yaml.safe_load(yaml.serialize(entry))
            fields = data if isinstance(data, dict) else {"es": data}
            rows.append((entry.start_mark.line + 1, key.value, fields))
    return rows


def _csv_rows(text: str, path: Path) -> list[tuple[int, object, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    rows: list[tuple[int, object, dict[str, Any]]] = []
    if header is None or tuple(h.strip() for h in header) != CSV_COLUMNS:
        raise CatalogError([Problem(f"the header must be {','.join(CSV_COLUMNS)}", str(path), 1)])
    for line, row in enumerate(reader, start=2):
        if len(row) != len(CSV_COLUMNS):
            rows.append((line, row[0] if row else "", {}))
            continue
        rows.append((line, row[0], {"es": row[1], "en": row[2]}))
    return rows


def actions_bytes(actions: tuple[DevelopmentAction, ...], fmt: str) -> bytes:
    """The file content for an action table, traits in OCEAN+ order."""
    ordered = [a for t in TRAITS for a in actions if a.trait is t]
    if fmt == "yaml":
        doc = {
            t.value: [{"es": a.es, "en": a.en} for a in ordered if a.trait is t]
            for t in TRAITS
            if any(a.trait is t for a in ordered)
        }
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=4096)
        return text.encode("utf-8")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows((a.trait.value, a.es, a.en) for a in ordered)
    return buffer.getvalue().encode("utf-8")


def write_actions(actions: tuple[DevelopmentAction, ...], folder: Path, fmt: str) -> None:
    """Write the action table atomically (nothing is written for an empty table)."""
    if actions:
        name = ACTIONS_YAML if fmt == "yaml" else ACTIONS_CSV
        try:
            _atomic.replace_files(resolved_for_writing(folder), {name: actions_bytes(actions, fmt)})
        except OSError as exc:
            where = str(exc.filename) if exc.filename else str(folder / name)
            raise CatalogError(
                [Problem(f"cannot write the action table: {exc.strerror or exc}", where)]
            ) from None
