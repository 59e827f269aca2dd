"""Where a query starts: a role, a person's current role, or the person themself."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from graph.personal import Person


class StartingPoint(BaseModel):
    """``from`` and ``person`` of a query, checked once for every query that has them.

    A query needs ``from`` or a person; when both name a role, it must be the
    same one. Errors name the field at fault (``from`` or
    ``person.current_role``).

    >>> StartingPoint(source="a").start()
    'a'
    >>> StartingPoint()
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for StartingPoint
    from
      Field required: give 'from', or a person to start from ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    source: str | None = Field(
        None,
        alias="from",
        min_length=1,
        max_length=80,
        description="Role id where the routes start; may be left out when a person is given.",
        examples=["mlops-engineer"],
    )
    person: Person | None = Field(
        None,
        description="Cost the routes for this person's assessed OCEAN+ profile (never logged).",
    )

    @model_validator(mode="before")
    @classmethod
    def _one_start(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        start = data.get("from", data.get("source"))
        person = data.get("person")
        current = (
            person.get("current_role")
            if isinstance(person, dict)
            else getattr(person, "current_role", None)
        )
        if start is None and person is None:
            message = "Field required: give 'from', or a person to start from"
            _refuse(cls, "missing", message, ("from",), data)
        if isinstance(start, str) and isinstance(current, str) and start != current:
            message = "'from' and person.current_role name different roles"
            _refuse(cls, "value_error", message, ("person", "current_role"), current)
        return data

    def start(self) -> str | None:
        """The starting role: ``from``, else the person's current role, else none."""
        return self.source or (self.person.current_role if self.person else None)

    def effective_person(self) -> Person | None:
        """The person, starting at ``from`` when that is given."""
        if self.person is None or self.source is None:
            return self.person
        return self.person.model_copy(update={"current_role": self.source})


def _refuse(model: type, kind: str, message: str, loc: tuple[str | int, ...], value: Any) -> None:
    error = PydanticCustomError(kind, message)
    raise ValidationError.from_exception_data(
        model.__name__, [InitErrorDetails(type=error, loc=loc, input=value)]
    )
