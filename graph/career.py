"""A catalog's career rules: its seniority scale, time in role, and which moves are plausible.

Every catalog has one :class:`CareerRules` (``catalog.yaml`` in a catalog folder; the
defaults below otherwise). The route search reads them from the graph it is given
(:func:`graph.network.role_graph` puts them there):

- the **level scale** orders the catalog's ``level`` names into ranks, so that every move
  has a level change;
- **time in role** is the typical number of months spent at a level before the next move;
  a step takes ``max(time in role, time to develop its traits)``;
- the **development rate** is how many points one trait grows per month (traits grow in
  parallel);
- **credentials** name the licences or degrees some roles require and that experience
  in other roles does not give (a physician's licence, a lawyer's bar admission); each
  credential lists the role-id prefixes of the roles that require it. A route may not pass
  through a role whose credential neither of its ends holds, unless the query allows it;
- **derived moves** (edges computed from profiles where no catalog edge exists) are only
  made between plausible roles: the same family or families the catalog declares
  adjacent, a level change within ``[derived.min_level_change, derived.max_level_change]``,
  and a fit discounted by a "no link" prior so that a catalog edge beats a derived edge of
  similar profile fit.

Sources of the defaults are in ``docs/model.md`` ("Seniority and time").

>>> rules = CareerRules()
>>> rules.levels.rank("senior"), rules.levels.rank("manager"), rules.levels.rank("lead")
(2, 3, 3)
>>> rules.levels.rank("astronaut") is None
True
>>> rules.months_in_role("senior"), rules.months_in_role(None)
(47.0, 47.0)
>>> licensed = CareerRules(credentials={"medical licence": ("onet-29-1",)})
>>> licensed.credential_of("onet-29-1216-00"), licensed.credential_of("onet-15-2041-00")
('medical licence', None)
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field, model_validator

Label = str


class LevelScale(BaseModel):
    """Seniority levels from lowest to highest; names on one rank are the same level.

    >>> scale = LevelScale(ranks=(("junior",), ("mid",), ("lead", "manager")))
    >>> scale.change("junior", "manager"), scale.change("manager", "mid"), scale.change("x", "mid")
    (2, -1, None)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    ranks: tuple[tuple[Label, ...], ...] = Field(
        min_length=1, description="Level names by rank, lowest first; one rank may have several."
    )

    @model_validator(mode="after")
    def _names_once(self) -> LevelScale:
        names = [name for rank in self.ranks for name in rank]
        if any(not rank for rank in self.ranks):
            raise ValueError("every rank needs at least one level name")
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"level names on more than one rank: {', '.join(repeated)}")
        return self

    def rank(self, level: str | None) -> int | None:
        """The rank of a level name (0 is the lowest); ``None`` for a name not on the scale."""
        if level is None:
            return None
        for index, names in enumerate(self.ranks):
            if level in names:
                return index
        return None

    def change(self, source: str | None, target: str | None) -> int | None:
        """Ranks gained by moving between two levels; ``None`` if either is not on the scale."""
        a, b = self.rank(source), self.rank(target)
        return None if a is None or b is None else b - a

    def names(self) -> tuple[Label, ...]:
        """Every level name, lowest rank first."""
        return tuple(name for rank in self.ranks for name in rank)


