"""The JSON shapes of the HTTP API: request bodies, answers and problems.

Domain models (:class:`~graph.answers.RouteQuery`,
:class:`~graph.answers.ExplainedRoute`, :class:`~graph.traits.Profile`) are
reused where their JSON is already the API's; the rest are views that add
display names in the requested language and the catalog version.
"""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import (
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from graph.answers import ExplainedRoute, Mode, RouteQuery
from graph.model import (
    Archetype,
    InterviewQuestion,
    Origin,
    Role,
    ShortText,
    Transition,
)
from graph.personal import Person
from graph.search import Constraints, Objective
from graph.search.query import MAX_ALTERNATIVES
from graph.traits import TRAITS, Language, Profile, Trait

CatalogVersion = Annotated[
    int,
    Field(
        description="Catalog version this answer was computed on; also sent as the "
        "X-Catalog-Version and ETag headers.",
        examples=[1],
    ),
]

#: The request every example and test uses: MLOps Engineer to Chief Data Officer.
MLOPS_TO_CDO: dict[str, Any] = {
    "from": "mlops-engineer",
    "to": "chief-data-officer",
    "mode": "alternatives",
    "k": 5,
}


# --------------------------------------------------------------------------- problems


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
        None, description="Invalid request (422): every invalid field."
    )
    retry_after: int | None = Field(
        None, description="Store unavailable (503): seconds to wait before retrying."
    )
    expected_version: int | None = Field(
        None, description="Version conflict (412): the version If-Match named."
    )
    current_version: int | None = Field(
        None, description="Version conflict (412): the catalog's current version."
    )


# --------------------------------------------------------------------------- service


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


# --------------------------------------------------------------------------- traits


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


# --------------------------------------------------------------------------- roles


class RoleSummary(BaseModel):
    """A role as listed by a search."""

    id: str = Field(examples=["mlops-engineer"])
    name: str = Field(description="Name in the requested language (Spanish if no English one).")
    name_es: str = Field(description="Spanish name (the role guides' language).")
    name_en: str | None = Field(description="English name, if the catalog has one.")
    family: str | None = Field(examples=["data"])
    level: str | None = Field(examples=["senior"])


class RolePage(BaseModel):
    """One page of a role search."""

    catalog_version: CatalogVersion
    lang: Language = Field(description="Language of the `name` fields.")
    total: int = Field(description="Roles matching the search, over all pages.", examples=[55])
    limit: int = Field(description="Page size asked for.", examples=[20])
    offset: int = Field(description="Matches skipped before this page.", examples=[0])
    items: list[RoleSummary] = Field(description="This page's roles, by id.")


class TraitScore(BaseModel):
    """One trait of a role's ideal profile, labelled."""

    trait: Trait
    label: str = Field(description="Trait label in the requested language.")
    score: float = Field(description="Ideal score, 0-100.", examples=[70])
    note: str | None = Field(description="What the trait means in this role (guide text).")


class TransitionView(BaseModel):
    """A catalog transition as seen from one role."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    source: str = Field(alias="from", examples=["mlops-engineer"])
    target: str = Field(alias="to", examples=["chief-data-officer"])
    other_name: str = Field(
        description="Display name, in the requested language, of the role at the other end."
    )
    fit: float = Field(description="Fit of the move, in (0, 1].", examples=[0.48])
    strengths: tuple[str, ...] = Field(description="Strengths that carry over.")
    develop: dict[Trait, int] = Field(description="Points to develop per trait.")
    effort: int = Field(description="Development points summed over traits.")
    origin: Origin = Field(description="`curated` (role guides) or `onet` (O*NET import).")


class RoleDetail(BaseModel):
    """A role's profile, its guide and its catalog transitions.

    Guide texts (description, notes, strengths, red flags, interview
    questions, archetypes) are in Spanish, the language of the role guides.
    ``incoming`` and ``outgoing`` hold catalog transitions only (curated or
    O*NET); the edges the route search derives from profile fit are not
    listed here, but routes may use them (their steps say ``origin: derived``).
    """

    catalog_version: CatalogVersion
    lang: Language = Field(description="Language of names and trait labels.")
    id: str = Field(examples=["mlops-engineer"])
    name: str = Field(description="Name in the requested language.", examples=["MLOps Engineer"])
    name_es: str
    name_en: str | None
    family: str | None
    level: str | None
    description: str | None
    profile: Profile = Field(description="Ideal OCEAN+ profile, trait -> score 0-100.")
    traits: list[TraitScore] = Field(description="The profile, labelled, in OCEAN+ order.")
    strengths: tuple[str, ...]
    red_flags: tuple[str, ...]
    interview_questions: tuple[InterviewQuestion, ...]
    archetypes: tuple[Archetype, ...]
    attribution: str | None = Field(description="Source credit (O*NET imports).")
    outgoing: list[TransitionView] = Field(
        description="Catalog transitions leaving this role, by target id (no derived edges)."
    )
    incoming: list[TransitionView] = Field(
        description="Catalog transitions entering this role, by source id (no derived edges)."
    )


Score = Annotated[float, Field(ge=0, le=100, strict=True, allow_inf_nan=False)]


class ProfileBody(BaseModel):
    """An ideal OCEAN+ profile: all six traits, each a number from 0 to 100."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "openness": 70,
                    "conscientiousness": 80,
                    "extraversion": 45,
                    "agreeableness": 55,
                    "emotional_stability": 74,
                    "relational_engagement": 50,
                }
            ]
        },
    )

    openness: Score
    conscientiousness: Score
    extraversion: Score
    agreeableness: Score
    emotional_stability: Score
    relational_engagement: Score

    def to_profile(self) -> Profile:
        return Profile(**self.model_dump())


