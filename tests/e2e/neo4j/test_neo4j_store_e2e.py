"""The Neo4j store against a real server: round trip, atomic loads, writes across processes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from neo4j_e2e import DATA, DATABASE, PASSWORD, URI, USER, open_store, raw_counts

from graph.career import LevelScale
from graph.catalog import Catalog
from graph.errors import CatalogError
from graph.model import Role, Transition
from graph.store import StoreUnavailable, VersionConflict
from graph.traits import TRAITS
from graph.transitions import TransitionColumns
from loaders import read_rules, write_catalog
from stores import neo4j as module
from stores.neo4j import Neo4jStore

INJECTION = "x'}) DETACH DELETE n //"


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_export_of_the_loaded_bundled_catalog_equals_data_byte_for_byte(
    loaded: Neo4jStore, tmp_path: Path
) -> None:
    with open_store() as reader:  # reads the graph back; nothing cached from the load
        snapshot = reader.export(tmp_path / "yaml", "yaml")
        assert snapshot.version == 1 and not snapshot.stale
    exported = files_under(tmp_path / "yaml")
    expected = files_under(DATA)
    assert "actions.yaml" in exported and len(exported) == len(expected)
    assert exported.keys() == expected.keys()
    # catalog.yaml is written canonically, without the bundled file's comments: same rules.
    assert read_rules(tmp_path / "yaml") == read_rules(DATA)
    for name, content in expected.items():
        if name != "catalog.yaml":
            assert exported[name] == content, name


def test_csv_export_equals_the_csv_of_the_bundled_catalog(
    loaded: Neo4jStore, bundled: Catalog, tmp_path: Path
) -> None:
    with open_store() as reader:
        reader.export(tmp_path / "export", "csv")
    write_catalog(bundled, tmp_path / "expected", "csv")
    assert files_under(tmp_path / "export") == files_under(tmp_path / "expected")


def test_status_counts_the_loaded_catalog(loaded: Neo4jStore, bundled: Catalog) -> None:
    status = loaded.status()
    assert (status.version, status.roles, status.transitions, status.actions) == (
        1,
        len(bundled.roles),
        len(bundled.transitions),
        len(bundled.actions),
    )
    assert status.other_generations == {}


def test_a_catalog_with_one_bad_record_leaves_the_database_unchanged(
    loaded: Neo4jStore, bundled: Catalog, clean: Driver
) -> None:
    before = loaded.status(), raw_counts(clean)
    edges = dict(bundled.transitions)
    edges[("data-engineer", "no-such-role")] = Transition(
        source="data-engineer", target="no-such-role", fit=0.7
    )
    bad = Catalog(bundled.roles, edges, bundled.actions)  # not validated yet
    with pytest.raises(CatalogError, match="unknown role 'no-such-role'"):
        loaded.load(bad)
    assert (loaded.status(), raw_counts(clean)) == before
    with open_store() as reader:
        assert reader.snapshot().catalog == bundled


def test_a_failure_midway_through_a_load_leaves_the_database_unchanged(
    loaded: Neo4jStore, bundled: Catalog, clean: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = loaded.status(), raw_counts(clean)
    store = open_store(batch_size=20, writers=3)
    real = Neo4jStore._write_batch
    written: list[str] = []
    first = threading.Lock()  # the writers are threads

    def fail_after_first(
        self: Neo4jStore, name: str, generation: int, params: dict[str, Any], wanted: int
    ) -> list[Any]:
        with first:
            if written:
                raise StoreUnavailable("simulated: the connection dropped mid-load")
            written.append(name)
        return real(self, name, generation, params, wanted)

    monkeypatch.setattr(Neo4jStore, "_write_batch", fail_after_first)
    changed = Catalog.build(
        [r.model_copy(update={"name": "Nuevo"}) for r in bundled.roles.values()],
        bundled.transitions.values(),
        bundled.actions,
    )
    with pytest.raises(StoreUnavailable, match="simulated"):
        store.load(changed)
    store.close()
    assert written == ["create_roles"]
    assert (loaded.status(), raw_counts(clean)) == before
    with open_store() as reader:
        assert reader.snapshot().catalog == bundled


def test_a_load_by_several_writers_in_small_batches_reads_back_exactly(
    store: Neo4jStore, bundled: Catalog, clean: Driver
) -> None:
    with open_store(batch_size=7, writers=3) as writer:
        snapshot = writer.load(bundled)
    assert snapshot is not None and snapshot.catalog == bundled
    with open_store() as reader:
        assert reader.snapshot().catalog == bundled
        assert reader.status().other_generations == {}
    nodes = len(bundled.roles) + len(bundled.actions) + 1  # and the meta node
    assert raw_counts(clean) == (nodes, len(bundled.transitions))


def test_a_batch_the_server_writes_short_is_rolled_back(
    loaded: Neo4jStore, bundled: Catalog, clean: Driver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real server-side failure: a batch naming a node of another generation (the one
    served) creates fewer edges."""
    before = loaded.status(), raw_counts(clean)
    records, _, _ = clean.execute_query("MATCH (r:Role) RETURN elementId(r) AS node LIMIT 1")
    served_node = records[0]["node"]
    real_columns = module.transition_columns

    def broken_columns(batch: TransitionColumns, nodes: Mapping[str, str]) -> dict[str, list[Any]]:
        columns = real_columns(batch, nodes)
        columns["target"][0] = served_node
        return columns

    monkeypatch.setattr(module, "transition_columns", broken_columns)
    with pytest.raises(CatalogError, match="create_transitions wrote"):
        loaded.load(bundled)
    assert (loaded.status(), raw_counts(clean)) == before


