"""Helpers shared by the catalog loaders: field paths, messages, numbers, integrity.

Every loader validates records (in bulk where it can), turns each violation into a
:class:`~graph.errors.Problem` that names file, line, record and field, and
only then lets :meth:`graph.catalog.Catalog.build` check referential
integrity, so one :class:`~graph.errors.CatalogError` lists everything.
"""

from __future__ import annotations

import errno
import math
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from graph.career import CareerRules
from graph.catalog import Catalog, Where
from graph.errors import CatalogError, Problem
from graph.model import Role, Transition, is_role_id
from graph.traits import Profile

T = TypeVar("T")

#: A path into a record: mapping keys and list indexes.
FieldPath = tuple[str | int, ...]

_RANGE_ERRORS = frozenset({"less_than_equal", "less_than", "greater_than_equal", "greater_than"})

#: Neutral profile of the stand-ins used for roles that failed validation.
_NEUTRAL = Profile.from_scores([50.0] * 6)

#: Largest YAML file (role file, ``catalog.yaml``, action table, person file) or guide page
#: read, in bytes. The bundled files are under 4 KB; PyYAML takes about 350 bytes of memory
#: per byte of the worst YAML, so this bounds one file's parse to about 90 MB.
MAX_TEXT_BYTES = 256 * 1024
#: Largest CSV table read, in bytes (``transitions.csv`` of O*NET 20.3 is 0.7 MiB; of a
#: 100k-role catalog with 8 transitions per role, 44 MB): about 145k roles at 8 each.
MAX_TABLE_BYTES = 64 * 1024 * 1024


def format_field(path: FieldPath) -> str:
    """Dotted field name of a path, with list indexes in brackets.

    >>> format_field(("transitions", 2, "fit"))
    'transitions[2].fit'
    >>> format_field(("profile", "openness"))
    'profile.openness'
    """
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def error_path(error: ErrorDetails) -> FieldPath:
    """The field path of a pydantic error, without pydantic's ``[key]`` markers."""
    return tuple(p for p in error["loc"] if p != "[key]")


def describe_error(error: ErrorDetails) -> str:
    """A short, domain-worded message for one pydantic error.

    ``loc`` is relative to a :class:`~graph.model.Role` or a
    :class:`~graph.model.Transition`.
    """
    loc = error["loc"]
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        noun = "trait" if loc[:1] == ("profile",) else "key"
        return f"unknown {noun} {loc[-1]!r}"
    if loc and loc[-1] == "[key]":
        return f"unknown trait {value!r}"
    if kind in _RANGE_ERRORS:
        if loc[:1] == ("profile",):
            return f"score {value!r} is out of range 0-100"
        if loc == ("fit",):
            return f"fit {value!r} is out of range (0, 1]"
        if loc[:1] == ("develop",):
            return f"development points {value!r} are out of range 0-100"
    if kind in _RANGE_ERRORS and loc == ("job_zone",):
        return f"job_zone {value!r} is out of range 1-5"
    if kind in ("int_from_float", "int_type") and loc[:1] == ("develop",):
        return f"development points must be whole numbers, got {value!r}"
    if kind == "string_pattern_mismatch" and loc in (("id",), ("source",), ("target",)):
        return f"{value!r} is not a role id (lowercase letters, digits, '.' and '-')"
    if loc == ("origin",):
        return f"origin {value!r} is not one of: curated, onet"
    message = error["msg"]
    message = message[:1].lower() + message[1:]
    if isinstance(value, str | int | float | bool) or value is None:
        return f"{message} (got {value!r})"
    return message


