"""Errors a user can make in a query, worded in Spanish or English for any adapter.

Both adapters (the API's problem answers, the CLI's reports) word a query's
errors here, from :data:`usecases.messages.MESSAGES`: the search's own
:class:`~graph.errors.InvalidQueryError` by its ``code`` and values, and
pydantic's validation errors by their ``type`` and context. Nothing is
recognised by its English text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.errors import InvalidQueryError
from graph.traits import Language
from usecases.messages import say


def query_error_text(exc: InvalidQueryError, lang: Language) -> str:
    """A query error of the search in ``lang`` (its English text when it has no ``code``).

    >>> error = InvalidQueryError("English", "via", "via_avoided", role="a")
    >>> query_error_text(error, "es"), query_error_text(error, "en")
    ("'a' es a la vez obligatorio (via) y a evitar.", "'a' is both required (via) and avoided.")
    >>> query_error_text(InvalidQueryError("k must be between 1 and 50, got 0", "k"), "es")
    'k must be between 1 and 50, got 0'
    """
    if exc.code is None:
        return str(exc)
    return say(f"query.{exc.code}", lang, **exc.values)


#: pydantic's error types worded by Rumbo, by message key (``field.<key>``); the others keep
#: pydantic's own (English) text.
_FIELD_KEYS: Mapping[str, str] = {
    "missing": "missing",
    "extra_forbidden": "extra",
    "greater_than": "gt",
    "greater_than_equal": "ge",
    "less_than": "lt",
    "less_than_equal": "le",
    "int_parsing": "int",
    "int_type": "int",
    "int_from_float": "int",
    "float_parsing": "float",
    "float_type": "float",
    "finite_number": "finite",
    "bool_parsing": "bool",
    "bool_type": "bool",
    "string_type": "string",
    "string_too_long": "string_too_long",
    "string_too_short": "string_too_short",
    "string_pattern_mismatch": "pattern",
    "too_long": "too_long",
    "too_short": "too_short",
    "literal_error": "one_of",
    "enum": "one_of",
    "dict_type": "object",
    "model_type": "object",
    "model_attributes_type": "object",
    "list_type": "list",
    "tuple_type": "list",
    "json_invalid": "json",
    "unknown_role": "unknown_role",
}


def field_error_text(error: Mapping[str, Any], lang: Language) -> str:
    """One pydantic (or FastAPI) validation error as a sentence in ``lang``.

    >>> field_error_text({"type": "greater_than_equal", "loc": ("k",), "msg": "",
    ...                   "ctx": {"ge": 1}}, "es")
    'Debe ser mayor o igual que 1.'
    >>> field_error_text({"type": "literal_error", "loc": ("mode",), "msg": "",
    ...                   "ctx": {"expected": "'best' or 'pareto'"}}, "es")
    "Valor no admitido; se espera 'best' o 'pareto'."
    >>> field_error_text({"type": "url_parsing", "loc": ("u",), "msg": "Input should be a URL"},
    ...                  "es")
    'Input should be a URL'
    """
    kind = str(error.get("type", ""))
    key = _FIELD_KEYS.get(kind)
    if key is None:
        return str(error.get("msg", ""))
    values = {name: _shown(value) for name, value in (error.get("ctx") or {}).items()}
    loc: Sequence[object] = error.get("loc", ())
    if kind == "missing" and loc and loc[-1] == "from":
        key = "missing_start"  # a query needs 'from' or a person (usecases.start)
    elif key in ("string_too_short", "too_short") and values.get("min_length") == "1":
        key = "empty"
    elif key == "one_of" and lang == "es":
        # pydantic joins the expected values with an English "or"; the values are quoted.
        values["expected"] = str(values.get("expected", "")).replace(" or ", " o ")
    text = say(f"field.{key}", lang, **values)
    if kind == "unknown_role" and values.get("suggestions"):
        text += say("problem.did_you_mean", lang, ids=values["suggestions"])
    return text


def _shown(value: object) -> str:
    """A limit as people write it: ``0.5``, ``1``, not ``1.0``.

    >>> _shown(1.0), _shown(0.5), _shown("x")
    ('1', '0.5', 'x')
    """
    return f"{value:g}" if isinstance(value, float) else str(value)
