"""A time budget for searches, so one expensive query cannot hold a worker.

The budget is per thread of execution (a context variable): a service sets it
around each query with :func:`time_budget`; searches call :func:`tick` in
their loops, which raises :class:`~graph.errors.QueryBudgetExceeded` once the
budget is spent. Without a budget, :func:`tick` costs one counter increment.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from graph.errors import QueryBudgetExceeded

#: Labels processed between two looks at the clock.
CHECK_EVERY = 512


@dataclass
class _Budget:
    deadline: float
    seconds: float
    count: int = 0


_current: ContextVar[_Budget | None] = ContextVar("rumbo_search_budget", default=None)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Limit the searches run inside the block to ``seconds`` of wall time.

    >>> with time_budget(0.0):
    ...     for _ in range(CHECK_EVERY):
    ...         tick()
    Traceback (most recent call last):
    ...
    graph.errors.QueryBudgetExceeded: the search took longer than its 0.0 s budget; \
narrow it (fewer steps, a higher minimum step fit, fewer alternatives)
    """
    if seconds is None:
        yield
        return
    token = _current.set(_Budget(time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _current.reset(token)


def tick() -> None:
    """Count one unit of search work; raise once the budget is spent."""
    budget = _current.get()
    if budget is None:
        return
    budget.count += 1
    if budget.count % CHECK_EVERY == 0 and time.monotonic() > budget.deadline:
        raise QueryBudgetExceeded(
            f"the search took longer than its {budget.seconds} s budget; narrow it "
            "(fewer steps, a higher minimum step fit, fewer alternatives)"
        )
