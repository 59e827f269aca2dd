"""Profiles of occupations without work-style ratings, from their rated neighbours.

See ``docs/onet.md`` ("Occupations without ratings"). An unrated occupation takes
the mean profile of the rated occupations nearest to it, looked for in this order,
stopping at the first step that finds any:

1. its related-occupation links to rated occupations, closest tier first
   (``Related Occupations.txt``: Primary-Short, Primary-Long, Supplemental;
   ``Career Changers Matrix.txt``: indexes 1-5, then 6-10);
2. rated occupations of its SOC detailed occupation (``15-1199.01`` for ``15-1199.00``),
   then of its SOC broad group (``15-119x``), then of its SOC minor group (``15-1xxx``).

An imputed occupation that the release gives no Job Zone takes the median Job Zone of
the same neighbours (:func:`imputed_job_zone`), so that it gets a level and derived moves
like a rated one.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from graph.traits import TRAITS, Profile
from loaders.onet.links import (
    CAREER_CHANGERS_FILE,
    CAREER_CHANGERS_TIER_SIZE,
    RELATED_OCCUPATIONS_FILE,
    TIER_STRENGTH,
    Link,
    LinkLayout,
)

__all__ = ["SOC_GROUPS", "Imputation", "imputed_job_zone", "impute_profiles", "mean_profile"]

#: SOC levels tried after the links: (code prefix length, name), narrowest first.
SOC_GROUPS: tuple[tuple[int, str], ...] = (
    (7, "SOC detailed occupation"),
    (6, "SOC broad group"),
    (4, "SOC minor group"),
)


@dataclass(frozen=True)
class Imputation:
    """An unrated occupation's imputed profile and where it came from."""

    profile: Profile
    #: The rated occupations averaged, by code, closest first.
    sources: tuple[str, ...]
    #: How they were found, e.g. ``"Related Occupations.txt, Primary-Short"``.
    basis: str


def mean_profile(profiles: Sequence[Profile]) -> Profile:
    """The trait-by-trait mean of profiles, rounded to one decimal.

    >>> a = Profile.from_scores([40, 50, 60, 70, 80, 90])
    >>> mean_profile([a, Profile.from_scores([50, 50, 50, 50, 50, 51])]).scores()
    (45.0, 50.0, 55.0, 60.0, 65.0, 70.5)
    """
    return Profile.from_scores(
        [round(statistics.fmean(p.score(trait) for p in profiles), 1) for trait in TRAITS]
    )


def imputed_job_zone(sources: Iterable[str], zones: Mapping[str, int]) -> int | None:
    """The median Job Zone of ``sources``, the lower middle one of an even count.

    A Job Zone is a grade (1-5), not a quantity, so it is not averaged: the median
    is a zone some neighbour has, and taking the lower of two middle zones never
    claims more preparation than half of the neighbours need. Sources without a Job
    Zone are left out; ``None`` when none has one.

    >>> zones = {"a": 3, "b": 4, "c": 5, "d": 4}
    >>> imputed_job_zone(["a", "b", "c"], zones), imputed_job_zone(["a", "b"], zones)
    (4, 3)
    >>> imputed_job_zone(["a", "x"], zones), imputed_job_zone(["x"], zones) is None
    (3, True)
    """
    known = [zones[code] for code in sources if code in zones]
    return statistics.median_low(known) if known else None


def _tier_name(layout: LinkLayout, tier: int) -> str:
    if layout is LinkLayout.RELATED_OCCUPATIONS:
        return f"{RELATED_OCCUPATIONS_FILE}, {list(TIER_STRENGTH)[tier]}"
    first = tier * CAREER_CHANGERS_TIER_SIZE + 1
    return f"{CAREER_CHANGERS_FILE}, indexes {first}-{first + CAREER_CHANGERS_TIER_SIZE - 1}"


def _by_links(
    code: str, links: Sequence[Link], rated: Mapping[str, Profile], layout: LinkLayout
) -> tuple[tuple[str, ...], str] | None:
    """The rated occupations of the closest tier of ``code``'s links, in file order."""
    usable = [link for link in links if link.target in rated]
    if not usable:
        return None
    tier = min(link.tier for link in usable)
    sources = tuple(dict.fromkeys(link.target for link in usable if link.tier == tier))
    return sources, _tier_name(layout, tier)


def _by_soc(code: str, rated: Mapping[str, Profile]) -> tuple[tuple[str, ...], str] | None:
    for length, name in SOC_GROUPS:
        prefix = code[:length]
        sources = tuple(sorted(c for c in rated if c.startswith(prefix)))
        if sources:
            return sources, f"same {name}"
    return None


def impute_profiles(
    unrated: Iterable[str],
    rated: Mapping[str, Profile],
    links: Sequence[Link],
    layout: LinkLayout,
) -> dict[str, Imputation]:
    """Imputed profiles of the ``unrated`` codes that have a rated neighbour.

    Parameters
    ----------
    unrated : iterable of str
        Codes of the occupations without work-style ratings.
    rated : mapping of str to Profile
        The rated occupations' profiles, by code.
    links : sequence of Link
        The release's related-occupation links (any codes).
    layout : LinkLayout
        Which file the links came from (names the basis of each imputation).

    Returns
    -------
    dict of str to Imputation
        By code; codes without any rated neighbour are left out.

    Examples
    --------
    >>> rated = {"15-1199.01": Profile.from_scores([60] * 6),
    ...          "15-1199.02": Profile.from_scores([40] * 6)}
    >>> found = impute_profiles(["15-1199.00", "55-1011.00"], rated, [],
    ...                         LinkLayout.RELATED_OCCUPATIONS)
    >>> list(found), found["15-1199.00"].profile.openness, found["15-1199.00"].basis
    (['15-1199.00'], 50.0, 'same SOC detailed occupation')
    """
    outgoing: dict[str, list[Link]] = {}
    for link in links:
        outgoing.setdefault(link.source, []).append(link)
    found: dict[str, Imputation] = {}
    for code in unrated:
        near = _by_links(code, outgoing.get(code, []), rated, layout) or _by_soc(code, rated)
        if near is not None:
            sources, basis = near
            profile = mean_profile([rated[c] for c in sources])
            found[code] = Imputation(profile, sources, basis)
    return found
