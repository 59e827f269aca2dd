"""Access logs: JSON lines with a request id; never bodies, query strings or keys."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from api.request_log import JsonFormatter
from tests.unit.api.conftest import API_KEY

pytestmark = pytest.mark.anyio


async def test_every_answer_has_a_request_id(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/traits")
    assert len(r.headers["X-Request-ID"]) == 32
    kept = await client.get("/v1/traits", headers={"X-Request-ID": "coach-42"})
    assert kept.headers["X-Request-ID"] == "coach-42"
    odd = await client.get("/v1/traits", headers={"X-Request-ID": "x" * 100})
    assert odd.headers["X-Request-ID"] != "x" * 100


async def test_access_log_is_json_without_secrets(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="rumbo.access")
    traits = ["openness", "conscientiousness", "extraversion", "agreeableness"]
    traits += ["emotional_stability", "relational_engagement"]
    role = {"name": "X", "profile": dict.fromkeys(traits, 50.5)}
    await client.put("/v1/roles/x?lang=en", json=role, headers={"X-API-Key": API_KEY})
    records = [r for r in caplog.records if r.name == "rumbo.access"]
    assert records
    line = json.loads(JsonFormatter().format(records[-1]))
    assert line["method"] == "PUT" and line["path"] == "/v1/roles/x"
    assert line["status"] in (200, 201) and line["request_id"]
    assert isinstance(line["catalog_version"], int)
    text = "\n".join(JsonFormatter().format(r) for r in records)
    assert API_KEY not in text and "50.5" not in text and "lang=en" not in text
