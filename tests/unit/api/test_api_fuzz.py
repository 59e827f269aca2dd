"""Property-based fuzz of the OpenAPI schema (schemathesis): no 5xx, every answer as documented.

Each operation gets schemathesis' deterministic cases (the schema's examples and its
"coverage" cases: boundaries, missing and wrong-typed fields, unexpected methods) and then
``RUMBO_FUZZ_EXAMPLES`` randomly generated requests, valid and invalid (default 30, so a
local run stays quick; CI sets 250, see ``.ci/run`` and ``docs/reliability.md``).
Schemathesis knows the API key (``auth`` below), so writes reach the store too, and it
also sends requests without it; the app has its own in-memory catalog, which the fuzzed
writes change freely.

The last test checks that the configured number of random cases really was sent to every
operation that takes input, and writes the totals to the terminal.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from api.app import create_app
from stores.memory import MemoryStore
from tests.unit.api.conftest import API_KEY, bundled_catalog, make_settings


def examples_per_operation() -> int:
    """``RUMBO_FUZZ_EXAMPLES``: random requests per operation (hypothesis ``max_examples``)."""
    text = os.environ.get("RUMBO_FUZZ_EXAMPLES", "30")
    if not text.isdigit() or int(text) < 1:
        raise pytest.UsageError(f"RUMBO_FUZZ_EXAMPLES must be a positive integer, got {text!r}")
    return int(text)


MAX_EXAMPLES = examples_per_operation()

#: Schema-valid requests may still be refused: 404 for a role the catalog lacks,
#: 412 for an If-Match naming an old version, 422 for a query whose constraints
#: contradict each other (from == to, a via role also avoided...). Schema-violating
#: requests must be refused with one of schemathesis' default statuses or 413 (a body
#: over the 64 KiB limit is refused before it is parsed; the larger CI run found one).
CONFIG = SchemathesisConfig.from_dict(
    {
        "auth": {"openapi": {"ApiKey": {"api_key": API_KEY}}},
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "401", "403", "404", "412", "422"]
            },
            "negative_data_rejection": {
                "expected-statuses": [
                    "400",
                    "401",
                    "403",
                    "404",
                    "405",
                    "406",
                    "409",
                    "413",
                    "415",
                    "422",
                    "428",
                    "429",
                    "5xx",
                ]
            },
        },
    }
)

app = create_app(make_settings(), MemoryStore(bundled_catalog()))
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)

#: Requests sent, by (operation, schemathesis phase: examples, coverage or fuzzing).
SENT: Counter[tuple[str, str]] = Counter()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    phase = case.meta.phase.name if case.meta is not None else "unknown"
    SENT[(case.operation.label, str(phase))] += 1
    case.call_and_validate()


def operations_taking_input() -> set[str]:
    """Operations with parameters or a body: the ones random generation can vary."""
    labels = set()
    for result in schema.get_all_operations():
        operation = result.ok()
        raw = operation.definition.raw
        if raw.get("parameters") or "requestBody" in raw:
            labels.add(operation.label)
    return labels


def test_every_operation_taking_input_got_the_configured_random_cases(
    capsys: pytest.CaptureFixture[str],
) -> None:
    fuzzed = Counter[str]()
    for (label, phase), count in SENT.items():
        if phase == "fuzzing":
            fuzzed[label] += count
    ran = {label for label, _ in SENT}
    if not ran:
        pytest.skip("the fuzz test did not run (deselected)")
    varied = operations_taking_input()
    assert len(varied) >= 12
    short = {label: fuzzed[label] for label in varied & ran if fuzzed[label] < MAX_EXAMPLES}
    assert not short, f"fewer random cases than RUMBO_FUZZ_EXAMPLES={MAX_EXAMPLES}: {short}"
    total = sum(SENT.values())
    with capsys.disabled():
        print(
            f"\nschemathesis: {total} requests over {len(ran)} operations "
            f"({sum(fuzzed.values())} random, {MAX_EXAMPLES} per operation taking input; "
            f"{total - sum(fuzzed.values())} from the schema's examples and coverage cases)"
        )
