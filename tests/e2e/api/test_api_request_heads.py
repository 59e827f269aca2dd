"""Request heads are bounded in size and read time by the server ``rumbo serve`` runs.

A real server (``api.server.serve`` under uvicorn) on raw sockets: a huge
unfinished header is answered 431 and its connection closed long before the
client has sent it all; a head that stops arriving, or a connection that sends
nothing, is answered 408 and closed; ordinary requests, a large but allowed
header and keep-alive requests with bodies still work.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rumbo_api_server import free_port, serving

MAX_HEADER_BYTES = 16 * 1024

_SERVE = (
    "import sys; from api.server import serve; serve(None, None, '127.0.0.1', int(sys.argv[1]), 1)"
)


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUMBO_")}
    env.update(RUMBO_MAX_HEADER_BYTES=str(MAX_HEADER_BYTES), RUMBO_HEADER_TIMEOUT_SECONDS="1")
    chosen = free_port()
    log: Path = tmp_path_factory.mktemp("heads") / "server.log"
    with serving([sys.executable, "-c", _SERVE, str(chosen)], env, log, chosen):
        yield chosen


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=30)


def _read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (a reset counts as closed)."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    return received


def test_a_huge_unfinished_header_is_refused_and_closed(port: int) -> None:
    total, sent = 64 * 2**20, 0
    with _connect(port) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: test\r\nX-Flood: ")
        try:
            while sent < total:
                sock.sendall(b"a" * 65536)
                sent += 65536
        except OSError:  # broken pipe or reset: the server has closed the connection
            pass
        answer = _read_until_closed(sock)
    assert sent < total  # the server stopped reading long before the end
    assert answer == b"" or answer.startswith(b"HTTP/1.1 431 "), answer[:200]


def test_a_head_that_stops_arriving_is_closed(port: int) -> None:
    with _connect(port) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: test\r\nX-Slow: ")
        answer = _read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 408 "), answer


def test_a_connection_that_sends_nothing_is_closed(port: int) -> None:
    with _connect(port) as sock:
        answer = _read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 408 "), answer


def _request(path: str, extra: bytes = b"", body: bytes = b"") -> bytes:
    head = b"Host: test\r\n" + extra
    if not body:
        return b"GET %s HTTP/1.1\r\n%s\r\n" % (path.encode(), head)
    head += b"Content-Length: %d\r\nContent-Type: application/json\r\n" % len(body)
    return b"POST %s HTTP/1.1\r\n%s\r\n%s" % (path.encode(), head, body)


def test_allowed_heads_and_keep_alive_bodies_still_work(port: int) -> None:
    large_header = b"X-Large: " + b"b" * (MAX_HEADER_BYTES - 1024) + b"\r\n"
    padding = b" " * (MAX_HEADER_BYTES * 2)  # a body larger than the head limit
    body = b'{"from": "mlops-engineer", "to": "chief-data-officer"' + padding + b"}"
    with _connect(port) as sock:
        sock.sendall(
            _request("/health", large_header)
            + _request("/v1/routes", body=body)
            + _request("/health", b"Connection: close\r\n")
        )
        answer = _read_until_closed(sock)
    assert re.findall(rb"HTTP/1\.1 (\d{3}) ", answer) == [b"200"] * 3, answer[:500]
