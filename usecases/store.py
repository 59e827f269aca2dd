"""Opening the catalog store the settings select: the one entry point for every adapter.

The CLI, the API and the benchmarks open their store here, so they share one choice
(Neo4j when ``RUMBO_NEO4J_URI`` is set, else a catalog folder in memory) and one Neo4j
connection with the same defaults (:mod:`stores.driver`).

A folder in memory is read-only unless ``catalog_writable`` is set: nothing written
to memory alone may be acknowledged, since a restart would lose it. The bundled
catalog is package data and always read-only.

>>> from usecases.settings import BUNDLED_CATALOG
>>> store = open_store(Settings(neo4j_uri=None, catalog_dir=BUNDLED_CATALOG))
>>> type(store).__name__, store.snapshot().version
('MemoryStore', 1)
>>> store.close()
"""

from __future__ import annotations

from graph.store import CatalogStore
from stores.folder import FolderStore, read_only_folder
from stores.neo4j import DEFAULT_BATCH_SIZE, Neo4jStore, connect
from usecases.settings import BUNDLED_CATALOG, Settings

__all__ = ["READ_ONLY_BUNDLED", "READ_ONLY_FOLDER", "open_neo4j_store", "open_store"]

_WRITABLE = (
    "To accept writes, serve a catalog folder of your own with `rumbo serve --catalog DIR "
    "--writable` (RUMBO_CATALOG_WRITABLE=true), which saves each write to it, or Neo4j "
    "with `--neo4j URI`."
)
#: Why the bundled catalog refuses writes.
READ_ONLY_BUNDLED = (
    f"The bundled catalog is part of the installed package and is served read-only. {_WRITABLE}"
)
#: Why a folder served without ``catalog_writable`` refuses writes.
READ_ONLY_FOLDER = (
    "This catalog folder is served read-only: a write held only in memory would be lost "
    f"on restart. {_WRITABLE}"
)


def open_store(settings: Settings) -> CatalogStore:
    """The store the settings select, open; ``close()`` releases everything it holds.

    With ``neo4j_uri``: a :class:`~stores.neo4j.Neo4jStore` on a new, checked connection;
    with ``catalog_dir`` and ``catalog_writable``: a :class:`~stores.folder.FolderStore`
    that saves every write to the folder; else ``catalog_path`` (the bundled catalog
    unless ``catalog_dir`` is set) in memory, read-only.

    Raises
    ------
    StoreUnavailable
        If Neo4j cannot be reached (the message names the URI, never the password), or
        the folder to write is locked by another process or cannot be written.
    CatalogError
        If the catalog folder is not a valid catalog.
    """
    if settings.neo4j_uri:
        return open_neo4j_store(settings)
    folder = settings.catalog_path
    if folder.resolve() == BUNDLED_CATALOG.resolve():
        return read_only_folder(folder, READ_ONLY_BUNDLED)
    if settings.catalog_writable:
        return FolderStore.open(folder)
    return read_only_folder(folder, READ_ONLY_FOLDER)


def open_neo4j_store(settings: Settings, *, batch_size: int | None = None) -> Neo4jStore:
    """The Neo4j store at ``settings.neo4j_uri``, with the settings' credentials.

    The Neo4j commands (``rumbo db ...``) need the store itself: schema, loads, export
    and status are not part of :class:`~graph.store.CatalogStore`.

    Raises
    ------
    ValueError
        If the settings name no Neo4j URI.
    StoreUnavailable
        If Neo4j cannot be reached.

    >>> open_neo4j_store(Settings(neo4j_uri="http://db:7474"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.store.StoreUnavailable: cannot reach Neo4j at http://db:7474: not a Bolt URI ...
    """
    if not settings.neo4j_uri:
        raise ValueError("no Neo4j URI in the settings (RUMBO_NEO4J_URI)")
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
    return connect(
        settings.neo4j_uri,
        settings.neo4j_user,
        password,
        settings.neo4j_database,
        batch_size=batch_size or DEFAULT_BATCH_SIZE,
        projection_dir=settings.projection_dir,
    )
