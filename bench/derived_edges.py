"""Derived edges at scale: the indexed method against the quadratic one, on synthetic catalogs.

``python -m bench.derived_edges --sizes 10k,20k,100k --quadratic-max 20k`` times
:func:`graph.derived.derived_transitions` on the synthetic catalog of each size (its
rules: same family, level change 0 or +1, 4 per role, threshold 0.75), and, up to
``--quadratic-max`` roles, :func:`graph.derived.quadratic_derived_transitions` on the
same catalog in the same process, and compares the two edge lists (sources, targets,
fits and development, in order). Above that size the quadratic time is *estimated*
from the largest size measured, as ``n²`` scaling. ``--any-family`` drops the family
rule, so that every pool is large and the k-d tree does the work. ``--seeds K`` adds
an equality check on K more catalogs of ``--check-size`` roles per rule set (default
and any family) with other seeds. Prints one JSON object per line; each line has the
1-minute load average before and after (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from bench import synthetic
from graph.career import CareerRules, DerivedRules
from graph.derived import derived_transitions, quadratic_derived_transitions
from graph.model import Transition

Method = Callable[..., list[Transition]]


def rules_for(any_family: bool) -> CareerRules:
    """The synthetic catalogs' rules, with the family rule dropped if ``any_family``.

    >>> rules_for(True).derived.same_family_only, rules_for(False).derived.same_family_only
    (False, True)
    """
    if not any_family:
        return synthetic.RULES
    return synthetic.RULES.model_copy(update={"derived": DerivedRules(same_family_only=False)})


def timed(method: Method, records: synthetic.Synthetic, rules: CareerRules) -> dict[str, Any]:
    """Run one method on a catalog's records: its edges, wall and CPU seconds."""
    joined = [t.key for t in records.transitions]
    load, wall, cpu = os.getloadavg()[0], time.perf_counter(), time.process_time()
    edges = method(records.roles, joined, rules)
    return {
        "edges": edges,
        "wall_s": round(time.perf_counter() - wall, 3),
        "cpu_s": round(time.process_time() - cpu, 3),
        "load_before": load,
        "load_after": os.getloadavg()[0],
    }


def run_size(n: int, seed: int, rules: CareerRules, quadratic: bool) -> dict[str, Any]:
    """One size: the indexed method's time and, if asked, the quadratic one's and equality."""
    records = synthetic.load(n, seed)
    indexed = timed(derived_transitions, records, rules)
    edges = indexed.pop("edges")
    row: dict[str, Any] = {
        "roles": n,
        "seed": seed,
        "derived_edges": len(edges),
        "indexed": indexed,
    }
    if quadratic:
        reference = timed(quadratic_derived_transitions, records, rules)
        row["equal"] = reference.pop("edges") == edges
        row["quadratic"] = reference
    return row


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,20k,100k")
    parser.add_argument("--quadratic-max", default="20k", help="time the reference up to here")
    parser.add_argument("--any-family", action="store_true", help="drop the family rule")
    parser.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    parser.add_argument("--seeds", type=int, default=0, help="extra catalogs checked for equality")
    parser.add_argument("--check-size", default="2k", help="size of those extra catalogs")
    args = parser.parse_args(argv)
    rules = rules_for(args.any_family)
    all_equal = True
    largest: tuple[int, float] | None = None
    for n in (synthetic.parse_size(s) for s in args.sizes.split(",") if s.strip()):
        row = run_size(n, args.seed, rules, n <= synthetic.parse_size(args.quadratic_max))
        row["rules"] = "any family" if args.any_family else "synthetic (same family)"
        if "quadratic" in row:
            largest = (n, row["quadratic"]["wall_s"])
        elif largest is not None:
            row["quadratic_estimate_s"] = round(largest[1] * (n / largest[0]) ** 2, 1)
            row["estimated_from"] = largest[0]
        print(json.dumps(row), flush=True)
        all_equal = all_equal and row.get("equal", True)
    checks = [
        (synthetic.parse_size(args.check_size), seed, any_family)
        for seed in range(1, args.seeds + 1)
        for any_family in (False, True)
    ]
    for n, seed, any_family in checks:
        row = run_size(n, seed, rules_for(any_family), quadratic=True)
        row["rules"] = "any family" if any_family else "synthetic (same family)"
        print(json.dumps(row), flush=True)
        all_equal = all_equal and row["equal"]
    return 0 if all_equal else 1


if __name__ == "__main__":
    sys.exit(main())
