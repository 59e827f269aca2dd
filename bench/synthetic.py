"""Deterministic synthetic catalogs with the structure of real career graphs.

Roles belong to job families and to one of seven seniority levels (more
juniors than seniors). A role's OCEAN+ profile is drawn around its family's
centroid, shifted by a per-family seniority drift (senior roles ask for more
extraversion, emotional stability and relational engagement). Each role has
6-10 outgoing transitions (8 on average): mostly lateral moves and promotions
inside its family, some moves down or two levels up, and about one in seven
to another family. A transition's fit blends the profile fit
(:func:`graph.fit.fit_of_scores`) with noise (coaches' judgement), clipped to
[0.30, 0.97] and rounded to whole percent; its development is exactly
:func:`graph.fit.development_needed` between the two ideal profiles.

Everything is drawn from one seeded :class:`random.Random`, so a size and a
seed always give the same catalog. Generated catalogs are cached (pickled)
under ``bench/.cache/``, which git ignores.
"""

from __future__ import annotations

import pickle
import random
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.career import CareerRules, LevelScale, development_months
from graph.catalog import Catalog
from graph.fit import development_needed, fit_of_scores
from graph.model import Role, Transition
from graph.search.query import COST_UNIT, fit_units
from graph.traits import TRAITS, Profile

#: Bump when the generator changes, so stale cached catalogs are not reused.
GENERATOR_VERSION = 1
DEFAULT_SEED = 20_240_8
CACHE_DIR = Path(__file__).resolve().parent / ".cache"

LEVELS = 7
#: Share of roles per seniority level, junior first: an organisation's pyramid.
LEVEL_WEIGHTS = (0.20, 0.20, 0.18, 0.15, 0.12, 0.09, 0.06)
#: Average seniority drift per level, per trait (OCEAN+ order).
LEVEL_DRIFT = (0.0, 1.0, 3.0, 0.0, 2.0, 3.0)
#: Spread of a role's profile around its family/level centroid, in points.
ROLE_SPREAD = 3.5
#: The synthetic catalogs' career rules: levels L1 < ... < L7, with the default times in
#: role of the bundled scale's seven names (junior ... executive) in the same order.
RULES = CareerRules(
    levels=LevelScale(ranks=tuple((f"L{i + 1}",) for i in range(LEVELS))),
    months_by_level={f"L{i + 1}": m for i, m in enumerate((32, 32, 47, 47, 47, 60, 60))},
)
MIN_FIT, MAX_FIT = 0.30, 0.97
#: Weight of the profile fit in a transition's fit; the rest is noise drawn from
#: [NOISE_LOW, 1].
PROFILE_FIT_SHARE = 0.75
NOISE_LOW = 0.55
MIN_OUT, MAX_OUT = 6, 10

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}


def parse_size(text: str) -> int:
    """Role count from ``"10k"``, ``"1m"`` or a plain number.

    >>> parse_size("10k"), parse_size("250"), parse_size("1.5k")
    (10000, 250, 1500)
    """
    t = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    number = t[:-1] if scale > 1 else t
    return int(float(number) * scale)


