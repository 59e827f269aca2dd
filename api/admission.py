"""Admission of searches: a bound on how many run at once in a worker, and a request budget.

A search holds a worker thread and, under the GIL, slows every other request
of the process, ``/health`` included: 48 concurrent reachability queries on
O*NET took up to 23 s each and starved the probes. So each worker runs at most
``RUMBO_MAX_CONCURRENT_SEARCHES`` searches; one more is answered 503 with
``Retry-After`` at once, never queued. And a search's time budget
(``RUMBO_QUERY_BUDGET_SECONDS``) counts from the request's arrival, so time spent
before the search (reading the body, loading the snapshot, waiting for a
thread) is part of it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Request

from api.errors import ApiProblem
from usecases.settings import Settings


class SearchSlots:
    """A counter of free search slots that refuses instead of waiting; thread-safe.

    >>> slots = SearchSlots(1, retry_after=2)
    >>> with slots.taken():
    ...     with slots.taken():
    ...         pass
    Traceback (most recent call last):
    ...
    api.errors.ApiProblem: Too many searches are running; retry in 2 s.
    >>> with slots.taken():
    ...     slots.free
    0
    """

    def __init__(self, limit: int, retry_after: int) -> None:
        self.limit = limit
        self.free = limit
        self.retry_after = retry_after
        self._lock = threading.Lock()

    def take(self) -> None:
        """Take a slot, or raise a 503 problem with ``Retry-After`` when none is free."""
        with self._lock:
            if self.free > 0:
                self.free -= 1
                return
        raise self.busy("problem.too_busy.detail")

    def busy(self, reason: str) -> ApiProblem:
        """The 503 problem that tells a client to come back in ``retry_after`` seconds
        (``reason``: the detail's message key)."""
        return ApiProblem(
            503,
            "too-busy",
            "problem.too_busy.title",
            reason,
            headers={"Retry-After": str(self.retry_after)},
            values={"seconds": self.retry_after},
            retry_after=self.retry_after,
        )

    def give_back(self) -> None:
        with self._lock:
            self.free += 1

    @contextmanager
    def taken(self) -> Iterator[None]:
        self.take()
        try:
            yield
        finally:
            self.give_back()


def slots_for(settings: Settings) -> SearchSlots:
    return SearchSlots(settings.max_concurrent_searches, settings.busy_retry_after_seconds)


async def search_slot(request: Request) -> AsyncIterator[None]:
    """Hold a search slot for the request (taken on the event loop, before any thread)."""
    slots: SearchSlots = request.app.state.search_slots
    with slots.taken():
        yield


#: Declare it first in a searching endpoint, so that a refusal costs nothing else.
SearchSlotDep = Annotated[None, Depends(search_slot)]


def remaining_budget(request: Request, settings: Settings) -> float:
    """Seconds left of the request's search budget, counted from its arrival.

    Raises
    ------
    ApiProblem
        503 with ``Retry-After`` when nothing is left before the search starts (the
        service was busy, the query was not too broad).
    """
    arrived = request.scope.get("state", {}).get("arrived")
    spent = time.monotonic() - arrived if isinstance(arrived, float) else 0.0
    left = settings.query_budget_seconds - spent
    if left <= 0:
        slots: SearchSlots = request.app.state.search_slots
        raise slots.busy("problem.too_busy.waited")
    return left
