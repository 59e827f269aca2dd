"""From O*NET work styles to OCEAN+ trait levels (see ``docs/onet.md``).

Two rating layouts exist. Releases 5.0-29.x rate the *importance* (scale ``IM``,
1-5) of 16 work styles under element ``1.C``; releases 30.x rate the *impact*
(scale ``WI``, -3 to +3) of 21 different work styles under ``1.D`` and rank the
most distinctive ones (scale ``DR``, 1 = most distinctive, 0 = not ranked).

Either way an occupation's trait level is computed in two steps:

1. its *raw* level: the weighted mean of its ratings of the trait's styles
   (:data:`STYLE_WEIGHTS`, :data:`STYLE_WEIGHTS_30`), each rating first
   rescaled linearly to 0-100;
2. its *T-score* among the release's rated occupations: ``50 + 10 * z`` where
   ``z`` is the raw level's standard score for that trait (:func:`t_score`).

So 50 is the average occupation of the release and every 10 points is one
standard deviation of occupations, on every trait.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from graph.traits import TRAITS, Profile, Trait

__all__ = [
    "EXPECTED_STYLES",
    "EXPECTED_STYLES_30",
    "HIGH_IMPORTANCE",
    "STYLE_SETS",
    "STYLE_WEIGHTS",
    "STYLE_WEIGHTS_30",
    "T_MEAN",
    "T_SD",
    "RatingScale",
    "StyleSet",
    "TraitNorm",
    "normalise_style_name",
    "t_score",
    "trait_norms",
]


class RatingScale(StrEnum):
    """How a release rates its work styles."""

    #: Scale ``IM``, 1-5, 16 styles under ``1.C``: releases 5.0-29.x.
    IMPORTANCE = "importance"
    #: Scale ``WI``, -3 to +3 (with the ``DR`` rank), 21 styles under ``1.D``: releases 30.x.
    IMPACT = "impact"


#: The 16 work styles of O*NET releases 5.0-29.x, in O*NET's outline order.
EXPECTED_STYLES: tuple[str, ...] = (
    "Achievement/Effort",
    "Persistence",
    "Initiative",
    "Leadership",
    "Cooperation",
    "Concern for Others",
    "Social Orientation",
    "Self-Control",
    "Stress Tolerance",
    "Adaptability/Flexibility",
    "Dependability",
    "Attention to Detail",
    "Integrity",
    "Independence",
    "Innovation",
    "Analytical Thinking",
)

#: Weights of the 20.x-29.x work styles in each trait; each row sums to 1 (``docs/onet.md``).
STYLE_WEIGHTS: dict[Trait, dict[str, float]] = {
    Trait.OPENNESS: {
        "Innovation": 0.40,
        "Analytical Thinking": 0.30,
        "Independence": 0.15,
        "Adaptability/Flexibility": 0.15,
    },
    Trait.CONSCIENTIOUSNESS: {
        "Dependability": 0.25,
        "Attention to Detail": 0.20,
        "Achievement/Effort": 0.20,
        "Persistence": 0.15,
        "Integrity": 0.10,
        "Initiative": 0.10,
    },
    Trait.EXTRAVERSION: {
        "Leadership": 0.40,
        "Social Orientation": 0.35,
        "Initiative": 0.25,
    },
    Trait.AGREEABLENESS: {
        "Cooperation": 0.40,
        "Concern for Others": 0.40,
        "Integrity": 0.20,
    },
    Trait.EMOTIONAL_STABILITY: {
        "Stress Tolerance": 0.40,
        "Self-Control": 0.35,
        "Adaptability/Flexibility": 0.25,
    },
    Trait.RELATIONAL_ENGAGEMENT: {
        "Social Orientation": 0.30,
        "Concern for Others": 0.25,
        "Cooperation": 0.25,
        "Leadership": 0.20,
    },
}

#: The 21 work styles of O*NET 30.x, in O*NET's outline order (``1.D.1.a`` to ``1.D.4.b``).
EXPECTED_STYLES_30: tuple[str, ...] = (
    # 1.D.1 Proactive & Growth Oriented
    "Innovation",
    "Achievement Orientation",
    "Intellectual Curiosity",
    "Tolerance for Ambiguity",
    "Initiative",
    "Adaptability",
    "Self-Confidence",
    "Perseverance",
    "Leadership Orientation",
    # 1.D.2 Interpersonally Oriented
    "Humility",
    "Sincerity",
    "Empathy",
    "Cooperation",
    "Optimism",
    "Social Orientation",
    # 1.D.3 Conscientious & Rule Oriented
    "Cautiousness",
    "Attention to Detail",
    "Dependability",
    "Integrity",
    # 1.D.4 Emotionally Resilient
    "Stress Tolerance",
    "Self-Control",
)

#: Weights of the 30.x work styles in each trait; each row sums to 1 (``docs/onet.md``).
STYLE_WEIGHTS_30: dict[Trait, dict[str, float]] = {
    Trait.OPENNESS: {
        "Innovation": 0.35,
        "Intellectual Curiosity": 0.35,
        "Tolerance for Ambiguity": 0.15,
        "Adaptability": 0.15,
    },
    Trait.CONSCIENTIOUSNESS: {
        "Dependability": 0.25,
        "Attention to Detail": 0.20,
        "Achievement Orientation": 0.20,
        "Perseverance": 0.15,
        "Cautiousness": 0.10,
        "Initiative": 0.10,
    },
    Trait.EXTRAVERSION: {
        "Leadership Orientation": 0.35,
        "Social Orientation": 0.30,
        "Self-Confidence": 0.15,
        "Initiative": 0.10,
        "Optimism": 0.10,
    },
    Trait.AGREEABLENESS: {
        "Cooperation": 0.30,
        "Empathy": 0.30,
        "Sincerity": 0.15,
        "Integrity": 0.15,
        "Humility": 0.10,
    },
    Trait.EMOTIONAL_STABILITY: {
        "Stress Tolerance": 0.40,
        "Self-Control": 0.30,
        "Adaptability": 0.15,
        "Optimism": 0.15,
    },
    Trait.RELATIONAL_ENGAGEMENT: {
        "Social Orientation": 0.30,
        "Empathy": 0.25,
        "Cooperation": 0.25,
        "Leadership Orientation": 0.20,
    },
}

#: Importance (1-5) from which a 20.x-29.x work style counts as rated highly.
HIGH_IMPORTANCE = 4.0
#: Mean and standard deviation of a trait's T-scores among a release's rated occupations.
T_MEAN = 50.0
T_SD = 10.0


def normalise_style_name(name: str) -> str:
    """Comparison key of a work-style or tier name: case, spaces, hyphens and slashes ignored.

    >>> normalise_style_name("Self Control") == normalise_style_name("Self-Control")
    True
    >>> normalise_style_name(" Adaptability / Flexibility ")
    'adaptability flexibility'
    """
    return " ".join(re.split(r"[\s\-/_]+", name.strip().lower())).strip()


@dataclass(frozen=True)
class TraitNorm:
    """Mean and (population) standard deviation of a trait's raw levels in one release."""

    mean: float
    sd: float


