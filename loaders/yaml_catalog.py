"""The YAML catalog layout: ``roles/<role-id>.yaml``, one role and its transitions per file.

The format is specified in ``docs/catalog-format.md``. Reading collects every
problem of every file (YAML syntax, unknown keys, missing or ill-typed
fields, out-of-range scores and fits, unknown traits, unknown or duplicate
roles) and raises one :class:`~graph.errors.CatalogError` naming file, line,
record and field of each. Writing is canonical (documented key order, traits
in OCEAN+ order, transitions by target id) and atomic.

>>> import tempfile
>>> from graph.catalog import Catalog
>>> from graph.model import Role, Transition
>>> from graph.traits import Profile
>>> p = Profile.from_scores([70, 85, 40, 55, 75, 50])
>>> catalog = Catalog.build(
...     [Role(id="a", name="A", profile=p), Role(id="b", name="B", profile=p)],
...     [Transition(source="a", target="b", fit=0.62)],
... )
>>> with tempfile.TemporaryDirectory() as tmp:
...     write_yaml_catalog(catalog, Path(tmp))
...     print((Path(tmp) / "roles" / "a.yaml").read_text(), end="")
...     read_yaml_catalog(Path(tmp)) == catalog
id: a
name: A
profile:
  openness: 70
  conscientiousness: 85
  extraversion: 40
  agreeableness: 55
  emotional_stability: 75
  relational_engagement: 50
transitions:
- to: b
  fit: 0.62
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graph.catalog import Catalog
from graph.errors import CatalogError, Problem
from graph.lifetime import paused_collection
from graph.model import GuideText, Origin, Role, Transition, is_role_id
from graph.traits import TRAITS
from loaders import _atomic
from loaders._common import (
    Collected,
    FieldPath,
    FieldWhere,
    covered,
    describe_error,
    error_path,
    format_field,
    job_zone_problem,
    link_out_of,
    not_a_regular_file,
    number_problem,
    plain_number,
    read_text_limited,
    resolved_for_writing,
    validated_roles,
    validated_transitions,
)
from loaders._yaml import Locator, load_yaml
from loaders.career_rules import read_rules, write_rules

#: Keys of a role file, in the order they are written.
ROLE_KEYS: tuple[str, ...] = (
    "id",
    "name",
    "name_en",
    "family",
    "level",
    "job_zone",
    "description",
    "profile",
    "profile_notes",
    "strengths",
    "red_flags",
    "interview_questions",
    "archetypes",
    "attribution",
    "imputed_from",
    "en",
    "transitions",
)
#: Keys of one transition, in the order they are written.
TRANSITION_KEYS: tuple[str, ...] = ("to", "fit", "strengths", "develop", "origin")

ROLES_DIR = "roles"
SUFFIX = ".yaml"


# --------------------------------------------------------------------------- reading


def read_yaml_catalog(folder: Path) -> Catalog:
    """Read ``folder/roles/*.yaml`` (in file-name order) into a validated catalog.

    Parameters
    ----------
    folder
        The catalog folder, holding a ``roles/`` folder.

    Returns
    -------
    Catalog
        The roles and their catalog transitions.

    Raises
    ------
    CatalogError
        Listing every problem of every file, each with file, line, record and field.

    Notes
    -----
    The records of every file are validated together (:func:`_read_role_files`); a
    file with a problem is read again on its own, record by record, to name each.
    """
    roles_dir = folder / ROLES_DIR
    if not roles_dir.is_dir():
        raise CatalogError([Problem(f"no {ROLES_DIR}/ folder of role files", str(folder))])
    outside = link_out_of(roles_dir, folder)
    if outside:
        raise CatalogError([Problem(outside, str(roles_dir))])
    try:
        paths = sorted(p for p in roles_dir.iterdir() if is_role_file(p))
    except OSError as exc:
        raise CatalogError(
            [Problem(f"cannot list role files: {_reason(exc)}", str(roles_dir))]
        ) from None
    rules = read_rules(folder)
    collected = Collected()
    with paused_collection():
        files = []
        for path in paths:
            refused = link_out_of(path, folder) or not_a_regular_file(path)
            if refused:
                collected.problems.append(Problem(refused, str(path)))
            elif (loaded := _load_role_file(path, collected)) is not None:
                files.append(loaded)
        _read_role_files(files, collected)
        return collected.build(rules)


def is_role_file(path: Path) -> bool:
    """Whether a ``roles/`` entry is a role file (``*.yaml``, not hidden)."""
    return path.name.endswith(SUFFIX) and not path.name.startswith(".")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


@dataclass(frozen=True)
class _RoleFile:
    """A role file's parsed document, with the line of each of its nodes."""

    file: str
    data: dict[Any, Any]
    loc: Locator


def _load_role_file(path: Path, out: Collected) -> _RoleFile | None:
    """The file's document, or ``None`` (its problems noted) if it holds no role mapping."""
    file = str(path)
    try:
        text = read_text_limited(path)
    except UnicodeDecodeError as exc:
        out.problems.append(Problem(f"not UTF-8 text: {exc.reason}", file))
        return None
    except OSError as exc:
        out.problems.append(Problem(f"cannot read the file: {_reason(exc)}", file))
        return None
    data, node, problems = load_yaml(text, file)
    out.problems.extend(problems)
    if node is None:
        if not problems:
            out.problems.append(Problem("the file is empty; expected a role", file, 1))
        return None
    loc = Locator(node)
    if not isinstance(data, dict):
        message = f"expected a mapping of role fields, got {type(data).__name__}"
        out.problems.append(Problem(message, file, loc.line(())))
        return None
    return _RoleFile(file, data, loc)


def _read_role_files(files: list[_RoleFile], out: Collected) -> None:
    """The roles and transitions of every file, validated in bulk, in file order.

    A file passes when no check before validation objects to it (:func:`_clean_fields`)
    and its role and every transition validate; any other file is read record by
    record (:func:`_read_role`), which names each problem.
    """
    fields = [_clean_fields(f.data) for f in files]
    roles = validated_roles([None if f is None else f[0] for f in fields])
    edges = validated_transitions([edge for f in fields if f is not None for edge in f[1]])
    at = 0
    for role_file, clean, role in zip(files, fields, roles, strict=True):
        count = 0 if clean is None else len(clean[1])
        transitions = [t for t in edges[at : at + count] if t is not None]
        at += count
        if role is None or len(transitions) < count:
            _read_role(role_file.data, role_file.loc, role_file.file, out)
            continue
        out.roles.append((role, _role_where(role_file.loc, role_file.file)))
        for index, transition in enumerate(transitions):
            where = _transition_where(role_file.loc, role_file.file, ("transitions", index))
            out.transitions.append((transition, where))


def _clean_fields(data: dict[Any, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """The role's and transitions' fields as :func:`_read_role` validates them, or ``None``
    when one of its checks before validation would name a problem."""
    raw_id = data.get("id")
    if not (isinstance(raw_id, str) and is_role_id(raw_id)) or any(
        key not in ROLE_KEYS for key in data
    ):
        return None
    fields = {k: v for k, v in data.items() if k != "transitions"}
    profile = fields.get("profile")
    if job_zone_problem(fields.get("job_zone")) is not None or (
        isinstance(profile, dict) and any(number_problem(s) is not None for s in profile.values())
    ):
        return None
    raw = data.get("transitions")
    if raw is not None and not isinstance(raw, list):
        return None
    edges = []
    for item in raw or ():
        if not isinstance(item, dict) or any(key not in TRANSITION_KEYS for key in item):
            return None
        develop = item.get("develop")
        if (
            ("fit" in item and number_problem(item["fit"]) is not None)
            or (
                isinstance(develop, dict)
                and any(number_problem(p) is not None for p in develop.values())
            )
            or item.get("origin") == Origin.DERIVED.value
        ):
            return None
        edges.append(
            {"target" if k == "to" else k: v for k, v in item.items()} | {"source": raw_id}
        )
    return fields, edges


def _role_where(loc: Locator, file: str) -> FieldWhere:
    return FieldWhere(file, loc.line(("id",)), lines={"level": loc.line(("level",))})


def _transition_where(loc: Locator, file: str, prefix: FieldPath) -> FieldWhere:
    return FieldWhere(
        file,
        loc.line((*prefix, "to")),
        renames={"target": format_field((*prefix, "to")), "source": "id"},
    )


def _unknown_keys(
    data: dict[Any, Any], allowed: tuple[str, ...], prefix: FieldPath, loc: Locator
) -> list[tuple[FieldPath, str, int | None]]:
    found = []
    for key in data:
        if key not in allowed:
            path = (*prefix, str(key))
            message = f"unknown key {key!r} (allowed: {', '.join(allowed)})"
            found.append((path, message, loc.line(path)))
    return found


def _read_role(data: dict[Any, Any], loc: Locator, file: str, out: Collected) -> None:
    raw_id = data.get("id")
    # A malformed id (a newline, an escape sequence) is quoted in its own problem, not
    # printed raw as every other problem's record.
    record = raw_id if isinstance(raw_id, str) and is_role_id(raw_id) else None
    role_where = _role_where(loc, file)

    def problem(path: FieldPath, message: str) -> None:
        out.problems.append(Problem(message, file, loc.line(path), record, format_field(path)))

    reported: list[FieldPath] = []
    for path, message, _ in _unknown_keys(data, ROLE_KEYS, (), loc):
        problem(path, message)
    fields = {k: v for k, v in data.items() if k in ROLE_KEYS and k != "transitions"}
    if (why := job_zone_problem(fields.get("job_zone"))) is not None:
        problem(("job_zone",), why)
        reported.append(("job_zone",))
    profile = fields.get("profile")
    if isinstance(profile, dict):
        for trait, score in profile.items():
            why = number_problem(score)
            if why is not None and isinstance(trait, str):
                problem(("profile", trait), why)
                reported.append(("profile", trait))
    try:
        role = Role.model_validate(fields)
    except ValidationError as exc:
        for error in exc.errors():
            path = error_path(error)
            if not covered(path, reported):
                problem(path, describe_error(error))
        out.role_failed(raw_id, role_where)
    else:
        if reported:
            out.role_failed(role.id, role_where)
        else:
            out.roles.append((role, role_where))

    _read_transitions(data.get("transitions"), record, loc, file, out)


def _read_transitions(
    raw: object, source: str | None, loc: Locator, file: str, out: Collected
) -> None:
    if raw is None:
        return
    if not isinstance(raw, list):
        message = f"expected a list of transitions, got {type(raw).__name__}"
        out.problems.append(
            Problem(message, file, loc.line(("transitions",)), source, "transitions")
        )
        return
    for index, item in enumerate(raw):
        _read_transition(item, ("transitions", index), source, loc, file, out)


def _read_transition(
    item: object,
    prefix: FieldPath,
    source: str | None,
    loc: Locator,
    file: str,
    out: Collected,
) -> None:
    target = item.get("to") if isinstance(item, dict) else None
    record = f"{source or '?'} -> {target if isinstance(target, str) else '?'}"

    def problem(path: FieldPath, message: str) -> None:
        out.problems.append(Problem(message, file, loc.line(path), record, format_field(path)))

    if not isinstance(item, dict):
        problem(prefix, f"expected a mapping with keys {', '.join(TRANSITION_KEYS)}")
        return
    for path, message, _ in _unknown_keys(item, TRANSITION_KEYS, prefix, loc):
        problem(path, message)
    reported: list[FieldPath] = []
    if "fit" in item and (why := number_problem(item["fit"])) is not None:
        problem((*prefix, "fit"), why)
        reported.append(("fit",))
    develop = item.get("develop")
    if isinstance(develop, dict):
        for trait, points in develop.items():
            why = number_problem(points)
            if why is not None and isinstance(trait, str):
                problem((*prefix, "develop", trait), why)
                reported.append(("develop", trait))
    if item.get("origin") == Origin.DERIVED.value:
        problem(
            (*prefix, "origin"), "derived transitions are computed, not stored; use curated or onet"
        )
        reported.append(("origin",))
    fields = {
        "target" if k == "to" else k: v
        for k, v in item.items()
        if k in TRANSITION_KEYS and (k,) not in reported
    }
    fields["source"] = source or "unknown"
    try:
        transition = Transition.model_validate(fields)
    except ValidationError as exc:
        for error in exc.errors():
            path = error_path(error)
            if covered(path, reported):
                continue
            named = tuple("to" if p == "target" else p for p in path)
            problem((*prefix, *named), describe_error(error))
        return
    if source is None:
        return
    out.transitions.append((transition, _transition_where(loc, file, prefix)))


# --------------------------------------------------------------------------- writing


def role_document(role: Role, transitions: Iterable[Transition] = ()) -> dict[str, Any]:
    """The YAML document of one role: documented key order, no empty fields.

    Derived transitions are skipped (they are computed, never stored).

    >>> from graph.traits import Profile
    >>> role = Role(id="a", name="A", profile=Profile.from_scores([50, 60, 70, 80, 90, 72.5]))
    >>> doc = role_document(role, [Transition(source="a", target="b", fit=1.0, origin="onet")])
    >>> doc["profile"]["relational_engagement"], doc["transitions"]
    (72.5, [{'to': 'b', 'fit': 1, 'origin': 'onet'}])
    """
    edges = [t for t in transitions if t.origin is not Origin.DERIVED]
    doc: dict[str, Any] = {
        "id": role.id,
        "name": role.name,
        "name_en": role.name_en,
        "family": role.family,
        "level": role.level,
        "job_zone": role.job_zone,
        "profile": {t.value: plain_number(role.profile.score(t)) for t in TRAITS},
        **_guide_document(role.spanish_guide()),
        "attribution": role.attribution,
        "imputed_from": list(role.imputed_from),
        "en": _compact(_guide_document(role.en)) if role.en is not None else None,
        "transitions": [_transition_document(t) for t in sorted(edges, key=lambda t: t.target)],
    }
    kept = _compact(doc)
    return {key: kept[key] for key in ROLE_KEYS if key in kept}


def _guide_document(guide: GuideText) -> dict[str, Any]:
    """The guide-text keys of a role document (Spanish at the top level, English under ``en``)."""
    return {
        "description": guide.description,
        "profile_notes": {
            t.value: guide.profile_notes[t] for t in TRAITS if t in guide.profile_notes
        },
        "strengths": list(guide.strengths),
        "red_flags": list(guide.red_flags),
        "interview_questions": [
            _compact({"question": q.question, "evaluates": q.evaluates})
            for q in guide.interview_questions
        ],
        "archetypes": [
            _compact({"name": a.name, "description": a.description}) for a in guide.archetypes
        ],
    }


def _transition_document(edge: Transition) -> dict[str, Any]:
    return _compact(
        {
            "to": edge.target,
            "fit": plain_number(edge.fit),
            "strengths": list(edge.strengths),
            "develop": {t.value: edge.develop[t] for t in TRAITS if t in edge.develop},
            "origin": None if edge.origin is Origin.CURATED else edge.origin.value,
        }
    )


def _compact(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if v is not None and v != "" and v != [] and v != {}}


def role_to_yaml(role: Role, transitions: Iterable[Transition] = ()) -> str:
    """The text of a role file, exactly as :func:`write_yaml_catalog` writes it."""
    return yaml.safe_dump(
        role_document(role, transitions), allow_unicode=True, sort_keys=False, width=4096
    )


def write_yaml_catalog(catalog: Catalog, folder: Path) -> None:
    """Write ``folder/roles/<role-id>.yaml`` for every role, atomically.

    Each file holds the role and its outgoing catalog transitions (curated or
    O*NET; derived ones are never written). The files are staged in a
    temporary sibling of ``roles/`` and swapped in, so a failure leaves the
    folder as it was. Role files of roles no longer in the catalog are removed;
    anything else in ``roles/`` (and in ``folder``) is kept.

    Parameters
    ----------
    catalog
        The catalog to write.
    folder
        The catalog folder; created if missing.

    Raises
    ------
    CatalogError
        If the folder cannot be written (nothing is changed then).
    """
    files = {
        f"{role.id}{SUFFIX}": role_to_yaml(role, catalog.outgoing(role.id)).encode("utf-8")
        for role in catalog.roles.values()
    }
    given = folder
    folder = resolved_for_writing(given)
    roles_dir = folder / ROLES_DIR
    try:
        if _not_a_folder(folder):
            raise CatalogError(
                [Problem("not a folder; cannot write a catalog into it", str(given))]
            )
        if _not_a_folder(roles_dir):
            raise CatalogError(
                [Problem("not a folder; cannot write role files into it", str(given / ROLES_DIR))]
            )
        outside = link_out_of(roles_dir, folder)
        if outside:
            raise CatalogError([Problem(f"{outside}; nothing written", str(given / ROLES_DIR))])
        _atomic.replace_folder(roles_dir, files, managed=lambda p: is_role_file(p) and p.is_file())
    except OSError as exc:
        where = str(exc.filename) if exc.filename else str(roles_dir)
        raise CatalogError([Problem(f"cannot write the catalog: {_reason(exc)}", where)]) from None
    write_rules(catalog.rules, given)


def _not_a_folder(path: Path) -> bool:
    """Whether ``path`` exists and is something other than a folder."""
    return path.exists() and not path.is_dir()
