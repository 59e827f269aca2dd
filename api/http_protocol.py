"""uvicorn's httptools protocol with a bound on each request head's size and read time.

httptools reads a request line and headers for as long and as large as the client
sends them, and uvicorn closes only idle keep-alive connections: eight unfinished
64 MiB headers held 525 MB and their connections. :class:`BoundedHeadProtocol`
answers 431 and closes once a head passes ``RUMBO_MAX_HEADER_BYTES``, and 408 and
closes when a head is not complete ``RUMBO_HEADER_TIMEOUT_SECONDS`` after its first
byte (or after the connection opened), so a connection costs at most the limit plus
one read of the socket. ``rumbo serve`` runs uvicorn with it (``http=``).
"""

from __future__ import annotations

import asyncio
import logging
from functools import cache
from http import HTTPStatus
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from usecases.settings import Settings

log = logging.getLogger("api")


@cache
def head_limits() -> tuple[int, float]:
    """This process's ``(max_header_bytes, header_timeout_seconds)``, read once."""
    settings = Settings()
    return settings.max_header_bytes, settings.header_timeout_seconds


class BoundedHeadProtocol(HttpToolsProtocol):
    """Closes a connection whose request head is too large (431) or too slow (408)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_head_bytes, self.head_timeout = head_limits()
        self.head_bytes = 0
        self.reading_head = True
        self.head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        counted = self.reading_head
        if counted:
            self.head_bytes += len(data)
        super().data_received(data)
        # Checked after parsing, so a head that ends in this chunk is never refused.
        if counted and self.reading_head and self.head_bytes > self.max_head_bytes:
            self._refuse(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.reading_head = True
        self._start_head_timer()

    def on_headers_complete(self) -> None:
        self.reading_head = False
        self._stop_head_timer()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.reading_head = True
        self.head_bytes = 0

    def _start_head_timer(self) -> None:
        if self.head_timer is None:
            self.head_timer = self.loop.call_later(self.head_timeout, self._head_too_slow)

    def _stop_head_timer(self) -> None:
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None

    def _head_too_slow(self) -> None:
        self.head_timer = None
        self._refuse(HTTPStatus.REQUEST_TIMEOUT)

    def _refuse(self, status: HTTPStatus) -> None:
        """Answer ``status`` (unless an earlier answer is still being sent) and close."""
        self._stop_head_timer()
        if self.transport.is_closing():
            return
        log.warning("closed a connection: %d %s", status.value, status.phrase)
        if self.cycle is None or self.cycle.response_complete:
            reason = status.phrase.encode("ascii")
            self.transport.write(
                b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\n"
                b"content-length: %d\r\nconnection: close\r\n\r\n%s"
                % (status.value, reason, len(reason), reason)
            )
        self.transport.close()
