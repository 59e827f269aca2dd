"""The Cypher Rumbo runs, kept as named statements in ``.cypher`` files.

Each file groups statements by topic (``schema``, ``write``, ``read``,
``explore``). A statement starts at a header line ``// name: <name>`` and runs
until the next header; the comment lines right under the header describe it.
Every value a statement uses is a ``$parameter``: nothing is ever formatted
into query text, so the text here is exactly what the server receives.

>>> "UNWIND $rows" in statement("upsert_roles")
True
>>> statement("no_such_statement")
Traceback (most recent call last):
...
KeyError: "no Cypher statement named 'no_such_statement' in cypher/*.cypher"
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import LiteralString

__all__ = ["names", "statement", "topic"]

_HEADER = re.compile(r"^//\s*name:\s*(\S+)\s*$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def statement(name: str) -> LiteralString:
    """The text of the statement called ``name``.

    Raises
    ------
    KeyError
        Naming the statement, when no ``.cypher`` file defines it.
    """
    try:
        text, _ = _statements()[name]
    except KeyError:
        raise KeyError(f"no Cypher statement named {name!r} in cypher/*.cypher") from None
    # The text comes from files shipped with the package, never from input: a literal in
    # all but name (mypy treats LiteralString as str).
    return text


def topic(name: str) -> str:
    """The file (without ``.cypher``) that defines the statement ``name``."""
    try:
        return _statements()[name][1]
    except KeyError:
        raise KeyError(f"no Cypher statement named {name!r} in cypher/*.cypher") from None


def names(file_topic: str | None = None) -> list[str]:
    """Every statement name (of one topic, e.g. ``"explore"``), in file order."""
    return [n for n, (_, t) in _statements().items() if file_topic in (None, t)]


@cache
def _statements() -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    files = sorted(
        (f for f in resources.files(__name__).iterdir() if f.name.endswith(".cypher")),
        key=lambda f: f.name,
    )
    for file in files:
        file_topic = file.name.removesuffix(".cypher")
        for name, text in parse(file.read_text(encoding="utf-8"), file.name):
            if name in found:
                raise ValueError(f"Cypher statement {name!r} is defined twice ({file.name})")
            found[name] = (text, file_topic)
    return found


def parse(text: str, file: str = "<text>") -> list[tuple[str, str]]:
    """Split the text of a ``.cypher`` file into ``(name, statement)`` pairs.

    Lines before the first header are the file's own comment. Trailing blank
    lines and a final ``;`` (kept in the files so that they paste into
    Neo4j Browser) are dropped.

    >>> parse("// about\\n// name: one\\n// says hi\\nRETURN 1;\\n\\n// name: two\\nRETURN 2\\n")
    [('one', '// says hi\\nRETURN 1'), ('two', 'RETURN 2')]
    """
    result: list[tuple[str, str]] = []
    name: str | None = None
    body: list[str] = []

    def flush() -> None:
        if name is None:
            return
        statement_text = "\n".join(body).strip().removesuffix(";").rstrip()
        if not any(line.strip() and not line.lstrip().startswith("//") for line in body):
            raise ValueError(f"Cypher statement {name!r} in {file} is empty")
        result.append((name, statement_text))

    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            flush()
            name = match.group(1)
            if not _NAME.match(name):
                raise ValueError(f"bad Cypher statement name {name!r} in {file}")
            body = []
        elif name is not None:
            body.append(line)
    flush()
    return result