class RoleBody(BaseModel):
    """A role to create or replace; the id is the one in the path.

    Validated as the catalog loaders validate a role file: every profile
    score is a number from 0 to 100 (strings and booleans are refused),
    traits are the six OCEAN+ ones and unknown keys are refused.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Ingeniero/a de Plataformas de ML",
                    "name_en": "ML Platform Engineer",
                    "family": "ml",
                    "level": "senior",
                    "description": "Construye la plataforma en la que se entrenan los modelos.",
                    "profile": {
                        "openness": 68,
                        "conscientiousness": 82,
                        "extraversion": 45,
                        "agreeableness": 57,
                        "emotional_stability": 74,
                        "relational_engagement": 55,
                    },
                    "strengths": ["Automatización de pipelines"],
                }
            ]
        },
    )

    name: ShortText = Field(description="Spanish name (the role guides' language).")
    name_en: Annotated[str, Field(max_length=2000)] | None = Field(
        None, description="English name."
    )
    family: Annotated[str, Field(max_length=80)] | None = Field(None, examples=["data"])
    level: Annotated[str, Field(max_length=80)] | None = Field(None, examples=["senior"])
    description: Annotated[str, Field(max_length=20000)] | None = None
    profile: ProfileBody
    profile_notes: dict[Trait, Annotated[str, Field(max_length=2000)]] = Field(
        default_factory=dict, description="What each trait means in this role."
    )
    strengths: Annotated[tuple[ShortText, ...], Field(max_length=100)] = ()
    red_flags: Annotated[tuple[ShortText, ...], Field(max_length=100)] = ()
    interview_questions: Annotated[tuple[InterviewQuestion, ...], Field(max_length=100)] = ()
    archetypes: Annotated[tuple[Archetype, ...], Field(max_length=100)] = ()
    attribution: Annotated[str, Field(max_length=2000)] | None = None

    def to_role(self, role_id: str) -> Role:
        data = self.model_dump(exclude={"profile"})
        return Role(id=role_id, profile=self.profile.to_profile(), **data)


Points = Annotated[int, Field(ge=0, le=100, strict=True)]


class TransitionBody(BaseModel):
    """A catalog transition to create or replace; its ends are the ones in the path.

    Both roles must exist. ``origin`` is ``curated`` or ``onet``: derived
    edges are computed by the search, never stored.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "fit": 0.72,
                    "strengths": ["Visión operacional de ML"],
                    "develop": {"extraversion": 12, "relational_engagement": 10},
                    "origin": "curated",
                }
            ]
        },
    )

    fit: float = Field(
        gt=0, le=1, strict=True, allow_inf_nan=False, description="Fit of the move, in (0, 1]."
    )
    strengths: Annotated[tuple[ShortText, ...], Field(max_length=100)] = Field(
        (), description="Strengths that carry over."
    )
    develop: dict[Trait, Points] = Field(
        default_factory=dict, description="Points to develop per trait, 0-100."
    )
    origin: Literal["curated", "onet"] = Field("curated", description="Where the edge comes from.")

    def to_transition(self, source: str, target: str) -> Transition:
        return Transition(
            source=source,
            target=target,
            fit=self.fit,
            strengths=self.strengths,
            develop=self.develop,
            origin=Origin(self.origin),
        )


