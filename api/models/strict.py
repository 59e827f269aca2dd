"""Strict request models: the domain's models with numbers and booleans never coerced.

JSON ``0`` is not ``false`` and ``"4"`` is not ``4``: a body that breaks the
published schema is refused with 422, as the catalog loaders refuse strings for
scores. The API's request bodies reuse the domain's query models through
:func:`strict_scalars` instead of declaring their fields again.
"""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import AllowInfNan, BaseModel, Strict, create_model, field_validator
from pydantic.fields import FieldInfo

from graph.personal import Person
from graph.search import Constraints, Objective
from graph.traits import Profile

M = TypeVar("M", bound=BaseModel)

#: One scale for fit: 0-1 in JSON, as every fit field of an answer; percents are for people.
MIN_STEP_FIT = (
    "Every step's fit must reach this, from 0 to 1 like every fit field of the API "
    "(and of the CLI's `--json`): 0.5 is 50 %. The web page and the CLI's text show "
    "percents."
)

_SCALARS = (bool, int, float, type(None))


def _is_scalar(annotation: Any) -> bool:
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    members = typing.get_args(annotation) if union else (annotation,)
    return all(m in _SCALARS for m in members)


def _unique_ids(value: Any) -> Any:
    if isinstance(value, list | tuple) and len(set(map(str, value))) != len(value):
        raise ValueError("role ids must be unique")
    return value


def strict_scalars(
    model: type[M],
    name: str,
    nested: dict[str, Any] | None = None,
    descriptions: dict[str, str] | None = None,
) -> type[M]:
    """A subclass of ``model`` whose numbers and booleans are not coerced.

    Fields added to the domain model later are picked up.
    ``nested`` replaces the types of model-typed fields (with their strict
    versions); ``descriptions`` replaces the documentation of some fields.
    """
    described = {
        field: FieldInfo.merge_field_infos(model.model_fields[field], description=text)
        for field, text in (descriptions or {}).items()
    }
    infos = {**model.model_fields, **described}
    overrides: dict[str, Any] = {
        field: (Annotated[info.annotation, Strict(), AllowInfNan(False)], info)
        for field, info in infos.items()
        if _is_scalar(info.annotation)
    }
    for field, annotation in (nested or {}).items():
        overrides[field] = (annotation, infos[field])
    validators: dict[str, Any] = {}
    if "avoid" in model.model_fields:
        validators["_avoid_unique"] = field_validator("avoid", mode="before")(_unique_ids)
    return create_model(
        name, __base__=model, __doc__=model.__doc__, __validators__=validators, **overrides
    )


if TYPE_CHECKING:
    RouteConstraints = Constraints
    RouteObjective = Objective
    RoutePerson = Person
else:
    RouteConstraints = strict_scalars(
        Constraints, "RouteConstraints", descriptions={"min_step_fit": MIN_STEP_FIT}
    )
    RouteObjective = strict_scalars(Objective, "RouteObjective")
    RoutePerson = strict_scalars(
        Person,
        "RoutePerson",
        nested={"scores": strict_scalars(Profile, "AssessedProfile")},
    )
