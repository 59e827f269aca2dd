"""What a run ran on: the machine, the search code's version, and memory in a fresh process."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
import sys
from typing import Any

import networkx as nx

from bench.harness import Log
from bench.subjects import ROOT, Subject

#: ``lscpu`` fields worth reporting.
CPU_FIELDS = ("Model name", "Hypervisor vendor", "CPU(s)", "Thread(s) per core")


def machine() -> dict[str, Any]:
    """Python, library versions, CPU and memory of this machine."""
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "networkx": nx.__version__,
    }
    for module in ("numpy", "scipy", "pydantic"):
        try:
            info[module] = __import__(module).__version__
        except ImportError:
            pass
    info.update(_cpu())
    memory = _memory_gib()
    if memory is not None:
        info["memory_gib"] = memory
    return info


def _cpu() -> dict[str, str]:
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return {}
    fields = (line.partition(":") for line in lscpu.splitlines())
    return {key.strip(): value.strip() for key, _, value in fields if key.strip() in CPU_FIELDS}


def _memory_gib() -> float | None:
    try:
        with open("/proc/meminfo") as fh:
            total_kb = int(fh.readline().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return round(total_kb / 2**20, 1)


def git_state() -> dict[str, Any]:
    """The commit, the uncommitted files under ``graph/``, and a hash of ``graph/**/*.py``
    (the search code may change between the graphs of a long run)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "graph").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return {
        "graph_sha256": digest.hexdigest()[:12],
        "commit": _git("rev-parse", "--short", "HEAD"),
        "dirty": [line[3:] for line in _git("status", "--porcelain", "--", "graph").splitlines()],
    }


def _git(*cmd: str) -> str:
    try:
        return subprocess.run(
            ["git", *cmd], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.rstrip()
    except OSError:
        return ""


def memory_probe(subject: Subject, log: Log) -> dict[str, Any] | None:
    """RSS of the subject's graph measured in a fresh interpreter (see :mod:`bench.memory`)."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bench.memory", *subject.memory_args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
            check=True,
        )
        probe: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError) as exc:
        log(f"  memory probe failed: {exc}")
        return None
    log(
        f"  memory: {(probe['rss_loaded'] - probe['rss_before']) / 2**20:.0f} MiB loaded, "
        f"{(probe['rss_searched'] - probe['rss_before']) / 2**20:.0f} MiB after a first query"
    )
    return probe