def test_a_second_load_replaces_the_first_and_deletes_it(
    loaded: Neo4jStore, bundled: Catalog, clean: Driver
) -> None:
    nodes, edges = raw_counts(clean)
    smaller = Catalog.build(
        [r for r in bundled.roles.values() if r.id != "data-engineer"],
        [t for t in bundled.transitions.values() if "data-engineer" not in t.key],
        bundled.actions,
    )
    progress: list[tuple[int, int]] = []
    snapshot = loaded.load(smaller, progress=lambda d, t: progress.append((d, t)))
    assert snapshot is not None and snapshot.version == 2
    status = loaded.status()
    assert (status.generation, status.roles, status.other_generations) == (
        2,
        len(bundled.roles) - 1,
        {},
    )
    assert raw_counts(clean) == (nodes - 1, len(smaller.transitions))
    assert edges == len(bundled.transitions)
    assert progress[-1][0] == progress[-1][1]
    assert loaded.load(bundled, if_empty=True) is None


def test_a_write_from_another_process_is_seen_by_the_next_snapshot(loaded: Neo4jStore) -> None:
    first = loaded.snapshot()
    script = (
        "import sys\n"
        "from stores.neo4j import connect\n"
        "uri, user, password, database = sys.argv[1:5]\n"
        "with connect(uri, user, password, database) as store:\n"
        "    snap = store.snapshot()\n"
        "    role = snap.catalog.roles['data-engineer']\n"
        "    new = store.put_role(role.model_copy(update={'name': 'Cambiado por otro'}),\n"
        "                         expected_version=snap.version)\n"
        "    print(new.snapshot.version)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, URI, USER, PASSWORD, DATABASE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) == first.version + 1
    second = loaded.snapshot()
    assert second.version == first.version + 1
    assert second.catalog.roles["data-engineer"].name == "Cambiado por otro"
    with pytest.raises(VersionConflict):
        loaded.delete_role("data-engineer", expected_version=first.version)


def test_incremental_writes_round_trip_through_the_graph(loaded: Neo4jStore) -> None:
    base = loaded.snapshot()
    role = Role.model_validate(
        {
            "id": "prompt-engineer",
            "name": INJECTION,
            "profile": dict.fromkeys((t.value for t in TRAITS), 61.5),
            "strengths": ["Escritura precisa", "'; DROP"],
            "interview_questions": [{"question": '¿Qué es un buen prompt? "}) //'}],
        }
    )
    loaded.put_role(role, expected_version=base.version)
    edge = Transition(
        source="data-engineer", target="prompt-engineer", fit=0.55, develop={"openness": 7}
    )
    loaded.put_transition(edge)
    loaded.delete_transition("ai-product-manager", "director-of-data")
    after = loaded.delete_role("head-of-ai")
    with open_store() as reader:
        fresh = reader.snapshot()
    assert fresh.version == base.version + 4
    assert fresh.catalog == after.catalog
    assert fresh.catalog.roles["prompt-engineer"] == role
    assert fresh.catalog.transitions[("data-engineer", "prompt-engineer")] == edge
    assert "head-of-ai" not in fresh.catalog.roles


def test_an_injection_attempt_in_a_role_name_is_stored_and_returned_verbatim(
    store: Neo4jStore, bundled: Catalog, clean: Driver
) -> None:
    roles = dict(bundled.roles)
    roles["data-engineer"] = roles["data-engineer"].model_copy(update={"name": INJECTION})
    catalog = Catalog.build(roles.values(), bundled.transitions.values(), bundled.actions)
    store.load(catalog)
    with open_store() as reader:
        got = reader.snapshot().catalog
    assert got.roles["data-engineer"].name == INJECTION
    assert got == catalog
    assert raw_counts(clean) == (
        len(catalog.roles) + len(catalog.actions) + 1,
        len(catalog.transitions),
    )


#: Cypher-like text, parameters, backticks, quotes, control and non-BMP characters.
HOSTILE = (
    "x'}) DETACH DELETE n // \"}) MATCH (n) DETACH DELETE n; $param {param} `Role` "
    "MATCH (n) RETURN n \\' nul\x00 tab\t lf\n esc\x1b[0m rtl\u202e \U0001f600"
)


def test_hostile_text_in_every_field_survives_a_bulk_load(
    store: Neo4jStore, bundled: Catalog, clean: Driver
) -> None:
    """The load path (batched statements, not the API's single writes) with hostile text in
    every free-text field of a role, a transition and the action table."""
    role_id = "x--.match.n.-return-n..detach-delete"
    role = Role.model_validate(
        {
            "id": role_id,
            "name": f"name {HOSTILE}",
            "name_en": f"name_en {HOSTILE}",
            "family": "family x'}) DETACH DELETE n // $p `b` \x00",
            "level": "level x'}) DETACH DELETE n // $p `b` \x00",
            "description": f"description {HOSTILE}",
            "profile": bundled.roles["data-engineer"].profile,
            "profile_notes": {"openness": f"note {HOSTILE}", "extraversion": HOSTILE},
            "strengths": [f"strength {HOSTILE}", HOSTILE],
            "red_flags": [f"red flag {HOSTILE}"],
            "interview_questions": [{"question": f"q {HOSTILE}", "evaluates": HOSTILE}],
            "archetypes": [{"name": f"a {HOSTILE}", "description": HOSTILE}],
            "attribution": f"attribution {HOSTILE}",
        }
    )
    edges = [
        *bundled.transitions.values(),
        Transition(source="data-engineer", target=role_id, fit=0.5, strengths=(HOSTILE,)),
        Transition(source=role_id, target="data-engineer", fit=0.5, strengths=(f"b {HOSTILE}",)),
    ]
    actions = [
        a.model_copy(update={"es": f"es {HOSTILE}", "en": f"en {HOSTILE}"}) for a in bundled.actions
    ]
    # The hostile level goes on the scale, the hostile family into the rules (stored as JSON).
    rules = bundled.rules.model_copy(
        update={
            "levels": LevelScale(ranks=(*bundled.rules.levels.ranks, (str(role.level),))),
            "adjacent_families": ((str(role.family), HOSTILE),),
        }
    )
    catalog = Catalog.build([*bundled.roles.values(), role], edges, actions, rules)
    store.load(catalog)
    with open_store() as reader:
        got = reader.snapshot().catalog
    assert got.roles[role_id] == role
    assert got.transitions[("data-engineer", role_id)].strengths == (HOSTILE,)
    assert got.actions == catalog.actions
    assert got == catalog
    assert len(got.roles) == len(bundled.roles) + 1
    assert raw_counts(clean) == (
        len(catalog.roles) + len(catalog.actions) + 1,
        len(catalog.transitions),
    )


def test_json_fields_are_json_in_the_graph(loaded: Neo4jStore, clean: Driver) -> None:
    record = clean.execute_query(
        "MATCH (r:Role {id: $id}) RETURN r.interview_questions AS q, r.strengths AS s",
        id="ai-product-manager",
        database_=DATABASE,
    ).records[0]
    assert json.loads(record["q"])[0]["question"].startswith("¿Cómo diseñarías")
    assert isinstance(record["s"], list)


def test_career_rules_and_job_zones_survive_loads_and_single_writes(
    loaded: Neo4jStore, bundled: Catalog, clean: Driver
) -> None:
    assert bundled.rules.adjacent_families  # the bundled rules are not the defaults
    role = bundled.roles["data-engineer"].model_copy(update={"job_zone": 4})
    loaded.put_role(role)
    with open_store() as reader:  # another process: reads the graph back
        got = reader.snapshot().catalog
    assert got.rules == bundled.rules
    assert got.roles["data-engineer"].job_zone == 4
    stored = clean.execute_query(
        "MATCH (m:CatalogMeta {key: 'catalog'}) RETURN m.rules AS rules", database_=DATABASE
    ).records[0]["rules"]
    assert json.loads(stored)["adjacent_families"][0] == ["data", "ml"]
