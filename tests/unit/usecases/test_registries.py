"""The application layer's tables: every mode has a search, every message both languages."""

from __future__ import annotations

import string

import pytest

from graph.catalog import Catalog
from graph.model import Role, Transition
from graph.personal import Person
from graph.store import CatalogSnapshot
from graph.traits import Profile
from usecases.messages import MESSAGES
from usecases.modes import ROUTE_MODES, Mode
from usecases.routes import RouteQuery, answer_routes


def test_every_mode_has_a_registry_entry() -> None:
    assert set(ROUTE_MODES) == set(Mode)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_fields(key: str) -> None:
    texts = MESSAGES[key]
    assert set(texts) == {"es", "en"}
    assert all(texts.values())
    assert _fields(texts["es"]) == _fields(texts["en"])


@pytest.mark.parametrize("mode", list(Mode))
def test_every_mode_answers_role_to_role_and_for_a_person(mode: Mode) -> None:
    """A two-role catalog: each mode finds its one route, with and without a person."""
    profiles = {"a": [50] * 6, "b": [50, 50, 70, 50, 50, 50]}
    roles = [
        Role(id=i, name=i.upper(), profile=Profile.from_scores(p)) for i, p in profiles.items()
    ]
    snapshot = CatalogSnapshot(
        1, Catalog.build(roles, [Transition(source="a", target="b", fit=0.8)])
    )
    me = Person(scores=Profile.from_scores([50] * 6), current_role="a")
    for query in (
        RouteQuery(source="a", target="b", mode=mode, k=2),
        RouteQuery(target="b", mode=mode, k=2, person=me),
    ):
        answer = answer_routes(snapshot, query, "en")
        assert answer.mode is mode
        assert [r.roles for r in answer.routes] == [("a", "b")]
