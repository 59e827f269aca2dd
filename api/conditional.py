"""Conditional GETs (RFC 9110 §13.1.2) and the Cache-Control every answer carries.

A client that sends back the ``ETag`` of a ``GET`` answer in ``If-None-Match``
gets ``304 Not Modified`` with no body while the answer is unchanged: for the
catalog's answers, while the catalog is at the same version.
"""

from __future__ import annotations

import re

#: Catalog answers: a client may keep them, but asks again (with its ETag) before reuse.
REVALIDATE = "no-cache"
#: Probes and answers to writes and searches with a body (which may carry a person's scores).
NEVER_STORE = "no-store"

#: Paths whose answers are never kept (liveness and readiness change under the client).
PROBE_PATHS = frozenset({"/health", "/ready"})

# An entity tag (quoted, optionally weak) or, leniently, a bare token.
_TAG = re.compile(r'\s*((?:W/)?"[^"]*"|[^\s,"]+)\s*(?:,|$)')


def opaque(tag: str) -> str:
    """An entity tag without its weakness marker and quotes, for weak comparison.

    >>> opaque('W/"9f2c1a-3"'), opaque('"9f2c1a-3"'), opaque("9f2c1a-3")
    ('9f2c1a-3', '9f2c1a-3', '9f2c1a-3')
    """
    tag = tag.strip()
    if tag.startswith("W/"):
        tag = tag[2:]
    return tag[1:-1] if len(tag) >= 2 and tag[0] == tag[-1] == '"' else tag


def none_match_fails(if_none_match: str, etag: str | None) -> bool:
    """Whether ``If-None-Match`` names the answer's ``etag`` (so a GET answers 304).

    The comparison is the weak one RFC 9110 asks of ``If-None-Match``: ``W/"a"``
    matches ``"a"``. ``*`` matches any answer that has a representation; a
    list matches if any member does. A header that does not parse matches nothing.

    >>> tag = 'W/"9f2c1a-3"'
    >>> none_match_fails(tag, tag), none_match_fails('"9f2c1a-3"', tag)
    (True, True)
    >>> none_match_fails('W/"9f2c1a-2", W/"9f2c1a-3"', 'W/"9f2c1a-3"')
    True
    >>> none_match_fails('*', 'W/"x-1"'), none_match_fails('W/"9f2c1a-2"', 'W/"9f2c1a-3"')
    (True, False)
    >>> none_match_fails('W/"9f2c1a-3', 'W/"9f2c1a-3"'), none_match_fails('"a"', None)
    (False, False)
    """
    if etag is None:
        return False
    text = if_none_match.strip()
    if text == "*":
        return True
    wanted = opaque(etag)
    position = 0
    while position < len(text):
        match = _TAG.match(text, position)
        if match is None or match.end() == position:
            return False
        if opaque(match.group(1)) == wanted:
            return True
        position = match.end()
    return False


def cache_control(method: str, path: str) -> str:
    """The ``Cache-Control`` of an answer that does not set its own.

    >>> cache_control("GET", "/v1/roles"), cache_control("GET", "/health")
    ('no-cache', 'no-store')
    >>> cache_control("POST", "/v1/routes")
    'no-store'
    """
    if method in ("GET", "HEAD") and path not in PROBE_PATHS:
        return REVALIDATE
    return NEVER_STORE
