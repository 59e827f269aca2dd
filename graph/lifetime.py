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
def long_lived() -> Iterator[None]:
    """Make what is made inside out of the collector's way for good.

    The collector is paused while the objects are made, then every object it tracks is
    frozen (``gc.freeze``: left out of later collections, still freed by reference
    counting when the version is replaced). What an earlier call froze is unfrozen first,
    so that any cyclic garbage frozen with it is collected again.
    """
    gc.unfreeze()
    with paused_collection():
        yield
        gc.freeze()
