"""requirements.lock pins every dependency pyproject.toml declares, and nothing loosely.

The lock is what CI and the README install with (``pip install -c requirements.lock
-e '.[dev]'``); these checks make it impossible to add or change a dependency in
pyproject.toml without regenerating the lock (README, "Dependencies and the lock").
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "requirements.lock"

#: One pin of the lock: ``name==version`` and, optionally, ``; marker``.
PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)"  # name==version
    r"\s*(?:;(?P<marker>.*))?$"  # ; marker
)


def lock_lines() -> list[str]:
    """The requirement lines of the lock (comments, blanks and pip options left out)."""
    lines = []
    for raw in LOCK.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip()
        if line and not line.startswith(("#", "-")):
            lines.append(line)
    return lines


def parse_lock(lines: list[str]) -> dict[str, tuple[Version, Marker | None]]:
    pins: dict[str, tuple[Version, Marker | None]] = {}
    for line in lines:
        match = PIN.match(line)
        assert match, f"requirements.lock: {line!r} is not pinned as name==version"
        name = canonicalize_name(match["name"])
        assert name not in pins, f"requirements.lock pins {name} twice"
        marker = Marker(match["marker"].strip()) if match["marker"] else None
        pins[name] = (Version(match["version"]), marker)
    return pins


def declared() -> list[Requirement]:
    """Runtime and dev dependencies of pyproject.toml."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = list(project["dependencies"]) + list(project["optional-dependencies"]["dev"])
    return [Requirement(text) for text in texts]


@pytest.fixture(scope="module")
def pins() -> dict[str, tuple[Version, Marker | None]]:
    return parse_lock(lock_lines())


def test_every_line_of_the_lock_is_an_exact_pin() -> None:
    lines = lock_lines()
    assert len(lines) >= len(declared())
    parse_lock(lines)  # asserts on the first loose line


def test_a_loose_or_duplicate_line_is_refused() -> None:
    for bad in (["rich>=13"], ["rich"], ["rich~=15.0"], ["rich==15.0.0", "Rich==14.0.0"]):
        with pytest.raises(AssertionError):
            parse_lock(bad)


def test_every_declared_dependency_is_pinned_within_its_declared_range(
    pins: dict[str, tuple[Version, Marker | None]],
) -> None:
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} (pyproject.toml) is missing from requirements.lock"
        version, marker = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"requirements.lock pins {name}=={version}, outside pyproject.toml's {requirement}"
        )
        if requirement.marker is not None:
            assert marker is not None and str(marker) == str(requirement.marker), (
                f"requirements.lock pins {name} for {marker}, pyproject.toml for "
                f"{requirement.marker}"
            )


def dependencies_of(name: str, extras: frozenset[str]) -> list[Requirement]:
    """What the installed distribution ``name`` requires here (markers evaluated)."""
    wanted = []
    for text in metadata.requires(name) or []:
        requirement = Requirement(text)
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": e}) for e in extras | {""}):
            wanted.append(requirement)
    return wanted


def test_the_lock_holds_every_transitive_dependency(
    pins: dict[str, tuple[Version, Marker | None]],
) -> None:
    """Walk the installed metadata from the declared dependencies: every package met is pinned."""
    todo = [
        (r, "pyproject.toml")
        for r in declared()
        if r.marker is None or r.marker.evaluate({"extra": ""})
    ]
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        requirement, wanted_by = todo.pop()
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} (needed by {wanted_by}) is missing from requirements.lock"
        key = (name, frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        todo.extend((r, name) for r in dependencies_of(name, key[1]))
    assert len(seen) >= len(declared()) - 1
