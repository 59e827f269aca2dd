"""Derived transitions: the best profile fits between plausible roles with no catalog edge.

For every role, :func:`derived_transitions` picks the ``per_role`` best other roles by
profile fit (:func:`graph.fit.fit_of_scores`, ties by target id) that no catalog edge
already joins, whose fit reaches the threshold, and that the catalog's
:class:`~graph.career.DerivedRules` allow (level change, family or adjacent family, SOC
minor group, Job Zone). Two methods give the same edges:

- :func:`derived_transitions` groups the roles into *cells* of equal rule keys (family,
  level rank, SOC minor group, Job Zone, as far as the rules use them). Every role of a
  cell may move to the same *pool* of cells, so a role is compared only with its pool:
  wholesale (numpy) where the pool is small, through a k-d tree in L1 (``p=1``) where it
  is large. The fit is an asymmetric L1 distance: ``d = shortfall + 0.5 * excess``, so
  ``0.5 * L1 <= d <= L1``, and every role within fit ``f`` of a source lies within L1
  ``2 * (1 - f) * 100`` of it. The tree first finds each source's nearest roles (at
  least 64); the ``per_role``-th best fit among them bounds the radius of a ball that
  holds every role that can still make the top (the threshold bounds it too). Where the
  ball lies within those nearest roles they are the candidates; otherwise the tree
  fetches the ball.
- :func:`quadratic_derived_transitions` compares every pair, in blocks of sources: the
  reference the first is checked against (``tests/unit/graph/test_derived_indexed.py``,
  ``python -m bench.derived_edges``).

Both only *shortlist* candidates with vectorised, unrounded fits and generous margins;
the edges are chosen by :func:`graph.fit.fit_of_scores` (rounded to whole percent) on the
shortlist, so the two agree exactly, ties included.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TypeVar

import numpy as np
from scipy.spatial import cKDTree

from graph.career import CareerRules
from graph.fit import EXCESS_WEIGHT, GAP_SCALE, MIN_FIT, fit_of_scores, points_to_reach
from graph.model import DerivedEdge, Role, Transition, soc_minor_group
from graph.traits import TRAITS

S = TypeVar("S", float, tuple[int, ...])

#: Pools of at most this many roles are compared wholesale; larger ones through a k-d tree.
DENSE_POOL = 3000
#: Source-target pairs compared at once (bounds the temporary arrays).
_PAIR_BUDGET = 1 << 20
#: Slack for the vectorised shortlist, in fit units: wider than any rounding to whole
#: percent (0.005) plus float error.
_ROUNDING_MARGIN = 0.006
#: A shortlist of more than this many candidates per kept edge is cut at the k-th best fit.
_SHORTLIST_FACTOR = 4
#: Nearest roles fetched per source from the k-d tree (at least): enough, on catalogs
#: with families, to hold the ball of every role that can make a source's top.
_NEAREST = 64
#: A profile's six scores in OCEAN+ order (:meth:`graph.traits.Profile.scores`, faster).
_scores_of = attrgetter(*(t.value for t in TRAITS))


def derived_fit(profile_fit: float, no_link_prior: float) -> float:
    """The fit of a derived move: its profile fit discounted by the "no link" prior.

    Rounded to whole percent like every fit; at least 0.01 (a fit is never 0).

    >>> derived_fit(0.92, 0.85), derived_fit(0.75, 0.85), derived_fit(0.01, 0.1)
    (0.78, 0.64, 0.01)
    """
    return max(MIN_FIT, round(profile_fit * no_link_prior, 2))


#: Bumped whenever a change here could derive other edges from the same catalog: derived
#: edges saved with a catalog (a projection file) by an older version are then not used.
METHOD_VERSION = 1


def derived_transitions(
    roles: Sequence[Role],
    joined: Iterable[tuple[str, str]],
    rules: CareerRules,
    threshold: float | None = None,
    per_role: int | None = None,
    *,
    dense_pool: int = DENSE_POOL,
) -> list[Transition]:
    """Derived edges among ``roles`` (in id order), by cells and pools (see the module).

    Parameters
    ----------
    roles
        Every role of the catalog, by id.
    joined
        The (source, target) ids of the catalog's own transitions: never derived.
    rules
        The catalog's career rules; ``rules.derived`` says which moves are derived.
    threshold, per_role
        Override ``rules.derived.threshold`` and ``rules.derived.per_role``.
    dense_pool
        Pools up to this many roles are compared wholesale, larger ones through a
        k-d tree (the answer is the same; a test sets it to 0 to check the tree).

    Returns
    -------
    list[Transition]
        By source id, then best fit first (ties by target id).

    >>> from graph.traits import Profile
    >>> def role(i, *scores):
    ...     return Role(id=i, name=i, family="f", level="mid", profile=Profile.from_scores(scores))
    >>> roles = [role("a", 50, 50, 50, 50, 50, 50), role("b", 50, 50, 50, 50, 50, 60),
    ...          role("c", 90, 90, 90, 90, 90, 90)]
    >>> [(t.source, t.target, t.fit) for t in derived_transitions(roles, [], CareerRules())]
    [('a', 'b', 0.77), ('b', 'a', 0.81)]
    """
    job = _Job.of(roles, joined, rules, threshold, per_role)
    return [edge.transition() for edge in _indexed_edges(job, roles, rules, dense_pool)]


def derived_edges(
    roles: Sequence[Role], joined: Iterable[tuple[str, str]], rules: CareerRules
) -> list[DerivedEdge]:
    """:func:`derived_transitions` under the rules' settings, as compact records.

    What a served catalog's graph holds (:func:`graph.network.role_graph`): a record
    costs about a tenth of a :class:`~graph.model.Transition`, made from it on demand.
    """
    job = _Job.of(roles, joined, rules, None, None)
    return _indexed_edges(job, roles, rules, DENSE_POOL)


def _indexed_edges(
    job: _Job | None, roles: Sequence[Role], rules: CareerRules, dense_pool: int
) -> list[DerivedEdge]:
    if job is None:
        return []
    shortlists: dict[int, np.ndarray] = {}
    for sources, pool in _Cells(roles, rules).blocks():
        found = job.dense(sources, pool) if len(pool) <= dense_pool else job.indexed(sources, pool)
        shortlists.update(found)
    return [edge for i in sorted(shortlists) for edge in job.edges(i, shortlists[i])]


def quadratic_derived_transitions(
    roles: Sequence[Role],
    joined: Iterable[tuple[str, str]],
    rules: CareerRules,
    threshold: float | None = None,
    per_role: int | None = None,
) -> list[Transition]:
    """:func:`derived_transitions` by comparing every pair of roles: the reference.

    O(n²) in time (in blocks of sources, so not in memory); kept to check the
    indexed method against.
    """
    job = _Job.of(roles, joined, rules, threshold, per_role)
    if job is None:
        return []
    allowed = _Allowed(roles, rules)
    everyone = np.arange(len(roles))
    edges: list[Transition] = []
    for sources in _chunks(everyone, len(roles)):
        shortlists = job.dense(sources, everyone, allowed.block(sources))
        edges += [e.transition() for i in sorted(shortlists) for e in job.edges(i, shortlists[i])]
    return edges


# --------------------------------------------------------------------------- the shortlist


@dataclass
class _Job:
    """One computation's roles, scores, catalog edges and settings."""

    roles: Sequence[Role]
    scores: np.ndarray
    score_tuples: list[tuple[float, ...]]
    joined: dict[int, np.ndarray]
    threshold: float
    per_role: int
    no_link_prior: float
    #: The most catalog edges leaving one role.
    most_joined: int
    #: One object per distinct fit and development (many edges share them).
    shared: dict[object, object] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        roles: Sequence[Role],
        joined: Iterable[tuple[str, str]],
        rules: CareerRules,
        threshold: float | None,
        per_role: int | None,
    ) -> _Job | None:
        """The job, or ``None`` when the rules derive nothing."""
        derived = rules.derived
        if not derived.enabled:
            return None
        position = {r.id: i for i, r in enumerate(roles)}
        targets: dict[int, list[int]] = {}
        for source_id, target_id in joined:
            targets.setdefault(position[source_id], []).append(position[target_id])
        score_tuples: list[tuple[float, ...]] = [_scores_of(r.profile) for r in roles]
        return cls(
            roles=roles,
            scores=np.array(score_tuples, dtype=np.float64).reshape(len(roles), -1),
            score_tuples=score_tuples,
            joined={i: np.array(sorted(js), dtype=np.intp) for i, js in targets.items()},
            threshold=derived.threshold if threshold is None else threshold,
            per_role=derived.per_role if per_role is None else per_role,
            no_link_prior=derived.no_link_prior,
            most_joined=max((len(js) for js in targets.values()), default=0),
        )

    def approximate_fits(self, sources: np.ndarray, targets: np.ndarray) -> np.ndarray:
        """Unrounded fits (floored like the exact fit) of each source to ``targets``.

        ``targets``: positions, one row for every source or one row shared by all.
        """
        targets = targets if targets.ndim == 2 else targets[None, :]
        gap = self.scores[targets] - self.scores[sources][:, None, :]
        shortfall = np.clip(gap, 0, None).sum(-1)
        excess = np.clip(-gap, 0, None).sum(-1)
        fits: np.ndarray = np.maximum(
            1.0 - (shortfall + EXCESS_WEIGHT * excess) / GAP_SCALE, MIN_FIT
        )
        return fits

    def dense(
        self, sources: np.ndarray, pool: np.ndarray, allowed: np.ndarray | None = None
    ) -> dict[int, np.ndarray]:
        """Shortlists of ``sources`` among every role of ``pool`` (``allowed``: pair mask)."""
        found: dict[int, np.ndarray] = {}
        width = len(pool) * (2 + self.most_joined)
        for start, chunk in _offset_chunks(sources, width):
            fits = self.approximate_fits(chunk, pool)
            if allowed is not None:
                fits[~allowed[start : start + len(chunk)]] = -np.inf
            self._exclude(fits, chunk, pool)
            found.update(self._shortlists(chunk, pool, fits))
        return found

    def indexed(self, sources: np.ndarray, pool: np.ndarray) -> dict[int, np.ndarray]:
        """Shortlists of ``sources`` in a large ``pool``, through a k-d tree in L1.

        Each source's nearest roles bound the radius of the ball that holds its top
        (:meth:`_radii`); where the ball lies within those nearest roles, they are its
        candidates; otherwise the ball is fetched from the tree.
        """
        tree = cKDTree(self.scores[pool])
        found: dict[int, np.ndarray] = {}
        k = min(len(pool), max(_NEAREST, 2 * self.per_role + 1 + self.most_joined))
        for _, chunk in _offset_chunks(sources, k * (2 + self.most_joined)):
            distances, positions = tree.query(self.scores[chunk], k=k, p=1.0)
            nearest = pool[np.asarray(positions, dtype=np.intp).reshape(len(chunk), k)]
            fits = self.approximate_fits(chunk, nearest)
            self._exclude(fits, chunk, nearest)
            radii = self._radii(fits)
            held = radii < np.asarray(distances).reshape(len(chunk), k)[:, -1]
            if k == len(pool):
                held[:] = True
            found.update(self._shortlists(chunk[held], nearest[held], fits[held]))
            for source, radius in zip(chunk[~held].tolist(), radii[~held].tolist(), strict=True):
                if np.isinf(radius):
                    near = pool
                else:
                    ball = tree.query_ball_point(self.scores[source], radius, p=1.0)
                    near = pool[np.sort(np.asarray(ball, dtype=np.intp))]
                one = np.array([source])
                fits = self.approximate_fits(one, near)
                self._exclude(fits, one, near)
                found.update(self._shortlists(one, near, fits))
        return found

    def _radii(self, fits: np.ndarray) -> np.ndarray:
        """Per source, an L1 radius within which every role that can make its top lies.

        ``fits``: of some roles of the pool, rows by source, the source itself and its
        catalog edges ruled out. Their ``per_role``-th best bounds the source's from below;
        a role below that by more than the rounding slack cannot be chosen, nor one below
        the threshold. ``inf``: no bound (fits near the floor of 0.01, where all tie).
        """
        least_fit = np.maximum(
            _kth_best(fits, self.per_role) - 2 * _ROUNDING_MARGIN,
            self.threshold - _ROUNDING_MARGIN,
        )
        # fit >= f means d <= (1 - f) * GAP_SCALE, and L1 <= d / EXCESS_WEIGHT.
        radii: np.ndarray = (1.0 - least_fit) * GAP_SCALE / EXCESS_WEIGHT * (1 + 1e-9) + 1e-9
        radii[least_fit <= MIN_FIT + 2 * _ROUNDING_MARGIN] = np.inf
        return radii

    def _exclude(self, fits: np.ndarray, chunk: np.ndarray, targets: np.ndarray) -> None:
        """Rule out each source itself and its catalog edges.

        ``targets``: the columns of ``fits``, one row per source or one row shared by all.
        """
        width = 1 + max((len(self.joined.get(i, ())) for i in chunk.tolist()), default=0)
        ruled_out = np.full((len(chunk), width), -1, dtype=np.intp)
        ruled_out[:, 0] = chunk
        for row, source in enumerate(chunk.tolist()):
            joined = self.joined.get(source)
            if joined is not None:
                ruled_out[row, 1 : 1 + len(joined)] = joined
        columns = targets if targets.ndim == 2 else targets[None, :]
        fits[(columns[:, :, None] == ruled_out[:, None, :]).any(-1)] = -np.inf

    def _shortlists(
        self, chunk: np.ndarray, targets: np.ndarray, fits: np.ndarray
    ) -> Iterator[tuple[int, np.ndarray]]:
        """Per source, the roles whose exact fit may put them in its top ``per_role``.

        ``targets``: the columns of ``fits``, one row per source or one row shared by all;
        they must hold every role of the pool whose fit may reach the top.
        """
        least = np.full(len(chunk), self.threshold - _ROUNDING_MARGIN)
        if fits.shape[1] > _SHORTLIST_FACTOR * self.per_role:
            least = np.maximum(least, _kth_best(fits, self.per_role) - 2 * _ROUNDING_MARGIN)
        rows, columns = np.nonzero(fits >= least[:, None])
        picked = targets[rows, columns] if targets.ndim == 2 else targets[columns]
        splits = np.searchsorted(rows, np.arange(1, len(chunk)))
        for source, group in zip(chunk.tolist(), np.split(picked, splits), strict=True):
            if len(group):
                yield source, group

    def edges(self, i: int, candidates: np.ndarray) -> list[DerivedEdge]:
        """Derived edges from role ``i`` to its best candidates, by exact (rounded) fit."""
        source = self.score_tuples[i]
        ranked = []
        for j in candidates.tolist():
            fit = fit_of_scores(source, self.score_tuples[j])
            if fit >= self.threshold:
                ranked.append((-fit, self.roles[j].id, j))
        ranked.sort()
        start = self.roles[i]
        return [
            DerivedEdge(
                start.id,
                target_id,
                self._shared(derived_fit(-neg_fit, self.no_link_prior)),
                self._shared(_points(source, self.score_tuples[j])),
            )
            for neg_fit, target_id, j in ranked[: self.per_role]
        ]

    def _shared(self, value: S) -> S:
        return self.shared.setdefault(value, value)  # type: ignore[return-value]


