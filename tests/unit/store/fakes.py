"""A fake Neo4j driver that records every statement the store sends, by name.

Only the unit tests of the store use it (the e2e tests run against a real server). It keeps
a tiny model of the database (meta node, rows written per generation) so that the store's
checks have something to check, and rolls that model back when a transaction function
raises, as a server would.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from neo4j.exceptions import ServiceUnavailable

import cypher
from stores.neo4j import TRANSITION_COLUMNS

#: Statement text -> name, to record calls by name.
NAME_OF: dict[str, str] = {cypher.statement(n): n for n in cypher.names()}


@dataclass
class Call:
    """One statement as the server received it."""

    name: str
    params: dict[str, Any]
    tx: int  # transaction number (0: auto-commit)
    mode: str  # "read", "write" or "auto"


@dataclass
class Counters:
    nodes_created: int = 0
    relationships_created: int = 0


@dataclass
class Summary:
    counters: Counters
    result_available_after: int = 1
    result_consumed_after: int = 0


def element_id(generation: int, role_id: str) -> str:
    """The elementId the fake database gives a role node."""
    return f"4:fake:{generation}:{role_id}"


class Result:
    def __init__(self, records: list[Any], counters: Counters | None = None) -> None:
        self._records = records
        self._counters = counters or Counters()

    def single(self) -> Any:
        return self._records[0] if self._records else None

    def __iter__(self) -> Iterator[Any]:
        return iter(self._records)

    def consume(self) -> Summary:
        return Summary(self._counters)


@dataclass
class Model:
    """What the fake database holds."""

    uid: str = "catalog-1"
    meta: bool = True
    version: int = 0
    generation: int = 0
    last_generation: int = 0
    rules: str | None = None  # the current generation's career rules (JSON)
    # generation -> role properties by id; generation -> list of transition rows; actions
    roles: dict[int, dict[str, dict[str, Any]]] = field(default_factory=dict)
    transitions: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    actions: dict[int, list[dict[str, Any]]] = field(default_factory=dict)


class FakeDriver:
    """Records calls; answers from :class:`Model`; ``fail`` makes chosen statements raise."""

    def __init__(self, model: Model | None = None) -> None:
        self.model = model or Model()
        self.calls: list[Call] = []
        self.sessions: list[dict[str, Any]] = []
        self.closed = False
        self.down = False
        self.fail: dict[str, Exception] = {}
        # hooks that simulate another process committing just before a statement runs;
        # they survive the rollback of the transaction they ran in
        self.before: dict[str, Callable[[], None]] = {}
        self.external: list[Callable[[], None]] = []
        self._tx = 0
        # one transaction at a time, as if the server serialised them (a load's writers are
        # threads; the rollback below restores the whole model)
        self.serial = threading.RLock()

    # driver API -------------------------------------------------------------------------

    def session(self, **config: Any) -> FakeSession:
        self.sessions.append(config)
        return FakeSession(self)

    def close(self) -> None:
        self.closed = True

    # helpers for tests ------------------------------------------------------------------

    def names(self) -> list[str]:
        return [c.name for c in self.calls]

    def reset(self) -> None:
        self.calls.clear()
        self.sessions.clear()

    def run(self, query: str, params: dict[str, Any], tx: int, mode: str) -> Result:
        name = NAME_OF[query]  # KeyError: the store sent text that is not a named statement
        if self.down:
            raise ServiceUnavailable(
                "Couldn't connect to 127.0.0.1:7687 (resolved to ('127.0.0.1:7687',)):\n"
                "Failed to establish connection to ResolvedIPv4Address(('127.0.0.1', 7687)) "
                "(reason [Errno 111] Connection refused)"
            )
        self.calls.append(Call(name, dict(params), tx, mode))
        if name in self.before:
            hook = self.before.pop(name)
            hook()
            self.external.append(hook)
        if name in self.fail:
            raise self.fail[name]
        return answer(self.model, name, params)


class FakeSession:
    def __init__(self, driver: FakeDriver) -> None:
        self._driver = driver

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def run(self, query: str, parameters: dict[str, Any] | None = None) -> Result:
        return self._driver.run(query, parameters or {}, 0, "auto")

    def execute_read(self, work: Callable[..., Any], *args: Any) -> Any:
        return self._transaction("read", work, *args)

    def execute_write(self, work: Callable[..., Any], *args: Any) -> Any:
        return self._transaction("write", work, *args)

    def _transaction(self, mode: str, work: Callable[..., Any], *args: Any) -> Any:
        driver = self._driver
        with driver.serial:
            driver._tx += 1
            saved = copy.deepcopy(driver.model)
            driver.external.clear()
            try:
                return work(FakeTx(driver, driver._tx, mode), *args)
            except BaseException:
                driver.model = saved  # rolled back; other processes' commits stay
                for hook in driver.external:
                    hook()
                raise


class FakeTx:
    def __init__(self, driver: FakeDriver, number: int, mode: str) -> None:
        self._driver = driver
        self._number = number
        self._mode = mode

    def run(self, query: str, parameters: dict[str, Any] | None = None) -> Result:
        return self._driver.run(query, parameters or {}, self._number, self._mode)


def answer(m: Model, name: str, p: dict[str, Any]) -> Result:
    """What the server would answer (enough for the store's logic)."""
    gen = p.get("generation", m.generation)
    if name == "read_version":
        if not m.meta:
            return Result([{"version": 0, "generation": 0, "uid": None}])
        return Result([{"version": m.version, "generation": m.generation, "uid": m.uid}])
    if name == "read_projection":
        out: dict[str, list[list[Any]]] = {}
        for row in m.transitions.get(gen, []):
            values = [row["properties"].get(c) for c in TRANSITION_COLUMNS]
            out.setdefault(row["source"], []).append([row["target"], *values])
        return Result(
            [
                {"role": dict(r, gen=gen), "transitions": out.get(role_id, [])}
                for role_id, r in m.roles.get(gen, {}).items()
            ]
        )
    if name == "read_actions":
        rows = sorted(m.actions.get(gen, []), key=lambda a: a["position"])
        return Result([{"trait": a["trait"], "es": a["es"], "en": a["en"]} for a in rows])
    if name == "count_generation":
        roles = len(m.roles.get(gen, {}))
        return Result([{"roles": roles, "transitions": len(m.transitions.get(gen, []))}])
    if name == "count_actions":
        return Result([{"actions": len(m.actions.get(gen, []))}])
    if name == "other_generations":
        others = sorted({*m.roles, *m.actions} - {gen})
        return Result(
            [
                {
                    "generation": g,
                    "nodes": len(m.roles.get(g, {})) + len(m.actions.get(g, [])),
                }
                for g in others
                if m.roles.get(g) or m.actions.get(g)
            ]
        )
    if name == "ensure_meta":
        m.meta = True
        return Result([{"version": m.version, "generation": m.generation}])
    if name == "bump_version":
        if not m.meta:
            return Result([])
        m.version += 1
        return Result([{"version": m.version, "generation": m.generation}])
    if name == "allocate_generation":
        m.last_generation = max(m.last_generation, m.generation) + 1
        return Result([{"generation": m.last_generation}])
    if name == "read_rules":
        return Result([{"rules": m.rules}])
    if name == "switch_generation":
        m.generation, m.rules = p["generation"], p["rules"]
        return Result([{"version": m.version, "generation": m.generation}])
    if name == "create_roles":
        target = m.roles.setdefault(gen, {})
        for row in p["rows"]:
            target[row["id"]] = dict(row)
        nodes = [[element_id(gen, row["id"])] for row in p["rows"]]
        return Result(nodes, Counters(nodes_created=len(p["rows"])))
    if name == "create_transitions":
        by_node = {element_id(gen, role_id): role_id for role_id in m.roles.get(gen, {})}
        made = 0
        for i, (source, target) in enumerate(zip(p["source"], p["target"], strict=True)):
            if source in by_node and target in by_node:  # MATCH by elementId, this generation
                cells = {c: copy.deepcopy(p[c][i]) for c in TRANSITION_COLUMNS}
                properties = {c: v for c, v in cells.items() if v is not None}
                row = {
                    "source": by_node[source],
                    "target": by_node[target],
                    "properties": properties,
                }
                m.transitions.setdefault(gen, []).append(row)
                made += 1
        return Result([], Counters(relationships_created=made))
    if name == "create_actions":
        m.actions.setdefault(gen, []).extend(dict(r) for r in p["rows"])
        return Result([], Counters(nodes_created=len(p["rows"])))
    if name == "delete_generation_batch":
        ids = sorted(m.roles.get(gen, {}))[: p["batch_size"]]
        for role_id in ids:
            del m.roles[gen][role_id]
        kept = [
            t
            for t in m.transitions.get(gen, [])
            if t["source"] not in ids and t["target"] not in ids
        ]
        m.transitions[gen] = kept
        if not m.roles.get(gen):
            m.roles.pop(gen, None)
            m.transitions.pop(gen, None)
        return Result([{"deleted": len(ids)}])
    if name == "delete_generation_actions":
        deleted = len(m.actions.pop(gen, []))
        return Result([{"deleted": deleted}])
    if name == "upsert_roles":
        existed = sum(row["id"] in m.roles.get(gen, {}) for row in p["rows"])
        for row in p["rows"]:
            m.roles.setdefault(gen, {})[row["id"]] = dict(row)
        return Result([{"written": len(p["rows"]), "existed": existed}])
    if name == "delete_roles":
        gone = [i for i in p["ids"] if i in m.roles.get(gen, {})]
        for role_id in gone:
            del m.roles[gen][role_id]
        m.transitions[gen] = [
            t
            for t in m.transitions.get(gen, [])
            if t["source"] not in gone and t["target"] not in gone
        ]
        return Result([{"deleted": len(gone)}])
    if name == "upsert_transitions":
        edges = m.transitions.setdefault(gen, [])
        present = {(t["source"], t["target"]) for t in edges}
        existed = sum((row["source"], row["target"]) in present for row in p["rows"])
        for row in p["rows"]:
            edges[:] = [
                t for t in edges if (t["source"], t["target"]) != (row["source"], row["target"])
            ]
            edges.append(copy.deepcopy(row))
        return Result([{"written": len(p["rows"]), "existed": existed}])
    if name == "delete_transitions":
        edges = m.transitions.get(gen, [])
        keys = {(r["source"], r["target"]) for r in p["rows"]}
        kept = [t for t in edges if (t["source"], t["target"]) not in keys]
        deleted = len(edges) - len(kept)
        m.transitions[gen] = kept
        return Result([{"deleted": deleted}])
    # schema statements and await_indexes
    return Result([])
