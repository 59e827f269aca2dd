"""Reading a person's assessment from a file (``--person``) or from ``--scores``.

Both accept a trait by its code (``O C E A ES RE``), machine name or label in either
language; the file's format is documented in ``docs/cli.md``. Every problem names the flag,
or the file and line, in the chosen language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from yaml import MappingNode, Node, ScalarNode

from graph.errors import Problem
from graph.personal import Person
from graph.traits import TRAITS, Language, trait_from_label
from loaders._common import read_text_limited
from loaders._yaml import load_yaml
from rumbo_cli.errors import InputError, flag_of, value_message
from usecases.messages import say

#: The keys a person file may hold (``scores`` is required).
PERSON_KEYS = ("scores", "current_role", "tolerance", "development_rate", "min_months_in_role")


@dataclass
class Where:
    """Where each value of a person came from: a flag, or a file and the line of each key."""

    name: str
    lines: dict[tuple[str, ...], int] = field(default_factory=dict)

    def at(self, *path: object) -> str:
        """``--scores``, or ``person.yaml:4`` for the line of ``path`` (else its parent)."""
        keys = tuple(str(p) for p in path)
        line = self.lines.get(keys) or self.lines.get(keys[:1])
        return f"{self.name}:{line}" if line else self.name


def parse_scores(text: str, lang: Language) -> dict[str, float]:
    """``O=55,C=70,E=40,A=60,ES=70,RE=50`` (codes, machine names or labels) to scores.

    >>> parse_scores("O=55, C=70, E=40, A=60, ES=70, RE=50", "en")["emotional_stability"]
    70.0
    """
    where = Where("--scores")
    pairs = []
    problems = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        key, sep, value = part.partition("=")
        if sep:
            pairs.append((key.strip(), value.strip()))
        else:
            problems.append((where.name, say("cli.person.pair", lang, part=part)))
    return trait_scores(pairs, where, lang, problems)


def trait_scores(
    pairs: Iterable[tuple[str, object]],
    where: Where,
    lang: Language,
    problems: list[tuple[str, str]] | None = None,
) -> dict[str, float]:
    """Scores by trait name from ``(key, value)`` pairs, each key a code, name or label.

    Raises
    ------
    InputError
        Naming each unknown trait, repeated trait, value that is not a number, and the
        missing traits.
    """
    problems = list(problems or [])
    scores: dict[str, float] = {}
    for key, value in pairs:
        trait = trait_from_label(key)
        if trait is None:
            problems.append(
                (where.at("scores", key), say("cli.person.unknown_trait", lang, key=key))
            )
            continue
        if trait.value in scores:
            label = trait.label(lang)
            problems.append((where.at("scores", key), say("cli.person.twice", lang, trait=label)))
            continue
        where.lines.setdefault(("scores", trait.value), where.lines.get(("scores", key), 0))
        number = as_number(value)
        if number is None:
            message = f"{trait.label(lang)}: {say('cli.expect.float', lang)} ({value!r})"
            problems.append((where.at("scores", key), message))
            continue
        scores[trait.value] = number
    missing = [t.label(lang) for t in TRAITS if t.value not in scores]
    if missing and not problems:
        problems.append(
            (where.at("scores"), say("cli.person.missing", lang, traits=", ".join(missing)))
        )
    if problems:
        raise InputError(problems)
    return scores


def as_number(value: object) -> float | None:
    """A score as a number (a YAML number or a numeric text), else ``None``.

    >>> as_number(55), as_number(" 70.5"), as_number(True), as_number("high")
    (55.0, 70.5, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return None


def read_person_file(path: Path, lang: Language) -> tuple[dict[str, object], Where]:
    """A person file's data, with the line of each key, its scores read as by ``--scores``."""
    where = Where(str(path))
    try:
        text = read_text_limited(path)
    except FileNotFoundError:
        raise InputError([(where.name, say("cli.person.no_file", lang))]) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(
            [(where.name, say("cli.person.unreadable", lang, reason=reason))]
        ) from None
    data, node, problems = load_yaml(text, where.name)
    if problems:
        raise InputError([yaml_problem(p, where, lang) for p in problems])
    if not isinstance(data, dict) or not isinstance(node, MappingNode):
        raise InputError([(where.name, say("cli.person.not_mapping", lang))])
    where.lines.update(key_lines(node))
    unknown = [str(k) for k in data if k not in PERSON_KEYS]
    if unknown or not isinstance(data.get("scores"), dict):
        keys = ", ".join(PERSON_KEYS)
        raise InputError(
            [(where.at(k), say("cli.person.unknown_key", lang, key=k, keys=keys)) for k in unknown]
            or [(where.at("scores"), say("cli.person.not_mapping", lang))]
        )
    pairs = [(str(k), v) for k, v in data["scores"].items()]
    return {**data, "scores": trait_scores(pairs, where, lang)}, where


def yaml_problem(problem: Problem, where: Where, lang: Language) -> tuple[str, str]:
    """A problem reading a person file as YAML: its line, and what is wrong."""
    place = where.name if problem.line is None else f"{where.name}:{problem.line}"
    detail = problem.message.removeprefix("YAML syntax error: ")
    return place, say("cli.person.yaml", lang, detail=detail)


def key_lines(node: MappingNode) -> dict[tuple[str, ...], int]:
    """The line of each top-level key of a YAML mapping, and of the keys one level below."""
    lines: dict[tuple[str, ...], int] = {}
    for key, value in node.value:
        if isinstance(key, ScalarNode):
            lines[(key.value,)] = line_of(key)
            if isinstance(value, MappingNode):
                for inner, _ in value.value:
                    if isinstance(inner, ScalarNode):
                        lines[(key.value, inner.value)] = line_of(inner)
    return lines


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


def load_person(
    file: Path | None,
    scores: str | None,
    current_role: str | None,
    lang: Language,
    **settings: float | None,
) -> Person:
    """A person from a YAML/JSON file or ``--scores``; options override the file.

    Raises
    ------
    InputError
        Naming the flag, or the file and line, of every problem, in ``lang``.
    """
    if (file is None) == (scores is None):
        raise InputError([("--person/--scores", say("cli.person.one_source", lang))])
    if file is not None:
        data, where = read_person_file(file, lang)
    else:
        data, where = {"scores": parse_scores(scores or "", lang)}, Where("--scores")
    if current_role is not None:
        data["current_role"] = current_role
    data.update({k: v for k, v in settings.items() if v is not None})
    try:
        return Person.model_validate(data)
    except ValidationError as exc:
        raise InputError(
            [(place(e["loc"], where, settings), person_message(e, lang)) for e in exc.errors()]
        ) from None


def person_message(error: ErrorDetails, lang: Language) -> str:
    """A person's invalid value in ``lang``; a score names its trait.

    >>> person_message({"type": "less_than_equal", "loc": ("scores", "openness"), "msg": "",
    ...                 "input": 150.0, "ctx": {"le": 100}}, "es")
    'Apertura: 150 no es un puntaje de 0 a 100'
    """
    loc = error["loc"]
    if len(loc) == 2 and loc[0] == "scores" and (trait := trait_from_label(str(loc[1]))):
        value = error.get("input")
        shown = f"{value:g}" if isinstance(value, float) else repr(value)
        return say("cli.person.score_range", lang, trait=trait.label(lang), value=shown)
    return value_message(error, lang)


def place(loc: tuple[int | str, ...], where: Where, overridden: dict[str, float | None]) -> str:
    """Where a person's invalid value was given: its option, or its file and line."""
    first = str(loc[0]) if loc else ""
    if overridden.get(first) is not None:
        return flag_of(first)
    if where.name == "--scores" and first != "scores":
        return flag_of(first)
    return where.at(*loc)
