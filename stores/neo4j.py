"""Neo4j as Rumbo's system of record: a :class:`~graph.store.CatalogStore` on the official driver.

The graph model (``docs/neo4j.md``):

* ``(:Role)`` nodes: ``gen`` (the catalog generation), ``id``, ``name``, ``name_en``,
  ``family``, ``level``, ``job_zone``, ``description``, ``attribution``; the profile as six float
  properties named after the traits (``openness`` ... ``relational_engagement``); profile
  notes as ``note_<trait>``; ``strengths`` and ``red_flags`` as string lists; interview
  questions, archetypes and the English guide as JSON strings (``interview_questions``,
  ``archetypes``, ``en``) so that optional sub-fields survive exactly; ``imputed_from`` as a
  string list. Absent optional fields are absent properties.
* ``[:TRANSITION]`` relationships between roles of one generation: ``fit``, ``strengths``,
  ``origin`` and the development points as ``develop_<trait>`` (only traits with points).
* ``(:DevelopmentAction)`` nodes: ``gen``, ``position`` (order in the table), ``trait``,
  ``es``, ``en``.
* One ``(:CatalogMeta {key: 'catalog'})`` node: ``version`` (bumped by every write),
  ``generation`` (the generation readers see), ``rules`` (that generation's career rules as
  JSON, set in the transaction that switches to it; absent means the default rules),
  ``last_generation``, ``uid`` (identifies the database's catalog, so a wiped and reloaded
  database is never mistaken for the old one) and ``updated_at``.

A whole-catalog load writes a new generation next to the current one in batches (each its
own transaction, so the server's transaction memory stays bounded), then makes it current
in one small transaction that also bumps the version; only then is the old generation
deleted. Readers only ever look at the generation the meta node points to, so a load that
fails, or a catalog that fails validation, leaves what they see exactly as it was (and the
half-written generation is deleted). A single transaction cannot hold a large catalog on a
small server: on the 512 MB-heap local server even 100k roles exceed its transaction memory.

Every statement comes from ``cypher/*.cypher`` by name; every value is a parameter.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationDisabledClassification,
    Session,
)
from neo4j.exceptions import DriverError, Neo4jError
from pydantic import BaseModel, TypeAdapter, ValidationError

import cypher
from graph.career import CareerRules
from graph.catalog import Catalog
from graph.errors import CatalogError, Problem
from graph.lifetime import long_lived
from graph.model import DevelopmentAction, Origin, Role, Transition
from graph.store import (
    AlreadyExists,
    CatalogSnapshot,
    StoreKind,
    StoreUnavailable,
    Upserted,
    VersionConflict,
    with_role,
    with_transition,
    without_role,
    without_transition,
)
from graph.traits import TRAITS
from graph.transitions import TableBuilder, TransitionColumns, TransitionTable
from loaders import CatalogFormat, write_catalog
from loaders._common import describe_error, error_path, format_field
from stores.driver import DEFAULT_DATABASE, DEFAULT_USER, describe, open_driver
from stores.projection_file import CatalogHead, ProjectionFile

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_WRITERS",
    "DELETE_BATCH_SIZE",
    "Neo4jStore",
    "Progress",
    "SCHEMA_STATEMENTS",
    "StoreStatus",
    "TRANSITION_COLUMNS",
    "action_row",
    "connect",
    "role_from_properties",
    "role_properties",
    "rules_from_property",
    "rules_property",
    "transition_columns",
    "transition_from_values",
    "transition_row",
]

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")
M = TypeVar("M", bound=BaseModel)

#: ``progress(done, total)``: records written (and old roles deleted) out of the total.
Progress = Callable[[int, int], None]

#: Rows per ``UNWIND $rows`` batch of a load; each batch is one transaction.
DEFAULT_BATCH_SIZE = 5000
#: Batches of a load written at once, each in its own session and transaction.
DEFAULT_WRITERS = 2
#: Records the server sends per pull while the projection is read (the driver's default is
#: 1,000: a round trip per 1,000 roles).
PROJECTION_FETCH_SIZE = 10_000
#: Records of the projection validated at once (one pydantic call per batch).
DECODE_BATCH = 10_000
#: Roles deleted per transaction when a generation is dropped (with their transitions).
DELETE_BATCH_SIZE = 1000
#: Schema statements ``init_schema`` runs, in order (each in its own transaction).
SCHEMA_STATEMENTS: tuple[str, ...] = (
    "constraint_role_key",
    "index_role_family",
    "index_role_level",
    "index_action_generation",
    "constraint_meta_key",
)
#: Seconds ``init_schema`` waits for new indexes to come online.
INDEX_WAIT_SECONDS = 300
#: Notification classes the store's sessions silence: "label/property does not exist" on a
#: new database or a catalog without actions is expected, not a mistake in a query.
QUIET = (NotificationDisabledClassification.UNRECOGNIZED,)
#: Times an unconditional incremental write is tried when other processes write first (each
#: lost attempt is another writer's success, so N processes writing at once need at most N).
WRITE_ATTEMPTS = 16

_SOURCE = "neo4j"
#: Role fields kept as plain properties of the same name.
_ROLE_SCALARS = (
    "id",
    "name",
    "name_en",
    "family",
    "level",
    "job_zone",
    "description",
    "attribution",
)
#: The properties of a ``:TRANSITION``, in the order ``create_transitions`` takes them as
#: columns and ``read_projection`` returns them (after the target id).
TRANSITION_COLUMNS: tuple[str, ...] = (
    "fit",
    "strengths",
    "origin",
    *(f"develop_{t.value}" for t in TRAITS),
)


# --------------------------------------------------------------------------- encoding


def role_properties(role: Role) -> dict[str, Any]:
    """The properties of a role's ``:Role`` node (without ``gen``).

    >>> from graph.traits import Profile, Trait
    >>> role = Role(id="a", name="A", profile=Profile.from_scores([50, 60, 70, 80, 90, 72.5]),
    ...             profile_notes={Trait.OPENNESS: "curious"}, strengths=("x",))
    >>> props = role_properties(role)
    >>> props["relational_engagement"], props["note_openness"], props["strengths"]
    (72.5, 'curious', ['x'])
    >>> role_from_properties(props) == role
    True
    """
    props: dict[str, Any] = {"id": role.id, "name": role.name}
    for key in _ROLE_SCALARS[2:]:
        value = getattr(role, key)
        if value is not None:
            props[key] = value
    for trait in TRAITS:
        props[trait.value] = float(role.profile.score(trait))
        if trait in role.profile_notes:
            props[f"note_{trait.value}"] = role.profile_notes[trait]
    props["strengths"] = list(role.strengths)
    props["red_flags"] = list(role.red_flags)
    if role.interview_questions:
        props["interview_questions"] = _json(
            [q.model_dump(exclude_none=True) for q in role.interview_questions]
        )
    if role.archetypes:
        props["archetypes"] = _json([a.model_dump(exclude_none=True) for a in role.archetypes])
    if role.en is not None:
        props["en"] = _json(role.en.model_dump(mode="json", exclude_defaults=True))
    if role.imputed_from:
        props["imputed_from"] = list(role.imputed_from)
    return props


def role_from_properties(props: Mapping[str, Any]) -> Role:
    """The role a ``:Role`` node's properties describe (unknown properties are ignored).

    Raises
    ------
    pydantic.ValidationError
        If a property is missing or out of range.
    ValueError
        If a JSON property is not valid JSON.
    """
    return Role.model_validate(_role_data(props))


def _role_data(props: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of the role a ``:Role`` node's properties describe, for validation.

    Raises
    ------
    ValueError
        If a JSON property is not valid JSON.
    """
    data: dict[str, Any] = {key: props[key] for key in _ROLE_SCALARS if props.get(key) is not None}
    data["profile"] = {t.value: props.get(t.value) for t in TRAITS}
    notes = {t.value: props[f"note_{t.value}"] for t in TRAITS if f"note_{t.value}" in props}
    if notes:
        data["profile_notes"] = notes
    data["strengths"] = tuple(props.get("strengths") or ())
    data["red_flags"] = tuple(props.get("red_flags") or ())
    for key in ("interview_questions", "archetypes", "en"):
        if props.get(key) is not None:
            data[key] = json.loads(props[key])
    data["imputed_from"] = tuple(props.get("imputed_from") or ())
    return data


