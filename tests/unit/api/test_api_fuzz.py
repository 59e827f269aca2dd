"""Property-based fuzz of the OpenAPI schema (schemathesis): no 5xx, every answer as documented.

Each operation gets a modest number of generated requests, valid and invalid
(``max_examples`` below), so the suite stays fast; it runs with the rest of
the unit tests. Schemathesis knows the API key (``auth`` below), so writes
reach the store too, and it also sends requests without it; the app has its
own in-memory catalog, which the fuzzed writes change freely.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from api.app import create_app
from graph.store import MemoryStore
from tests.unit.api.conftest import API_KEY, bundled_catalog, make_settings

MAX_EXAMPLES = 30

#: Schema-valid requests may still be refused: 404 for a role the catalog lacks,
#: 412 for an If-Match naming an old version, 422 for a query whose constraints
#: contradict each other (from == to, a via role also avoided...).
CONFIG = SchemathesisConfig.from_dict(
    {
        "auth": {"openapi": {"ApiKey": {"api_key": API_KEY}}},
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "401", "403", "404", "412", "422"]
            }
        },
    }
)

app = create_app(make_settings(), MemoryStore(bundled_catalog()))
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate()
