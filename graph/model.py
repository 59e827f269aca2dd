"""Roles, transitions and their provenance: the catalog's records."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Literal, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph.role_match import rank_roles
from graph.traits import TRAITS, Profile, Trait

ROLE_ID_PATTERN = r"^[a-z0-9][a-z0-9.\-]{0,79}$"
_ROLE_ID_RE = re.compile(ROLE_ID_PATTERN)
M = TypeVar("M", bound=BaseModel)

RoleId = Annotated[str, Field(pattern=ROLE_ID_PATTERN, examples=["mlops-engineer"])]
ShortText = Annotated[str, Field(min_length=1, max_length=2000)]


def slugify(text: str) -> str:
    """Stable role id from an English name.

    >>> slugify("MLOps Engineer")
    'mlops-engineer'
    >>> slugify("Chief Data Officer (CDO)")
    'chief-data-officer-cdo'
    >>> slugify("Ingeniería de Datos")
    'ingenieria-de-datos'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def is_role_id(text: str) -> bool:
    """Whether ``text`` is a well-formed role id.

    The whole text must match: ``$`` alone would also accept a final newline.

    >>> is_role_id("mlops-engineer"), is_role_id("mlops-engineer\\n")
    (True, False)
    """
    return _ROLE_ID_RE.fullmatch(text) is not None


#: Role ids of O*NET occupations: ``onet-`` and the O*NET-SOC code with '-' for '.'.
_ONET_ID_RE = re.compile(r"^onet-(\d{2})-(\d{4})-(\d{2})$")


def soc_code(role_id: str) -> str | None:
    """The O*NET-SOC code a role id was made from (``loaders.onet.onet_role_id``), if any.

    >>> soc_code("onet-15-2041-00"), soc_code("mlops-engineer")
    ('15-2041.00', None)
    """
    match = _ONET_ID_RE.fullmatch(role_id)
    return f"{match[1]}-{match[2]}.{match[3]}" if match else None


def soc_minor_group(role_id: str) -> str | None:
    """The SOC minor group of an O*NET role id (e.g. ``15-2000``), ``None`` for other ids.

    SOC codes are hierarchical: major group ``15-0000``, minor group ``15-2000``,
    broad occupation ``15-2040``, detailed occupation ``15-2041``.

    >>> soc_minor_group("onet-15-2041-00"), soc_minor_group("onet-15-2051-01")
    ('15-2000', '15-2000')
    >>> soc_minor_group("data-analyst") is None
    True
    """
    code = soc_code(role_id)
    return None if code is None else f"{code[:4]}000"


class Origin(StrEnum):
    """Where a transition comes from."""

    CURATED = "curated"
    DERIVED = "derived"
    ONET = "onet"


class InterviewQuestion(BaseModel):
    """An interview question and what it evaluates."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    question: ShortText
    evaluates: str | None = None


class Archetype(BaseModel):
    """A personality pattern frequent in a role."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: ShortText
    description: str | None = None


