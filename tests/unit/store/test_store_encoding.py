"""How roles, transitions and actions become node and relationship properties, and back."""

from __future__ import annotations

import json
import socket

import pytest

import cypher
from graph.errors import CatalogError
from graph.model import Origin, Transition
from graph.store import StoreUnavailable
from graph.traits import TRAITS, Trait
from graph.transitions import TransitionTable
from stores.neo4j import (
    TRANSITION_COLUMNS,
    Neo4jStore,
    action_row,
    connect,
    role_from_properties,
    role_properties,
    transition_columns,
    transition_from_values,
    transition_row,
)
from tests.unit.store.catalogs import INJECTION, bare_role, full_role, sample_catalog
from tests.unit.store.fakes import FakeDriver


def test_a_role_with_every_field_round_trips() -> None:
    role = full_role()
    props = role_properties(role)
    assert role_from_properties(props) == role
    assert props["conscientiousness"] == 85.5 and isinstance(props["openness"], float)
    assert props["note_openness"] == "Curiosidad" and props["note_emotional_stability"] == ""
    assert "note_extraversion" not in props
    assert json.loads(props["interview_questions"]) == [
        {"question": "¿Cómo detectaste una degradación?", "evaluates": "Calma"},
        {"question": "¿Qué automatizarías primero?"},
    ]
    assert json.loads(props["archetypes"]) == [
        {"name": "El guardián"},
        {"name": "La exploradora", "description": ""},
    ]
    assert all(isinstance(v, (str, int, float, list)) for v in props.values())  # Neo4j types
    assert props["job_zone"] == 4


def test_a_bare_role_stores_no_empty_optional_fields() -> None:
    props = role_properties(bare_role("a", INJECTION))
    assert set(props) == {"id", "name", "strengths", "red_flags", *(t.value for t in TRAITS)}
    assert props["name"] == INJECTION
    assert role_from_properties(props) == bare_role("a", INJECTION)


def test_unknown_properties_are_ignored_when_reading() -> None:
    props = {**role_properties(bare_role("a")), "gen": 3, "added_in_browser": True}
    assert role_from_properties(props) == bare_role("a")


def test_a_transition_round_trips_with_develop_as_one_property_per_trait() -> None:
    edge = Transition(
        source="a",
        target="b",
        fit=0.65,
        strengths=("Rigor",),
        develop={Trait.OPENNESS: 2, Trait.RELATIONAL_ENGAGEMENT: 10},
        origin=Origin.ONET,
    )
    row = transition_row(edge)
    assert row == {
        "source": "a",
        "target": "b",
        "properties": {
            "fit": 0.65,
            "strengths": ["Rigor"],
            "origin": "onet",
            "develop_openness": 2,
            "develop_relational_engagement": 10,
        },
    }
    batch = TransitionTable.from_transitions([edge]).columns()
    columns = transition_columns(batch, {"a": "4:x:1", "b": "4:x:2"})
    assert columns == {
        "source": ["4:x:1"],
        "target": ["4:x:2"],
        **{name: [row["properties"].get(name)] for name in TRANSITION_COLUMNS},
    }
    assert columns["develop_extraversion"] == [None]  # no points: no property
    read = ["b", *(row["properties"].get(name) for name in TRANSITION_COLUMNS)]
    assert transition_from_values("a", read) == edge


def test_the_projection_reads_the_transition_columns_in_their_order() -> None:
    """read_projection returns [target, *TRANSITION_COLUMNS]; create_transitions takes them."""
    read = cypher.statement("read_projection")
    listed = read[read.index("[d.id,") :]
    positions = [listed.index(f"t.{name}") for name in TRANSITION_COLUMNS]
    assert positions == sorted(positions)
    create = cypher.statement("create_transitions")
    assert all(f"{name}: ${name}[i]" in create for name in TRANSITION_COLUMNS)


def test_actions_keep_their_table_position() -> None:
    actions = sample_catalog().actions
    assert [action_row(i, a)["position"] for i, a in enumerate(actions)] == [0, 1, 2]
    # The catalog groups actions by trait (OCEAN+ order), keeping their order within a trait.
    assert [a.en for a in actions] == ["Read", "Try", "Present"]
    assert action_row(1, actions[1]) == {
        "position": 1,
        "trait": "openness",
        "es": "Probar",
        "en": "Try",
    }


def test_bad_stored_records_are_reported_together() -> None:
    driver = FakeDriver()
    store = Neo4jStore(driver, uri="bolt://x:1")  # type: ignore[arg-type]
    store.load(sample_catalog())
    driver.model.version += 1
    driver.model.roles[1]["a"]["openness"] = 140.0
    driver.model.roles[1]["c"]["interview_questions"] = "{not json"
    driver.model.transitions[1][0]["properties"]["fit"] = 0.0
    driver.model.actions[1][1]["trait"] = "patience"
    with pytest.raises(CatalogError) as info:
        Neo4jStore(driver, uri="bolt://x:1").snapshot()  # type: ignore[arg-type]
    text = str(info.value)
    assert "4 problems" in text
    assert "record development action 2, field trait" in text
    assert "neo4j, record a, field profile.openness: score 140.0 is out of range 0-100" in text
    assert "record c" in text and "bad JSON" in text
    assert "record a -> b, field fit" in text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_connect_to_a_closed_port_is_one_clear_line() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailable) as info:
        connect(uri, "neo4j", "pw")
    message = str(info.value)
    assert message.startswith(f"cannot reach Neo4j at {uri}: the server does not answer")
    assert "Connection refused" in message and "\n" not in message


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "not a uri"])
def test_connect_with_a_bad_uri_names_it(uri: str) -> None:
    with pytest.raises(StoreUnavailable, match=f"^cannot reach Neo4j at {uri}: "):
        connect(uri, "neo4j", "pw")


def test_a_write_committed_during_the_read_makes_it_read_again_from_scratch() -> None:
    """The second read's roles replace the first's (none counted twice)."""
    driver = FakeDriver()
    Neo4jStore(driver, uri="bolt://x:1").load(sample_catalog())  # type: ignore[arg-type]
    generation = driver.model.generation

    def another_process_renames_a() -> None:
        driver.model.roles[generation]["a"]["name"] = "Renamed"
        driver.model.version += 1

    driver.before["read_actions"] = another_process_renames_a
    snapshot = Neo4jStore(driver, uri="bolt://x:1").snapshot()  # type: ignore[arg-type]
    assert snapshot.catalog.roles["a"].name == "Renamed"
    expected = sample_catalog()
    assert list(snapshot.catalog.roles) == list(expected.roles)
    assert snapshot.catalog.transitions == expected.transitions
    assert driver.names().count("read_projection") == 2


def test_a_stored_target_that_is_no_text_is_a_problem_not_a_crash() -> None:
    driver = FakeDriver()
    Neo4jStore(driver, uri="bolt://x:1").load(sample_catalog())  # type: ignore[arg-type]
    driver.model.version += 1
    driver.model.transitions[driver.model.generation][0]["target"] = ["b"]
    with pytest.raises(CatalogError, match="field target"):
        Neo4jStore(driver, uri="bolt://x:1").snapshot()  # type: ignore[arg-type]
