"""Timing one implementation of a query type, pair by pair, and profiling it.

Timing: ``time.perf_counter_ns`` around one call, garbage collection disabled
during the call, a few untimed warm-up queries per query type, each pair timed
once (a search may legitimately cache per-graph data, so repeating a pair could
time a cache). Every call runs under a SIGALRM deadline; a query that overruns
counts as a timeout (infinitely slow in the percentiles). An implementation
that spends more than its time budget on one graph stops there, and the series
says after how many pairs.
"""

from __future__ import annotations

import cProfile
import gc
import io
import math
import pstats
import signal
import sys
import sysconfig
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from bench.subjects import ROOT

Pair = tuple[str, str]
#: An answer check: ``(pair, Rumbo's answer, the baseline's) -> (status, detail)``;
#: status is ``ok``, ``partial``, ``unverified`` or ``mismatch``.
Checker = Callable[[Pair, Any, Any], tuple[str, str]]
Log = Callable[[str], None]


class QueryTimeout(Exception):
    """A query overran its deadline."""


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`QueryTimeout` inside the block after ``seconds`` (main thread only).

    >>> with deadline(None):
    ...     pass
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise QueryTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def measure(
    fn: Callable[[Pair], Any], pair: Pair, timeout: float | None
) -> tuple[Any, int | None, str | None]:
    """``(answer, nanoseconds, error)``; nanoseconds is None on a timeout or an error.

    >>> answer, ns, error = measure(lambda p: p[0] + p[1], ("a", "b"), 1.0)
    >>> answer, ns is not None, error
    ('ab', True, None)
    >>> measure(lambda p: 1 / 0, ("a", "b"), 1.0)
    (None, None, 'ZeroDivisionError: division by zero')
    """
    gc.disable()
    try:
        with deadline(timeout):
            t0 = time.perf_counter_ns()
            answer = fn(pair)
            t1 = time.perf_counter_ns()
        return answer, t1 - t0, None
    except (QueryTimeout, TimeoutError):
        return None, None, None
    except Exception as exc:  # a failing search is reported, not fatal to the run
        return None, None, f"{type(exc).__name__}: {exc}"
    finally:
        gc.enable()


@dataclass
class Impl:
    """One implementation of a query type: Rumbo's or a baseline.

    ``check`` compares its answer with Rumbo's; ``max_pairs`` limits it to the
    first pairs; ``sample_limit`` skips it on a graph where its first query takes
    longer; ``extra_ns`` adds time spent elsewhere on the same pair (a shared
    enumeration).
    """

    name: str
    fn: Callable[[Pair], Any]
    timeout: float
    check: Checker | None = None
    max_pairs: int | None = None
    sample_limit: float | None = None
    extra_ns: Callable[[Pair], int] | None = None


