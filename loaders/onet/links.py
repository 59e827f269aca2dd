"""O*NET's related-occupation links: reading both layouts, link strength, transitions.

See ``docs/onet.md`` ("Transitions").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from graph.catalog import Where
from graph.fit import MIN_FIT, development_needed, profile_fit
from graph.model import Origin, Role, Transition
from loaders.onet._reading import CODE, RELATED_CODE, Reader
from loaders.onet.styles import normalise_style_name

__all__ = [
    "CAREER_CHANGERS_FILE",
    "CAREER_CHANGERS_TIER_SIZE",
    "LINK_WEIGHT",
    "MAX_SHARED_STRENGTHS",
    "RELATED_OCCUPATIONS_FILE",
    "TIER_STRENGTH",
    "WEAKEST_INDEX_STRENGTH",
    "Link",
    "LinkLayout",
    "build_transitions",
    "detect_layout",
    "index_strength",
    "link_fit",
    "read_links",
    "tier_strength",
]

CAREER_CHANGERS_FILE = "Career Changers Matrix.txt"
RELATED_OCCUPATIONS_FILE = "Related Occupations.txt"


class LinkLayout(StrEnum):
    """Which related-occupations file a release carries."""

    #: ``Career Changers Matrix.txt``: releases up to 25.x.
    CAREER_CHANGERS = "career-changers-matrix"
    #: ``Related Occupations.txt``: releases 26.3 onwards.
    RELATED_OCCUPATIONS = "related-occupations"


LINK_FILES = {
    LinkLayout.CAREER_CHANGERS: CAREER_CHANGERS_FILE,
    LinkLayout.RELATED_OCCUPATIONS: RELATED_OCCUPATIONS_FILE,
}

#: Strength of a ``Related Occupations.txt`` link by its relatedness tier.
TIER_STRENGTH: dict[str, float] = {
    "Primary-Short": 1.0,
    "Primary-Long": 0.85,
    "Supplemental": 0.7,
}
#: Strength of the least related link of a ``Career Changers Matrix.txt`` (index 1 is 1.0).
WEAKEST_INDEX_STRENGTH = 0.7
#: Share of the profile gap (1 - profile fit) that a link of strength 1 closes.
LINK_WEIGHT = 0.5
#: Most shared work styles listed as a transition's strengths.
MAX_SHARED_STRENGTHS = 3
#: Career Changers Matrix indexes per tier when imputing profiles (1-5, then 6-10, ...).
CAREER_CHANGERS_TIER_SIZE = 5

_TIER_KEYS: dict[str, float] = {normalise_style_name(t): v for t, v in TIER_STRENGTH.items()}
#: Closeness rank of each tier by its comparison key (0 closest), not by its strength:
#: two tiers of equal strength stay apart.
_TIER_ORDER: dict[str, int] = {normalise_style_name(t): i for i, t in enumerate(TIER_STRENGTH)}


def index_strength(index: int, max_index: int) -> float:
    """Link strength of a Career Changers Matrix index: 1.0 at index 1 down to 0.7 at the last.

    ``1 - 0.3 * (index - 1) / (max_index - 1)``, rounded to 3 decimals.

    >>> index_strength(1, 10), index_strength(4, 10), index_strength(10, 10)
    (1.0, 0.9, 0.7)
    >>> index_strength(1, 1)
    1.0
    """
    if max_index <= 1:
        return 1.0
    drop = (1.0 - WEAKEST_INDEX_STRENGTH) * (index - 1) / (max_index - 1)
    return round(1.0 - drop, 3)


def tier_strength(tier: str) -> float | None:
    """Link strength of a Related Occupations tier, or ``None`` for an unknown tier.

    >>> tier_strength("Primary-Short"), tier_strength("primary long"), tier_strength("x")
    (1.0, 0.85, None)
    """
    return _TIER_KEYS.get(normalise_style_name(tier))


def link_fit(strength: float, fit_of_profiles: float) -> float:
    """Fit of an O*NET transition: ``profile fit + (1 - profile fit) * 0.5 * link strength``.

    O*NET's link is evidence that people make the move, so it closes part of the
    profile gap: never below the profile fit, so a link always beats a derived move of
    the same profile fit (whose fit is discounted by the "no link" prior). Rounded to 2
    decimals and kept in [0.01, 1.0].

    >>> link_fit(0.9, 0.62), link_fit(0.7, 0.62), link_fit(1.0, 1.0)
    (0.79, 0.75, 1.0)
    >>> link_fit(0.0, 0.0)
    0.01
    """
    raw = fit_of_profiles + (1.0 - fit_of_profiles) * LINK_WEIGHT * strength
    return min(1.0, max(MIN_FIT, round(raw, 2)))


@dataclass(frozen=True)
class Link:
    """One row of the related-occupations file (codes checked, ends not yet)."""

    source: str
    target: str
    strength: float
    #: 0 for the closest links (Primary-Short; indexes 1-5 of the matrix), then 1, 2.
    tier: int
    line: int


def detect_layout(folder: Path) -> LinkLayout | None:
    """The link file a release folder holds (the newer one if both), or ``None``."""
    if (folder / RELATED_OCCUPATIONS_FILE).is_file():
        return LinkLayout.RELATED_OCCUPATIONS
    if (folder / CAREER_CHANGERS_FILE).is_file():
        return LinkLayout.CAREER_CHANGERS
    return None


def read_links(reader: Reader, layout: LinkLayout) -> tuple[list[Link], int]:
    """Links of the related-occupations file and the rows read."""
    if layout is LinkLayout.CAREER_CHANGERS:
        return _read_career_changers(reader)
    return _read_related_occupations(reader)


def _read_career_changers(reader: Reader) -> tuple[list[Link], int]:
    indexed: list[tuple[str, str, int, int]] = []
    rows = 0
    for row in reader.rows(CAREER_CHANGERS_FILE, (CODE, RELATED_CODE, "Index")):
        rows += 1
        record = f"{row[CODE]} -> {row[RELATED_CODE]}"
        source = reader.code(row, CODE, record)
        target = reader.code(row, RELATED_CODE, record)
        index = reader.integer(row, "Index", record, 1, None)
        if source and target and index is not None:
            indexed.append((source, target, index, row.line))
    max_index = max((i for _, _, i, _ in indexed), default=1)
    links = [
        Link(s, t, index_strength(i, max_index), (i - 1) // CAREER_CHANGERS_TIER_SIZE, n)
        for s, t, i, n in indexed
    ]
    return links, rows


def _read_related_occupations(reader: Reader) -> tuple[list[Link], int]:
    links: list[Link] = []
    rows = 0
    columns = (CODE, RELATED_CODE, "Relatedness Tier", "Index")
    for row in reader.rows(RELATED_OCCUPATIONS_FILE, columns):
        rows += 1
        record = f"{row[CODE]} -> {row[RELATED_CODE]}"
        source = reader.code(row, CODE, record)
        target = reader.code(row, RELATED_CODE, record)
        index = reader.integer(row, "Index", record, 1, None)
        tier = normalise_style_name(row["Relatedness Tier"])
        strength = _TIER_KEYS.get(tier)
        if strength is None:
            known = ", ".join(TIER_STRENGTH)
            message = f"unknown relatedness tier {row['Relatedness Tier']!r} (known: {known})"
            reader.problems.append(row.problem(message, record, "Relatedness Tier"))
        if source and target and index is not None and strength is not None:
            links.append(Link(source, target, strength, _TIER_ORDER[tier], row.line))
    return links, rows


SELF_LINK = "an occupation linked to itself"
UNKNOWN_CODE = "code not in Occupation Data.txt"
NOT_A_ROLE = "an end did not become a role"
DUPLICATE = "duplicate link (the strongest kept)"


def _shared_strengths(
    a: Mapping[str, float], b: Mapping[str, float], names: Mapping[str, str]
) -> tuple[str, ...]:
    """Up to three work styles strong in both, most shared first, then in ``names`` order.

    ``a`` and ``b`` map each occupation's strong styles to how strong (higher is
    stronger); ``names`` maps style keys to their spellings in O*NET's outline order.
    """
    order = {key: i for i, key in enumerate(names)}
    shared = sorted(
        (-min(a[key], b[key]), order.get(key, len(order)), names.get(key, key))
        for key in a.keys() & b.keys()
    )
    return tuple(name for _, _, name in shared[:MAX_SHARED_STRENGTHS])


def build_transitions(
    links: list[Link],
    known_codes: Mapping[str, object],
    roles: Mapping[str, Role],
    strong_styles: Mapping[str, Mapping[str, float]],
    names: Mapping[str, str],
    link_file: str,
) -> tuple[list[tuple[Transition, Where]], dict[str, int]]:
    """Transitions of the links between two roles, and the other links counted by reason.

    ``known_codes`` are the codes of ``Occupation Data.txt``, ``roles`` the roles by code,
    ``strong_styles`` each role's strong work styles (by code; none for imputed roles).
    """
    skipped: dict[str, int] = {}

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    best: dict[tuple[str, str], Link] = {}
    for link in links:
        if link.source == link.target:
            skip(SELF_LINK)
        elif link.source not in known_codes or link.target not in known_codes:
            skip(UNKNOWN_CODE)
        elif link.source not in roles or link.target not in roles:
            skip(NOT_A_ROLE)
        else:
            key = (link.source, link.target)
            kept = best.get(key)
            if kept is not None:
                skip(DUPLICATE)
                if kept.strength >= link.strength:
                    continue
            best[key] = link
    transitions: list[tuple[Transition, Where]] = []
    for link in best.values():
        source, target = roles[link.source], roles[link.target]
        edge = Transition(
            source=source.id,
            target=target.id,
            fit=link_fit(link.strength, profile_fit(source.profile, target.profile)),
            strengths=_shared_strengths(
                strong_styles.get(link.source, {}), strong_styles.get(link.target, {}), names
            ),
            develop=development_needed(source.profile, target.profile),
            origin=Origin.ONET,
        )
        transitions.append((edge, Where(link_file, link.line)))
    return transitions, skipped
