"""The CSV catalog layout: ``roles.csv`` and ``transitions.csv`` in one folder.

For spreadsheets and bulk edits. Only the numeric core of a catalog travels
in CSV:

``roles.csv``
    ``id, name, name_en, family, level, job_zone``, then one column per trait in
    OCEAN+ order named by its machine name (``openness`` ...
    ``relational_engagement``) holding the 0-100 score, then ``imputed_from``:
    the ids an imputed profile comes from, joined by ``|`` (empty for a rated
    profile; the column is optional on reading).
``transitions.csv``
    ``source, target, fit`` (a decimal in (0, 1], e.g. ``0.62``), one column
    per trait with its development points (empty means 0), ``strengths``
    joined by ``|``, and ``origin`` (``curated`` or ``onet``; empty means
    curated).

The catalog's career rules are in ``catalog.yaml`` (:mod:`loaders.career_rules`),
as in the YAML layout; the ``job_zone`` column is optional on reading.

The guide fields of a role (description, profile notes, strengths, red
flags, interview questions, archetypes, attribution and the English guide)
are *not* in CSV: a
catalog written as CSV and read back has none of them. Files are UTF-8
(a byte-order mark is accepted on reading), ``\\n`` line endings, written
with :mod:`csv` and ``QUOTE_MINIMAL`` in a fixed column order, so a folder
written by Rumbo and read back is written again byte for byte. Problems name
the file and the line (the header is line 1) of each offending row.

>>> import tempfile
>>> from graph.catalog import Catalog
>>> from graph.model import Role, Transition
>>> from graph.traits import Profile
>>> p = Profile.from_scores([70, 85, 40, 55, 75, 50])
>>> catalog = Catalog.build(
...     [Role(id="a", name="A", profile=p), Role(id="b", name="B", profile=p)],
...     [Transition(source="a", target="b", fit=0.62, strengths=("x", "y"),
...                 develop={"openness": 15})],
... )
>>> with tempfile.TemporaryDirectory() as tmp:
...     write_csv_catalog(catalog, Path(tmp))
...     print((Path(tmp) / "transitions.csv").read_text(), end="")
...     read_csv_catalog(Path(tmp)) == catalog
source,target,fit,openness,conscientiousness,extraversion,agreeableness,emotional_stability,relational_engagement,strengths,origin
a,b,0.62,15,,,,,,x|y,curated
True
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.catalog import Catalog, Where
from graph.errors import CatalogError, Problem
from graph.lifetime import paused_collection
from graph.model import Origin, Role, Transition, is_role_id
from graph.traits import TRAITS
from loaders import _atomic
from loaders._common import (
    MAX_TABLE_BYTES,
    Collected,
    describe_error,
    error_path,
    format_number,
    job_zone_problem,
    link_out_of,
    not_a_regular_file,
    parse_number,
    read_limited,
    resolved_for_writing,
    validated_roles,
    validated_transitions,
)
from loaders.career_rules import RULES_FILE, read_rules, rules_file_update

ROLES_FILE = "roles.csv"
TRANSITIONS_FILE = "transitions.csv"

TRAIT_COLUMNS: tuple[str, ...] = tuple(t.value for t in TRAITS)
_ROLE_TEXT_COLUMNS = ("id", "name", "name_en", "family", "level", "job_zone")
#: Columns of ``roles.csv``, in the order they are written.
ROLE_COLUMNS: tuple[str, ...] = (*_ROLE_TEXT_COLUMNS, *TRAIT_COLUMNS, "imputed_from")
#: Columns of ``transitions.csv``, in the order they are written.
TRANSITION_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "fit",
    *TRAIT_COLUMNS,
    "strengths",
    "origin",
)

_ROLE_REQUIRED = ("id", "name", *TRAIT_COLUMNS)
_TRANSITION_REQUIRED = ("source", "target", "fit")
STRENGTH_SEPARATOR = "|"


# --------------------------------------------------------------------------- reading


def read_csv_catalog(folder: Path, max_table_bytes: int = MAX_TABLE_BYTES) -> Catalog:
    """Read ``folder/roles.csv`` and ``folder/transitions.csv`` into a validated catalog.

    Rows are validated in batches (one pydantic validation of a list of records), each
    distinct number parsed once and each distinct id held once (:class:`_Cells`); only
    a row that fails is read again on its own, to name each of its problems as reading
    record by record does.

    Parameters
    ----------
    folder
        The catalog folder.
    max_table_bytes
        The largest file read (:data:`~loaders._common.MAX_TABLE_BYTES` by default, 64 MiB:
        about 145,000 roles at 8 transitions each); a larger file is a problem.

    Returns
    -------
    Catalog
        The roles (without guide fields) and their catalog transitions.

    Raises
    ------
    CatalogError
        Listing every problem of both files, each with file, line, record and column.
    """
    rules = read_rules(folder)
    collected = Collected()
    for name in (ROLES_FILE, TRANSITIONS_FILE):
        refused = link_out_of(folder / name, folder) or not_a_regular_file(folder / name)
        if refused:
            collected.problems.append(Problem(refused, str(folder / name)))
    if collected.problems:
        raise CatalogError(collected.problems)
    cells = _Cells()
    with paused_collection():
        _read_roles(
            _rows(folder / ROLES_FILE, _ROLE_REQUIRED, ROLE_COLUMNS, collected, max_table_bytes),
            collected,
            cells,
        )
        _read_transitions(
            _rows(
                folder / TRANSITIONS_FILE,
                _TRANSITION_REQUIRED,
                TRANSITION_COLUMNS,
                collected,
                max_table_bytes,
            ),
            collected,
            cells,
        )
        return collected.build(rules)


class _Row:
    """One data row: its cells by column name (stripped), file and first line."""

    __slots__ = ("cells", "file", "line")

    def __init__(self, cells: dict[str, str], file: str, line: int) -> None:
        self.cells = cells
        self.file = file
        self.line = line

    @property
    def where(self) -> Where:
        return Where(self.file, self.line)

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def optional(self, column: str) -> str | None:
        return self.cells.get(column) or None

    def problem(self, message: str, record: str | None, column: str | None) -> Problem:
        return Problem(message, self.file, self.line, record, column)


def _rows(
    path: Path, required: tuple[str, ...], known: tuple[str, ...], out: Collected, limit: int
) -> Iterator[_Row]:
    file = str(path)
    try:
        text = read_limited(path, limit).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        out.problems.append(Problem(f"not UTF-8 text: {exc.reason}", file))
        return
    except OSError as exc:
        out.problems.append(Problem(f"cannot read the file: {exc.strerror or exc}", file))
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            out.problems.append(
                Problem(f"the file is empty; expected the header {','.join(known)}", file, 1)
            )
            return
        header = [h.strip() for h in header]
        if not _header_ok(header, required, known, file, out):
            return
        end = reader.line_num
        for cells in reader:
            line, end = end + 1, reader.line_num
            if not "".join(cells).strip():  # a blank row
                continue
            if len(cells) != len(header):
                out.problems.append(
                    Problem(f"row has {len(cells)} cells, the header has {len(header)}", file, line)
                )
                continue
            yield _Row(dict(zip(header, map(str.strip, cells), strict=True)), file, line)
    except csv.Error as exc:
        out.problems.append(Problem(f"CSV syntax error: {exc}", file, reader.line_num))


def _header_ok(
    header: list[str], required: tuple[str, ...], known: tuple[str, ...], file: str, out: Collected
) -> bool:
    ok = True
    seen: set[str] = set()
    for column in header:
        if column in seen:
            out.problems.append(Problem(f"duplicate column {column!r}", file, 1, None, column))
            ok = False
        elif column not in known:
            message = f"unknown column {column!r} (CSV catalogs have: {', '.join(known)})"
            out.problems.append(Problem(message, file, 1, None, column))
            ok = False
        seen.add(column)
    for column in required:
        if column not in seen:
            out.problems.append(Problem(f"missing column {column!r}", file, 1, None, column))
            ok = False
    return ok


#: Rows validated at once (bounds the memory of the records waiting for validation).
_BATCH = 10_000


class _Cells:
    """Cell texts seen so far: each distinct number parsed once, and one string per text.

    Sharing one string object among the records that hold the same text (a role's id and
    every transition that names it, a family, a level) keeps a large catalog smaller.
    """

    def __init__(self) -> None:
        self._numbers: dict[str, float | int | None] = {}
        self._texts: dict[str, str] = {}

    def number(self, text: str) -> float | int | None:
        """:func:`~loaders._common.parse_number` of ``text``, or ``None`` if it holds none."""
        try:
            return self._numbers[text]
        except KeyError:
            pass
        try:
            number: float | int | None = parse_number(text)
        except ValueError:
            number = None
        self._numbers[text] = number
        return number

    def text(self, text: str) -> str:
        """The string object already seen with this text, or ``text``."""
        return self._texts.setdefault(text, text)


def _read_roles(rows: Iterator[_Row], out: Collected, cells: _Cells) -> None:
    """Validate the rows of ``roles.csv`` in batches; a failing row is read on its own."""
    for batch in _batches(rows):
        roles = validated_roles([_role_fields(r, cells) for r in batch])
        for row, role in zip(batch, roles, strict=True):
            if role is None:
                _read_role(row, out)
            else:
                out.roles.append((role, row.where))


def _read_transitions(rows: Iterator[_Row], out: Collected, cells: _Cells) -> None:
    """Validate the rows of ``transitions.csv`` in batches; a failing row is read on its own."""
    for batch in _batches(rows):
        records = [_transition_fields(row, cells) for row in batch]
        transitions = validated_transitions(records)
        for row, transition in zip(batch, transitions, strict=True):
            if transition is None:
                _read_transition(row, out)
            else:
                out.transitions.append((transition, row.where))


def _batches(rows: Iterator[_Row]) -> Iterator[list[_Row]]:
    while batch := list(islice(rows, _BATCH)):
        yield batch


def _role_fields(row: _Row, shared: _Cells) -> dict[str, Any] | None:
    """The fields of a row's role, as :func:`_read_role` gives them to the model.

    ``None`` when a cell is not a number where one is needed (:func:`_read_role`
    names the problem).
    """
    cells = row.cells
    profile = {column: shared.number(cells[column]) for column in TRAIT_COLUMNS}
    if None in profile.values():
        return None
    fields: dict[str, Any] = {
        "id": shared.text(cells["id"]),
        "name": cells["name"],
        "name_en": cells.get("name_en") or None,
        "family": shared.text(cells.get("family", "")) or None,
        "level": shared.text(cells.get("level", "")) or None,
        "profile": profile,
        "imputed_from": _joined(cells.get("imputed_from")),
    }
    if cell := cells.get("job_zone"):
        fields["job_zone"] = zone = shared.number(cell)
        if zone is None or job_zone_problem(zone) is not None:
            return None
    return fields


def _transition_fields(row: _Row, shared: _Cells) -> dict[str, Any] | None:
    """The fields of a row's transition, as :func:`_read_transition` gives them to the model.

    ``None`` when a cell is not a number where one is needed, or the origin is
    ``derived`` (:func:`_read_transition` names the problem).
    """
    cells = row.cells
    origin = cells.get("origin") or Origin.CURATED.value
    fit = shared.number(cells["fit"])
    if fit is None or origin == Origin.DERIVED.value:
        return None
    develop = {}
    for column in TRAIT_COLUMNS:
        if cell := cells.get(column):
            develop[column] = points = shared.number(cell)
            if points is None:
                return None
    strengths = cells.get("strengths")
    return {
        "source": shared.text(cells["source"]),
        "target": shared.text(cells["target"]),
        "fit": fit,
        "develop": develop,
        "strengths": tuple(map(shared.text, _joined(strengths))) if strengths else (),
        "origin": origin,
    }


def _joined(cell: str | None) -> tuple[str, ...]:
    """The texts joined by ``|`` in a cell, stripped, empty ones left out."""
    if not cell:
        return ()
    return tuple(s.strip() for s in cell.split(STRENGTH_SEPARATOR) if s.strip())


def _read_role(row: _Row, out: Collected) -> None:
    raw_id = row.get("id")
    record = raw_id or None
    fields: dict[str, Any] = {
        "id": raw_id,
        "name": row.get("name"),
        "name_en": row.optional("name_en"),
        "family": row.optional("family"),
        "level": row.optional("level"),
        "imputed_from": _joined(row.get("imputed_from")),
    }
    bad: set[str] = set()
    if row.get("job_zone"):
        try:
            fields["job_zone"] = parse_number(row.get("job_zone"))
            why = job_zone_problem(fields["job_zone"])
        except ValueError as exc:
            why = str(exc)
        if why is not None:
            out.problems.append(row.problem(why, record, "job_zone"))
            fields.pop("job_zone", None)
            bad.add("job_zone")
    profile: dict[str, Any] = {}
    for column in TRAIT_COLUMNS:
        cell = row.get(column)
        if not cell:
            out.problems.append(row.problem("missing score", record, column))
            bad.add(column)
            continue
        try:
            profile[column] = parse_number(cell)
        except ValueError as exc:
            out.problems.append(row.problem(str(exc), record, column))
            bad.add(column)
    fields["profile"] = profile
    try:
        role = Role.model_validate(fields)
    except ValidationError as exc:
        for error in exc.errors():
            path = error_path(error)
            column = str(path[-1]) if path[:1] == ("profile",) and len(path) > 1 else str(path[0])
            if column not in bad:
                out.problems.append(row.problem(describe_error(error), record, column))
        out.role_failed(raw_id, row.where)
        return
    if bad:
        out.role_failed(role.id, row.where)
    else:
        out.roles.append((role, row.where))


def _read_transition(row: _Row, out: Collected) -> None:
    source, target = row.get("source"), row.get("target")
    record = f"{source or '?'} -> {target or '?'}"
    fields: dict[str, Any] = {"source": source, "target": target}
    bad: set[str] = set()

    def number(column: str) -> float | int | None:
        try:
            return parse_number(row.get(column))
        except ValueError as exc:
            out.problems.append(row.problem(str(exc), record, column))
            bad.add(column)
            return None

    if not row.get("fit"):
        out.problems.append(row.problem("missing fit", record, "fit"))
        bad.add("fit")
    else:
        fields["fit"] = number("fit")
    develop = {}
    for column in TRAIT_COLUMNS:
        if row.get(column):
            points = number(column)
            if points is not None:
                develop[column] = points
    fields["develop"] = develop
    fields["strengths"] = _joined(row.get("strengths"))
    origin = row.get("origin") or Origin.CURATED.value
    if origin == Origin.DERIVED.value:
        message = "derived transitions are computed, not stored; use curated or onet"
        out.problems.append(row.problem(message, record, "origin"))
        bad.add("origin")
    else:
        fields["origin"] = origin
    try:
        transition = Transition.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        for error in exc.errors():
            path = error_path(error)
            column = str(path[-1]) if path[:1] == ("develop",) and len(path) > 1 else str(path[0])
            if column not in bad:
                out.problems.append(row.problem(describe_error(error), record, column))
        return
    if is_role_id(source):
        out.transitions.append((transition, row.where))


# --------------------------------------------------------------------------- writing


def _csv_text(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def roles_csv(catalog: Catalog) -> bytes:
    """The bytes of ``roles.csv`` for a catalog, by role id."""
    rows = [list(ROLE_COLUMNS)]
    for role in catalog.roles.values():
        rows.append(
            [
                role.id,
                role.name,
                role.name_en or "",
                role.family or "",
                role.level or "",
                "" if role.job_zone is None else str(role.job_zone),
                *(format_number(role.profile.score(t)) for t in TRAITS),
                STRENGTH_SEPARATOR.join(role.imputed_from),
            ]
        )
    return _csv_text(rows)


def transitions_csv(catalog: Catalog) -> bytes:
    """The bytes of ``transitions.csv`` for a catalog, by (source, target).

    Raises
    ------
    CatalogError
        If a strength contains ``|``, which CSV uses to join them.
    """
    rows = [list(TRANSITION_COLUMNS)]
    problems = []
    for edge in catalog.transitions.values():
        if edge.origin is Origin.DERIVED:
            continue
        for strength in edge.strengths:
            if STRENGTH_SEPARATOR in strength:
                message = (
                    f"strength {strength!r} contains {STRENGTH_SEPARATOR!r}, the CSV separator"
                )
                problems.append(
                    Problem(message, TRANSITIONS_FILE, None, _edge_label(edge), "strengths")
                )
        rows.append(
            [
                edge.source,
                edge.target,
                format_number(edge.fit),
                *(str(edge.develop[t]) if t in edge.develop else "" for t in TRAITS),
                STRENGTH_SEPARATOR.join(edge.strengths),
                edge.origin.value,
            ]
        )
    if problems:
        raise CatalogError(problems)
    return _csv_text(rows)


def _edge_label(edge: Transition) -> str:
    """``"source -> target"``, the record name of a transition."""
    return f"{edge.source} -> {edge.target}"


def write_csv_catalog(catalog: Catalog, folder: Path) -> None:
    """Write ``roles.csv`` and ``transitions.csv`` into ``folder``, together or not at all.

    Guide fields are not written (see the module docstring); derived
    transitions are never written. Both files are staged in a temporary
    folder next to them and renamed into place; if a rename fails the
    previous files are restored. Other files of ``folder`` are left alone.

    Raises
    ------
    CatalogError
        If a strength contains ``|`` or the folder cannot be written
        (nothing is changed then).
    """
    files = {ROLES_FILE: roles_csv(catalog), TRANSITIONS_FILE: transitions_csv(catalog)}
    given = folder
    folder = resolved_for_writing(given)
    try:
        if folder.exists() and not folder.is_dir():
            raise CatalogError(
                [Problem("not a folder; cannot write CSV files into it", str(given))]
            )
        refused = link_out_of(given / RULES_FILE, given)
        if refused:
            raise CatalogError([Problem(f"{refused}; nothing written", str(given / RULES_FILE))])
        _atomic.replace_files(folder, {**files, **rules_file_update(catalog.rules, folder)})
    except OSError as exc:
        where = str(exc.filename) if exc.filename else str(folder)
        raise CatalogError(
            [Problem(f"cannot write the catalog: {exc.strerror or exc}", where)]
        ) from None
