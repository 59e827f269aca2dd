"""Rumbo's one domain exception hierarchy.

Every error a user can cause is a :class:`RumboError`; the CLI prints it as a
readable message and the API maps it to a problem+json answer.
"""

from __future__ import annotations

from dataclasses import dataclass


class RumboError(Exception):
    """Base of every error Rumbo raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One violation in a catalog: where it is and what is wrong."""

    message: str
    file: str | None = None
    line: int | None = None
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file or "<catalog>"
        if self.line is not None:
            where += f":{self.line}"
        parts = [where]
        if self.record:
            parts.append(f"record {self.record}")
        if self.field:
            parts.append(f"field {self.field}")
        return f"{', '.join(parts)}: {self.message}"


class CatalogError(RumboError):
    """A catalog (or a write to one) broke one or more rules; lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        body = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{count} {noun} in the catalog:\n{body}")


class UnknownRoleError(RumboError):
    """A role id that the catalog does not hold, with close matches."""

    def __init__(self, role_id: str, suggestions: tuple[str, ...] = ()) -> None:
        self.role_id = role_id
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Unknown role {role_id!r}.{hint}")


class UnknownTransitionError(RumboError):
    """A transition that the catalog does not hold."""

    def __init__(self, source: str, target: str) -> None:
        self.source = source
        self.target = target
        super().__init__(f"No transition from {source!r} to {target!r} in the catalog.")


class InvalidQueryError(RumboError):
    """A route query whose parameters contradict each other or the limits.

    ``message`` is the English text; ``code`` names the kind of error and
    ``values`` its parameters, so that adapters word it in any language
    (``usecases.error_text.query_error_text``) without reading the text.
    """

    def __init__(
        self, message: str, field: str | None = None, code: str | None = None, **values: object
    ) -> None:
        self.field = field
        self.code = code
        self.values = values
        super().__init__(message)


class QueryBudgetExceeded(RumboError):
    """A search explored more labels than its budget allows."""