def size_label(n: int) -> str:
    """Short label of a role count.

    >>> size_label(1000), size_label(100_000), size_label(200)
    ('1k', '100k', '200')
    """
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def family_count(n: int) -> int:
    """Families in a catalog of ``n`` roles: one per ~50 roles, between 20 and 200."""
    return max(20, min(200, n // 50))


@dataclass(frozen=True)
class Synthetic:
    """A generated catalog's records, in catalog order (roles by id, edges by key)."""

    n: int
    seed: int
    roles: tuple[Role, ...]
    transitions: tuple[Transition, ...]

    def catalog(self) -> Catalog:
        """The validated :class:`~graph.catalog.Catalog` (slow: validates every record)."""
        return Catalog.build(self.roles, self.transitions, rules=RULES)

    def graph(self) -> nx.DiGraph:
        """The search graph, equal to ``self.catalog().to_graph(include_derived=False)``."""
        return build_graph(self.roles, self.transitions)


def _clip(x: float, lo: float, hi: float) -> float:
    return lo if x < lo else hi if x > hi else x


def generate(n: int, seed: int = DEFAULT_SEED) -> Synthetic:
    """Generate the catalog of ``n`` roles for ``seed`` (deterministic)."""
    if n < 2:
        raise ValueError("a synthetic catalog needs at least 2 roles")
    rng = random.Random(f"rumbo-bench-{seed}-{n}")
    n_families = family_count(n)
    # Family sizes vary (a few big families, many small ones).
    family_weights = [rng.lognormvariate(0.0, 0.6) for _ in range(n_families)]
    centroids = [[rng.uniform(30.0, 72.0) for _ in TRAITS] for _ in range(n_families)]
    drifts = [[d + rng.gauss(0.0, 1.0) for d in LEVEL_DRIFT] for _ in range(n_families)]

    families = rng.choices(range(n_families), weights=family_weights, k=n)
    levels = rng.choices(range(LEVELS), weights=LEVEL_WEIGHTS, k=n)
    scores: list[tuple[float, ...]] = []
    ids: list[str] = []
    per_family = [0] * n_families
    for f, lv in zip(families, levels, strict=True):
        per_family[f] += 1
        ids.append(f"fam{f:03d}-l{lv + 1}-{per_family[f]:05d}")
        scores.append(
            tuple(
                float(round(_clip(c + (lv - 3) * d + rng.gauss(0.0, ROLE_SPREAD), 0.0, 100.0)))
                for c, d in zip(centroids[f], drifts[f], strict=True)
            )
        )
    roles = [
        Role(
            id=ids[i],
            name=f"Family {families[i]} L{levels[i] + 1} #{ids[i][-5:]}",
            name_en=f"Family {families[i]} L{levels[i] + 1} #{ids[i][-5:]}",
            family=f"fam{families[i]:03d}",
            level=f"L{levels[i] + 1}",
            profile=Profile.from_scores(scores[i]),
        )
        for i in range(n)
    ]

    cells: dict[tuple[int, int], list[int]] = {}
    for i, (f, lv) in enumerate(zip(families, levels, strict=True)):
        cells.setdefault((f, lv), []).append(i)

    transitions: list[Transition] = []
    for u in range(n):
        f, lv = families[u], levels[u]
        degree = rng.randint(MIN_OUT, MAX_OUT)
        targets: dict[int, None] = {}
        for _ in range(degree * 6):
            if len(targets) >= degree:
                break
            r = rng.random()
            if r < 0.42:  # lateral, same family
                cell = (f, lv)
            elif r < 0.72:  # promotion, same family
                cell = (f, min(lv + 1, LEVELS - 1))
            elif r < 0.86:  # a step down or a jump of two levels
                cell = (f, max(lv - 1, 0) if rng.random() < 0.5 else min(lv + 2, LEVELS - 1))
            else:  # another family, same level or one up
                cell = (rng.randrange(n_families), min(lv + rng.choice((0, 0, 1)), LEVELS - 1))
            members = cells.get(cell)
            if not members:
                continue
            v = members[rng.randrange(len(members))]
            if v != u:
                targets[v] = None
        for v in targets:
            blended = PROFILE_FIT_SHARE * fit_of_scores(scores[u], scores[v]) + (
                1 - PROFILE_FIT_SHARE
            ) * rng.uniform(NOISE_LOW, 1.0)
            fit = _clip(round(blended + rng.gauss(0.0, 0.02), 2), MIN_FIT, MAX_FIT)
            transitions.append(
                Transition(
                    source=ids[u],
                    target=ids[v],
                    fit=fit,
                    develop=development_needed(roles[u].profile, roles[v].profile),
                )
            )
    roles.sort(key=lambda r: r.id)
    transitions.sort(key=lambda t: t.key)
    return Synthetic(n, seed, tuple(roles), tuple(transitions))


def load(n: int, seed: int = DEFAULT_SEED, cache_dir: Path | None = CACHE_DIR) -> Synthetic:
    """:func:`generate`, through a pickle cache in ``cache_dir`` (None: no cache)."""
    if cache_dir is None:
        return generate(n, seed)
    path = cache_dir / f"synthetic-v{GENERATOR_VERSION}-{n}-{seed}.pickle"
    if path.is_file():
        try:
            with path.open("rb") as fh:
                cached = pickle.load(fh)
            if isinstance(cached, Synthetic) and (cached.n, cached.seed) == (n, seed):
                return cached
        except Exception:  # a corrupt or stale cache file: regenerate it
            pass
    synthetic = generate(n, seed)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(synthetic, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return synthetic


def build_graph(roles: tuple[Role, ...], transitions: tuple[Transition, ...]) -> nx.DiGraph:
    """The search graph built in bulk, with exactly the attributes
    :func:`graph.network.role_graph` sets under :data:`RULES` (and the catalog's empty
    action table)."""
    rules = RULES
    graph = nx.DiGraph(rules=rules)
    graph.add_nodes_from(
        (
            r.id,
            {
                "role": r,
                "rank": rules.levels.rank(r.level),
                "job_zone": r.job_zone,
                "credential": rules.credential_of(r.id),
                "months_in_role": rules.months_in_role(r.level),
            },
        )
        for r in roles
    )
    nodes = graph.nodes
    graph.add_edges_from(
        (
            t.source,
            t.target,
            {
                "transition": t,
                "fit": t.fit,
                "fit_cost": fit_units(t.fit) / COST_UNIT,
                "effort": t.effort,
                "peak": max(t.develop.values(), default=0),
                "level_change": _level_change(nodes[t.source]["rank"], nodes[t.target]["rank"]),
                "months": max(
                    nodes[t.source]["months_in_role"],
                    development_months(t.develop.values(), rules.development_rate),
                ),
            },
        )
        for t in transitions
    )
    graph.graph["actions"] = ()
    return graph


def _level_change(source: int | None, target: int | None) -> int | None:
    return None if source is None or target is None else target - source
