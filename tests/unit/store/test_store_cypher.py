"""The statement files and their loader."""

from __future__ import annotations

import re
from importlib import resources

import pytest

import cypher
from stores import neo4j as neo4j_store

#: The store and its driver factory (whose connectivity check runs ``ping``).
STORE_SOURCE = "".join(
    resources.files("stores").joinpath(name).read_text(encoding="utf-8")
    for name in ("neo4j.py", "driver.py")
)


def test_every_topic_file_is_shipped_and_parsed() -> None:
    files = sorted(
        f.name for f in resources.files("cypher").iterdir() if f.name.endswith(".cypher")
    )
    assert files == ["explore.cypher", "read.cypher", "schema.cypher", "write.cypher"]
    assert {cypher.topic(n) for n in cypher.names()} == {"explore", "read", "schema", "write"}


def test_unknown_statement_is_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="no Cypher statement named 'upsert_rolez'"):
        cypher.statement("upsert_rolez")
    with pytest.raises(KeyError, match="upsert_rolez"):
        cypher.topic("upsert_rolez")


def test_statements_are_loaded_once() -> None:
    assert cypher.statement("upsert_roles") is cypher.statement("upsert_roles")


def test_parse_rejects_duplicates_empty_and_bad_names() -> None:
    with pytest.raises(ValueError, match="empty"):
        cypher.parse("// name: a\n// only a comment\n")
    with pytest.raises(ValueError, match="bad Cypher statement name"):
        cypher.parse("// name: Bad-Name\nRETURN 1")
    assert cypher.parse("// name: a\nRETURN 1;\n") == [("a", "RETURN 1")]


@pytest.mark.parametrize("name", cypher.names("read") + cypher.names("write"))
def test_every_read_and_write_statement_is_used_by_the_store(name: str) -> None:
    assert f'"{name}"' in STORE_SOURCE


def test_init_runs_every_schema_statement() -> None:
    assert set(neo4j_store.SCHEMA_STATEMENTS) | {"await_indexes", "ensure_meta"} == set(
        cypher.names("schema")
    )


@pytest.mark.parametrize("name", cypher.names())
def test_values_are_parameters_never_literals(name: str) -> None:
    text = "\n".join(
        line for line in cypher.statement(name).splitlines() if not line.lstrip().startswith("//")
    )
    # The only string literal is the meta node's fixed key.
    assert set(re.findall(r"'[^']*'", text)) <= {"'catalog'"}
    assert "{0}" not in text and "%s" not in text and "{}" not in text


@pytest.mark.parametrize("name", cypher.names("explore"))
def test_explore_queries_read_the_current_generation_with_parameters(name: str) -> None:
    text = cypher.statement(name)
    assert "m.generation" in text and "$" in text
    if "*1.." in text:
        assert "*1..6" in text and "length(p) <= $max_steps" in text
    assert not re.search(r"\b(CREATE|MERGE|DELETE|SET|REMOVE)\b", text)
