"""A catalog folder's career rules: ``catalog.yaml`` (in the YAML and the CSV layout alike).

The file holds the catalog's :class:`~graph.career.CareerRules` (format in
``docs/catalog-format.md``); a folder without it has the default rules::

    levels:                 # lowest first; names on one rank are the same level
    - junior
    - [lead, manager]
    months_by_level: {junior: 32, lead: 47, manager: 47}
    unknown_level_months: 47
    development_rate: 1     # points per trait per month
    adjacent_families:
    - [data, ml]
    derived: {enabled: true, threshold: 0.75, per_role: 4, no_link_prior: 0.85}
    credentials:            # credential -> role-id prefixes of the roles requiring it
      licensed health practitioner: [onet-29-1]

Every problem names the file, the line and the field. Writing is canonical (the key
order above); a file whose rules are already the ones being written is left as it is,
so its comments survive an export into the same folder.

>>> import tempfile
>>> rules = CareerRules(adjacent_families=(("data", "ml"),), credentials={"bar": ("onet-23-1",)})
>>> with tempfile.TemporaryDirectory() as tmp:
...     write_rules(rules, Path(tmp))
...     read_rules(Path(tmp)) == rules
True
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graph.career import CareerRules, DerivedRules
from graph.errors import CatalogError, Problem
from loaders import _atomic
from loaders._common import (
    FieldPath,
    format_field,
    link_out_of,
    not_a_regular_file,
    plain_number,
    resolved_for_writing,
)
from loaders._yaml import Locator, load_yaml

RULES_FILE = "catalog.yaml"

#: Reports one problem: the field's path in the file and the message.
_Report = Callable[[FieldPath, str], None]

#: Keys of the file, in the order they are written.
RULES_KEYS: tuple[str, ...] = tuple(CareerRules.model_fields)
#: Keys of its ``derived`` mapping, in the order they are written.
DERIVED_KEYS: tuple[str, ...] = tuple(DerivedRules.model_fields)


# --------------------------------------------------------------------------- reading


def read_rules(folder: Path) -> CareerRules:
    """The career rules of a catalog folder (the defaults when it has no ``catalog.yaml``).

    Raises
    ------
    CatalogError
        Listing every problem of the file, each with file, line and field.
    """
    path = folder / RULES_FILE
    file = str(path)
    refused = link_out_of(path, folder) or not_a_regular_file(path)
    if refused:
        raise CatalogError([Problem(refused, file)])
    if not path.is_file():
        return CareerRules()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogError([Problem(f"not UTF-8 text: {exc.reason}", file)]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CatalogError([Problem(f"cannot read the file: {reason}", file)]) from None
    data, node, problems = load_yaml(text, file)
    if problems:
        raise CatalogError(problems)
    if node is None:
        return CareerRules()
    return rules_from_document(data, Locator(node), file)


def rules_from_document(data: object, loc: Locator, file: str) -> CareerRules:
    """Validate the parsed content of a rules file.

    Raises
    ------
    CatalogError
        Listing every problem, each with file, line and field.
    """
    problems: list[Problem] = []

    def problem(path: FieldPath, message: str) -> None:
        problems.append(Problem(message, file, loc.line(path), None, format_field(path) or None))

    if not isinstance(data, dict):
        problem((), f"expected a mapping of rule fields, got {type(data).__name__}")
        raise CatalogError(problems)
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if key not in RULES_KEYS:
            problem((str(key),), f"unknown key {key!r} (allowed: {', '.join(RULES_KEYS)})")
        elif key == "levels":
            fields["levels"] = _levels(value, problem)
        elif key == "adjacent_families":
            fields["adjacent_families"] = _pairs(value, problem)
        elif key == "credentials":
            fields["credentials"] = _credentials(value, problem)
        else:
            fields[key] = value
    if problems:
        raise CatalogError(problems)
    if isinstance(fields.get("levels"), dict) and "months_by_level" not in fields:
        # A scale of one's own keeps the default months of the level names it shares.
        names = {n for rank in fields["levels"]["ranks"] for n in rank}
        default = CareerRules().months_by_level
        fields["months_by_level"] = {k: v for k, v in default.items() if k in names}
    _check_months(fields, problem)
    if problems:
        raise CatalogError(problems)
    try:
        # Strict: "32" is not a number and "yes" is not a boolean in a catalog file.
        return CareerRules.model_validate(fields, strict=True)
    except ValidationError as exc:
        for error in exc.errors():
            path = _file_path(tuple(error["loc"]))
            problem(path, _message(error["msg"], error.get("input"), error["type"]))
        raise CatalogError(problems) from None


def _levels(value: object, problem: _Report) -> dict[str, Any] | None:
    """``levels`` as written (ranks, each a name or a list of names) -> a LevelScale's fields."""
    if not isinstance(value, list) or not value:
        problem(("levels",), "expected a list of levels, lowest first (a rank: a name or a list)")
        return None
    ranks: list[tuple[str, ...]] = []
    for index, rank in enumerate(value):
        names = rank if isinstance(rank, list) else [rank]
        if not names or not all(isinstance(n, str) and n.strip() for n in names):
            problem(("levels", index), f"expected a level name or a list of names, got {rank!r}")
        ranks.append(tuple(str(n) for n in names))
    return {"ranks": tuple(ranks)}