def transition_properties(transition: Transition) -> dict[str, Any]:
    """The properties of a ``:TRANSITION`` relationship."""
    props: dict[str, Any] = {
        "fit": transition.fit,
        "strengths": list(transition.strengths),
        "origin": transition.origin.value,
    }
    for trait in TRAITS:
        if trait in transition.develop:
            props[f"develop_{trait.value}"] = transition.develop[trait]
    return props


def transition_row(transition: Transition) -> dict[str, Any]:
    """One row of ``create_transitions`` / ``upsert_transitions``.

    >>> row = transition_row(Transition(source="a", target="b", fit=0.5, develop={"openness": 4}))
    >>> row["source"], row["target"], row["properties"]["develop_openness"]
    ('a', 'b', 4)
    """
    return {
        "source": transition.source,
        "target": transition.target,
        "properties": transition_properties(transition),
    }


def transition_columns(
    columns: TransitionColumns, nodes: Mapping[str, str]
) -> dict[str, list[Any]]:
    """The parameters of one ``create_transitions`` batch: one list per property.

    ``columns`` are a batch of the catalog's transitions
    (:meth:`~graph.transitions.TransitionTable.columns`); ``nodes`` maps role ids to the
    elementIds ``create_roles`` returned. A trait without points is ``None`` (no property).

    >>> edge = Transition(source="a", target="b", fit=0.5, develop={"openness": 4})
    >>> batch = TransitionTable.from_transitions([edge]).columns()
    >>> columns = transition_columns(batch, {"a": "4:x:1", "b": "4:x:2"})
    >>> columns["source"], columns["target"], columns["fit"], columns["develop_openness"]
    (['4:x:1'], ['4:x:2'], [0.5], [4])
    >>> columns["develop_extraversion"], columns["origin"]
    ([None], ['curated'])
    """
    # From the table's columns rather than Transition models: a million models made and
    # taken apart again cost more than the server spends on them.
    params: dict[str, list[Any]] = {
        "source": [nodes[s] for s in columns.sources],
        "target": [nodes[t] for t in columns.targets],
        "fit": columns.fits,
        "strengths": [list(texts) for texts in columns.strengths],
        "origin": [origin.value for origin in columns.origins],
    }
    for trait, points in zip(TRAITS, columns.points, strict=True):
        params[f"develop_{trait.value}"] = [p or None for p in points]
    return params


def transition_from_values(source: str, values: Sequence[Any]) -> Transition:
    """The transition ``read_projection`` lists as ``[target, *TRANSITION_COLUMNS]``.

    >>> edge = Transition(source="a", target="b", fit=0.5, develop={"openness": 4})
    >>> props = transition_properties(edge)
    >>> transition_from_values("a", ["b", *(props.get(c) for c in TRANSITION_COLUMNS)]) == edge
    True
    """
    return Transition.model_validate(_transition_data(source, values))


def _transition_data(source: str, values: Sequence[Any]) -> dict[str, Any]:
    """The fields of the transition ``[target, *TRANSITION_COLUMNS]`` describes."""
    target, fit, strengths, origin, *points = values
    data: dict[str, Any] = {
        "source": source,
        "target": target,
        "fit": fit,
        "strengths": tuple(strengths or ()),
        "develop": {t.value: p for t, p in zip(TRAITS, points, strict=True) if p is not None},
    }
    if origin is not None:
        data["origin"] = origin
    return data


def rules_property(rules: CareerRules) -> str:
    """The ``rules`` property of the meta node: the career rules as JSON.

    >>> rules = CareerRules(adjacent_families=(("data", "ml"),))
    >>> rules_from_property(rules_property(rules)) == rules
    True
    >>> rules_from_property(None) == CareerRules()
    True
    """
    return rules.model_dump_json()


def rules_from_property(value: str | None) -> CareerRules:
    """The career rules the meta node's ``rules`` property holds (the defaults when absent).

    Raises
    ------
    pydantic.ValidationError
        If the JSON is malformed or breaks a rule.
    """
    return CareerRules() if value is None else CareerRules.model_validate_json(value)


def action_row(position: int, action: DevelopmentAction) -> dict[str, Any]:
    """One row of ``create_actions``: the action and its place in the table."""
    return {"position": position, "trait": action.trait.value, "es": action.es, "en": action.en}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- the store


@dataclass(frozen=True)
class StoreStatus:
    """What ``rumbo db status`` shows."""

    uri: str
    database: str | None
    version: int
    generation: int
    roles: int
    transitions: int
    actions: int
    #: Nodes of other generations by generation: a load in progress or left by a failed one.
    other_generations: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Head:
    """The meta node as read: the cache key of a snapshot."""

    uid: str | None
    version: int
    generation: int


