"""The one place a Neo4j driver is built: one set of defaults, one connectivity check.

Every process that talks to Neo4j (the CLI, the API, the benchmarks) gets its driver from
:func:`open_driver`, so they share the defaults (user ``neo4j``, database ``neo4j``, short
timeouts) and fail the same way: a :class:`~graph.store.StoreUnavailable` of one line that
names the URI and never the password.
"""

from __future__ import annotations

import re
from typing import Any

from neo4j import Driver, GraphDatabase, RoutingControl
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

import cypher
from graph.store import StoreUnavailable
from stores import DEFAULT_DATABASE, DEFAULT_USER

__all__ = [
    "BOLT_SCHEMES",
    "DEFAULT_DATABASE",
    "DEFAULT_USER",
    "DRIVER_DEFAULTS",
    "describe",
    "open_driver",
    "redact_uri",
]

#: URI schemes accepted (the driver's HTTP preview is not used).
BOLT_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
#: Short timeouts: a server that is down must become a quick error (a 503 in the API),
#: not the driver's default 30-second retry loop.
DRIVER_DEFAULTS: dict[str, Any] = {"connection_timeout": 10.0, "max_transaction_retry_time": 15.0}


def open_driver(
    uri: str,
    user: str | None = DEFAULT_USER,
    password: str | None = None,
    database: str | None = DEFAULT_DATABASE,
    **driver_config: Any,
) -> Driver:
    """A driver on ``uri``, checked: the server answers and the credentials work.

    Parameters
    ----------
    uri
        A Bolt URI (``bolt://host:7687``, ``neo4j://...``, ``+s`` / ``+ssc`` variants).
    user, password
        The credentials; an empty ``user`` connects without authentication.
    database
        The database the check queries (``None``: the server's default).
    driver_config
        Passed to :func:`neo4j.GraphDatabase.driver` over :data:`DRIVER_DEFAULTS`.

    Raises
    ------
    StoreUnavailable
        ``cannot reach Neo4j at <uri>: <reason>`` for a bad URI, a server that does not
        answer, wrong credentials or an unknown database.

    >>> open_driver("http://127.0.0.1:7474", password="secret")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.store.StoreUnavailable: cannot reach Neo4j at http://127.0.0.1:7474: not a Bolt URI ...
    """
    scheme = uri.partition("://")[0] if "://" in uri else ""
    shown = redact_uri(uri)
    if scheme not in BOLT_SCHEMES:
        raise StoreUnavailable(
            f"cannot reach Neo4j at {shown}: not a Bolt URI (use bolt://host:7687 or neo4j://...)"
        )
    auth = (user, password or "") if user else None
    try:
        driver = GraphDatabase.driver(uri, auth=auth, **{**DRIVER_DEFAULTS, **driver_config})
    except (ValueError, TypeError, DriverError) as exc:
        # Not chained: the driver's message quotes the URI, password included.
        reason = one_line(str(exc)).replace(uri, shown)
        raise StoreUnavailable(f"cannot reach Neo4j at {shown}: {reason}") from None
    try:
        driver.verify_connectivity()
        driver.execute_query(
            cypher.statement("ping"), routing_=RoutingControl.READ, database_=database
        )
    except (Neo4jError, DriverError) as exc:
        driver.close()
        raise StoreUnavailable(f"cannot reach Neo4j at {shown}: {describe(exc)}") from exc
    return driver


def redact_uri(uri: str) -> str:
    """``uri`` with any user and password written into it replaced by ``***``.

    Everything up to the last ``@`` counts, as a password may hold ``@`` or ``/``.

    >>> redact_uri("bolt://neo4j:s3cret@db:7687"), redact_uri("bolt://db:7687")
    ('bolt://***@db:7687', 'bolt://db:7687')
    >>> redact_uri("neo4j://u:p@ss/w@db"), redact_uri("u:p@db")
    ('neo4j://***@db', '***@db')
    """
    if "@" not in uri:
        return uri
    scheme, sep, _ = uri.partition("://")
    prefix = f"{scheme}://" if sep else ""
    return f"{prefix}***@{uri.rpartition('@')[2]}"


_REASON = re.compile(r"\(reason ([^)]*)\)")


def describe(exc: BaseException) -> str:
    """One line saying why the driver failed.

    >>> from neo4j.exceptions import ServiceUnavailable
    >>> describe(ServiceUnavailable("Couldn't connect to db:7687 (reason [Errno 111] refused)"))
    'the server does not answer ([Errno 111] refused)'
    """
    if isinstance(exc, AuthError):
        return f"authentication failed ({one_line(exc.message or str(exc))})"
    if isinstance(exc, Neo4jError):
        code = exc.code or type(exc).__name__
        return f"{one_line(exc.message or str(exc))} [{code}]"
    text = str(exc)
    if isinstance(exc, (ServiceUnavailable, SessionExpired)):
        found = _REASON.findall(text)
        why = found[-1] if found else text
        return f"the server does not answer ({one_line(why) or type(exc).__name__})"
    return one_line(text) or type(exc).__name__


def one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line, cut to ``limit`` characters.

    >>> one_line("a\\n  b"), one_line("x" * 10, limit=6)
    ('a b', 'xxx...')
    """
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 3] + "..."