def _pairs(value: object, problem: _Report) -> tuple[tuple[str, str], ...]:
    """``adjacent_families``: a list of two-family lists."""
    if value is None:
        return ()
    if not isinstance(value, list):
        problem(("adjacent_families",), "expected a list of family pairs, e.g. [data, ml]")
        return ()
    pairs: list[tuple[str, str]] = []
    for index, pair in enumerate(value):
        ok = isinstance(pair, list) and len(pair) == 2 and all(isinstance(f, str) for f in pair)
        if not ok:
            problem(("adjacent_families", index), f"expected two family names, got {pair!r}")
        elif pair[0] == pair[1]:
            message = f"a family is always adjacent to itself: {pair!r}"
            problem(("adjacent_families", index), message)
        else:
            pairs.append((pair[0], pair[1]))
    return tuple(pairs)


def _credentials(value: object, problem: _Report) -> dict[str, tuple[str, ...]]:
    """``credentials``: a mapping of credential names to lists of role-id prefixes."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        problem(("credentials",), "expected a mapping of credential names to role-id prefixes")
        return {}
    credentials: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}  # prefix -> the credential that listed it first
    for name, prefixes in value.items():
        where: FieldPath = ("credentials", str(name))
        if not isinstance(name, str) or not name.strip():
            problem(where, f"expected a credential name, got {name!r}")
        elif not isinstance(prefixes, list) or not prefixes:
            problem(where, f"expected a list of role-id prefixes, got {prefixes!r}")
        else:
            ok = True
            for index, prefix in enumerate(prefixes):
                if not isinstance(prefix, str) or not prefix:
                    problem((*where, index), f"expected a role-id prefix, got {prefix!r}")
                    ok = False
                elif prefix in owner:
                    problem((*where, index), f"prefix {prefix!r} is listed under {owner[prefix]!r}")
                    ok = False
                else:
                    owner[prefix] = name
            if ok:
                credentials[name] = tuple(prefixes)
    return credentials


def _check_months(fields: dict[str, Any], problem: _Report) -> None:
    """Every level named in ``months_by_level`` is on the scale (reported with its line)."""
    months = fields.get("months_by_level")
    levels = fields.get("levels") or {"ranks": CareerRules().levels.ranks}
    if not isinstance(months, dict):
        return
    names = {n for rank in levels["ranks"] for n in rank}
    for level in months:
        if level not in names:
            problem(("months_by_level", str(level)), f"level {level!r} is not on the scale")


def _file_path(loc: tuple[Any, ...]) -> FieldPath:
    """A model error's location as the file's field path (``levels.ranks[3]`` is ``levels[3]``)."""
    if loc[:2] == ("levels", "ranks"):
        return ("levels", *loc[2:3])
    return loc


def _message(message: str, value: object, kind: str) -> str:
    message = message.removeprefix("Value error, ")
    message = message[:1].lower() + message[1:]
    if kind == "extra_forbidden":
        return "unknown key"
    if isinstance(value, str | int | float | bool) or value is None:
        return f"{message} (got {value!r})"
    return message


# --------------------------------------------------------------------------- writing


class _Flow(list[Any]):
    """A list written on one line (``[lead, manager]``)."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True)
)


def rules_document(rules: CareerRules) -> dict[str, Any]:
    """The YAML document of a catalog's rules (the file's key order; unset options and
    an empty ``credentials`` omitted)."""
    derived = {
        key: plain_number(value) if isinstance(value, float) else value
        for key, value in rules.derived.model_dump().items()
        if value is not None
    }
    return {
        "levels": [rank[0] if len(rank) == 1 else _Flow(rank) for rank in rules.levels.ranks],
        "months_by_level": {k: plain_number(v) for k, v in rules.months_by_level.items()},
        "unknown_level_months": plain_number(rules.unknown_level_months),
        "development_rate": plain_number(rules.development_rate),
        "adjacent_families": [_Flow(pair) for pair in rules.adjacent_families],
        "derived": derived,
    } | (
        {"credentials": {k: _Flow(v) for k, v in rules.credentials.items()}}
        if rules.credentials
        else {}
    )


def rules_bytes(rules: CareerRules) -> bytes:
    """The text of ``catalog.yaml`` for these rules, as :func:`write_rules` writes it.

    >>> print(rules_bytes(CareerRules()).decode().splitlines()[4])
    - [lead, manager]
    """
    text = yaml.dump(
        rules_document(rules), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096
    )
    return text.encode("utf-8")


def rules_file_update(rules: CareerRules, folder: Path) -> dict[str, bytes]:
    """``{catalog.yaml: text}`` to write, or nothing when the folder's file holds these rules."""
    try:
        if (folder / RULES_FILE).is_file() and read_rules(folder) == rules:
            return {}
    except CatalogError:
        pass  # an unreadable file is replaced
    return {RULES_FILE: rules_bytes(rules)}


def write_rules(rules: CareerRules, folder: Path) -> None:
    """Write ``folder/catalog.yaml`` atomically (kept as it is if it already holds ``rules``).

    Raises
    ------
    CatalogError
        If the folder cannot be written.
    """
    target = resolved_for_writing(folder)
    refused = link_out_of(folder / RULES_FILE, folder)
    if refused:
        raise CatalogError([Problem(f"{refused}; nothing written", str(folder / RULES_FILE))])
    try:
        files = rules_file_update(rules, target)
        if files:
            _atomic.replace_files(target, files)
    except OSError as exc:
        where = str(exc.filename) if exc.filename else str(folder / RULES_FILE)
        raise CatalogError(
            [Problem(f"cannot write the career rules: {exc.strerror or exc}", where)]
        ) from None
