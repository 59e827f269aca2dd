"""A small LRU cache of route answers, keyed by catalog version, language and query.

Coaches and integrators repeat the same role-to-role queries; a catalog version
never changes, so an answer computed on it stays right. Versions only go up, so
once an answer for a newer version arrives, the older ones can never be asked
for again and are dropped at once: the cache holds one version's answers, and
memory does not grow with the number of writes. Queries that carry a person are
never cached: assessment scores are not kept after the request.

The cache is bounded twice: in entries and in bytes (answers and keys, plus a
fixed charge per entry for the objects that hold them), so that large answers
(routes across a big catalog run to hundreds of kilobytes) cannot grow a worker
without limit.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

#: (catalog version, language, canonical query)
Key = tuple[int, str, str]

#: Bytes charged per entry on top of the answer and the key: the tuple, the bytes and
#: str headers and the ordered dict's slot (measured with sys.getsizeof: about 300).
ENTRY_OVERHEAD = 320


def entry_bytes(key: Key, answer: bytes) -> int:
    """The bytes one cached answer is charged.

    >>> entry_bytes((1, "es", "q"), b"answer")
    329
    """
    return len(answer) + len(key[1]) + len(key[2]) + ENTRY_OVERHEAD


class AnswerCache:
    """Least-recently-used answers of the newest catalog version seen; thread-safe.

    >>> cache = AnswerCache(entries=2, max_bytes=10_000)
    >>> cache.put((1, "es", "q1"), b"a"); cache.put((1, "es", "q2"), b"b")
    >>> cache.get((1, "es", "q1"))
    b'a'
    >>> cache.put((1, "es", "q3"), b"c")
    >>> cache.get((1, "es", "q2")) is None
    True
    >>> cache.put((2, "es", "q1"), b"d")   # a newer version: version 1's answers go
    >>> len(cache), cache.get((1, "es", "q1")) is None, cache.get((2, "es", "q1"))
    (1, True, b'd')
    >>> cache.put((1, "es", "q9"), b"old")  # an answer computed on an older snapshot
    >>> len(cache)
    1
    >>> small = AnswerCache(entries=100, max_bytes=1_000)
    >>> for n in range(5): small.put((1, "es", f"q{n}"), bytes(300))
    >>> len(small), small.size_bytes <= 1_000, small.get((1, "es", "q4")) is not None
    (1, True, True)
    """

    def __init__(self, entries: int, max_bytes: int) -> None:
        self._entries = entries
        self._max_bytes = max_bytes
        self._items: OrderedDict[Key, bytes] = OrderedDict()
        self._bytes = 0
        self._version: int | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size_bytes(self) -> int:
        """Bytes charged for the answers held now (never above ``max_bytes``)."""
        return self._bytes

    def get(self, key: Key) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Key, value: bytes) -> None:
        size = entry_bytes(key, value)
        if self._entries == 0 or size > self._max_bytes:
            return
        with self._lock:
            version = key[0]
            if self._version is not None and version < self._version:
                return
            if version != self._version:
                self._items.clear()
                self._bytes = 0
                self._version = version
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= entry_bytes(key, old)
            self._items[key] = value
            self._bytes += size
            while len(self._items) > self._entries or self._bytes > self._max_bytes:
                evicted_key, evicted = self._items.popitem(last=False)
                self._bytes -= entry_bytes(evicted_key, evicted)
