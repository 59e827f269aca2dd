"""The six OCEAN+ traits, as ``GET /v1/traits`` lists them."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.traits import TRAIT_CODES, TRAITS, Language, Trait
from usecases.answer import CatalogVersion


class TraitInfo(BaseModel):
    """One OCEAN+ trait."""

    id: Trait = Field(description="Stable machine name, used as key in profiles.")
    code: str = Field(description="One- or two-letter code.", examples=["O"])
    label: str = Field(description="Label in the requested language.", examples=["Apertura"])
    label_es: str = Field(description="Spanish label.", examples=["Apertura"])
    label_en: str = Field(description="English label.", examples=["Openness"])


class TraitList(BaseModel):
    """The six OCEAN+ traits in their canonical order."""

    catalog_version: CatalogVersion
    lang: Language = Field(description="Language of `label`.")
    traits: list[TraitInfo]


def trait_infos(lang: Language) -> list[TraitInfo]:
    """The six traits with their labels."""
    codes = {trait: code for code, trait in TRAIT_CODES.items()}
    return [
        TraitInfo(
            id=t,
            code=codes[t],
            label=t.label(lang),
            label_es=t.label("es"),
            label_en=t.label("en"),
        )
        for t in TRAITS
    ]
