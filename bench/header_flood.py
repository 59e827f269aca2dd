"""The header flood of issue 15: connections that each send one unfinished, huge header.

Starts ``rumbo serve`` (one worker, bundled catalog), samples its resident memory,
then opens ``--connections`` raw sockets that each send a request line and an
``X-Flood`` header ``--mib`` MiB long that never ends. Reports, per connection, how
many bytes the server took before closing it, and the server's memory before, at
its peak and after. Not a test: run it by hand::

    python -m bench.header_flood --connections 8 --mib 64
"""

from __future__ import annotations

import argparse
import socket
import threading
import time

from bench.api_load import local_server
from bench.soak import rss_mib

CHUNK = 256 * 1024


def flood(port: int, total: int, results: list[tuple[int, bool]]) -> None:
    """Send one unfinished header of ``total`` bytes; record bytes sent and whether it was cut."""
    sent = 0
    closed = False
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: flood\r\nX-Flood: ")
        chunk = b"a" * CHUNK
        try:
            while sent < total:
                sock.sendall(chunk)
                sent += CHUNK
        except OSError:  # reset or broken pipe: the server closed the connection
            closed = True
        if not closed:
            try:
                closed = sock.recv(1024) is not None  # an answer or EOF: closed
            except OSError:
                closed = True
    results.append((sent, closed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--mib", type=int, default=64)
    args = parser.parse_args()
    with local_server(1) as (url, pid):
        port = int(url.rsplit(":", 1)[1])
        before = rss_mib(pid)
        results: list[tuple[int, bool]] = []
        threads = [
            threading.Thread(target=flood, args=(port, args.mib * 2**20, results))
            for _ in range(args.connections)
        ]
        for thread in threads:
            thread.start()
        peak = before
        while any(t.is_alive() for t in threads):
            peak = max(peak, rss_mib(pid))
            time.sleep(0.05)
        time.sleep(1)
        after = rss_mib(pid)
    for sent, closed in results:
        print(f"connection: {sent / 2**20:.2f} MiB sent, closed by the server: {closed}")
    print(f"server RSS: {before:.0f} MiB before, {peak:.0f} MiB peak, {after:.0f} MiB after")


if __name__ == "__main__":
    main()
