"""The command line's errors: one report in the chosen language, naming the flag or the file.

Every error is worded from :data:`usecases.messages.MESSAGES` and names what the user typed
(``--min-step-fit``, ``persona.yaml:3``), never an internal field (``min_step_fit``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated

import typer
from pydantic import ValidationError
from pydantic_core import ErrorDetails

# typer 0.29 vendors click as ``typer._click`` and raises that copy's exceptions, not those
# of the installed click (which uvicorn and flask pull in, and which typer no longer uses).
# Its public API names only ``typer.BadParameter``; the usage errors told apart here (no
# such option, a missing parameter, no arguments: the help) have no public name, so they
# are imported from the vendored copy. tests/unit/cli/test_cli_typer_layout.py fails if
# typer moves them or raises others.
from typer._click import exceptions as usage
from typer.core import TyperOption

from graph.errors import (
    CatalogError,
    InvalidQueryError,
    QueryBudgetExceeded,
    UnknownRoleError,
)
from graph.traits import Language
from rumbo_cli.source import SourceError
from usecases.error_text import query_error_text
from usecases.messages import say

#: Every usage error typer raises while reading a command line (its vendored click's).
ClickException = usage.ClickException
#: Raised for ``rumbo`` with no arguments: its help is printed instead.
NoArgsIsHelpError = usage.NoArgsIsHelpError

#: ``--lang`` of the admin commands (import, serve, validate, audit, db): their reports are
#: English, their errors are worded in it (:func:`rumbo_cli.main.run` reads it from argv).
ErrorLangOpt = Annotated[
    str,
    typer.Option("--lang", help="Language of error messages: es or en (reports are English)."),
]

#: Exit status of an error: a bad flag, person file or catalog (as click's usage errors).
EXIT_ERROR = 2
#: Exit status of a query that ran and found no route (``rumbo route``, ``rumbo leverage``).
EXIT_NO_ROUTE = 3

#: The flag each query field is set by (``reachable`` sets ``max_steps`` with ``--steps``).
FIELD_FLAGS: dict[str, str] = {
    "max_steps": "--max-steps",
    "min_step_fit": "--min-step-fit",
    "max_step_effort": "--max-step-effort",
    "max_trait_step": "--max-trait-step",
    "max_level_rise": "--max-level-rise",
    "avoid": "--avoid",
    "via": "--via",
    "k": "--k",
    "to": "TO",
    "fit_weight": "--fit-weight",
    "effort_weight": "--effort-weight",
    "months_weight": "--months-weight",
    "tolerance": "--tolerance",
    "development_rate": "--rate",
    "min_months_in_role": "--min-months",
    "scores": "--scores",
}

#: pydantic's error types with a limit, and the message that words each.
_LIMITS = {
    "greater_than_equal": ("cli.expect.ge", "ge"),
    "greater_than": ("cli.expect.gt", "gt"),
    "less_than_equal": ("cli.expect.le", "le"),
    "less_than": ("cli.expect.lt", "lt"),
}


class InputError(usage.UsageError):
    """Wrong command-line input: each problem is ``(where, message)``, already worded in the
    chosen language; ``where`` is a flag (``--steps``) or a place in a file (``p.yaml:3``).

    A usage error, so that it exits with status 2 however the app is run."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{where}: {message}" for where, message in self.problems))


def language(lang: str) -> Language:
    """Validate ``--lang``."""
    if lang not in ("es", "en"):
        raise InputError([("--lang", say("cli.expect.lang", "es"))])
    return "en" if lang == "en" else "es"


def argv_language(argv: Sequence[str]) -> Language:
    """The ``--lang`` of a command line (Spanish unless it asks for ``en``), so that even an
    error found while reading the options is worded in the chosen language.

    >>> argv_language(["route", "a", "b", "--lang", "en"]), argv_language(["--lang=en"])
    ('en', 'en')
    >>> argv_language(["roles"]), argv_language(["roles", "--lang"])
    ('es', 'es')
    """
    for i, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value is not None:
            return "en" if value.strip().lower() == "en" else "es"
    return "es"


