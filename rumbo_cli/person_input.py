"""Reading a person's assessment from a file or from ``--scores``."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from graph.errors import CatalogError, Problem
from graph.personal import Person
from graph.traits import TRAITS, trait_from_label
from loaders import read_yaml_document


def parse_scores(text: str) -> dict[str, float]:
    """``O=55,C=70,E=40,A=60,ES=70,RE=50`` (codes, machine names or labels) to scores.

    >>> parse_scores("O=55, C=70, E=40, A=60, ES=70, RE=50")["emotional_stability"]
    70.0
    """
    scores: dict[str, float] = {}
    problems = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        key, sep, value = part.partition("=")
        trait = trait_from_label(key)
        if not sep or trait is None:
            problems.append(Problem(f"expected TRAIT=SCORE, got {part!r}", "--scores"))
            continue
        try:
            scores[trait.value] = float(value)
        except ValueError:
            problems.append(
                Problem(f"{value.strip()!r} is not a number", "--scores", None, None, trait.value)
            )
    missing = [t.value for t in TRAITS if t.value not in scores]
    if missing and not problems:
        problems.append(Problem(f"missing traits: {', '.join(missing)}", "--scores"))
    if problems:
        raise CatalogError(problems)
    return scores


def load_person(
    file: Path | None,
    scores: str | None,
    current_role: str | None,
    **settings: float | None,
) -> Person:
    """A person from a YAML/JSON file or ``--scores``; options override the file."""
    if (file is None) == (scores is None):
        raise CatalogError([Problem("give exactly one of --person FILE and --scores")])
    data: dict[str, object] = {}
    if file is not None:
        loaded = read_yaml_document(file)
        if not isinstance(loaded, dict):
            raise CatalogError([Problem("expected a mapping with 'scores'", str(file), 1)])
        data = loaded
    else:
        data = {"scores": parse_scores(scores or "")}
    if current_role is not None:
        data["current_role"] = current_role
    data.update({k: v for k, v in settings.items() if v is not None})
    try:
        return Person.model_validate(data)
    except ValidationError as exc:
        where = str(file) if file else "--scores"
        raise CatalogError(
            [
                Problem(e["msg"], where, None, None, ".".join(str(p) for p in e["loc"]))
                for e in exc.errors()
            ]
        ) from None
