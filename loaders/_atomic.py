"""All-or-nothing writes: stage in a temporary sibling folder, then rename into place.

A failure before the final renames leaves the destination untouched; a
failure during them is rolled back. Files the writer does not manage are
carried over, never deleted.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path


def _write_file(path: Path, data: bytes) -> None:
    """Write and flush one staged file (tests patch this to simulate failures)."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _rename(source: Path, target: Path) -> None:
    """Rename one path (tests patch this to simulate failures)."""
    os.replace(source, target)


def _fresh_sibling(folder: Path, stem: str) -> Path:
    """A new, empty folder in ``folder`` named ``.<stem>.<random>``."""
    while True:
        candidate = folder / f".{stem}.{secrets.token_hex(6)}"
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate


def _unused_sibling(folder: Path, stem: str) -> Path:
    """A path in ``folder`` that does not exist yet."""
    while True:
        candidate = folder / f".{stem}.{secrets.token_hex(6)}"
        if not os.path.lexists(candidate):
            return candidate


def _copy_entry(entry: Path, into: Path) -> None:
    if entry.is_symlink():
        os.symlink(os.readlink(entry), into / entry.name)
    elif entry.is_dir():
        shutil.copytree(entry, into / entry.name, symlinks=True)
    else:
        shutil.copy2(entry, into / entry.name)


def replace_folder(
    target: Path, files: Mapping[str, bytes], managed: Callable[[Path], bool]
) -> None:
    """Make ``target`` hold ``files`` plus its entries that are not ``managed``.

    Entries of the current ``target`` for which ``managed`` is true are the
    writer's (stale ones disappear); every other entry is carried over. The
    new content is staged in a sibling folder, then swapped in with two
    renames; if the second fails the first is undone.
    """
    if target.is_symlink():
        target = target.resolve()
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = _fresh_sibling(parent, f"{target.name}.new")
    try:
        exists = target.exists()
        if exists:
            for entry in sorted(target.iterdir()):
                if not managed(entry):
                    _copy_entry(entry, staging)
            shutil.copymode(target, staging)
        for name, data in files.items():
            _write_file(staging / name, data)
        if not exists:
            _rename(staging, target)
            return
        retired = _unused_sibling(parent, f"{target.name}.old")
        _rename(target, retired)
        try:
            _rename(staging, target)
        except BaseException:
            _rename(retired, target)
            raise
        shutil.rmtree(retired, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def recover_folder(target: Path) -> bool:
    """Put back the folder that a crash inside :func:`replace_folder` left renamed aside.

    Between its two renames the old ``target`` sits at ``.<name>.old.<random>`` and
    ``target`` is missing; the write was not finished, so the old content is the
    current one. Returns whether it was put back (only when exactly one such folder
    exists and ``target`` does not).
    """
    if target.exists() or target.is_symlink():
        return False
    retired = sorted(p for p in target.parent.glob(f".{target.name}.old.*") if p.is_dir())
    if len(retired) != 1:
        return False
    _rename(retired[0], target)
    return True


def replace_files(folder: Path, files: Mapping[str, bytes]) -> None:
    """Replace several files of ``folder`` together, leaving its other entries alone.

    The new files are staged in a sibling folder inside ``folder``; the old
    ones are kept as hard links (or copies) until every rename succeeded, and
    restored if one fails.
    """
    folder.mkdir(parents=True, exist_ok=True)
    staging = _fresh_sibling(folder, "rumbo-write")
    done: list[str] = []
    try:
        for name, data in files.items():
            _write_file(staging / name, data)
        backups = staging / "previous"
        backups.mkdir()
        for name in files:
            current = folder / name
            if current.is_file():
                try:
                    os.link(current, backups / name)
                except OSError:
                    shutil.copy2(current, backups / name)
        try:
            for name in files:
                _rename(staging / name, folder / name)
                done.append(name)
        except BaseException:
            for name in done:
                if (backups / name).exists():
                    os.replace(backups / name, folder / name)
                else:
                    os.unlink(folder / name)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
