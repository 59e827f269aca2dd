"""Error answers: RFC 9457 problem details and the invalid fields they list."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class FieldError(BaseModel):
    """One invalid input, named by where it was sent and its field path."""

    model_config = ConfigDict(frozen=True)

    field: str = Field(
        description="Dotted path of the field, e.g. `constraints.max_steps` or "
        "`profile.openness`; `body` for the body as a whole.",
        examples=["constraints.max_steps"],
    )
    location: Literal["body", "query", "path", "header", "cookie"] = Field(
        description="Where the field was sent.", examples=["body"]
    )
    message: str = Field(
        description="What is wrong with it.", examples=["Input should be less than or equal to 8"]
    )
    type: str = Field(description="Machine-readable error kind.", examples=["less_than_equal"])


class Problem(BaseModel):
    """An error answer in the RFC 9457 ``application/problem+json`` format.

    ``type``, ``title``, ``status``, ``detail`` and ``instance`` are the RFC's
    members; the others are extensions present when they apply.
    """

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:rumbo:problem:unknown-role",
                    "title": "Unknown role",
                    "status": 404,
                    "detail": "Unknown role 'mlops'. Did you mean: mlops-engineer?",
                    "instance": "/v1/roles/mlops",
                    "catalog_version": 1,
                    "role_id": "mlops",
                    "suggestions": ["mlops-engineer"],
                }
            ]
        },
    )

    type: str = Field(
        "about:blank",
        description="URI identifying the kind of problem (`urn:rumbo:problem:...`).",
        examples=["urn:rumbo:problem:unknown-role"],
    )
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="HTTP status code.", examples=[404])
    detail: str | None = Field(None, description="What went wrong this time.")
    instance: str | None = Field(None, description="Path of the request that failed.")
    catalog_version: int | None = Field(None, description="Current catalog version, if known.")
    role_id: str | None = Field(None, description="Unknown role: the id that was not found.")
    suggestions: list[str] | None = Field(
        None, description="Unknown role: close matches among the catalog's role ids."
    )
    field: str | None = Field(
        None, description="Unknown role in a request body or query: the field that named it."
    )
    errors: list[FieldError] | None = Field(
        None,
        description="Invalid request (422): the invalid fields, at most the first 20.",
    )
    errors_not_listed: int | None = Field(
        None, description="Invalid request (422): invalid fields beyond those listed."
    )
    retry_after: int | None = Field(
        None, description="Store unavailable (503): seconds to wait before retrying."
    )
    request_id: str | None = Field(
        None,
        description="Store unavailable (503): the request's X-Request-ID, under which "
        "the cause is logged.",
    )
    expected_version: int | None = Field(
        None, description="Version conflict (412): the version If-Match named."
    )
    current_version: int | None = Field(
        None, description="Version conflict (412): the catalog's current version."
    )
