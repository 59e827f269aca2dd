"""What every answer of a use case carries besides its own content."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

CatalogVersion = Annotated[
    int,
    Field(
        description="Catalog version this answer was computed on; also sent as the "
        "X-Catalog-Version and ETag headers.",
        examples=[1],
    ),
]