class GuideText(BaseModel):
    """A role guide's texts in one language.

    A role's own fields hold the Spanish guide (the catalog's first language);
    :attr:`Role.en` holds the English one, when the catalog has it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str | None = None
    profile_notes: dict[Trait, str] = Field(default_factory=dict)
    strengths: tuple[ShortText, ...] = ()
    red_flags: tuple[ShortText, ...] = ()
    interview_questions: tuple[InterviewQuestion, ...] = ()
    archetypes: tuple[Archetype, ...] = ()


class Role(BaseModel):
    """A role: a node of the career graph with its ideal OCEAN+ profile."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: RoleId
    name: ShortText
    name_en: str | None = None
    family: str | None = None
    level: str | None = None
    job_zone: int | None = Field(
        None, ge=1, le=5, description="O*NET Job Zone (1-5): the preparation the role needs."
    )
    description: str | None = None
    profile: Profile
    profile_notes: dict[Trait, str] = Field(default_factory=dict)
    strengths: tuple[ShortText, ...] = ()
    red_flags: tuple[ShortText, ...] = ()
    interview_questions: tuple[InterviewQuestion, ...] = ()
    archetypes: tuple[Archetype, ...] = ()
    attribution: str | None = None
    en: GuideText | None = Field(None, description="The guide's texts in English, if written.")
    imputed_from: tuple[RoleId, ...] = Field(
        (),
        description=(
            "Roles whose profiles this role's profile was imputed from (an occupation without "
            "its own ratings); empty when the profile is the role's own."
        ),
    )

    @property
    def imputed(self) -> bool:
        """Whether the profile is imputed from other roles rather than rated for this one."""
        return bool(self.imputed_from)

    @field_validator("en")
    @classmethod
    def _no_empty_guide(cls, value: GuideText | None) -> GuideText | None:
        """An English guide with no text is no English guide (as files write it)."""
        return None if value == GuideText() else value

    @model_validator(mode="after")
    def _distinct_other_sources(self) -> Role:
        """An imputed profile comes from other roles, each counted once."""
        if self.id in self.imputed_from:
            raise ValueError("imputed_from names the role itself")
        if len(set(self.imputed_from)) != len(self.imputed_from):
            raise ValueError("imputed_from lists a role twice")
        return self

    def guide_language(self, lang: str = "es") -> Literal["es", "en"]:
        """The language :meth:`guide` answers ``lang`` with.

        The English guide when asked for English and written; otherwise the
        role's own (Spanish) texts, unless it has none and an English guide
        exists, as for an O*NET occupation whose only text is O*NET's English.

        >>> from graph.traits import Profile
        >>> english_only = Role(id="a", name="A", profile=Profile.from_scores([50] * 6),
        ...                     en=GuideText(description="Plans budgets."))
        >>> english_only.guide_language("es"), english_only.guide("es").description
        ('en', 'Plans budgets.')
        """
        if self.en is not None and (lang == "en" or self.spanish_guide() == GuideText()):
            return "en"
        return "es"

    def guide(self, lang: str = "es") -> GuideText:
        """The guide's texts in ``lang`` where written, else in the other language.

        A language's guide is taken whole: fields missing from the English
        guide are empty in English rather than filled with Spanish text.

        >>> from graph.traits import Profile
        >>> role = Role(id="a", name="A", profile=Profile.from_scores([50] * 6),
        ...             strengths=("Rigor",), en=GuideText(strengths=("Rigour",)))
        >>> role.guide("en").strengths, role.guide("es").strengths
        (('Rigour',), ('Rigor',))
        """
        if self.en is not None and self.guide_language(lang) == "en":
            return self.en
        return self.spanish_guide()

    def spanish_guide(self) -> GuideText:
        """The role's own guide texts, in Spanish (empty fields when it has none)."""
        return GuideText(
            description=self.description,
            profile_notes=self.profile_notes,
            strengths=self.strengths,
            red_flags=self.red_flags,
            interview_questions=self.interview_questions,
            archetypes=self.archetypes,
        )

    def display_name(self, lang: str = "es") -> str:
        """Name in the requested language, falling back to the Spanish one."""
        if lang == "en" and self.name_en:
            return self.name_en
        return self.name


Development = dict[Trait, int]


