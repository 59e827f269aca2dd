"""Query errors worded by code and pydantic's errors by type, in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph.catalog import Catalog
from graph.errors import InvalidQueryError
from graph.model import Role
from graph.personal import Person, personal_alternatives
from graph.search import Constraints, alternative_routes, best_route, reachable_routes
from graph.traits import Profile
from usecases.error_text import field_error_text, query_error_text
from usecases.messages import MESSAGES

P = Profile.from_scores([50] * 6)
GRAPH = Catalog.build([Role(id=i, name=i.upper(), profile=P) for i in "abcd"], []).to_graph()
ME = Person(scores=P, current_role="a")


@pytest.mark.parametrize(
    ("search", "code"),
    [
        (lambda: best_route(GRAPH, "a", "a"), "same_ends"),
        (lambda: reachable_routes(GRAPH, "a", Constraints(via=("b",))), "via_reachable"),
        (lambda: best_route(GRAPH, "a", "b", Constraints(avoid=frozenset({"b"}))), "end_avoided"),
        (lambda: best_route(GRAPH, "a", "b", Constraints(via=("c", "c"))), "via_twice"),
        (lambda: best_route(GRAPH, "a", "b", Constraints(via=("a",))), "via_is_end"),
        (
            lambda: best_route(GRAPH, "a", "b", Constraints(via=("c",), avoid=frozenset({"c"}))),
            "via_avoided",
        ),
        (lambda: best_route(GRAPH, "a", "b", Constraints(via=("c",), max_steps=1)), "via_steps"),
        (lambda: alternative_routes(GRAPH, "a", "b", k=0), "k_range"),
        (lambda: personal_alternatives(GRAPH, ME, "b", k=99), "k_range"),
    ],
)
def test_every_query_error_of_the_search_has_a_code_worded_in_both_languages(
    search: Callable[[], object], code: str
) -> None:
    with pytest.raises(InvalidQueryError) as caught:
        search()
    error = caught.value
    assert error.code == code
    spanish, english = query_error_text(error, "es"), query_error_text(error, "en")
    # Worded from the table, not the search's own text (which ends without a full stop).
    assert spanish != english != str(error)
    assert spanish.endswith(".") and english.endswith(".")


class _Query(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    k: Annotated[int, Field(ge=1, le=50)]
    fit: Annotated[float, Field(gt=0, lt=1)] = 0.5
    flag: bool = False
    name: Annotated[str, Field(min_length=1, max_length=3)] = "x"
    mode: Literal["best", "pareto"] = "best"
    ids: Annotated[list[str], Field(max_length=2)] = []


@pytest.mark.parametrize(
    ("data", "kind", "spanish"),
    [
        ({}, "missing", "Falta este campo."),
        ({"k": 1, "other": 1}, "extra_forbidden", "Campo desconocido: no se admite."),
        ({"k": 0}, "greater_than_equal", "Debe ser mayor o igual que 1."),
        ({"k": 51}, "less_than_equal", "Debe ser menor o igual que 50."),
        ({"k": 1, "fit": 0.0}, "greater_than", "Debe ser mayor que 0."),
        ({"k": 1, "fit": 1.0}, "less_than", "Debe ser menor que 1."),
        ({"k": "5"}, "int_type", "Debe ser un número entero."),
        ({"k": 1, "fit": "x"}, "float_type", "Debe ser un número."),
        ({"k": 1, "flag": "yes"}, "bool_type", "Debe ser true o false."),
        ({"k": 1, "name": ""}, "string_too_short", "No puede estar vacío."),
        ({"k": 1, "name": "abcd"}, "string_too_long", "Admite como mucho 3 caracteres."),
        ({"k": 1, "name": 3}, "string_type", "Debe ser un texto."),
        (
            {"k": 1, "mode": "x"},
            "literal_error",
            "Valor no admitido; se espera 'best' o 'pareto'.",
        ),
        ({"k": 1, "ids": ["a", "b", "c"]}, "too_long", "Admite como mucho 2 elementos."),
    ],
)
def test_pydantic_errors_are_worded_in_both_languages(
    data: dict[str, object], kind: str, spanish: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        _Query.model_validate(data)
    [error] = caught.value.errors()
    assert error["type"] == kind
    assert field_error_text(error, "es") == spanish
    english = field_error_text(error, "en")
    assert english != spanish and english != error["msg"]


def test_json_parsing_errors_are_worded_too() -> None:
    with pytest.raises(ValidationError) as caught:
        _Query.model_validate_json('{"k": 1.5}')
    [error] = caught.value.errors()
    assert field_error_text(error, "es") == "Debe ser un número entero."


def test_other_errors_keep_pydantics_text() -> None:
    error = {"type": "url_parsing", "loc": ("u",), "msg": "Input should be a valid URL"}
    assert field_error_text(error, "es") == "Input should be a valid URL"


def test_every_field_and_query_message_has_both_languages() -> None:
    for key, texts in MESSAGES.items():
        if key.startswith(("field.", "query.")):
            assert set(texts) == {"es", "en"} and texts["es"] != texts["en"], key


def test_spanish_messages_say_ajuste_for_fit() -> None:
    # Flags (--min-step-fit) and placeholders ({fit}) are names, not words.
    names = re.compile(r"--[a-z-]+|\{[^}]*\}")
    wrong = {
        key: texts["es"]
        for key, texts in MESSAGES.items()
        if re.search(r"\b(fit|encaje)\b", names.sub("", texts["es"]), re.IGNORECASE)
    }
    assert wrong == {}
    assert "Ajuste acumulado" in MESSAGES["explain.fit"]["es"]
