"""The profile-based fit and development model (see ``docs/model.md``).

A move from profile ``a`` to profile ``b`` asks for the *shortfall* of every
trait where ``b`` scores higher (points to develop) and carries some *excess*
where ``a`` scores higher (strengths the new role uses less). Shortfall costs
twice as much as excess: growing a trait is harder than using it less.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from graph.traits import TRAITS, Profile, Trait

#: Weight of one point of excess relative to one point of shortfall.
EXCESS_WEIGHT = 0.5
#: Gap points (shortfall + weighted excess) that bring the fit down to zero.
GAP_SCALE = 100.0
#: Lowest fit a profile comparison reports; fits must stay in (0, 1].
MIN_FIT = 0.01


def gap_points(source: Profile, target: Profile) -> tuple[float, float]:
    """Summed shortfall and excess, in points, of moving ``source`` to ``target``.

    >>> a = Profile.from_scores([70, 80, 40, 55, 75, 50])
    >>> b = Profile.from_scores([75, 80, 60, 55, 70, 68])
    >>> gap_points(a, b)
    (43.0, 5.0)
    """
    return gap_of_scores(source.scores(), target.scores())


def gap_of_scores(source: Sequence[float], target: Sequence[float]) -> tuple[float, float]:
    """:func:`gap_points` on plain score sequences in OCEAN+ order."""
    shortfall = excess = 0.0
    for s, t in zip(source, target, strict=True):
        if t > s:
            shortfall += t - s
        else:
            excess += s - t
    return shortfall, excess


def profile_fit(source: Profile, target: Profile) -> float:
    """Fit in (0, 1] of a move between two profiles, rounded to whole percent.

    ``fit = 1 - (shortfall + 0.5 * excess) / 100``, floored at 0.01.

    >>> a = Profile.from_scores([70, 80, 40, 55, 75, 50])
    >>> b = Profile.from_scores([75, 80, 60, 55, 70, 68])
    >>> profile_fit(a, b)
    0.54
    >>> profile_fit(a, a)
    1.0
    """
    return fit_of_scores(source.scores(), target.scores())


def fit_of_scores(source: Sequence[float], target: Sequence[float]) -> float:
    """:func:`profile_fit` on plain score sequences in OCEAN+ order."""
    shortfall, excess = gap_of_scores(source, target)
    raw = 1.0 - (shortfall + EXCESS_WEIGHT * excess) / GAP_SCALE
    return max(MIN_FIT, round(raw, 2))


def points_to_reach(current: float, required: float) -> int:
    """Whole points to add to ``current`` so that it reaches ``required`` (0 if it does).

    >>> points_to_reach(50, 62.5), points_to_reach(70, 60)
    (13, 0)
    """
    return max(0, math.ceil(required - current - 1e-9))


def development_needed(source: Profile, target: Profile) -> dict[Trait, int]:
    """Points to develop per trait (whole points, rounded up) to reach ``target``.

    >>> a = Profile.from_scores([70, 80, 40, 55, 75, 50])
    >>> b = Profile.from_scores([75, 80, 60, 55, 70, 68])
    >>> {t.value: p for t, p in development_needed(a, b).items()}
    {'openness': 5, 'extraversion': 20, 'relational_engagement': 18}
    """
    needed: dict[Trait, int] = {}
    for trait, s, t in zip(TRAITS, source.scores(), target.scores(), strict=True):
        if points := points_to_reach(s, t):
            needed[trait] = points
    return needed
