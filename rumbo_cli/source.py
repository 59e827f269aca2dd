"""Where a command reads its catalog: a folder, the bundled catalog, or Neo4j.

Every source is opened with :func:`usecases.store.open_store`, as the API opens its own.
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import RumboError
from graph.store import CatalogSnapshot
from stores.neo4j import Neo4jStore
from usecases.messages import say
from usecases.settings import Settings
from usecases.store import open_neo4j_store, open_store


class SourceError(RumboError):
    """The command line names no usable catalog source; ``key`` words it in each language."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(say(key, "en"))


def source_settings(folder: Path | None, neo4j: str | None) -> Settings:
    """The ``RUMBO_*`` settings with ``--catalog`` or ``--neo4j`` (if given) taking over.

    Commands read their catalog: a folder is never opened writable here, whatever
    ``RUMBO_CATALOG_WRITABLE`` says (only ``rumbo serve --writable`` writes to a folder).

    >>> source_settings(Path("cat"), None).store_kind
    'memory'
    >>> source_settings(None, "bolt://db:7687").neo4j_uri
    'bolt://db:7687'
    """
    if folder is not None and neo4j is not None:
        raise SourceError("cli.source.both")
    settings = Settings().model_copy(update={"catalog_writable": False})
    if folder is not None:
        return settings.model_copy(update={"catalog_dir": folder, "neo4j_uri": None})
    if neo4j is not None:
        return settings.model_copy(update={"neo4j_uri": neo4j})
    return settings


def neo4j_store(uri: str | None = None, batch_size: int | None = None) -> Neo4jStore:
    """Connect to Neo4j at ``uri`` (else ``RUMBO_NEO4J_URI``), with the settings' credentials.

    Raises ``StoreUnavailable`` with one line naming the URI when it cannot connect.
    """
    settings = source_settings(None, uri)
    if not settings.neo4j_uri:
        raise SourceError("cli.source.no_neo4j")
    return open_neo4j_store(settings, batch_size=batch_size)


def snapshot_from(folder: Path | None, neo4j: str | None) -> CatalogSnapshot:
    """The current catalog of ``--catalog``, ``--neo4j``, the settings or the bundled one."""
    store = open_store(source_settings(folder, neo4j))
    try:
        return store.snapshot()
    finally:
        store.close()
