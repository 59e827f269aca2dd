"""The answer cache holds no more bytes than ``answer_cache_bytes``; LRU answers go first."""

from __future__ import annotations

import itertools

import pytest

from api.answer_cache import AnswerCache
from api.app import create_app
from stores.memory import MemoryStore
from tests.unit.api.conftest import bundled_catalog, make_settings, running

pytestmark = pytest.mark.anyio

BOUND = 64 * 1024


async def test_distinct_route_queries_stay_within_the_byte_bound() -> None:
    app = create_app(make_settings(answer_cache_bytes=BOUND), MemoryStore(bundled_catalog()))
    roles = sorted(bundled_catalog().roles)[:8]
    pairs = [(a, b) for a, b in itertools.permutations(roles, 2)][:40]
    answered = 0
    async with running(app) as client:
        for source, target in pairs:
            query = {"from": source, "to": target, "mode": "alternatives", "k": 5}
            r = await client.post("/v1/routes", json=query)
            assert r.status_code == 200, r.text
            answered += len(r.content)
            cache: AnswerCache = app.state.answers
            assert cache.size_bytes <= BOUND
        assert answered > 2 * BOUND  # the answers would not all fit
        assert 0 < len(cache) < len(pairs)
        # The most recent answer is still cached and served byte for byte.
        source, target = pairs[-1]
        query = {"from": source, "to": target, "mode": "alternatives", "k": 5}
        before = len(cache)
        again = await client.post("/v1/routes", json=query)
        assert again.content == r.content and len(cache) == before
