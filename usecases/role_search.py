"""Use case: search the catalog's roles by name, family and level, a page at a time."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.model import Role
from graph.role_match import fold, rank_roles
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
    items: list[RoleSummary] = Field(
        description="This page's roles: by relevance to the search text, by id without one."
    )


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
    """Roles filtered by family and level, and found by ``text``.

    Without text, roles come by id; with text, by relevance
    (:func:`graph.role_match.rank_roles`: exact name, id or abbreviation first,
    then every word, words being typed, words inside others, typos), ties by
    name in ``lang``. Words match ignoring accents, case and grammatical
    gender. ``total`` counts every match, so a client can page with
    ``offset``; ``limit=None`` lists every match.
    """
    roles: list[Role] = sorted(snapshot.catalog.roles.values(), key=lambda r: r.id)
    if family:
        roles = [r for r in roles if fold(r.family or "") == fold(family)]
    if level:
        roles = [r for r in roles if fold(r.level or "") == fold(level)]
    if text and text.strip():
        ranked = rank_roles(text, roles, name=lambda r: r.display_name(lang))
        roles = [match.role for match in ranked]
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
