"""The language of an answer: ``?lang=``, else ``Accept-Language``, else Spanish.

Endpoints take it as a dependency (:data:`api.deps.LangDep`); error answers, which
may come before any dependency ran, read it from the request with
:func:`request_language`.
"""

from __future__ import annotations

import re

from starlette.requests import Request

from graph.traits import Language

_LANG_RANGE = re.compile(
    r"^\s*([A-Za-z]{1,8}|\*)(?:-[A-Za-z0-9]{1,8})*\s*(?:;\s*q\s*=\s*([0-9.]+))?"
)


def parse_accept_language(header: str | None) -> Language | None:
    """The best of es and en that an ``Accept-Language`` header accepts, if any.

    >>> parse_accept_language("en-GB,en;q=0.9,es;q=0.8")
    'en'
    >>> parse_accept_language("fr-FR, es;q=0.5, en;q=0.4")
    'es'
    >>> parse_accept_language("de, fr") is None
    True
    >>> parse_accept_language("en;q=0, es;q=0.1")
    'es'
    """
    if not header:
        return None
    best: tuple[float, int, Language] | None = None
    for index, part in enumerate(header.split(",")[:32]):
        match = _LANG_RANGE.match(part)
        if not match:
            continue
        tag = match.group(1).lower()
        try:
            quality = float(match.group(2)) if match.group(2) else 1.0
        except ValueError:
            continue
        if not 0 < quality <= 1:
            continue
        lang: Language
        if tag == "en":
            lang = "en"
        elif tag in ("es", "*"):
            lang = "es"
        else:
            continue
        candidate = (quality, -index, lang)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


def request_language(request: Request) -> Language:
    """The language this request negotiated (recorded for the ``Content-Language`` header).

    >>> from starlette.requests import Request
    >>> def asking(query: bytes, header: bytes) -> Request:
    ...     return Request({"type": "http", "query_string": query,
    ...                     "headers": [(b"accept-language", header)]})
    >>> request_language(asking(b"lang=en", b"es")), request_language(asking(b"", b"en-GB"))
    ('en', 'en')
    >>> request_language(asking(b"lang=fr", b"de"))
    'es'
    """
    chosen = getattr(request.state, "lang", None)
    if chosen in ("es", "en"):
        return "en" if chosen == "en" else "es"
    asked = request.query_params.get("lang")
    lang: Language
    if asked in ("es", "en"):
        lang = "en" if asked == "en" else "es"
    else:
        lang = parse_accept_language(request.headers.get("accept-language")) or "es"
    request.state.lang = lang
    return lang
