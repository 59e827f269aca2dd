"""Credentials survive Neo4j: an O*NET catalog's rules, loaded, read back and exported."""

from __future__ import annotations

from pathlib import Path

from neo4j_e2e import open_store

from loaders import read_rules
from loaders.onet import ONET_CREDENTIALS, import_onet
from stores.neo4j import Neo4jStore

ONET_MINI = Path(__file__).resolve().parents[2] / "fixtures" / "onet" / "onet-20.3-mini"


def test_credentials_survive_a_load_a_read_and_an_export(store: Neo4jStore, tmp_path: Path) -> None:
    catalog = import_onet(ONET_MINI).catalog
    assert catalog.rules.credentials == ONET_CREDENTIALS
    store.load(catalog)
    with open_store() as reader:  # another store: reads the graph back
        assert reader.snapshot().catalog.rules == catalog.rules
        reader.export(tmp_path / "csv", "csv")
    assert read_rules(tmp_path / "csv").credentials == ONET_CREDENTIALS
    assert list(read_rules(tmp_path / "csv").credentials) == list(ONET_CREDENTIALS)
