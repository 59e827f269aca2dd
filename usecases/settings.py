"""The service's settings, read from ``RUMBO_*`` environment variables.

>>> s = Settings(api_keys="k1, k2", _env_file=None)
>>> [k.get_secret_value() for k in s.api_keys]
['k1', 'k2']
>>> Settings(api_keys='["a,b"]').api_keys[0].get_secret_value()
'a,b'
>>> Settings().store_kind
'memory'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from loaders import bundled_catalog
from stores import DEFAULT_DATABASE, DEFAULT_USER

#: The catalog shipped with Rumbo, served when neither a folder nor Neo4j is configured.
BUNDLED_CATALOG = bundled_catalog()


def _split_list(value: Any) -> Any:
    """A list from a comma-separated string or a JSON array; other values pass through."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Where the catalog lives, who may write to it, and request limits.

    Every field can be set with an environment variable named ``RUMBO_`` plus
    the field name in capitals, e.g. ``RUMBO_CATALOG_DIR`` or ``RUMBO_API_KEYS``.
    """

    model_config = SettingsConfigDict(env_prefix="RUMBO_", extra="ignore", frozen=True)

    catalog_dir: Path | None = Field(
        None,
        description="Catalog folder (YAML or CSV) served from memory; the bundled one if unset.",
    )
    catalog_writable: bool = Field(
        False,
        description="Accept writes to the catalog folder, each saved to it before it is "
        "answered; without it (and always for the bundled catalog) a folder is served "
        "read-only and writes answer 409.",
    )
    neo4j_uri: str | None = Field(
        None, description="Bolt URI of Neo4j; when set, the catalog is read from and written to it."
    )
    neo4j_user: str = Field(
        DEFAULT_USER, description="Neo4j user name (empty: connect without authentication)."
    )
    neo4j_password: SecretStr | None = Field(None, description="Neo4j password.")
    neo4j_database: str = Field(DEFAULT_DATABASE, description="Neo4j database.")
    projection_dir: Path | None = Field(
        None,
        description="Folder where a process keeps the Neo4j catalog it last read (one file "
        "per catalog, replaced when the version moves), so that a restart on an unchanged "
        "catalog version reads it instead of the graph; unset: none is kept. Replicas may "
        "share it; only the service should be able to write to it.",
    )
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list,
        description="Keys accepted in X-API-Key for catalog writes: comma-separated or "
        "a JSON array. With none configured, every write is refused.",
    )
    read_requires_key: bool = Field(False, description="Whether reads also need an API key.")
    max_body_bytes: int = Field(
        64 * 1024, ge=1024, description="Largest request body accepted; larger ones get 413."
    )
    max_header_bytes: int = Field(
        64 * 1024,
        ge=4 * 1024,
        le=16 * 1024 * 1024,
        description="Largest request line and headers `rumbo serve` reads; larger ones get "
        "431 and the connection is closed.",
    )
    header_timeout_seconds: float = Field(
        10.0,
        gt=0,
        le=600,
        description="Time `rumbo serve` gives a request line and headers to arrive, from "
        "their first byte (or the connection's opening); slower ones get 408 and are closed.",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins allowed by CORS; CORS is off when empty (the default).",
    )
    answer_cache_size: int = Field(
        2048,
        ge=0,
        le=1_000_000,
        description="Route answers of the current catalog version kept per process (0 turns "
        "the cache off); never with a person.",
    )
    answer_cache_bytes: int = Field(
        32 * 1024 * 1024,
        ge=0,
        le=4 * 1024**3,
        description="Most bytes of route answers (and their queries) the answer cache keeps "
        "per process; the least recently used go first.",
    )
    query_budget_seconds: float = Field(
        2.0,
        gt=0,
        le=60,
        description="Wall time a search may take, counted from the request's arrival; "
        "longer ones answer 422 (query too broad).",
    )
    max_concurrent_searches: int = Field(
        2,
        ge=1,
        le=256,
        description="Searches one worker process runs at once; one more answers 503 with "
        "Retry-After at once instead of waiting.",
    )
    busy_retry_after_seconds: int = Field(
        1, ge=1, le=3600, description="Retry hint sent with 503 answers when searches are full."
    )
    retry_after_seconds: int = Field(
        5, ge=1, le=3600, description="Retry hint sent with 503 answers when the store is down."
    )

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _parse_list(cls, value: Any) -> Any:
        return _split_list(value)

    @field_validator("api_keys", mode="after")
    @classmethod
    def _no_empty_key(cls, value: list[SecretStr]) -> list[SecretStr]:
        return [k for k in value if k.get_secret_value()]

    @property
    def store_kind(self) -> Literal["memory", "neo4j"]:
        """Which store the settings select."""
        return "neo4j" if self.neo4j_uri else "memory"

    @property
    def catalog_path(self) -> Path:
        """The folder the in-memory store is loaded from."""
        return self.catalog_dir or BUNDLED_CATALOG
