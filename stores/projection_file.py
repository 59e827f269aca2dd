"""A local copy of the catalog projection, so that a restart on an unchanged version skips Neo4j.

Reading the projection of a 100k-role catalog from Neo4j and validating it takes seconds to
minutes; the same catalog read back from a local file takes a few seconds. A
:class:`ProjectionFile` keeps one file per catalog (``catalog-<uid>.projection`` in its
folder) holding the validated catalog of one exact catalog head: the meta node's ``uid``,
``version`` and ``generation``. It is used only for that head, so it is invalidated exactly
when the version moves, and never served for another catalog (another uid).

The file is a header line naming the head, a fingerprint of the domain models (a release
whose models differ ignores older files) and the SHA-256 of the payload, then the payload:
the catalog's roles, transitions (the columns of its
:class:`~graph.transitions.TransitionTable`, in this machine's byte order), actions, rules
and derived transitions (computed while the file is written, so a restarting replica does
not derive them again), pickled. Files are written to a
temporary name in the same folder and renamed into place, so a reader sees a whole file or
the previous one, and several processes may share the folder. A file that is short,
corrupt, of another head or of other models is ignored (and replaced by the next write).

Loading uses an unpickler that only accepts the domain's own model and enum classes, so a
planted file cannot run code; still, the folder should be writable by the service alone.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from graph.career import CareerRules
from graph.catalog import Catalog
from graph.derived import METHOD_VERSION
from graph.model import DevelopmentAction, Role, Transition
from graph.transitions import TransitionTable, table_from_columns

__all__ = ["CatalogHead", "ProjectionFile", "models_fingerprint"]

log = logging.getLogger(__name__)

#: First line of every projection file; bumped when the layout changes.
MAGIC = b"RUMBO-PROJECTION 2\n"
#: Longest header line read (the header is a small JSON object).
_HEADER_LIMIT = 4096
#: Modules whose model and enum classes a projection file may name.
_MODULES = frozenset({"graph.career", "graph.model", "graph.traits"})


@dataclass(frozen=True)
class CatalogHead:
    """The catalog version a projection is of: the meta node's uid, version and generation."""

    uid: str
    version: int
    generation: int


