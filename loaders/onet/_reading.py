"""Reading the tab-separated files of an O*NET release, collecting every problem."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graph.errors import Problem

#: ``progress(stage, done, total)``: called while reading files and building records.
Progress = Callable[[str, int, int], None]

CODE = "O*NET-SOC Code"
RELATED_CODE = "Related O*NET-SOC Code"
_CODE_RE = re.compile(r"\d{2}-\d{4}\.\d{2}")
_DECIMAL_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_INTEGER_RE = re.compile(r"[+-]?\d+")
PROGRESS_EVERY = 2000


@dataclass(frozen=True)
class Row:
    """One data row: the wanted cells by column name, its file and line."""

    cells: dict[str, str]
    file: str
    line: int

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def problem(self, message: str, record: str | None, column: str | None) -> Problem:
        return Problem(message, self.file, self.line, record, column)


def _column_key(name: str) -> str:
    return " ".join(name.strip().lstrip("\ufeff").lower().split())


class Reader:
    """Reads the tab-separated files of one release, collecting every problem."""

    def __init__(self, folder: Path, progress: Progress | None) -> None:
        self.folder = folder
        self.progress = progress
        self.problems: list[Problem] = []
        self.notes: list[str] = []

    def report(self, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def rows(self, name: str, columns: tuple[str, ...]) -> Iterator[Row]:
        """Rows of ``name`` holding ``columns``; problems of the file are collected."""
        path = self.folder / name
        file = str(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.problems.append(Problem("missing required file of the O*NET release", file))
            return
        except OSError as exc:
            self.problems.append(Problem(f"cannot read the file: {exc.strerror or exc}", file))
            return
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            self.notes.append(f"{name}: not UTF-8, read as Windows-1252")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not lines or not lines[0].strip():
            self.problems.append(
                Problem(f"the file is empty; expected the header {', '.join(columns)}", file, 1)
            )
            return
        header = [_column_key(h) for h in lines[0].rstrip("\r").split("\t")]
        positions: dict[str, int] = {}
        for column in columns:
            key = _column_key(column)
            if key not in header:
                found = ", ".join(h for h in lines[0].rstrip("\r").split("\t"))
                self.problems.append(
                    Problem(
                        f"missing column {column!r} (the header has: {found})",
                        file,
                        1,
                        None,
                        column,
                    )
                )
            else:
                positions[column] = header.index(key)
        if len(positions) < len(columns):
            return
        width = len(header)
        total = len(lines) - 1
        self.report(name, 0, total)
        for number, raw in enumerate(lines[1:], start=2):
            line = raw.rstrip("\r")
            if number % PROGRESS_EVERY == 0:
                self.report(name, number - 1, total)
            if not line.strip():
                continue
            values = line.split("\t")
            if len(values) != width:
                self.problems.append(
                    Problem(f"row has {len(values)} fields, the header has {width}", file, number)
                )
                continue
            yield Row({c: values[i].strip() for c, i in positions.items()}, file, number)
        self.report(name, total, total)

    def code(self, row: Row, column: str, record: str | None) -> str | None:
        value = row[column]
        if _CODE_RE.fullmatch(value):
            return value
        message = f"not an O*NET-SOC code: {value!r} (expected e.g. 15-2041.00)"
        self.problems.append(row.problem(message, record, column))
        return None

    def number(
        self, row: Row, column: str, record: str | None, low: float, high: float
    ) -> float | None:
        value = row[column]
        if not _DECIMAL_RE.fullmatch(value):
            self.problems.append(row.problem(f"not a number: {value!r}", record, column))
            return None
        number = float(value)
        if not low <= number <= high:
            message = f"{value} is outside {low:g}-{high:g}"
            self.problems.append(row.problem(message, record, column))
            return None
        return number

    def integer(
        self, row: Row, column: str, record: str | None, low: int, high: int | None
    ) -> int | None:
        value = row[column]
        if not _INTEGER_RE.fullmatch(value):
            self.problems.append(row.problem(f"not a whole number: {value!r}", record, column))
            return None
        number = int(value)
        if number < low or (high is not None and number > high):
            bound = f"outside {low}-{high}" if high is not None else f"below {low}"
            self.problems.append(row.problem(f"{value} is {bound}", record, column))
            return None
        return number
