"""Keeping Python's cyclic garbage collector out of the way of a large catalog.

A catalog of 100k roles is millions of objects (roles, graph edges, index arrays' owners)
that live until the next version and form no cycles. Collecting while they are made, and
scanning them again in every full collection after, costs about as much as making them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while many long-lived objects are made.

    Collection resumes afterwards, if it was on.

    >>> with paused_collection():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def long_lived(*, new_version: bool = False) -> Iterator[None]:
    """Make what is made inside out of the collector's way for good.

    The collector is paused while the objects are made, then every object it tracks is
    frozen (``gc.freeze``: left out of later collections, still freed by reference
    counting when the version is replaced). With ``new_version`` (the first objects of a
    new catalog version), what earlier calls froze is unfrozen and one full collection
    runs first, so that cyclic garbage frozen with an older version is collected then
    (once per version, not on every call).
    """
    if new_version:
        gc.unfreeze()
        gc.collect()
    with paused_collection():
        yield
        gc.freeze()
