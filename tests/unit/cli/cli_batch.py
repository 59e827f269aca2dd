"""Run ``rumbo`` command lines as real processes, many per interpreter start.

Each command line runs in a process of its own, forked from one that has imported the
CLI once: real argv, exit status, stdout and stderr, without paying the imports (about
two seconds) per command.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]

#: Runs many ``rumbo`` command lines, each in its own forked process (real argv, exit
#: status and output; the imports are paid once). Reads ``[{"argv", "cwd"}...]`` as JSON
#: on stdin, writes ``[{"code", "stdout", "stderr"}...]``. A command still running after
#: its allowance (a blocking read, a server that started) is killed and reported as -9.
BATCH = r"""
import json, os, signal, sys, tempfile, time, traceback
from rumbo_cli.main import run

results = []
for job in json.load(sys.stdin):
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.chdir(job["cwd"])
                os.dup2(out.fileno(), 1)
                os.dup2(err.fileno(), 2)
                sys.argv = ["rumbo", *job["argv"]]
                run()
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        deadline = time.monotonic() + 60
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                status = -9
                break
            time.sleep(0.01)
        out.seek(0)
        err.seek(0)
        results.append({
            "code": os.waitstatus_to_exitcode(status) if status != -9 else -9,
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        })
json.dump(results, sys.stdout)
"""


@dataclass(frozen=True)
class Result:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def rumbo_batch(commands: list[list[str]], cwd: Path = REPO, columns: int = 100000) -> list[Result]:
    """Run each command line as ``rumbo`` would, each in a process of its own, in a
    terminal ``columns`` wide (so wide by default that nothing wraps)."""
    jobs = [{"argv": argv, "cwd": str(cwd)} for argv in commands]
    env = {"COLUMNS": str(columns), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", BATCH],
        input=json.dumps(jobs),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=True,
    )
    return [
        Result(tuple(argv), r["code"], r["stdout"], r["stderr"])
        for argv, r in zip(commands, json.loads(done.stdout), strict=True)
    ]


def rumbo(*args: str, cwd: Path = REPO) -> Result:
    return rumbo_batch([list(args)], cwd)[0]
