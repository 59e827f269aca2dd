"""Persistence adapters: where a catalog is kept (in memory or in Neo4j).

Every store offers :class:`graph.store.CatalogStore`; the application opens the
one the settings select with :func:`usecases.store.open_store`.
"""
