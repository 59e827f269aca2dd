"""How well a person fits every role today."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from graph.fit import fit_of_scores, points_to_reach
from graph.model import Role
from graph.personal.person import Person
from graph.traits import TRAITS, Trait


class RoleFit(BaseModel):
    """A person's fit to one role, with their strongest traits and biggest gaps for it."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="The role's id.")
    fit: float = Field(description="Profile fit of the person to the role, in (0, 1].")
    strengths: dict[Trait, float] = Field(
        description="Traits where the person reaches the role's ideal: points above it."
    )
    gaps: dict[Trait, int] = Field(
        description="Traits below the ideal minus the tolerance: points to develop."
    )


def fit_now(person: Person, roles: Iterable[Role], top: int = 2) -> list[RoleFit]:
    """Every role ranked by the person's fit to it (ties by role id).

    Strengths are the ``top`` traits where the person exceeds the ideal the
    most; gaps are the ``top`` traits needing the most development.

    Examples
    --------
    >>> from graph.traits import Profile
    >>> me = Person(scores=Profile.from_scores([70, 60, 40, 50, 60, 50]))
    >>> roles = [Role(id="x", name="X", profile=Profile.from_scores([60, 60, 60, 50, 60, 50]))]
    >>> r = fit_now(me, roles)[0]
    >>> r.fit, {t.value: p for t, p in r.strengths.items()}, {t.value: p for t, p in r.gaps.items()}
    (0.75, {'openness': 10.0, 'conscientiousness': 0.0}, {'extraversion': 10})
    """
    mine = person.scores.scores()
    ranked = []
    for role in roles:
        ideal = role.profile.scores()
        above = sorted(
            ((m - i, n) for n, (m, i) in enumerate(zip(mine, ideal, strict=True)) if m >= i),
            key=lambda x: (-x[0], x[1]),
        )
        short = sorted(
            (
                (points_to_reach(m, i - person.tolerance), n)
                for n, (m, i) in enumerate(zip(mine, ideal, strict=True))
            ),
            key=lambda x: (-x[0], x[1]),
        )
        ranked.append(
            RoleFit(
                id=role.id,
                fit=fit_of_scores(mine, ideal),
                strengths={TRAITS[n]: d for d, n in above[:top]},
                gaps={TRAITS[n]: p for p, n in short[:top] if p > 0},
            )
        )
    ranked.sort(key=lambda r: (-r.fit, r.id))
    return ranked
