"""``rumbo serve``: run the API under uvicorn.

The settings travel to uvicorn's worker processes as ``RUMBO_*``
environment variables, which :func:`api.app.app_from_env` reads.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import uvicorn

from api.http_protocol import BoundedHeadProtocol
from api.request_log import json_logging_config

log = logging.getLogger("api")


def serve(
    catalog: Path | None,
    neo4j: str | None,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 1,
    writable: bool = False,
) -> None:
    """Serve the API until interrupted.

    Parameters
    ----------
    catalog
        Catalog folder served from memory; the bundled catalog when neither
        this nor ``neo4j`` is given.
    neo4j
        Bolt URI of Neo4j (user, password and database come from
        ``RUMBO_NEO4J_USER``, ``RUMBO_NEO4J_PASSWORD`` and ``RUMBO_NEO4J_DATABASE``).
    workers
        uvicorn worker processes. A catalog folder is served by each worker from its
        own copy: several workers serve it read-only; use Neo4j for several workers
        that accept writes.
    writable
        Accept writes to ``catalog``, each saved to the folder before it is answered
        (one worker only); otherwise a folder is served read-only.
    """
    if catalog is not None and neo4j is not None:
        raise ValueError("give a catalog folder or a Neo4j URI, not both")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if writable and catalog is None:
        raise ValueError("--writable needs a catalog folder (--catalog DIR)")
    if writable and workers > 1:
        raise ValueError("a writable catalog folder is served by one worker; use Neo4j for more")
    if catalog is not None:
        os.environ["RUMBO_CATALOG_DIR"] = str(catalog.resolve())
        os.environ["RUMBO_CATALOG_WRITABLE"] = "true" if writable else "false"
        os.environ.pop("RUMBO_NEO4J_URI", None)
    if neo4j is not None:
        os.environ["RUMBO_NEO4J_URI"] = neo4j
        os.environ.pop("RUMBO_CATALOG_DIR", None)
    if workers > 1 and os.environ.get("RUMBO_CATALOG_WRITABLE", "").lower() in ("1", "true"):
        raise ValueError("a writable catalog folder is served by one worker; use Neo4j for more")
    uvicorn.run(
        "api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        # httptools bounds neither a request head's size nor its read time: this does.
        http=BoundedHeadProtocol,
        log_config=json_logging_config(),
    )