def _points(source: tuple[float, ...], target: tuple[float, ...]) -> tuple[int, ...]:
    """:func:`graph.fit.development_needed` on score tuples, as points in OCEAN+ order."""
    return tuple(points_to_reach(s, t) for s, t in zip(source, target, strict=True))


def _kth_best(fits: np.ndarray, k: int) -> np.ndarray:
    """The ``k``-th largest value of each row (``-inf`` where a row has fewer than ``k``)."""
    if fits.shape[1] < k:
        return np.full(len(fits), -np.inf)
    best: np.ndarray = -np.partition(-fits, k - 1, axis=1)[:, k - 1]
    return best


def _chunks(items: np.ndarray, width: int) -> Iterator[np.ndarray]:
    for _, chunk in _offset_chunks(items, width):
        yield chunk


def _offset_chunks(items: np.ndarray, width: int) -> Iterator[tuple[int, np.ndarray]]:
    """Blocks of ``items`` of at most ``_PAIR_BUDGET / width`` rows, with their offsets."""
    size = max(1, _PAIR_BUDGET // max(width, 1))
    for start in range(0, len(items), size):
        yield start, items[start : start + size]


# --------------------------------------------------------------------------- the rules


class _Keys:
    """Each role's rule keys as arrays: family code, level rank, SOC group code, Job Zone.

    ``-1`` (``NaN`` for ranks and zones) marks a missing key.
    """

    def __init__(self, roles: Sequence[Role], rules: CareerRules) -> None:
        self.families = sorted({r.family for r in roles if r.family is not None})
        code = {f: k for k, f in enumerate(self.families)}
        self.family = np.array([-1 if r.family is None else code[r.family] for r in roles])
        ranks = [rules.levels.rank(r.level) for r in roles]
        self.rank = np.array([np.nan if k is None else k for k in ranks], dtype=np.float64)
        zones = [r.job_zone for r in roles]
        self.zone = np.array([np.nan if z is None else z for z in zones], dtype=np.float64)
        groups = [soc_minor_group(r.id) for r in roles]
        group_code = {g: k for k, g in enumerate(sorted({g for g in groups if g is not None}))}
        self.group = np.array([-1 if g is None else group_code[g] for g in groups])
        self.adjacent = np.array(
            [[rules.adjacent(a, b) for b in self.families] for a in self.families], dtype=bool
        ).reshape(len(self.families), len(self.families))


class _Allowed(_Keys):
    """Which pairs the rules allow, for blocks of sources against every role (reference)."""

    def __init__(self, roles: Sequence[Role], rules: CareerRules) -> None:
        super().__init__(roles, rules)
        self.rules = rules.derived

    def block(self, rows: np.ndarray) -> np.ndarray:
        """Allowed pairs (rows: ``rows``; columns: every role)."""
        derived = self.rules
        # NaN ranks compare False: a move of unknown seniority is never derived.
        change = self.rank[None, :] - self.rank[rows, None]
        ok = (change >= derived.min_level_change) & (change <= derived.max_level_change)
        if derived.same_family_only:
            source, target = self.family[rows, None], self.family[None, :]
            known = (source >= 0) & (target >= 0)
            if self.adjacent.size:
                joined = self.adjacent[np.maximum(source, 0), np.maximum(target, 0)]
            else:
                joined = np.zeros(known.shape, dtype=bool)
            ok &= known & joined
        if derived.same_soc_minor_group:
            source, target = self.group[rows, None], self.group[None, :]
            ok &= (source >= 0) & (source == target)
        if derived.max_job_zone_change is not None:
            ok &= np.abs(self.zone[None, :] - self.zone[rows, None]) <= derived.max_job_zone_change
        result: np.ndarray = ok
        return result


Cell = tuple[int, int, int, int]


class _Cells(_Keys):
    """Roles grouped by the rule keys the rules use; each cell's pool of allowed targets.

    A cell is (family code, rank, SOC group code, Job Zone), with ``0`` for a key the
    rules ignore. A role missing a key the rules need is in no cell: it gets and gives
    no derived move.
    """

    def __init__(self, roles: Sequence[Role], rules: CareerRules) -> None:
        super().__init__(roles, rules)
        self.rules = rules.derived
        self.members: dict[Cell, list[int]] = {}
        for i, cell in enumerate(self._cell_keys()):
            if cell is not None:
                self.members.setdefault(cell, []).append(i)
        self.by_family_rank: dict[tuple[int, int], list[Cell]] = {}
        for cell in self.members:
            self.by_family_rank.setdefault(cell[:2], []).append(cell)

    def _cell_keys(self) -> Iterator[Cell | None]:
        derived = self.rules
        for family, rank, group, zone in zip(
            self.family.tolist(),
            self.rank.tolist(),
            self.group.tolist(),
            self.zone.tolist(),
            strict=True,
        ):
            missing = (
                np.isnan(rank)
                or (derived.same_family_only and family < 0)
                or (derived.same_soc_minor_group and group < 0)
                or (derived.max_job_zone_change is not None and np.isnan(zone))
            )
            if missing:
                yield None
                continue
            yield (
                family if derived.same_family_only else 0,
                int(rank),
                group if derived.same_soc_minor_group else 0,
                0 if derived.max_job_zone_change is None else int(zone),
            )

    def blocks(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(sources, pool) per cell, as sorted role positions."""
        for cell, members in self.members.items():
            pool = [i for target in self._targets(cell) for i in self.members[target]]
            if pool:
                yield np.array(members, dtype=np.intp), np.sort(np.array(pool, dtype=np.intp))

    def _targets(self, cell: Cell) -> Iterator[Cell]:
        """The cells a move from ``cell`` may reach."""
        family, rank, group, zone = cell
        derived = self.rules
        families = (
            np.flatnonzero(self.adjacent[family]).tolist() if derived.same_family_only else [0]
        )
        for target_family in families:
            for target_rank in range(
                rank + derived.min_level_change, rank + derived.max_level_change + 1
            ):
                for target in self.by_family_rank.get((target_family, target_rank), ()):
                    if target[2] != group:
                        continue
                    if derived.max_job_zone_change is not None and (
                        abs(target[3] - zone) > derived.max_job_zone_change
                    ):
                        continue
                    yield target