class TransitionDetail(BaseModel):
    """A catalog transition after a write."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    catalog_version: CatalogVersion
    source: str = Field(alias="from", examples=["mlops-engineer"])
    target: str = Field(alias="to", examples=["chief-data-officer"])
    fit: float
    strengths: tuple[str, ...]
    develop: dict[Trait, int]
    effort: int
    origin: Origin


class Deleted(BaseModel):
    """What a delete removed."""

    catalog_version: CatalogVersion
    deleted: str = Field(
        description="The role id, or `source->target` for a transition.",
        examples=["mlops-engineer"],
    )
    transitions_removed: int = Field(
        0, description="Catalog transitions removed along with a deleted role."
    )


# --------------------------------------------------------------------------- routes

M = TypeVar("M", bound=BaseModel)

_SCALARS = (bool, int, float, type(None))


def _is_scalar(annotation: Any) -> bool:
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    members = typing.get_args(annotation) if union else (annotation,)
    return all(m in _SCALARS for m in members)


def _unique_ids(value: Any) -> Any:
    if isinstance(value, list | tuple) and len(set(map(str, value))) != len(value):
        raise ValueError("role ids must be unique")
    return value


def strict_scalars(model: type[M], name: str, nested: dict[str, Any] | None = None) -> type[M]:
    """A subclass of ``model`` whose numbers and booleans are not coerced.

    JSON ``0`` is not ``false`` and ``"4"`` is not ``4``: a body that breaks
    the published schema is refused with 422, as the catalog loaders refuse
    strings for scores. Fields added to the domain model later are picked up.
    ``nested`` replaces the types of model-typed fields (with their strict
    versions).
    """
    overrides: dict[str, Any] = {
        field: (Annotated[info.annotation, Strict(), AllowInfNan(False)], info)
        for field, info in model.model_fields.items()
        if _is_scalar(info.annotation)
    }
    for field, annotation in (nested or {}).items():
        overrides[field] = (annotation, model.model_fields[field])
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
    RouteConstraints = strict_scalars(Constraints, "RouteConstraints")
    RouteObjective = strict_scalars(Objective, "RouteObjective")
    RoutePerson = strict_scalars(
        Person,
        "RoutePerson",
        nested={"scores": strict_scalars(Profile, "AssessedProfile")},
    )


class RouteRequest(RouteQuery):
    """A route query: ends, mode, objective weights and constraints.

    Modes: ``best`` (the single best route under the objective),
    ``alternatives`` (the ``k`` best routes in order), ``pareto`` (every
    route that no other beats on both cumulative fit and effort) and
    ``shortest-gap`` (the route of least development effort).

    With a ``person``, routes are costed for that person's assessed profile
    and start at ``from`` or at ``person.current_role`` (or, with neither,
    at the person's first step into a role). The service never logs request
    bodies, so assessment scores stay out of its logs.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={"examples": [MLOPS_TO_CDO]},
    )

    source: str | None = Field(
        None,
        alias="from",
        min_length=1,
        max_length=80,
        description="Role id where the route starts; may be left out when a person is given.",
        examples=["mlops-engineer"],
    )
    target: str = Field(
        alias="to",
        min_length=1,
        max_length=80,
        description="Role id where the route ends.",
        examples=["chief-data-officer"],
    )
    mode: Mode = Field(Mode.BEST, description="Which routes to find.")
    k: int = Field(
        5,
        ge=1,
        le=MAX_ALTERNATIVES,
        strict=True,
        description="Routes wanted in `alternatives` mode.",
    )
    objective: RouteObjective = Field(
        RouteObjective(),
        description="Weights of fit against effort in `best` and `alternatives`.",
        examples=[{"fit_weight": 1.0, "effort_weight": 0.5}],
    )
    constraints: RouteConstraints = Field(
        RouteConstraints(),
        description="Limits every route must respect. Role ids in `avoid` and `via` must "
        "exist; `via` roles are visited in order.",
        examples=[
            {
                "max_steps": 4,
                "min_step_fit": 0.5,
                "avoid": ["ai-researcher"],
                "via": [],
                "max_step_effort": 30,
                "curated_only": False,
            }
        ],
    )
    person: RoutePerson | None = Field(
        None,
        description="Cost the routes for this person's assessed OCEAN+ profile (never logged).",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_or_person(cls, data: Any) -> Any:
        """Report a missing start on the ``from`` field rather than on the whole body."""
        if not isinstance(data, dict):
            return data
        start = data.get("from", data.get("source"))
        person = data.get("person")
        current = person.get("current_role") if isinstance(person, dict) else None
        if start is None and person is None:
            error = PydanticCustomError(
                "missing", "Field required: give 'from', or a person to start from"
            )
            raise ValidationError.from_exception_data(
                cls.__name__, [InitErrorDetails(type=error, loc=("from",), input=data)]
            )
        if isinstance(start, str) and isinstance(current, str) and start != current:
            error = PydanticCustomError(
                "value_error", "'from' and person.current_role name different roles"
            )
            loc: tuple[str | int, ...] = ("person", "current_role")
            raise ValidationError.from_exception_data(
                cls.__name__, [InitErrorDetails(type=error, loc=loc, input=current)]
            )
        return data


#: A real answer (MLOps Engineer to Chief Data Officer in one step, in English).
ROUTE_ANSWER_EXAMPLE: dict[str, Any] = {
    "catalog_version": 1,
    "lang": "en",
    "mode": "best",
    "routes": [
        {
            "roles": ["mlops-engineer", "chief-data-officer"],
            "steps": [
                {
                    "from": "mlops-engineer",
                    "to": "chief-data-officer",
                    "fit": 0.48,
                    "strengths": [
                        "Visión operacional de ML",
                        "Gestión de infraestructura de datos",
                    ],
                    "develop": {"extraversion": 20, "relational_engagement": 18},
                    "origin": "curated",
                }
            ],
            "totals": {
                "cumulative_fit": 0.48,
                "weakest_step": 0.48,
                "mean_step_fit": 0.48,
                "effort": 38,
                "develop": {"extraversion": 20, "relational_engagement": 18},
                "steps": 1,
                "score": 1.1139691750802005,
            },
            "explanation": "1 step: MLOps Engineer → Chief Data Officer. Cumulative fit 48%, "
            "weakest step 48%. Development: 38 points (Extraversion +20, "
            "Relational Engagement +18).",
        }
    ],
    "reason": None,
    "names": {
        "mlops-engineer": "MLOps Engineer",
        "chief-data-officer": "Chief Data Officer",
    },
}


class RouteAnswerView(BaseModel):
    """The routes a query found, best first; an empty list comes with the reason.

    Steps and totals are those of the search; the order of routes, of steps
    and of traits in ``develop`` is stable, so one query on one catalog
    version always serialises to the same bytes.
    """

    model_config = ConfigDict(json_schema_extra={"examples": [ROUTE_ANSWER_EXAMPLE]})

    catalog_version: CatalogVersion
    lang: Language = Field(description="Language of names, explanations and the reason.")
    mode: Mode
    routes: list[ExplainedRoute]
    reason: str | None = Field(
        None, description="Why no route was found (only when `routes` is empty)."
    )
    names: dict[str, str] = Field(
        description="Display name of every role the routes pass through, in route order."
    )


class ReachableRole(BaseModel):
    """One role reachable from the start, with its best route."""

    id: str = Field(description="The reachable role.", examples=["data-governance-specialist"])
    name: str = Field(description="Its name in the requested language.")
    route: ExplainedRoute


class ReachableAnswer(BaseModel):
    """Every role reachable within the step limit, in order of best-route cost."""

    catalog_version: CatalogVersion
    lang: Language
    source: str = Field(alias="from", examples=["mlops-engineer"])
    steps: int = Field(description="Most steps a route may take.")
    total: int = Field(description="Reachable roles.")
    roles: list[ReachableRole]

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


def trait_infos(lang: Language) -> list[TraitInfo]:
    """The six traits with their labels."""
    from graph.traits import TRAIT_CODES

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


_PROFILE_EXAMPLE: dict[str, float] = {
    "openness": 70,
    "conscientiousness": 80,
    "extraversion": 45,
    "agreeableness": 55,
    "emotional_stability": 74,
    "relational_engagement": 50,
}

#: Examples for component schemas whose models (domain ones, mostly) carry none;
#: added to the OpenAPI document by :func:`api.app.problem_media_types`.
SCHEMA_EXAMPLES: dict[str, dict[str, Any]] = {
    "Archetype": {
        "name": "Ejecutor",
        "description": "Asegura que los modelos de ML lleguen a producción.",
    },
    "InterviewQuestion": {
        "question": "Contame sobre una vez que un modelo degradó en producción.",
        "evaluates": "Responsabilidad y Estabilidad Emocional",
    },
    "Profile": _PROFILE_EXAMPLE,
    "AssessedProfile": {**_PROFILE_EXAMPLE, "openness": 66, "extraversion": 40},
    "Health": {"status": "ok"},
    "ExplainedRoute": ROUTE_ANSWER_EXAMPLE["routes"][0],
    "Totals": ROUTE_ANSWER_EXAMPLE["routes"][0]["totals"],
    "RouteObjective": {"fit_weight": 1.0, "effort_weight": 0.5},
    "RouteConstraints": {
        "max_steps": 4,
        "min_step_fit": 0.5,
        "avoid": ["ai-researcher"],
        "via": [],
        "max_step_effort": 30,
        "curated_only": False,
    },
    "RoutePerson": {
        "scores": {**_PROFILE_EXAMPLE, "openness": 66, "extraversion": 40},
        "current_role": "mlops-engineer",
        "tolerance": 10,
        "development_rate": 2,
        "min_months_in_role": 6,
    },
}
