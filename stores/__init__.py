"""Persistence adapters: where a catalog is kept (in memory or in Neo4j).

Every store offers :class:`graph.store.CatalogStore`; the application opens the
one the settings select with :func:`usecases.store.open_store`.
"""

#: The Neo4j user a connection logs in as unless told otherwise (a new server's only user).
DEFAULT_USER = "neo4j"
#: The Neo4j database used unless told otherwise (Community edition has only this one).
DEFAULT_DATABASE = "neo4j"
