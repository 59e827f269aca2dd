"""The six OCEAN+ traits and the profile that scores them."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Language = Literal["es", "en"]


class Trait(StrEnum):
    """One OCEAN+ trait; the value is the stable machine name."""

    OPENNESS = "openness"
    CONSCIENTIOUSNESS = "conscientiousness"
    EXTRAVERSION = "extraversion"
    AGREEABLENESS = "agreeableness"
    EMOTIONAL_STABILITY = "emotional_stability"
    RELATIONAL_ENGAGEMENT = "relational_engagement"

    def label(self, lang: Language = "es") -> str:
        """Human label in Spanish (the role guides' language) or English."""
        return TRAIT_LABELS[self][0 if lang == "es" else 1]


TRAITS: tuple[Trait, ...] = tuple(Trait)

TRAIT_LABELS: dict[Trait, tuple[str, str]] = {
    Trait.OPENNESS: ("Apertura", "Openness"),
    Trait.CONSCIENTIOUSNESS: ("Responsabilidad", "Conscientiousness"),
    Trait.EXTRAVERSION: ("Extraversión", "Extraversion"),
    Trait.AGREEABLENESS: ("Amabilidad", "Agreeableness"),
    Trait.EMOTIONAL_STABILITY: ("Estabilidad Emocional", "Emotional Stability"),
    Trait.RELATIONAL_ENGAGEMENT: ("Engagement Relacional", "Relational Engagement"),
}

#: One-letter codes accepted on the command line (``O=55,C=70,...``).
TRAIT_CODES: dict[str, Trait] = {
    "O": Trait.OPENNESS,
    "C": Trait.CONSCIENTIOUSNESS,
    "E": Trait.EXTRAVERSION,
    "A": Trait.AGREEABLENESS,
    "ES": Trait.EMOTIONAL_STABILITY,
    "RE": Trait.RELATIONAL_ENGAGEMENT,
}


def trait_from_label(text: str) -> Trait | None:
    """Find a trait by machine name, Spanish or English label (case-insensitive).

    >>> trait_from_label("Engagement Relacional")
    <Trait.RELATIONAL_ENGAGEMENT: 'relational_engagement'>
    >>> trait_from_label("apertura")
    <Trait.OPENNESS: 'openness'>
    >>> trait_from_label("charm") is None
    True
    """
    wanted = " ".join(text.strip().lower().replace("_", " ").split())
    for trait, (es, en) in TRAIT_LABELS.items():
        if wanted in (trait.value.replace("_", " "), es.lower(), en.lower()):
            return trait
    code = TRAIT_CODES.get(text.strip().upper())
    return code


class Profile(BaseModel):
    """An OCEAN+ profile: each of the six traits scored 0-100."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    openness: float = Field(ge=0, le=100, strict=True)
    conscientiousness: float = Field(ge=0, le=100, strict=True)
    extraversion: float = Field(ge=0, le=100, strict=True)
    agreeableness: float = Field(ge=0, le=100, strict=True)
    emotional_stability: float = Field(ge=0, le=100, strict=True)
    relational_engagement: float = Field(ge=0, le=100, strict=True)

    def score(self, trait: Trait) -> float:
        """Score of one trait."""
        value: float = getattr(self, trait.value)
        return value

    def scores(self) -> tuple[float, ...]:
        """The six scores in :data:`TRAITS` order."""
        return tuple(self.score(t) for t in TRAITS)

    @classmethod
    def from_scores(cls, scores: tuple[float, ...] | list[float]) -> Profile:
        """Build a profile from six scores in :data:`TRAITS` order."""
        return cls(**{t.value: s for t, s in zip(TRAITS, scores, strict=True)})
