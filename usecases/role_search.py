"""Use case: search the catalog's roles by name, family and level, a page at a time."""

from __future__ import annotations

import unicodedata

from pydantic import BaseModel, Field

from graph.model import Role
from graph.store import CatalogSnapshot
from graph.traits import Language
from usecases.answer import CatalogVersion


class RoleSummary(BaseModel):
    """A role as listed by a search."""

    id: str = Field(examples=["mlops-engineer"])
    name: str = Field(description="Name in the requested language (Spanish if no English one).")
    name_es: str = Field(description="Spanish name (the role guides' language).")
    name_en: str | None = Field(description="English name, if the catalog has one.")
    family: str | None = Field(examples=["data"])
    level: str | None = Field(examples=["senior"])
    imputed: bool = Field(
        False,
        description="True when the role's profile is imputed from related roles, not rated.",
    )


class RolePage(BaseModel):
    """One page of a role search."""

    catalog_version: CatalogVersion
    lang: Language = Field(description="Language of the `name` fields.")
    total: int = Field(description="Roles matching the search, over all pages.", examples=[55])
    limit: int = Field(description="Page size asked for.", examples=[20])
    offset: int = Field(description="Matches skipped before this page.", examples=[0])
    items: list[RoleSummary] = Field(description="This page's roles, by id.")


def fold(text: str) -> str:
    """Lowercase without accents, for search.

    >>> fold("Ingeniería de DATOS")
    'ingenieria de datos'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def matches(role: Role, needle: str) -> bool:
    """Whether a folded search text is part of the role's id or of either name.

    >>> from graph.traits import Profile
    >>> role = Role(id="data-engineer", name="Ingeniero/a de Datos", name_en="Data Engineer",
    ...             profile=Profile.from_scores([50] * 6))
    >>> matches(role, fold("DATOS")), matches(role, fold("engineer")), matches(role, "chef")
    (True, True, False)
    """
    return needle in role.id or needle in fold(role.name) or needle in fold(role.name_en or "")


def summary(role: Role, lang: Language) -> RoleSummary:
    """A role as a search lists it."""
    return RoleSummary(
        id=role.id,
        name=role.display_name(lang),
        name_es=role.name,
        name_en=role.name_en,
        family=role.family,
        level=role.level,
        imputed=role.imputed,
    )


def search_roles(
    snapshot: CatalogSnapshot,
    lang: Language,
    text: str | None = None,
    family: str | None = None,
    level: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> RolePage:
    """Roles by id, filtered by search text, family and level (case- and accent-insensitive).

    ``total`` counts every match, so a client can page with ``offset``;
    ``limit=None`` lists every match.
    """
    roles: list[Role] = list(snapshot.catalog.roles.values())
    if family:
        roles = [r for r in roles if fold(r.family or "") == fold(family)]
    if level:
        roles = [r for r in roles if fold(r.level or "") == fold(level)]
    if text and (needle := fold(text.strip())):
        roles = [r for r in roles if matches(r, needle)]
    end = None if limit is None else offset + limit
    page = roles[offset:end]
    return RolePage(
        catalog_version=snapshot.version,
        lang=lang,
        total=len(roles),
        limit=len(roles) if limit is None else limit,
        offset=offset,
        items=[summary(r, lang) for r in page],
    )
