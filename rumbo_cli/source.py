"""Where a command reads its catalog: a folder, the bundled catalog, or Neo4j."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.catalog import Catalog
from graph.errors import RumboError
from loaders import read_catalog
from loaders.neo4j_store import Neo4jStore, connect
from usecases.settings import BUNDLED_CATALOG, Settings


class SourceError(RumboError):
    """The command line names no usable catalog source."""


def neo4j_store(uri: str | None = None, batch_size: int | None = None) -> Neo4jStore:
    """Connect to Neo4j at ``uri`` (else ``RUMBO_NEO4J_URI``), with the settings' credentials.

    Raises ``StoreUnavailable`` with one line naming the URI when it cannot connect.
    """
    settings = Settings()
    target = uri or settings.neo4j_uri
    if not target:
        raise SourceError("no Neo4j URI: give --neo4j or set RUMBO_NEO4J_URI")
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
    extra = {"batch_size": batch_size} if batch_size else {}
    return connect(
        target,
        settings.neo4j_user or "neo4j",
        password,
        settings.neo4j_database or "neo4j",
        **extra,
    )


def catalog_from(folder: Path | None, neo4j: str | None) -> Catalog:
    """The catalog of ``--catalog``, ``--neo4j``, ``RUMBO_NEO4J_URI`` or the bundled one."""
    if folder is not None and neo4j is not None:
        raise SourceError("give --catalog or --neo4j, not both")
    if folder is None and (neo4j or Settings().neo4j_uri):
        store = neo4j_store(neo4j)
        try:
            return store.snapshot().catalog
        finally:
            store.close()
    return read_catalog(folder or BUNDLED_CATALOG)


def graph_from(folder: Path | None, neo4j: str | None) -> nx.DiGraph:
    """The search graph of that catalog (with derived transitions)."""
    return catalog_from(folder, neo4j).to_graph()