class Transition(BaseModel):
    """A directed move between two roles."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: RoleId
    target: RoleId
    fit: float = Field(gt=0, le=1, strict=True)
    strengths: tuple[ShortText, ...] = ()
    develop: dict[Trait, Annotated[int, Field(ge=0, le=100, strict=True)]] = Field(
        default_factory=dict
    )
    origin: Origin = Origin.CURATED

    @field_validator("develop")
    @classmethod
    def _drop_zero_points(cls, value: dict[Trait, int]) -> dict[Trait, int]:
        """Zero points dropped, the rest in OCEAN+ order (as every view shows them)."""
        return {t: value[t] for t in TRAITS if value.get(t, 0) > 0}

    @property
    def key(self) -> tuple[str, str]:
        """The (source, target) pair that identifies the transition."""
        return (self.source, self.target)

    @property
    def effort(self) -> int:
        """Development points this step asks for, summed over traits."""
        return sum(self.develop.values())


class DerivedEdge(NamedTuple):
    """A derived transition held compactly; :meth:`transition` makes the record.

    A served catalog's graph holds its derived edges so (:func:`graph.network.role_graph`):
    a :class:`Transition` costs about ten times the memory.

    >>> edge = DerivedEdge("a", "b", 0.64, (0, 5, 0, 0, 0, 2))
    >>> edge.transition().develop, edge.transition().origin.value
    ({<Trait.CONSCIENTIOUSNESS: 'conscientiousness'>: 5, \
<Trait.RELATIONAL_ENGAGEMENT: 'relational_engagement'>: 2}, 'derived')
    """

    source: str
    target: str
    fit: float
    #: Development points per trait, in OCEAN+ order (0 for none).
    points: tuple[int, ...]

    def transition(self) -> Transition:
        """The derived :class:`Transition` this record stands for."""
        develop = {t: p for t, p in zip(TRAITS, self.points, strict=True) if p}
        return Transition(
            source=self.source,
            target=self.target,
            fit=self.fit,
            develop=develop,
            origin=Origin.DERIVED,
        )


class SharedParts:
    """Equal immutable parts of many records, held once: the memory of a large catalog.

    Pydantic gives every record its own set of the fields it was given (216 to 728
    bytes); a catalog of 100k roles repeats the same few sets 200k times (each role and
    its profile). :meth:`share` makes a record use the first equal set seen instead. The
    record's values do not change (neither does equality, hashing or serialisation); the
    sets are never modified after validation (models are frozen, copies copy them).
    (Transitions are held as columns: see :mod:`graph.transitions`.)

    >>> from graph.traits import Profile
    >>> a = Role(id="a", name="A", profile=Profile.from_scores([50] * 6))
    >>> b = Role(id="b", name="B", profile=Profile.from_scores([60] * 6))
    >>> parts = SharedParts()
    >>> parts.share(a) is a
    True
    >>> parts.share(b).model_fields_set is a.model_fields_set
    True
    """

    def __init__(self) -> None:
        self._fields: dict[frozenset[str], set[str]] = {}
        self._last_fields: set[str] | None = None

    def share(self, record: M) -> M:
        """``record``, its parts now the shared ones; returned for chaining."""
        self._share_fields_set(record)
        if isinstance(record, Role):
            self._share_fields_set(record.profile)
        return record

    def _share_fields_set(self, record: BaseModel) -> None:
        given = record.__pydantic_fields_set__
        shared = self._last_fields
        if given is shared:
            return
        if given != shared:  # most records of a catalog were given the same fields
            shared = self._last_fields = self._fields.setdefault(frozenset(given), given)
            if shared is given:
                return
        object.__setattr__(record, "__pydantic_fields_set__", shared)


def suggest_role_ids(text: str, roles: Iterable[Role], limit: int = 3) -> tuple[str, ...]:
    """Role ids close to ``text``, best first, by the role search's matcher
    (:func:`graph.role_match.rank_roles`: words, abbreviations, typos).

    >>> from graph.traits import Profile
    >>> p = Profile.from_scores([50] * 6)
    >>> roles = [Role(id="mlops-engineer", name="MLOps Engineer", profile=p),
    ...          Role(id="data-engineer", name="Ingeniero/a de Datos", profile=p)]
    >>> suggest_role_ids("mlops", roles)
    ('mlops-engineer',)
    >>> suggest_role_ids("ingeniera-de-datos", roles)
    ('data-engineer',)
    >>> suggest_role_ids("data-enginer", roles)
    ('data-engineer',)
    """
    return tuple(match.role.id for match in rank_roles(text, roles)[:limit])


class DevelopmentAction(BaseModel):
    """A concrete action that develops one trait, in Spanish and English."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "trait": "extraversion",
                    "es": "Presentar el trabajo del equipo en una demo abierta",
                    "en": "Present the team's work in an open demo",
                }
            ]
        },
    )

    trait: Trait
    es: ShortText
    en: ShortText

    def text(self, lang: str = "es") -> str:
        """The action in the requested language."""
        return self.en if lang == "en" else self.es