class DerivedRules(BaseModel):
    """Which derived moves a catalog gets (edges computed from profiles)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    enabled: bool = Field(True, description="Whether derived moves are made at all.")
    threshold: float = Field(
        0.75, gt=0, le=1, description="Least profile fit (before the prior) of a derived move."
    )
    per_role: int = Field(4, ge=1, le=50, description="Most derived moves leaving one role.")
    no_link_prior: float = Field(
        0.85,
        gt=0,
        le=1,
        description="Factor on a derived move's fit: no catalog evidence links the two roles.",
    )
    min_level_change: int = Field(0, description="Lowest level change of a derived move.")
    max_level_change: int = Field(1, description="Highest level change of a derived move.")
    same_family_only: bool = Field(
        True, description="Only within a family or between families declared adjacent."
    )
    same_soc_minor_group: bool = Field(
        False, description="O*NET: only between occupations of the same SOC minor group."
    )
    max_job_zone_change: int | None = Field(
        None, ge=0, le=4, description="O*NET: most Job Zones a derived move may cross."
    )

    @model_validator(mode="after")
    def _level_window(self) -> DerivedRules:
        if self.min_level_change > self.max_level_change:
            raise ValueError("min_level_change is above max_level_change")
        return self


#: The bundled catalog's scale: junior < mid < senior < lead/manager < director < executive.
DEFAULT_LEVELS = LevelScale(
    ranks=(("junior",), ("mid",), ("senior",), ("lead", "manager"), ("director",), ("executive",))
)

#: Months at a level before the next move (docs/model.md gives the sources).
DEFAULT_MONTHS_IN_ROLE: dict[Label, float] = {
    "junior": 32.0,
    "mid": 32.0,
    "senior": 47.0,
    "lead": 47.0,
    "manager": 47.0,
    "director": 60.0,
    "executive": 60.0,
}
#: Months in a role whose level is not on the scale (the all-ages median tenure).
DEFAULT_UNKNOWN_LEVEL_MONTHS = 47.0
#: Points one trait grows per month: d = 0.37 over 24 weeks (Roberts et al., 2017), with
#: one standard deviation taken as 15 points of the 0-100 scale.
DEFAULT_DEVELOPMENT_RATE = 1.0


class CareerRules(BaseModel):
    """A catalog's seniority scale, time in role, development rate and derived-move rules."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    levels: LevelScale = DEFAULT_LEVELS
    months_by_level: dict[Label, float] = Field(
        default_factory=lambda: dict(DEFAULT_MONTHS_IN_ROLE),
        description="Typical months at each level before the next move.",
    )
    unknown_level_months: float = Field(
        DEFAULT_UNKNOWN_LEVEL_MONTHS,
        ge=0,
        le=240,
        description="Months in a role whose level is not on the scale.",
    )
    development_rate: float = Field(
        DEFAULT_DEVELOPMENT_RATE,
        ge=0.01,
        le=50,
        description="Points one trait grows per month; traits grow in parallel.",
    )
    adjacent_families: tuple[tuple[Label, Label], ...] = Field(
        (), description="Pairs of families between which derived moves are plausible."
    )
    derived: DerivedRules = DerivedRules()
    credentials: dict[Label, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Credential name -> role-id prefixes of the roles that require it "
        "(a licence or degree that experience in other roles does not give).",
    )

    @model_validator(mode="after")
    def _credentials_named(self) -> CareerRules:
        for name, prefixes in self.credentials.items():
            if not name.strip():
                raise ValueError("a credential needs a name")
            if not prefixes:
                raise ValueError(f"credential {name!r} lists no role-id prefixes")
            if any(not prefix for prefix in prefixes):
                raise ValueError(f"credential {name!r} has an empty role-id prefix")
        listed = [prefix for prefixes in self.credentials.values() for prefix in prefixes]
        repeated = sorted({p for p in listed if listed.count(p) > 1})
        if repeated:
            raise ValueError(f"role-id prefixes listed more than once: {', '.join(repeated)}")
        return self

    @model_validator(mode="after")
    def _months_for_known_levels(self) -> CareerRules:
        unknown = sorted(set(self.months_by_level) - set(self.levels.names()))
        if unknown:
            raise ValueError(f"months_by_level names levels not on the scale: {', '.join(unknown)}")
        if any(not 0 <= m <= 240 for m in self.months_by_level.values()):
            raise ValueError("months_by_level values must be between 0 and 240")
        return self

    def months_in_role(self, level: str | None) -> float:
        """Typical months at ``level`` before the next move."""
        if level is not None and level in self.months_by_level:
            return self.months_by_level[level]
        return self.unknown_level_months

    def adjacent(self, a: str | None, b: str | None) -> bool:
        """Whether derived moves may join families ``a`` and ``b`` (the same one included)."""
        if a is None or b is None:
            return False
        return a == b or (a, b) in self._adjacent_pairs() or (b, a) in self._adjacent_pairs()

    def _adjacent_pairs(self) -> frozenset[tuple[Label, Label]]:
        return frozenset(self.adjacent_families)

    def credential_of(self, role_id: str) -> Label | None:
        """The credential a role requires: the one whose prefix of ``role_id`` is longest.

        ``None`` when no prefix matches (no credential, or none known). A prefix is
        listed once, so the longest match is one credential.

        >>> rules = CareerRules(credentials={"licence": ("onet-29",), "surgeon": ("onet-29-12",)})
        >>> [rules.credential_of(r) for r in ("onet-29-1141-00", "onet-29-1241-00", "x")]
        ['licence', 'surgeon', None]
        """
        best: tuple[int, Label] | None = None
        for name, prefixes in self.credentials.items():
            for prefix in prefixes:
                if role_id.startswith(prefix) and (best is None or len(prefix) > best[0]):
                    best = (len(prefix), name)
        return None if best is None else best[1]


def development_months(develop: Iterable[int], rate: float) -> float:
    """Months to develop these points at ``rate`` per trait per month, traits in parallel.

    >>> development_months([20, 18], 1.0), development_months([], 1.0)
    (20.0, 0.0)
    """
    return max(develop, default=0) / rate
