"""The Cypher-only baseline: best routes computed by one Cypher query on a real Neo4j.

What a user with the catalog in Neo4j and no route engine would write: a
variable-length path match from the source to the target, up to the step
limit, that visits no role twice, with the cumulative fit and the effort of
each path computed in Cypher and folded into the service's scalar objective
(``cypher/explore.cypher``, statement ``routes_by_objective``). Neo4j holds
the catalog's own transitions only (the service derives its extra edges in
memory), so the benchmark compares it with Rumbo's ``best_route`` restricted
to those transitions (``curated_only``).
"""

from __future__ import annotations

import time
from typing import Any

from neo4j import READ_ACCESS, Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import ClientError

import cypher
from graph.catalog import Catalog
from graph.search.query import Objective
from stores.driver import open_driver
from stores.neo4j import connect

#: The password ``scripts/neo4j-local`` sets on its private server.
LOCAL_PASSWORD = "rumbo-local-pw"


class CypherBaseline:
    """Loads catalogs into one Neo4j database and asks it for best routes.

    The server-side transaction timeout ends a query that runs too long; it
    surfaces as :class:`TimeoutError`, which the benchmark counts as a timeout.
    """

    def __init__(
        self,
        uri: str,
        password: str = LOCAL_PASSWORD,
        database: str = "neo4j",
        timeout: float = 10.0,
    ) -> None:
        self.uri = uri
        self._password = password
        self._database = database
        self._driver: Driver = open_driver(uri, password=password, database=database)
        self._work = unit_of_work(timeout=timeout)(_best_rows)

    def load(self, catalog: Catalog) -> float:
        """Replace the database's catalog with ``catalog``; seconds taken."""
        started = time.perf_counter()
        store = connect(self.uri, password=self._password, database=self._database)
        try:
            store.replace(catalog)
        finally:
            store.close()
        return time.perf_counter() - started

    def best(
        self, source: str, target: str, max_steps: int, objective: Objective
    ) -> tuple[list[str], float] | None:
        """The least-cost simple route and its cost, or ``None`` when there is none."""
        params = {
            "source": source,
            "target": target,
            "max_steps": max_steps,
            "fit_weight": objective.fit_weight,
            "effort_weight": objective.effort_weight,
            "limit": 1,
        }
        try:
            with self._driver.session(
                database=self._database, default_access_mode=READ_ACCESS
            ) as session:
                rows = session.execute_read(self._work, params)
        except ClientError as exc:
            if "TransactionTimedOut" in (exc.code or ""):
                raise TimeoutError(exc.message) from exc
            raise
        if not rows:
            return None
        return list(rows[0]["roles"]), float(rows[0]["cost"])

    def close(self) -> None:
        self._driver.close()


def _best_rows(tx: ManagedTransaction, params: dict[str, Any]) -> list[Any]:
    return list(tx.run(cypher.statement("routes_by_objective"), params))