class _Moved(Exception):
    """Another process wrote after the snapshot a write was validated against."""


class _NotEmpty(Exception):
    """An ``if_empty`` load found a catalog in place."""


class _Abandoned(Exception):
    """A batch of a load not sent because another one failed (never raised to callers)."""


class Neo4jStore:
    """The catalog kept in Neo4j, with an in-process projection for route search.

    Parameters
    ----------
    driver
        An open driver; the store owns it from now on (:meth:`close` closes it).
    database
        The database name (``None``: the server's default).
    uri
        The server URI, for error messages (derived from the driver when omitted).
    batch_size
        Rows per ``UNWIND`` batch in whole-catalog loads.
    writers
        Batches of a whole-catalog load written at once (each its own transaction).
    projection_dir
        A folder where the projection read last is kept (:mod:`stores.projection_file`), so
        that a restart on an unchanged catalog version reads it instead of the graph.

    Reads check the catalog version with one cheap query and reload the projection (roles,
    transitions, actions) only when it changed; when the server cannot be reached they
    answer with the last snapshot read, marked ``stale``. Writes validate against the
    current catalog first, then check the version inside the transaction that writes.
    """

    kind: StoreKind = "neo4j"

    def __init__(
        self,
        driver: Driver,
        database: str | None = "neo4j",
        *,
        uri: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        writers: int = DEFAULT_WRITERS,
        projection_dir: Path | None = None,
    ) -> None:
        _check_load_settings(batch_size, writers)
        self._driver = driver
        self._database = database
        self._uri = uri or _driver_uri(driver)
        self._batch_size = batch_size
        self._writers = writers
        self._lock = threading.Lock()  # guards _cached and _stale
        # Writes from this process go one at a time: threads of one service never race
        # each other to the version check, only other processes can (and are retried).
        self._write_lock = threading.Lock()
        self._reload_lock = threading.Lock()  # one projection read at a time
        self._cached: tuple[_Head, CatalogSnapshot] | None = None
        self._stale: CatalogSnapshot | None = None
        self._schema_ready = False
        # Every session of this store shares its bookmarks: on a cluster (neo4j:// URIs, reads
        # routed to secondaries) each read then waits for everything this process wrote or
        # read before, so it reads its own writes and never an older version than it saw.
        self._bookmarks = GraphDatabase.bookmark_manager()
        self._projection_file = ProjectionFile(projection_dir) if projection_dir else None
        self._saving: threading.Thread | None = None  # the projection being saved, if any

    # ------------------------------------------------------------------ reads

    @property
    def uri(self) -> str:
        """The server this store talks to."""
        return self._uri

    @property
    def database(self) -> str | None:
        """The database name (``None``: the server's default)."""
        return self._database

    def snapshot(self) -> CatalogSnapshot:
        """The current catalog, reloaded only when its version changed.

        Raises
        ------
        StoreUnavailable
            If the server cannot be reached and no snapshot was read before; with one,
            that snapshot is returned with ``stale=True``.
        CatalogError
            If the graph in the database is not a valid catalog.

        While another thread of this process reloads the projection, the previous
        snapshot is returned rather than waiting for the reload.
        """
        try:
            return self._current(wait=False)
        except StoreUnavailable as exc:
            with self._lock:
                cached = self._cached
                if cached is None:
                    raise
                snapshot = cached[1]
                if self._stale is None or self._stale.version != snapshot.version:
                    self._stale = CatalogSnapshot(
                        snapshot.version,
                        snapshot.catalog,
                        stale=True,
                        catalog_id=snapshot.catalog_id,
                    )
                log.warning("serving catalog version %d (stale): %s", snapshot.version, exc)
                return self._stale

    def status(self) -> StoreStatus:
        """Version, generation and counts, read from the database."""
        head = self._head()
        counts = self._read_query(
            "reading the catalog counts", "count_generation", {"generation": head.generation}
        )
        actions = self._read_query(
            "reading the catalog counts", "count_actions", {"generation": head.generation}
        )
        others = self._read_query(
            "reading the catalog generations", "other_generations", {"generation": head.generation}
        )
        return StoreStatus(
            uri=self._uri,
            database=self._database,
            version=head.version,
            generation=head.generation,
            roles=int(counts[0]["roles"]) if counts else 0,
            transitions=int(counts[0]["transitions"] or 0) if counts else 0,
            actions=int(actions[0]["actions"]) if actions else 0,
            other_generations={int(r["generation"]): int(r["nodes"]) for r in others},
        )

    def is_empty(self) -> bool:
        """Whether the current catalog has no roles (a new or wiped database)."""
        head = self._head()
        counts = self._read_query(
            "reading the catalog counts", "count_generation", {"generation": head.generation}
        )
        return not counts or int(counts[0]["roles"]) == 0

    def export(self, folder: Path, fmt: CatalogFormat = "yaml") -> CatalogSnapshot:
        """Write the current catalog into ``folder`` as YAML or CSV; returns what was written.

        Raises
        ------
        StoreUnavailable
            If the server cannot be reached (a stale catalog is never exported).
        CatalogError
            If the folder cannot be written.
        """
        snapshot = self._current()
        write_catalog(snapshot.catalog, folder, fmt)
        return snapshot

    # ------------------------------------------------------------------ schema

    def init_schema(self) -> None:
        """Create the constraints, indexes and meta node (idempotent)."""
        for name in SCHEMA_STATEMENTS:
            self._write(f"creating the schema ({name})", _run_statement, name, {})
        self._write(
            "waiting for the indexes",
            _run_statement,
            "await_indexes",
            {"timeout_seconds": INDEX_WAIT_SECONDS},
        )
        self._write("creating the catalog meta node", _run_statement, "ensure_meta", {})
        self._schema_ready = True

    def _ensure_schema(self) -> None:
        if not self._schema_ready:
            # One auto-commit read first: an unreachable server fails it at once, where
            # the schema's managed transactions would retry it for the whole retry time.
            self._head()
            self.init_schema()

    # ------------------------------------------------------------------ whole loads

    def replace(self, catalog: Catalog) -> CatalogSnapshot:
        """Replace the whole catalog atomically (see :meth:`load`)."""
        snapshot = self.load(catalog)
        assert snapshot is not None  # only an if_empty load can skip
        return snapshot

    def load(
        self,
        catalog: Catalog,
        *,
        progress: Progress | None = None,
        if_empty: bool = False,
    ) -> CatalogSnapshot | None:
        """Replace the whole catalog, atomically for every reader.

        The catalog is validated first (a :class:`CatalogError` leaves the database
        untouched); then a new generation is written in batches, made current in one
        transaction that bumps the version, and the old generation is deleted. If anything
        fails before the switch, the new generation is deleted and the database reads
        exactly as before.

        Parameters
        ----------
        catalog
            The new catalog.
        progress
            Called as ``progress(done, total)`` after every batch (records written, then old
            roles deleted).
        if_empty
            Load only when the current catalog has no roles; returns ``None`` otherwise.

        Raises
        ------
        CatalogError
            If the catalog breaks a rule.
        VersionConflict
            If a load that started later finished first (this one is discarded).
        StoreUnavailable
            If the server cannot be reached or fails; the database is unchanged.
        """
        checked = Catalog.build(
            catalog.roles.values(), catalog.transition_table(), catalog.actions, catalog.rules
        )
        self._ensure_schema()
        head = self._head()
        if if_empty and not self.is_empty():
            return None
        old = self._read_query(
            "reading the catalog counts", "count_generation", {"generation": head.generation}
        )
        old_roles = int(old[0]["roles"]) if old else 0
        written_total = len(checked.roles) + len(checked.transitions) + len(checked.actions)
        tracker = _Tracker(progress, written_total + old_roles)
        generation: int = self._write(
            "allocating a catalog generation", _single_value, "allocate_generation", "generation"
        )
        try:
            self._write_generation(checked, generation, tracker)
            version = self._write(
                "switching to the new catalog",
                self._switch,
                generation,
                (len(checked.roles), len(checked.transitions)),
                if_empty,
                rules_property(checked.rules),
            )
        except _NotEmpty:
            self._drop_generation(generation, None)
            return None
        except BaseException:
            self._drop_generation(generation, None)
            raise
        log.info("catalog version %d (generation %d) is current", version, generation)
        self._drop_old_generations(generation, tracker)
        tracker.finish()
        snapshot = CatalogSnapshot(version, checked, catalog_id=_catalog_id(head.uid))
        with self._lock:
            self._cached = (_Head(head.uid, version, generation), snapshot)
        return snapshot

    def _write_generation(self, catalog: Catalog, generation: int, tracker: _Tracker) -> None:
        """Create the roles (noting their elementIds), then the transitions between them by
        those ids, then the actions; each batch in its own transaction.

        Up to ``writers`` batches are in flight at once (each in its own session), and the
        next one is encoded while they are: the server's commits, not the client, set the
        pace. Every batch has committed, or been given up, when this returns or raises.
        """
        nodes: dict[str, str] = {}
        size = self._batch_size
        with ThreadPoolExecutor(self._writers, thread_name_prefix="rumbo-load") as pool:
            roles = (
                (batch, {"rows": [role_properties(r) for r in batch]})
                for batch in _batches(catalog.roles.values(), size)
            )
            for written, created in self._write_batches(pool, "create_roles", generation, roles):
                nodes.update(zip((r.id for r in written), created, strict=True))
                tracker.advance(len(written))
            table = catalog.transition_table()
            edges = (
                (
                    list(range(start, min(start + size, len(table)))),
                    transition_columns(table.columns(start, start + size), nodes),
                )
                for start in range(0, len(table), size)
            )
            for sent, _ in self._write_batches(pool, "create_transitions", generation, edges):
                tracker.advance(len(sent))
            actions = (
                (batch, {"rows": [action_row(i, a) for i, a in batch]})
                for batch in _batches(enumerate(catalog.actions), size)
            )
            for rows, _ in self._write_batches(pool, "create_actions", generation, actions):
                tracker.advance(len(rows))

    def _write_batches(
        self,
        pool: ThreadPoolExecutor,
        name: str,
        generation: int,
        batches: Iterable[tuple[list[T], dict[str, Any]]],
    ) -> Iterator[tuple[list[T], list[Any]]]:
        """Write ``(records, params)`` batches with ``name`` on ``pool``; yield each batch's
        records and what it returned, in order.

        ``batches`` is iterated (the next batch encoded) while up to ``writers`` batches
        are sent; one more waits ready. Once one fails, no other starts: those running are
        waited for, then its error is raised.
        """
        failed = threading.Event()

        def send(params: dict[str, Any], wanted: int) -> list[Any]:
            if failed.is_set():
                raise _Abandoned
            try:
                return self._write_batch(name, generation, params, wanted)
            except BaseException:
                failed.set()
                raise

        pending: deque[tuple[list[T], Future[list[Any]]]] = deque()
        try:
            for records, params in batches:
                pending.append((records, pool.submit(send, params, len(records))))
                while len(pending) > self._writers:
                    records, sent = pending.popleft()
                    yield records, sent.result()
            while pending:
                records, sent = pending.popleft()
                yield records, sent.result()
        finally:
            failed.set()
            wait([sent for _, sent in pending])

    def _write_batch(
        self, name: str, generation: int, params: dict[str, Any], wanted: int
    ) -> list[Any]:
        """Write one batch of a new generation in its own transaction; what it returned."""
        return self._write(
            f"writing the catalog ({name})",
            _create,
            name,
            {"generation": generation, **params},
            wanted,
        )

    @staticmethod
    def _switch(
        tx: ManagedTransaction,
        generation: int,
        expected: tuple[int, int],
        if_empty: bool,
        rules: str,
    ) -> int:
        head = _single(tx, "bump_version", {})
        if head is None:
            raise StoreUnavailable("the catalog meta node is missing; run `rumbo db init`")
        version, current = int(head["version"]), int(head["generation"])
        if current > generation:
            raise VersionConflict(version - 1, version)
        if if_empty:
            present = _single(tx, "count_generation", {"generation": current})
            if present is not None and int(present["roles"]) > 0:
                raise _NotEmpty
        counts = _single(tx, "count_generation", {"generation": generation})
        found = (int(counts["roles"]), int(counts["transitions"] or 0)) if counts else (0, 0)
        if found != expected:
            raise CatalogError(
                [
                    Problem(
                        f"the new catalog generation {generation} holds {found[0]} roles and "
                        f"{found[1]} transitions instead of {expected[0]} and {expected[1]}; "
                        "the load was rolled back",
                        _SOURCE,
                    )
                ]
            )
        _single(tx, "switch_generation", {"generation": generation, "rules": rules})
        return version

    def _drop_old_generations(self, current: int, tracker: _Tracker | None) -> None:
        try:
            others = self._read_query(
                "reading the catalog generations", "other_generations", {"generation": current}
            )
        except StoreUnavailable as exc:
            log.warning("old catalog generations are left in place: %s", exc)
            return
        for record in others:
            if int(record["generation"]) < current:
                self._drop_generation(int(record["generation"]), tracker)

    def _drop_generation(self, generation: int, tracker: _Tracker | None) -> None:
        """Delete one generation in batches; best effort (readers never see it)."""
        try:
            while True:
                deleted: int = self._write(
                    "deleting an old catalog generation",
                    _single_value,
                    "delete_generation_batch",
                    "deleted",
                    {"generation": generation, "batch_size": DELETE_BATCH_SIZE},
                )
                if tracker is not None:
                    tracker.advance(deleted)
                if deleted < DELETE_BATCH_SIZE:
                    break
            self._write(
                "deleting an old catalog generation",
                _single_value,
                "delete_generation_actions",
                "deleted",
                {"generation": generation},
            )
        except BaseException as exc:  # the caller's own error matters more
            log.warning(
                "catalog generation %d is left in place (invisible to readers; the next load "
                "deletes it): %s",
                generation,
                exc,
            )
            if not isinstance(exc, Exception):
                raise

    # ------------------------------------------------------------------ incremental writes

    def put_role(
        self, role: Role, expected_version: int | None = None, *, create_only: bool = False
    ) -> Upserted:
        """Create or replace a role (its transitions are kept).

        Whether it is created is decided in the writing transaction; with ``create_only``
        that transaction refuses an existing role (:class:`~graph.store.AlreadyExists`).
        """
        return self._upsert(
            expected_version,
            lambda c: with_role(c, role),
            ("upsert_roles", {"rows": [role_properties(role)]}, "written"),
            f"role {role.id!r}" if create_only else None,
        )

    def delete_role(self, role_id: str, expected_version: int | None = None) -> CatalogSnapshot:
        """Delete a role and every transition that touches it."""
        return self._commit_snapshot(
            expected_version,
            lambda c: without_role(c, role_id),
            [("delete_roles", {"ids": [role_id]}, "deleted")],
        )

    def put_transition(
        self,
        transition: Transition,
        expected_version: int | None = None,
        *,
        create_only: bool = False,
    ) -> Upserted:
        """Create or replace a transition between two existing roles (see :meth:`put_role`)."""
        what = f"transition {transition.source!r} -> {transition.target!r}"
        return self._upsert(
            expected_version,
            lambda c: with_transition(c, transition),
            ("upsert_transitions", {"rows": [transition_row(transition)]}, "written"),
            what if create_only else None,
        )

    def put_actions(
        self, actions: Sequence[DevelopmentAction], expected_version: int | None = None
    ) -> CatalogSnapshot:
        """Replace the development-action table."""
        rows = [action_row(i, a) for i, a in enumerate(actions)]
        return self._commit_snapshot(
            expected_version,
            lambda c: c.with_actions(actions),
            [("replace_actions", {"rows": rows}, "written")],
        )

    def delete_transition(
        self, source: str, target: str, expected_version: int | None = None
    ) -> CatalogSnapshot:
        """Delete one transition."""
        return self._commit_snapshot(
            expected_version,
            lambda c: without_transition(c, source, target),
            [("delete_transitions", {"rows": [{"source": source, "target": target}]}, "deleted")],
        )

    def _upsert(
        self,
        expected: int | None,
        change: Callable[[Catalog], Catalog],
        statement: tuple[str, dict[str, Any], str],
        create_only: str | None,
    ) -> Upserted:
        """One create-or-replace statement; ``create_only`` names what must not exist yet."""
        snapshot, existed = self._commit(expected, change, [statement], create_only)
        return Upserted(snapshot, existed == 0)

    def _commit_snapshot(
        self,
        expected: int | None,
        change: Callable[[Catalog], Catalog],
        statements: Sequence[tuple[str, dict[str, Any], str]],
    ) -> CatalogSnapshot:
        """:meth:`_commit`, for writes that create nothing."""
        return self._commit(expected, change, statements)[0]

    def _commit(
        self,
        expected: int | None,
        change: Callable[[Catalog], Catalog],
        statements: Sequence[tuple[str, dict[str, Any], str]],
        create_only: str | None = None,
    ) -> tuple[CatalogSnapshot, int]:
        """Validate ``change`` on the current catalog, then write it if nobody wrote since.

        Returns the new snapshot and how many records the statements found existing.
        """
        with self._write_lock:
            return self._commit_once_current(expected, change, statements, create_only)

    def _commit_once_current(
        self,
        expected: int | None,
        change: Callable[[Catalog], Catalog],
        statements: Sequence[tuple[str, dict[str, Any], str]],
        create_only: str | None,
    ) -> tuple[CatalogSnapshot, int]:
        self._ensure_schema()
        for _ in range(WRITE_ATTEMPTS):
            head, base = self._current_with_head()
            if expected is not None and expected != base.version:
                raise VersionConflict(expected, base.version)
            catalog = change(base.catalog)
            try:
                version, existed = self._write(
                    "writing to the catalog",
                    self._apply,
                    base.version,
                    expected,
                    statements,
                    create_only,
                )
            except _Moved:
                continue
            snapshot = CatalogSnapshot(version, catalog, catalog_id=_catalog_id(head.uid))
            with self._lock:
                self._cached = (_Head(head.uid, version, head.generation), snapshot)
            return snapshot, existed
        raise StoreUnavailable(
            f"Neo4j at {self._uri}: writing to the catalog failed: other processes kept "
            f"writing first ({WRITE_ATTEMPTS} attempts); retry"
        )

    @staticmethod
    def _apply(
        tx: ManagedTransaction,
        base_version: int,
        expected: int | None,
        statements: Sequence[tuple[str, dict[str, Any], str]],
        create_only: str | None,
    ) -> tuple[int, int]:
        """Bump the version and run ``statements``; the new version and records found existing.

        Raising rolls the whole transaction back, the version bump with it.
        """
        existed = 0
        head = _single(tx, "bump_version", {})
        if head is None:
            raise StoreUnavailable("the catalog meta node is missing; run `rumbo db init`")
        version, generation = int(head["version"]), int(head["generation"])
        current = version - 1
        if current != base_version:
            if expected is not None:
                raise VersionConflict(expected, current)
            raise _Moved
        for name, params, count_key in statements:
            record = _single(tx, name, {"generation": generation, **params})
            count = int(record[count_key]) if record is not None else 0
            wanted = len(params.get("rows", params.get("ids", ())))
            if count != wanted:
                raise CatalogError(
                    [
                        Problem(
                            f"the graph does not match catalog version {current} ({name} "
                            f"touched {count} of {wanted} records); was it edited without "
                            "bumping CatalogMeta.version?",
                            _SOURCE,
                        )
                    ]
                )
            existed += int(record.get("existed") or 0) if record is not None else 0
        if create_only is not None and existed:
            raise AlreadyExists(create_only)
        return version, existed

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Finish saving the projection file, if a save is running; close the driver
        (idempotent)."""
        if self._saving is not None:
            self._saving.join()
        with self._errors("closing the connection"):
            self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jStore(uri={self._uri!r}, database={self._database!r})"

    # ------------------------------------------------------------------ plumbing

    def _current(self, wait: bool = True) -> CatalogSnapshot:
        return self._current_with_head(wait)[1]

    def _current_with_head(self, wait: bool = True) -> tuple[_Head, CatalogSnapshot]:
        """The snapshot of the catalog as it is now (never stale).

        One thread reloads at a time. With ``wait=False`` (plain reads), a thread that finds
        a reload already running gets the previous snapshot at once instead of waiting
        for it (a large catalog takes minutes to read); writes and exports wait.
        """
        head = self._head()
        with self._lock:
            cached = self._cached
        if cached is not None and cached[0] == head:
            return cached
        if cached is not None and not wait:
            if not self._reload_lock.acquire(blocking=False):
                return cached
        else:
            self._reload_lock.acquire()
        try:
            with self._lock:
                cached = self._cached
            if cached is not None and cached[0] == head:
                return cached
            fresh = self._saved_projection(head)
            if fresh is None:
                fresh = self._read_projection()
                self._save_projection(*fresh)
            with self._lock:
                self._cached = fresh
            return fresh
        finally:
            self._reload_lock.release()

    def _saved_projection(self, head: _Head) -> tuple[_Head, CatalogSnapshot] | None:
        """The projection of exactly ``head`` from the projection file, if one is kept."""
        if self._projection_file is None or head.uid is None:
            return None
        with long_lived(new_version=True):
            catalog = self._projection_file.read(_file_head(head))
        if catalog is None:
            return None
        log.info("catalog version %d read from the projection file", head.version)
        return head, CatalogSnapshot(head.version, catalog, catalog_id=_catalog_id(head.uid))

    def _save_projection(self, head: _Head, snapshot: CatalogSnapshot) -> None:
        """Save a projection just read from Neo4j, in the background (one save at a time: a
        save already running is not waited for, and a later read saves again)."""
        if self._projection_file is None or head.uid is None:
            return
        if self._saving is not None and self._saving.is_alive():
            return
        files = self._projection_file
        if files.holds(_file_head(head)):  # another process sharing the folder saved it
            return

        def save() -> None:
            started = time.perf_counter()
            try:
                files.write(_file_head(head), snapshot.catalog)
            except Exception as exc:  # a save is best effort: log it, never end the thread
                log.warning("the projection file was not saved: %s", exc)
                return
            seconds = time.perf_counter() - started
            log.info(
                "catalog version %d saved to the projection file in %.1f s", head.version, seconds
            )

        self._saving = threading.Thread(target=save, name="rumbo-projection-save", daemon=True)
        self._saving.start()

    def _head(self) -> _Head:
        """The meta node, read with one auto-commit query.

        Not ``execute_query``: a managed transaction retries an unreachable server for up
        to ``max_transaction_retry_time`` (30 s by default), while the stale-snapshot
        fallback must answer at once.
        """
        with self._errors("reading the catalog version"):
            with self._session(READ_ACCESS) as session:
                record = session.run(cypher.statement("read_version")).single()
        return _head_of(record)

    def _read_projection(self) -> tuple[_Head, CatalogSnapshot]:
        """Roles, transitions and actions of the current generation, in one read transaction.

        A worker thread reads while this one checks what has arrived, a chunk of roles at
        a time (:class:`_Decoder`): the server streams the rest meanwhile.
        """
        chunks: queue.SimpleQueue[Any] = queue.SimpleQueue()

        def read() -> tuple[_Head, _Rows, str | None]:
            try:
                with self._session(READ_ACCESS, fetch_size=PROJECTION_FETCH_SIZE) as session:
                    return session.execute_read(_read_generation, chunks.put)
            finally:
                chunks.put(_DONE)

        # The records read are as many long-lived objects as the catalog made of them
        # (see graph.lifetime).
        reader = ThreadPoolExecutor(1, thread_name_prefix="rumbo-read")
        with long_lived(new_version=True), reader as pool:
            reading = pool.submit(read)
            decoder = _Decoder()
            while (chunk := chunks.get()) is not _DONE:
                decoder = _Decoder() if chunk is _RESTART else decoder.feed(*chunk)
            with self._errors("reading the catalog"):
                head, actions, rules = reading.result()
            catalog = decoder.catalog(actions, rules)
        return head, CatalogSnapshot(head.version, catalog, catalog_id=_catalog_id(head.uid))

    def _read_query(self, what: str, name: str, params: dict[str, Any]) -> list[Any]:
        """One read statement in a managed read transaction (READ routing, retries).

        Like ``driver.execute_query(..., routing_=RoutingControl.READ)``, but in a session
        that can silence the server's "label/property does not exist" notifications, which
        a new or action-less catalog would otherwise log on every read.
        """
        with self._errors(what):
            with self._session(READ_ACCESS) as session:
                return session.execute_read(_records, name, params)

    def _write(
        self,
        what: str,
        work: Callable[..., T],
        *args: Any,
    ) -> T:
        """Run ``work(tx, *args)`` in a managed write transaction (retried if transient)."""
        with self._errors(what):
            with self._session(WRITE_ACCESS) as session:
                return session.execute_write(work, *args)

    def _session(self, access: str, **config: Any) -> Session:
        return self._driver.session(
            database=self._database,
            default_access_mode=access,
            notifications_disabled_classifications=QUIET,
            bookmark_manager=self._bookmarks,
            **config,
        )

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        """Driver errors become one-line :class:`StoreUnavailable` errors."""
        try:
            yield
        except (Neo4jError, DriverError) as exc:
            raise StoreUnavailable(
                f"Neo4j at {self._uri}{self._db_note()}: {what} failed: {describe(exc)}"
            ) from exc

    def _db_note(self) -> str:
        return f" (database {self._database!r})" if self._database else ""


# --------------------------------------------------------------------------- transaction work


def _single(tx: ManagedTransaction, name: str, params: dict[str, Any]) -> Any:
    return tx.run(cypher.statement(name), params).single()


def _run_statement(tx: ManagedTransaction, name: str, params: dict[str, Any]) -> None:
    tx.run(cypher.statement(name), params).consume()


def _create(tx: ManagedTransaction, name: str, params: dict[str, Any], wanted: int) -> list[Any]:
    """Run a ``create_*`` batch; the first column of what it returns (elementIds of roles).

    Raises
    ------
    CatalogError
        If it created another number of records than ``wanted`` (the batch is rolled back).
    """
    result = tx.run(cypher.statement(name), params)
    returned = [record[0] for record in result]
    summary = result.consume()
    counters = summary.counters
    made = (
        counters.relationships_created if name == "create_transitions" else counters.nodes_created
    )
    log.debug(
        "%s: %d records, %d ms on the server before the commit",
        name,
        made,
        (summary.result_available_after or 0) + (summary.result_consumed_after or 0),
    )
    if made != wanted:
        raise CatalogError(
            [Problem(f"{name} wrote {made} of {wanted} records; the load was rolled back")]
        )
    return returned


def _records(tx: ManagedTransaction, name: str, params: dict[str, Any]) -> list[Any]:
    return list(tx.run(cypher.statement(name), params))


def _single_value(
    tx: ManagedTransaction, name: str, key: str, params: dict[str, Any] | None = None
) -> Any:
    record = _single(tx, name, params or {})
    if record is None:
        raise StoreUnavailable("the catalog meta node is missing; run `rumbo db init`")
    return record[key]


_Rows = list[dict[str, Any]]
#: (source id, its transitions as ``[target id, *TRANSITION_COLUMNS]``), one per role, as
#: ``read_projection`` returns them.
_Edges = list[tuple[str, list[list[Any]]]]


#: What :func:`_read_generation` sends before each attempt (what came before is void), and
#: after its last.
_RESTART, _DONE = object(), object()


def _read_generation(
    tx: ManagedTransaction, send: Callable[[Any], None]
) -> tuple[_Head, _Rows, str | None]:
    """Read one generation, sending its roles and their transitions in chunks of
    :data:`DECODE_BATCH` roles; again if a write committed meanwhile (reads are
    read-committed). Returns the head, the actions and the rules."""
    for _ in range(WRITE_ATTEMPTS):
        send(_RESTART)
        head = _head_of(_single(tx, "read_version", {}))
        params = {"generation": head.generation}
        roles: _Rows = []
        edges: _Edges = []
        for record in tx.run(cypher.statement("read_projection"), params):
            role = dict(record["role"])
            roles.append(role)
            edges.append((str(role.get("id")), record["transitions"]))
            if len(roles) == DECODE_BATCH:
                send((roles, edges))
                roles, edges = [], []
        send((roles, edges))
        actions = [dict(r) for r in tx.run(cypher.statement("read_actions"), params)]
        rules = _single(tx, "read_rules", {})
        if _head_of(_single(tx, "read_version", {})) == head:
            return head, actions, rules["rules"] if rules is not None else None
    raise StoreUnavailable("the catalog kept changing while it was read; retry")


def _catalog_id(uid: str | None) -> str:
    """A snapshot's catalog id from the meta node's uid (a UUID): its hex digits.

    >>> _catalog_id("1b4e28ba-2fa1-11d2-883f-0016d3cca427"), _catalog_id(None)
    ('1b4e28ba2fa111d2883f0016d3cca427', '')
    """
    return (uid or "").replace("-", "")


def _file_head(head: _Head) -> CatalogHead:
    assert head.uid is not None  # a catalog without a uid has no projection file
    return CatalogHead(head.uid, head.version, head.generation)


def _head_of(record: Any) -> _Head:
    if record is None:
        return _Head(None, 0, 0)
    uid = record.get("uid") if hasattr(record, "get") else None
    return _Head(uid, int(record["version"]), int(record["generation"]))


def _decode(
    roles: _Rows,
    edges: _Edges,
    actions: _Rows,
    rules_json: str | None,
    role_list: list[Role] | None = None,
    table: TransitionTable | None = None,
) -> Catalog:
    """Build the catalog from what was read; every bad record is one problem.

    ``role_list`` and ``table`` are the roles and transitions already checked, if they
    are (:class:`_Decoder`); what is not is validated here record by record.
    """
    problems: list[Problem] = []
    rules = CareerRules()
    try:
        rules = rules_from_property(rules_json)
    except ValidationError as exc:
        problems.extend(
            Problem(
                describe_error(e), _SOURCE, None, "CatalogMeta.rules", format_field(error_path(e))
            )
            for e in exc.errors()
        )
    if role_list is None:
        role_id = lambda props: str(props.get("id"))  # noqa: E731
        role_list = _validated(Role, roles, _role_data, role_id, problems)
    edge_table: TransitionTable | list[Transition] | None = table
    if edge_table is None:
        edge_table = _validated(
            Transition,
            [(source, values) for source, listed in edges for values in listed],
            lambda edge: _transition_data(*edge),
            lambda edge: f"{edge[0]} -> {edge[1][0]}",
            problems,
        )
    action_list = _validated(
        DevelopmentAction,
        list(enumerate(actions, start=1)),
        lambda numbered: numbered[1],
        lambda numbered: f"development action {numbered[0]}",
        problems,
    )
    if problems:
        raise CatalogError(problems)
    return Catalog.build(role_list, edge_table, action_list, rules)


class _Decoder:
    """The catalog of the chunks of a projection read, checked as they arrive.

    Roles are validated a chunk at a time and transitions checked column by column
    (:func:`_edge_columns`); if any record is bad, :meth:`catalog` decodes everything
    again record by record (:func:`_decode`) to name each problem.
    """

    def __init__(self) -> None:
        self.roles: _Rows = []
        self.edges: _Edges = []
        self.role_list: list[Role] = []
        self.columns: list[_EdgeColumns] = []
        self.clean = True

    def feed(self, roles: _Rows, edges: _Edges) -> _Decoder:
        """Take one chunk; returns itself."""
        self.roles += roles
        self.edges += edges
        if self.clean:
            problems: list[Problem] = []
            role_id = lambda props: str(props.get("id"))  # noqa: E731
            self.role_list += _validated(Role, roles, _role_data, role_id, problems)
            columns = _edge_columns(edges)
            self.clean = not problems and columns is not None
            if columns is not None:
                self.columns.append(columns)
        return self

    def catalog(self, actions: _Rows, rules_json: str | None) -> Catalog:
        """The catalog of every chunk fed, with these actions and rules."""
        if not self.clean:
            return _decode(self.roles, self.edges, actions, rules_json)
        table = _table_of(self.columns, [r.id for r in self.role_list])
        return _decode(self.roles, self.edges, actions, rules_json, self.role_list, table)


#: The transitions of a chunk as columns: sources, targets, fits, strengths, points by
#: record (one row of six), origins.
_EdgeColumns = tuple[
    list[str], tuple[Any, ...], np.ndarray, list[tuple[str, ...]], np.ndarray, list[Origin]
]


def _edge_columns(edges: _Edges) -> _EdgeColumns | None:
    """The transitions read, as columns, if every one is well-formed.

    Checked column by column as :class:`~graph.model.Transition` would check each record,
    without making a million models; ``None`` when any record is not.
    """
    width = 4 + len(TRAITS)  # [target, fit, strengths, origin, *points]
    listed = [values for _, transitions in edges for values in transitions]
    if any(len(values) != width for values in listed):
        return None
    columns = list(zip(*listed, strict=True)) or [()] * width
    targets, fits, strengths, origins, *points = columns
    if not (
        _plain(targets, str)
        and _plain(fits, float, int)
        and _plain(strengths, list, type(None))
        and all(_plain(column, int, type(None)) for column in points)
    ):
        return None
    kinds = {None: Origin.CURATED} | {o.value: o for o in Origin}
    try:
        fit = np.asarray(fits, dtype=np.float64)
        # None (no points) is NaN as a float, then 0; every other value is an int.
        levels = np.nan_to_num(np.array(points, dtype=np.float64).T, nan=0.0)
        if not (np.all((fit > 0) & (fit <= 1)) and np.all((levels >= 0) & (levels <= 100))):
            return None
        shown = [() if texts is None else tuple(texts) for texts in strengths]
        if not all(_short_texts(texts) for texts in set(shown)):
            return None
        sources = [source for source, transitions in edges for _ in transitions]
        kind = [kinds[origin] for origin in origins]
    except (KeyError, ValueError, TypeError, OverflowError):  # e.g. an unknown origin
        return None
    return sources, targets, fit, shown, levels.reshape(-1, len(TRAITS)).astype(np.uint8), kind


def _table_of(chunks: Sequence[_EdgeColumns], role_ids: Iterable[str]) -> TransitionTable | None:
    """The table of these columns, ``None`` if one names an unknown role or two one key."""
    builder = TableBuilder(role_ids)
    try:
        for columns in chunks:
            builder.add_columns(*columns)
        return builder.build()
    except (KeyError, ValueError, TypeError):
        return None


def _plain(values: Iterable[Any], *types: type) -> bool:
    """Whether every value is exactly of one of ``types`` (``bool`` is no ``int`` here)."""
    return {type(v) for v in values} <= set(types)


def _short_texts(texts: tuple[Any, ...]) -> bool:
    """Whether every item is a text of 1-2,000 characters (as a transition's strengths)."""
    return all(type(text) is str and 0 < len(text) <= 2000 for text in texts)


def _validated(
    model: type[M],
    records: Sequence[R],
    fields: Callable[[R], Mapping[str, Any]],
    name: Callable[[R], str],
    problems: list[Problem],
) -> list[M]:
    """``records`` as models, validated a batch at a time (one pydantic call per batch).

    A batch that fails is validated again record by record, so that every bad record is
    named as before; its problems go to ``problems``.
    """
    adapter = _list_adapter(model)
    valid: list[M] = []
    for start in range(0, len(records), DECODE_BATCH):
        batch = records[start : start + DECODE_BATCH]
        try:
            valid.extend(adapter.validate_python([fields(r) for r in batch]))
            continue
        except ValueError:  # pydantic's ValidationError or bad JSON: find which records
            pass
        for record in batch:
            try:
                valid.append(model.model_validate(fields(record)))
            except ValidationError as exc:
                problems.extend(_problems(exc, name(record)))
            except ValueError as exc:
                problems.append(Problem(f"bad JSON property: {exc}", _SOURCE, None, name(record)))
    return valid


@cache
def _list_adapter(model: type[M]) -> TypeAdapter[list[M]]:
    return TypeAdapter(list[model])  # type: ignore[valid-type]


def _problems(exc: ValidationError, record: str) -> list[Problem]:
    return [
        Problem(describe_error(e), _SOURCE, None, record, format_field(error_path(e)))
        for e in exc.errors()
    ]


# --------------------------------------------------------------------------- helpers


class _Tracker:
    """Feeds ``progress(done, total)``."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self._progress = progress
        self.total = total
        self.done = 0
        self._report()

    def advance(self, count: int) -> None:
        self.done = min(self.total, self.done + count)
        self._report()

    def finish(self) -> None:
        self.done = self.total
        self._report()

    def _report(self) -> None:
        if self._progress is not None:
            self._progress(self.done, self.total)


def _batches(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _driver_uri(driver: Driver) -> str:
    """Best-effort ``bolt://host:port`` of a driver handed in without its URI."""
    address = getattr(getattr(driver, "_pool", None), "address", None)
    return f"bolt://{address}" if address is not None else "<neo4j>"


def connect(
    uri: str,
    user: str | None = DEFAULT_USER,
    password: str | None = None,
    database: str | None = DEFAULT_DATABASE,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    writers: int = DEFAULT_WRITERS,
    projection_dir: Path | None = None,
    **driver_config: Any,
) -> Neo4jStore:
    """A store on a new, checked driver (:func:`stores.driver.open_driver`); it owns the driver.

    Raises
    ------
    StoreUnavailable
        ``cannot reach Neo4j at <uri>: <reason>`` (bad URI, server down, wrong
        credentials, unknown database).
    ValueError
        If ``batch_size`` or ``writers`` is not positive (checked before connecting).
    """
    _check_load_settings(batch_size, writers)
    driver = open_driver(uri, user, password, database, **driver_config)
    return Neo4jStore(
        driver,
        database,
        uri=uri,
        batch_size=batch_size,
        writers=writers,
        projection_dir=projection_dir,
    )


def _check_load_settings(batch_size: int, writers: int) -> None:
    """Raise ``ValueError`` unless both are positive."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    if writers < 1:
        raise ValueError(f"writers must be positive, got {writers}")