@cache
def models_fingerprint() -> str:
    """SHA-256 of the JSON schemas of the models a projection holds, the version of the
    derived-edge rules' code (:data:`graph.derived.METHOD_VERSION`) and the byte order.

    >>> len(models_fingerprint())
    64
    """
    schemas = [m.model_json_schema() for m in (Role, Transition, DevelopmentAction, CareerRules)]
    text = json.dumps([schemas, METHOD_VERSION, sys.byteorder], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ProjectionFile:
    """The projection files in ``folder`` (created on the first write).

    >>> import tempfile
    >>> from graph.traits import Profile
    >>> role = Role(id="a", name="A", profile=Profile.from_scores([50] * 6))
    >>> catalog = Catalog.build([role], [])
    >>> files = ProjectionFile(Path(tempfile.mkdtemp()))
    >>> head = CatalogHead("1b4e28ba-2fa1-11d2-883f-0016d3cca427", 7, 3)
    >>> files.write(head, catalog)
    >>> files.read(head) == catalog
    True
    >>> files.read(CatalogHead(head.uid, 8, 3)) is None  # the version moved
    True
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, uid: str) -> Path:
        """The file of the catalog ``uid``."""
        return self.folder / f"catalog-{_safe(uid)}.projection"

    def holds(self, head: CatalogHead) -> bool:
        """Whether the file of ``head``'s catalog names ``head`` (its header only is read)."""
        try:
            with self.path(head.uid).open("rb") as file:
                if file.read(len(MAGIC)) != MAGIC:
                    return False
                header = _header(file)
        except (OSError, ValueError):
            return False
        return _names(header, head) and header.get("models") == models_fingerprint()

    def read(self, head: CatalogHead) -> Catalog | None:
        """The catalog saved for exactly ``head``; ``None`` when there is none or it is unusable."""
        path = self.path(head.uid)
        try:
            with path.open("rb") as file:
                payload = _payload(file, head)
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("ignoring the projection file %s: %s", path, exc)
            return None
        if payload is None:
            return None
        try:
            return _catalog(_RestrictedUnpickler(io.BytesIO(payload)).load())
        except Exception as exc:  # any failure to unpickle means: read Neo4j instead
            log.warning("ignoring the projection file %s: %s", path, exc)
            return None

    def write(self, head: CatalogHead, catalog: Catalog) -> None:
        """Save ``catalog`` as the projection of ``head``, replacing the file atomically.

        Raises
        ------
        OSError
            If the folder cannot be created or written (the temporary file is removed).
        """
        payload = pickle.dumps(
            (
                dict(catalog.roles),
                catalog.transition_table(),
                catalog.actions,
                catalog.rules,
                catalog.derived,  # derived now if not yet: this runs in the background
            ),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        header = {
            "uid": head.uid,
            "version": head.version,
            "generation": head.generation,
            "models": models_fingerprint(),
            "bytes": len(payload),
            "sha256": hashlib.sha256(payload).hexdigest(),
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(head.uid)
        handle, temporary = tempfile.mkstemp(
            dir=self.folder, prefix=f".{target.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(MAGIC)
                file.write(json.dumps(header).encode("ascii") + b"\n")
                file.write(payload)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _payload(file: io.BufferedReader, head: CatalogHead) -> bytes | None:
    """The checked payload of an open projection file, or ``None`` if it is of another head.

    Raises
    ------
    ValueError
        If the file is not a whole projection file of this release's models.
    """
    if file.read(len(MAGIC)) != MAGIC:
        raise ValueError("not a projection file of this format")
    header = _header(file)
    if not _names(header, head):
        return None
    if header.get("models") != models_fingerprint():
        raise ValueError("it was written by a release with other domain models")
    payload = file.read()
    if len(payload) != header.get("bytes") or (
        hashlib.sha256(payload).hexdigest() != header.get("sha256")
    ):
        raise ValueError("the payload is cut short or corrupt (checksum mismatch)")
    return payload


def _header(file: io.BufferedReader) -> dict[str, Any]:
    """The header line, read after the magic line.

    Raises
    ------
    ValueError
        If it is cut short or not a JSON object.
    """
    line = file.readline(_HEADER_LIMIT)
    if not line.endswith(b"\n"):
        raise ValueError("the header is cut short")
    header = json.loads(line)
    if not isinstance(header, dict):
        raise ValueError("the header is not an object")
    return header


def _names(header: dict[str, Any], head: CatalogHead) -> bool:
    """Whether a header is of exactly ``head``."""
    named = (header.get("uid"), header.get("version"), header.get("generation"))
    return named == (head.uid, head.version, head.generation)


def _catalog(value: Any) -> Catalog:
    """The catalog a payload holds, its shape checked (it was validated when it was saved)."""
    roles, transitions, actions, rules, derived = value
    if not (
        isinstance(roles, dict)
        and isinstance(transitions, TransitionTable)
        and isinstance(derived, TransitionTable)
        and isinstance(actions, tuple)
        and isinstance(rules, CareerRules)
        and all(isinstance(r, Role) for r in roles.values())
        and all(isinstance(a, DevelopmentAction) for a in actions)
        and transitions.role_ids() <= roles.keys()
        and derived.role_ids() <= roles.keys()
    ):
        raise ValueError("the payload does not hold a catalog")
    return Catalog(roles, transitions, actions, rules).with_derived(derived)


class _RestrictedUnpickler(pickle.Unpickler):
    """Unpickles only plain data and the domain's model and enum classes."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (table_from_columns.__module__, table_from_columns.__name__):
            return table_from_columns  # a function: the table's columns are checked
        if module in _MODULES:
            found = super().find_class(module, name)
            if isinstance(found, type) and issubclass(found, (BaseModel, Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a projection file")


def _safe(uid: str) -> str:
    """``uid`` reduced to characters safe in a file name.

    >>> _safe("1b4e28ba-2fa1-11d2-883f-0016d3cca427"), _safe("../x")
    ('1b4e28ba-2fa1-11d2-883f-0016d3cca427', '___x')
    """
    return "".join(c if c.isalnum() or c == "-" else "_" for c in uid)