@dataclass
class Series:
    """What one implementation did over the pairs of one graph."""

    name: str
    times: dict[int, int | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    note: str | None = None
    checks: dict[str, int] = field(default_factory=dict)
    mismatches: list[dict[str, Any]] = field(default_factory=list)
    answered: int = 0
    spent_ns: int = 0
    active: bool = True
    sampled: bool = False

    def record(
        self, index: int, ns: int | None, error: str | None, answer: Any, timeout: float
    ) -> None:
        """One pair's outcome; a timeout counts its whole deadline against the budget."""
        if error is not None:
            self.errors.append(error)
            return
        self.times[index] = ns
        self.spent_ns += ns if ns is not None else int(timeout * 1e9)
        if ns is not None and answer:
            self.answered += 1

    def count(self, status: str) -> None:
        """One more answer check ending in ``status``."""
        self.checks[status] = self.checks.get(status, 0) + 1

    def stop_over_budget(self, budget_s: float, pairs_text: str) -> None:
        """Stop this series once it has spent more than ``budget_s`` seconds."""
        if self.spent_ns > budget_s * 1e9:
            self.active = False
            self.note = f"stopped after {pairs_text} (time budget {budget_s:g} s)"

    def median_text(self) -> str:
        """The median for the progress log.

        >>> Series("x", times={0: 2_000_000, 1: None, 2: 1_000_000}).median_text()
        'median 2.00 ms (n=3)'
        """
        times = sorted(math.inf if t is None else t for t in self.times.values())
        if not times:
            return "-"
        return f"median {times[len(times) // 2] / 1e6:.2f} ms (n={len(times)})"

    def summary(self) -> str:
        """One line for the progress log: median, checks and note."""
        checks = " ".join(f"{k}={v}" for k, v in sorted(self.checks.items()))
        return (
            f"{self.name}: {self.median_text()}"
            + (f" [{checks}]" if checks else "")
            + (f" ({self.note})" if self.note else "")
        )

    def json(self) -> dict[str, Any]:
        """The raw results of this series (as :mod:`bench.report` reads them)."""
        return {
            "name": self.name,
            "times_ns": [[i, t] for i, t in sorted(self.times.items())],
            "errors": self.errors[:20],
            "error_count": len(self.errors),
            "note": self.note,
            "checks": self.checks,
            "mismatches": self.mismatches[:20],
            "answered": self.answered,
        }


def run_query(
    name: str,
    params: str,
    pairs: Sequence[Pair],
    rumbo: Impl,
    baselines: Sequence[Impl],
    budget: float,
    warmup: int,
    log: Log,
) -> dict[str, Any]:
    """Time Rumbo and each baseline on every pair, checking each baseline's answers.

    Pair by pair: Rumbo first, then each baseline on the same pair.
    """
    started = time.perf_counter()
    for pair in pairs[:warmup]:
        measure(rumbo.fn, pair, rumbo.timeout)
    ours = Series(rumbo.name)
    theirs = [Series(b.name) for b in baselines]
    for i, pair in enumerate(pairs):
        if not ours.active:
            break
        answer, ns, error = measure(rumbo.fn, pair, rumbo.timeout)
        ours.record(i, ns, error, answer, rumbo.timeout)
        ours.stop_over_budget(budget, f"{i + 1} of {len(pairs)} pairs")
        for impl, series in zip(baselines, theirs, strict=True):
            if _wants_pair(impl, series):
                _run_baseline(impl, series, i, pair, answer, ns)
                series.stop_over_budget(budget, f"{len(series.times)} pairs")
    result = {
        "name": name,
        "params": params,
        "pairs": len(pairs),
        "rumbo": ours.json(),
        "baselines": [s.json() for s in theirs],
        "wall_s": time.perf_counter() - started,
    }
    summary = ", ".join(s.summary() for s in (ours, *theirs))
    log(f"  {name:<16} {result['wall_s']:7.1f} s  {summary}")
    return result


def _wants_pair(impl: Impl, series: Series) -> bool:
    """Whether a baseline still runs: not stopped, and below its pair limit."""
    return series.active and (impl.max_pairs is None or len(series.times) < impl.max_pairs)


def _run_baseline(
    impl: Impl, series: Series, index: int, pair: Pair, ours: Any, ours_ns: int | None
) -> None:
    """Time one baseline on one pair and check its answer against Rumbo's (``ours``)."""
    theirs, ns, error = measure(impl.fn, pair, impl.timeout)
    if ns is not None and impl.extra_ns is not None:
        ns += impl.extra_ns(pair)
    if impl.sample_limit is not None and not series.sampled:
        series.sampled = True
        if error is None and (ns is None or ns > impl.sample_limit * 1e9):
            took = "timed out" if ns is None else f"took {ns / 1e9:.1f} s"
            series.active = False
            series.note = (
                f"not run: the sample query {took} (limit {impl.sample_limit:g} s per query)"
            )
            return
    series.record(index, ns, error, theirs, impl.timeout)
    if impl.check is None or ns is None:
        return
    if ours_ns is None:
        series.count("rumbo failed")
        return
    status, detail = impl.check(pair, ours, theirs)
    series.count(status)
    if status == "mismatch":
        series.mismatches.append({"pair": list(pair), "detail": detail})


# --------------------------------------------------------------------------- profiles


def profile_query(
    queries: Sequence[dict[str, Any]],
    impls: dict[str, Impl],
    pairs: Sequence[Pair],
    query: str | None,
    lines: int,
    log: Log,
) -> dict[str, Any]:
    """cProfile of one query type over ``pairs``: ``query``, or by default the one
    with the slowest Rumbo median among the timed ``queries``."""
    if query is None:
        chosen = max(queries, key=_rumbo_median)
    else:
        chosen = next((q for q in queries if q["name"] == query), queries[0])
    impl = impls[chosen["name"]]
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    for pair in pairs:
        profiler.enable()
        try:
            with deadline(impl.timeout):
                impl.fn(pair)
        except Exception:  # a timeout or an error: profiled anyway, reported by the timed run
            pass
        finally:
            profiler.disable()
    wall = time.perf_counter() - t0
    log(f"  profiled {chosen['name']} over {len(pairs)} pairs ({wall:.1f} s)")
    return {
        "query": chosen["name"],
        "chosen": "requested" if query else "slowest median",
        "pairs": len(pairs),
        "wall_s": wall,
        "stats": {key: _stats_text(profiler, key, lines) for key in ("tottime", "cumulative")},
    }


def _rumbo_median(query: dict[str, Any]) -> float:
    times = sorted(math.inf if t is None else t for _, t in query["rumbo"]["times_ns"])
    return times[len(times) // 2] if times else -1.0


def _stats_text(profiler: cProfile.Profile, sort_key: str, lines: int) -> str:
    buf = io.StringIO()
    pstats.Stats(profiler, stream=buf).sort_stats(sort_key).print_stats(lines)
    return trim_profile(buf.getvalue())


def trim_profile(text: str) -> str:
    """pstats output from its header on, blank lines dropped, with the repository and
    site-packages prefixes shortened.

    >>> trim_profile(f"noise\\n\\n   ncalls  tottime\\n  1  0.1 {ROOT}/graph/x.py:1(f)\\n")
    '   ncalls  tottime\\n  1  0.1 graph/x.py:1(f)'
    """
    rows = [line.rstrip() for line in text.splitlines()]
    start = next((i for i, line in enumerate(rows) if "ncalls" in line), 0)
    out = "\n".join(line for line in rows[start:] if line.strip())
    prefixes = {f"{ROOT}/", *(p + "/" for p in sys.path if "site-packages" in p)}
    for prefix in sorted(prefixes, key=len, reverse=True):
        out = out.replace(prefix, "")
    # The standard library's folder names this machine: keep only the module's name.
    stdlib = sysconfig.get_paths()["stdlib"]
    return out.replace(f"{stdlib}/", "<stdlib>/")