def value_message(error: ErrorDetails, lang: Language) -> str:
    """A pydantic validation error as a short sentence in ``lang``.

    >>> value_message({"type": "greater_than_equal", "loc": ("k",), "msg": "",
    ...                "input": 0, "ctx": {"ge": 1}}, "es")
    'debe ser ≥ 1'
    """
    kind = error["type"]
    if kind in _LIMITS:
        key, bound = _LIMITS[kind]
        limit = error.get("ctx", {}).get(bound)
        return say(key, lang, limit=f"{limit:g}" if isinstance(limit, float) else limit)
    if kind.startswith("int_"):
        return say("cli.expect.int", lang)
    if kind.startswith("float_"):
        return say("cli.expect.float", lang)
    if kind.startswith("string_"):
        return say("cli.expect.text", lang)
    if kind == "missing":
        return say("cli.error.missing", lang, param=".".join(str(p) for p in error["loc"]))
    return error["msg"]


def flag_of(field: object, renamed: dict[str, str] | None = None) -> str:
    """The flag that sets a query field (the field itself when no flag does).

    >>> flag_of("min_step_fit"), flag_of("max_steps", {"max_steps": "--steps"})
    ('--min-step-fit', '--steps')
    """
    name = str(field)
    return (renamed or {}).get(name) or FIELD_FLAGS.get(name, name)


@contextmanager
def flags_named(lang: Language, **renamed: str) -> Iterator[None]:
    """Report a query's validation errors by the flags that set the fields, in ``lang``."""
    try:
        yield
    except ValidationError as exc:
        raise InputError(
            [
                (flag_of(e["loc"][0] if e["loc"] else "", renamed), value_message(e, lang))
                for e in exc.errors()
            ]
        ) from None


def usage_problem(exc: usage.ClickException, lang: Language) -> str:
    """A usage error found while reading the options, worded in ``lang``."""
    if isinstance(exc, InputError):
        return exc.message
    if isinstance(exc, usage.NoSuchOption):
        message = say("cli.error.no_such_option", lang, option=exc.option_name)
        return say("cli.error.usage", lang, message=message)
    param = getattr(exc, "param", None)
    if isinstance(exc, usage.MissingParameter) and param is not None:
        return say("cli.error.missing", lang, param=param_name(param))
    if isinstance(exc, usage.BadParameter) and param is not None:
        # typer converts values with pydantic, whose error says what was expected.
        cause = exc.__cause__
        if isinstance(cause, ValidationError) and cause.errors():
            return f"{param_name(param)}: {value_message(cause.errors()[0], lang)}"
        return f"{param_name(param)}: {exc.message}"
    return say("cli.error.usage", lang, message=exc.format_message())


def param_name(param: object) -> str:
    """``--steps`` for an option, ``FROM`` for an argument."""
    if isinstance(param, TyperOption) and param.opts:
        return max(param.opts, key=len)
    return str(getattr(param, "display_name_raw", None) or getattr(param, "name", "?"))


def domain_problem(exc: Exception, lang: Language) -> str:
    """A domain error as the lines of its report, worded in ``lang`` where Rumbo can."""
    if isinstance(exc, UnknownRoleError):
        text = say("cli.error.unknown_role", lang, role=exc.role_id)
        if exc.suggestions:
            text += " " + say("cli.did_you_mean", lang, ids=", ".join(exc.suggestions))
        return text
    if isinstance(exc, SourceError):
        return say(exc.key, lang)
    if isinstance(exc, CatalogError):
        count = len(exc.problems)
        heading = say(
            "cli.error.catalog_one" if count == 1 else "cli.error.catalog", lang, count=count
        )
        return "\n".join([heading, *(f"  - {p}" for p in exc.problems)])
    if isinstance(exc, QueryBudgetExceeded):
        return say("cli.error.budget", lang)
    if isinstance(exc, InvalidQueryError):
        text = query_error_text(exc, lang)
        return f"{flag_of(exc.field)}: {text}" if exc.field else text
    if isinstance(exc, ValidationError):
        return "\n".join(
            f"{flag_of(e['loc'][0] if e['loc'] else '')}: {value_message(e, lang)}"
            for e in exc.errors()
        )
    return str(exc)
