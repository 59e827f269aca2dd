"""Rumbo's benchmark suite: synthetic catalogs, the runner and its report.

Run ``python -m bench.run`` (see ``docs/benchmarks.md``). Not part of the test
suite; ``tests/unit/bench`` runs a tiny smoke version that checks answers only.
"""
