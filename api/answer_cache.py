"""A small LRU cache of route answers, keyed by catalog version, language and query.

Coaches and integrators repeat the same role-to-role queries; a catalog version
never changes, so an answer computed on it stays right. Queries that carry a
person are never cached: assessment scores are not kept after the request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")


class AnswerCache(Generic[V]):
    """Least-recently-used answers; thread-safe.

    >>> cache: AnswerCache[str] = AnswerCache(2)
    >>> cache.put((1, "es", "q1"), "a"); cache.put((1, "es", "q2"), "b")
    >>> cache.get((1, "es", "q1"))
    'a'
    >>> cache.put((1, "es", "q3"), "c")
    >>> cache.get((1, "es", "q2")) is None
    True
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[tuple[int, str, str], V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[int, str, str]) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple[int, str, str], value: V) -> None:
        if self._size == 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
