"""A small LRU cache of route answers, keyed by catalog version, language and query.

Coaches and integrators repeat the same role-to-role queries; a catalog version
never changes, so an answer computed on it stays right. Versions only go up, so
once an answer for a newer version arrives, the older ones can never be asked
for again and are dropped at once: the cache holds one version's answers, and
memory does not grow with the number of writes. Queries that carry a person are
never cached: assessment scores are not kept after the request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")

#: (catalog version, language, canonical query)
Key = tuple[int, str, str]


class AnswerCache(Generic[V]):
    """Least-recently-used answers of the newest catalog version seen; thread-safe.

    >>> cache: AnswerCache[str] = AnswerCache(2)
    >>> cache.put((1, "es", "q1"), "a"); cache.put((1, "es", "q2"), "b")
    >>> cache.get((1, "es", "q1"))
    'a'
    >>> cache.put((1, "es", "q3"), "c")
    >>> cache.get((1, "es", "q2")) is None
    True
    >>> cache.put((2, "es", "q1"), "d")   # a newer version: version 1's answers go
    >>> len(cache), cache.get((1, "es", "q1")) is None, cache.get((2, "es", "q1"))
    (1, True, 'd')
    >>> cache.put((1, "es", "q9"), "old")  # an answer computed on an older snapshot
    >>> len(cache)
    1
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Key, V] = OrderedDict()
        self._version: int | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Key) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Key, value: V) -> None:
        if self._size == 0:
            return
        with self._lock:
            version = key[0]
            if self._version is not None and version < self._version:
                return
            if version != self._version:
                self._items.clear()
                self._version = version
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