def t_score(raw: float, norm: TraitNorm) -> float:
    """The T-score of a raw trait level: ``50 + 10 * (raw - mean) / sd``, within 0-100.

    Rounded to one decimal; 50 when every occupation has the same raw level.

    >>> t_score(80.0, TraitNorm(mean=72.0, sd=8.0)), t_score(56.0, TraitNorm(72.0, 8.0))
    (60.0, 30.0)
    >>> t_score(10.0, TraitNorm(72.0, 8.0)), t_score(3.0, TraitNorm(3.0, 0.0))
    (0.0, 50.0)
    """
    if norm.sd == 0:
        return T_MEAN
    return round(min(100.0, max(0.0, T_MEAN + T_SD * (raw - norm.mean) / norm.sd)), 1)


def trait_norms(raw_levels: Iterable[Sequence[float]]) -> dict[Trait, TraitNorm]:
    """The :class:`TraitNorm` of each trait over raw levels given in OCEAN+ order.

    >>> norms = trait_norms([[60, 70, 50, 50, 50, 50], [80, 70, 50, 50, 50, 50]])
    >>> norms[Trait.OPENNESS], norms[Trait.CONSCIENTIOUSNESS].sd
    (TraitNorm(mean=70.0, sd=10.0), 0.0)
    """
    columns = list(zip(*raw_levels, strict=True))
    if not columns:
        return {}
    return {
        trait: TraitNorm(statistics.fmean(values), statistics.pstdev(values))
        for trait, values in zip(TRAITS, columns, strict=True)
    }


@dataclass(frozen=True)
class StyleSet:
    """The work styles of one rating layout, their scale and their weights in the traits."""

    ratings: RatingScale
    #: The ``Scale ID`` of the ratings that feed the traits.
    scale_id: str
    low: float
    high: float
    styles: tuple[str, ...]
    weights: Mapping[Trait, Mapping[str, float]]
    #: Normalised style name -> the spelling of :attr:`styles`.
    keys: dict[str, str] = field(init=False)
    _weight_keys: dict[Trait, tuple[tuple[str, float], ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        keys = {normalise_style_name(s): s for s in self.styles}
        weight_keys = {
            trait: tuple((normalise_style_name(s), w) for s, w in weights.items())
            for trait, weights in self.weights.items()
        }
        object.__setattr__(self, "keys", keys)
        object.__setattr__(self, "_weight_keys", weight_keys)

    def to_score(self, value: float) -> float:
        """A rating rescaled linearly from ``low``-``high`` to 0-100.

        >>> STYLE_SETS[RatingScale.IMPACT].to_score(1.5)
        75.0
        """
        return (value - self.low) / (self.high - self.low) * 100.0

    def order(self, key: str) -> int:
        """Position of a normalised style name in O*NET's outline (unknown styles last)."""
        try:
            return list(self.keys).index(key)
        except ValueError:
            return len(self.keys)

    def raw_levels(self, ratings: Mapping[str, float]) -> tuple[list[float] | None, Trait | None]:
        """Raw 0-100 trait levels (OCEAN+ order) of one occupation's ratings by style key.

        A trait some of whose styles are unrated is the weighted mean of the rated
        ones (the weights renormalised); with none rated, ``(None, trait)``.
        """
        levels: list[float] = []
        for trait in TRAITS:
            total = weight = 0.0
            for key, w in self._weight_keys[trait]:
                value = ratings.get(key)
                if value is not None:
                    total += w * self.to_score(value)
                    weight += w
            if weight == 0:
                return None, trait
            levels.append(total / weight)
        return levels, None

    def profile(self, raw: Sequence[float], norms: Mapping[Trait, TraitNorm]) -> Profile:
        """The OCEAN+ profile (T-scores) of raw levels under a release's norms."""
        return Profile.from_scores(
            [t_score(value, norms[trait]) for trait, value in zip(TRAITS, raw, strict=True)]
        )


#: The style set of each rating layout.
STYLE_SETS: dict[RatingScale, StyleSet] = {
    RatingScale.IMPORTANCE: StyleSet(
        RatingScale.IMPORTANCE, "IM", 1.0, 5.0, EXPECTED_STYLES, STYLE_WEIGHTS
    ),
    RatingScale.IMPACT: StyleSet(
        RatingScale.IMPACT, "WI", -3.0, 3.0, EXPECTED_STYLES_30, STYLE_WEIGHTS_30
    ),
}
