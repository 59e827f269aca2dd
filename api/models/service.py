"""Liveness and readiness answers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from usecases.answer import CatalogVersion


class Health(BaseModel):
    """Liveness: the process answers."""

    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    """Readiness: the store answers and the search projection is loaded."""

    status: Literal["ready"] = "ready"
    store: Literal["memory", "neo4j"] = Field(description="Which store serves the catalog.")
    catalog_version: CatalogVersion
    roles: int = Field(description="Roles in the catalog.", examples=[55])
    transitions: int = Field(description="Catalog transitions (curated or O*NET).")
    graph_edges: int = Field(description="Edges of the search graph, derived ones included.")