def number_problem(value: object) -> str | None:
    """Why ``value`` is not a finite number, or ``None`` when it is one.

    Pydantic would coerce ``"70"`` and ``True``; catalogs must hold numbers.

    >>> number_problem(70), number_problem(0.5)
    (None, None)
    >>> number_problem("high")
    "expected a number, got 'high'"
    >>> number_problem(True)
    'expected a number, got True'
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"expected a number, got {value!r}"
    if not math.isfinite(value):
        return f"expected a finite number, got {value!r}"
    return None


def job_zone_problem(value: object) -> str | None:
    """Why ``value`` is not a Job Zone (a whole number; the range is the model's check).

    >>> job_zone_problem(3), job_zone_problem(None)
    (None, None)
    >>> job_zone_problem("3")
    "expected a whole number from 1 to 5, got '3'"
    """
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return None
    return f"expected a whole number from 1 to 5, got {value!r}"


def parse_number(text: str) -> float | int:
    """A number from a text cell: an int when integral, else a float.

    >>> parse_number("70"), parse_number("0.62"), parse_number(" 8 ")
    (70, 0.62, 8)
    >>> parse_number("nan")
    Traceback (most recent call last):
    ...
    ValueError: expected a number, got 'nan'
    """
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"expected a number, got {text!r}")
    return int(value) if value.is_integer() else value


def plain_number(value: float) -> int | float:
    """A score as written to a file: integral floats become ints.

    >>> plain_number(70.0), plain_number(0.62), plain_number(1.0)
    (70, 0.62, 1)
    """
    return int(value) if float(value).is_integer() else value


def format_number(value: float) -> str:
    """Text form of :func:`plain_number`.

    >>> format_number(70.0), format_number(0.62)
    ('70', '0.62')
    """
    return repr(plain_number(value))


def covered(path: FieldPath, reported: Iterable[FieldPath]) -> bool:
    """Whether ``path`` is, or lies under, a path already reported."""
    return any(path[: len(r)] == r for r in reported)


@dataclass(frozen=True)
class FieldWhere(Where):
    """A :class:`Where` that renames model fields to the file's field names.

    :meth:`Catalog.build` names a transition's fields ``source`` and
    ``target``; a YAML file calls the target ``transitions[2].to``.
    """

    renames: Mapping[str, str] = field(default_factory=dict)
    #: Lines of single fields (e.g. ``level``), where they differ from the record's line.
    lines: Mapping[str, int | None] = field(default_factory=dict)

    def problem(self, message: str, record: str | None, field_name: str | None) -> Problem:
        """The problem, with the field renamed to the file's name for it and on its line."""
        line = self.line
        if field_name is not None:
            line = self.lines.get(field_name) or line
            field_name = self.renames.get(field_name, field_name)
        return Problem(message, self.file, line, record, field_name)


@dataclass
class Collected:
    """Records and problems gathered from one or more files, in file order."""

    roles: list[tuple[Role, Where]] = field(default_factory=list)
    transitions: list[tuple[Transition, Where]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def role_failed(self, role_id: object, where: Where) -> None:
        """Note a role whose record is invalid (its problems are already reported).

        If its id is usable, a stand-in takes its place in the integrity
        check, so edges to it are not also reported as unknown roles and a
        later role with the same id is still reported as a duplicate.
        """
        if isinstance(role_id, str) and is_role_id(role_id):
            self.roles.append((Role(id=role_id, name=role_id, profile=_NEUTRAL), where))

    def build(self, rules: CareerRules | None = None) -> Catalog:
        """Check integrity and build the catalog, or raise one error listing every problem."""
        problems = list(self.problems)
        try:
            catalog = Catalog.build(self.roles, self.transitions, rules=rules)
        except CatalogError as exc:
            problems.extend(exc.problems)
        if problems:
            raise CatalogError(sort_problems(problems))
        return catalog


_ROLES = TypeAdapter(list[Role])
_TRANSITIONS = TypeAdapter(list[Transition])


def validated_roles(records: list[dict[str, Any] | None]) -> list[Role | None]:
    """The role records validated together (one pydantic call for the list).

    ``None`` for a record that is ``None`` or invalid: the loader reads that one again
    on its own, to name each of its problems.
    """
    return _validated(_ROLES, records)


def validated_transitions(records: list[dict[str, Any] | None]) -> list[Transition | None]:
    """:func:`validated_roles` for transition records."""
    return _validated(_TRANSITIONS, records)


def _validated(
    adapter: TypeAdapter[list[T]], records: list[dict[str, Any] | None]
) -> list[T | None]:
    kept = [i for i, record in enumerate(records) if record is not None]
    try:
        valid = adapter.validate_python([records[i] for i in kept])
    except ValidationError as exc:
        failed = {kept[int(error["loc"][0])] for error in exc.errors()}
        kept = [i for i in kept if i not in failed]
        valid = adapter.validate_python([records[i] for i in kept])
    result: list[T | None] = [None] * len(records)
    for i, record in zip(kept, valid, strict=True):
        result[i] = record
    return result


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems by file, then line; stable otherwise."""
    return sorted(problems, key=lambda p: (p.file or "", p.line or 0))


def link_out_of(entry: Path, folder: Path) -> str | None:
    """Why ``entry`` of the catalog ``folder`` may not be used, or ``None`` when it may.

    A catalog holds its own files: an entry that is (or passes through) a symbolic link
    resolving outside ``folder`` is refused, on reading and on writing, so a planted link
    can neither feed another file into a catalog nor redirect a write elsewhere. ``folder``
    itself may be a link (the user named it). An entry that does not exist is fine here.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     root = Path(tmp)
    ...     (root / "cat").mkdir()
    ...     (root / "cat" / "roles").symlink_to(root)
    ...     link_out_of(root / "cat" / "roles", root / "cat").startswith("a link out of")
    ...     link_out_of(root / "cat" / "roles.csv", root / "cat") is None
    True
    True
    """
    try:
        base = folder.resolve()
        real = entry.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return f"cannot resolve the path: {reason}"
    if real == base or base in real.parents:
        return None
    return f"a link out of the catalog folder (to {real}); a catalog must hold its own files"


def resolved_for_writing(folder: Path) -> Path:
    """``folder`` with its links and ``..`` resolved, the way the writers use it.

    ``out/../catalog`` then names ``catalog`` even when ``out`` does not exist, so a write
    never creates a folder on the way to its target (``mkdir -p`` would create ``out``).

    Raises
    ------
    CatalogError
        Naming ``folder`` if its links loop.
    """
    try:
        return folder.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CatalogError([Problem(f"cannot resolve the path: {reason}", str(folder))]) from None


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, refusing a file longer than ``limit`` bytes after reading that many.

    Reads at most ``limit + 1`` bytes, so a huge file or an endless device (``/dev/zero``)
    costs no more memory than the limit.

    Raises
    ------
    OSError
        ``EFBIG``, naming ``path``, when it holds more than ``limit`` bytes; or the reason
        it cannot be opened or read.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "f"
    ...     _ = path.write_bytes(b"12345")
    ...     print(read_limited(path, 5))
    ...     try:
    ...         read_limited(path, 4)
    ...     except OSError as exc:
    ...         print(exc.strerror)
    b'12345'
    larger than 4 bytes (the limit for such a file)
    """
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, too_large(limit), str(path))
    return data


def too_large(limit: int) -> str:
    """Why a file over ``limit`` bytes is refused.

    >>> too_large(MAX_TEXT_BYTES)
    'larger than 256 KiB (the limit for such a file)'
    """
    return f"larger than {size_text(limit)} (the limit for such a file)"


def read_text_limited(path: Path, limit: int = MAX_TEXT_BYTES, encoding: str = "utf-8") -> str:
    """:meth:`Path.read_text` (newlines translated alike) within :func:`read_limited`'s limit.

    Raises
    ------
    OSError
        As :func:`read_limited`.
    UnicodeDecodeError
        If the bytes are not in ``encoding``.
    """
    text = read_limited(path, limit).decode(encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def size_text(size: int) -> str:
    """A byte count as people write it.

    >>> size_text(256 * 1024), size_text(16 * 1024 * 1024), size_text(1000)
    ('256 KiB', '16 MiB', '1000 bytes')
    """
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


def not_a_regular_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a catalog file (a pipe, socket, device...), or ``None``.

    Reading a pipe or a device would block or never end; missing files and folders are
    left to the caller's own messages.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "not a regular file"
