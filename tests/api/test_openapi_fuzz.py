"""Schemathesis generates requests from the app's published OpenAPI spec, valid and
invalid; no operation may answer with a server error (5xx), and every answer must match the
spec: its schema (for the status codes the spec documents) and its content type."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from chuhai.api import create_app
from chuhai.enrich.analyzer import Analyzer
from chuhai.enrich.embeddings import HashingEmbedder
from chuhai.live.setup import build_hub
from tests.voc.factory import populate, two_zone_settings


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    data = tmp_path_factory.mktemp("fuzz") / "data"
    configured = two_zone_settings(data)
    populate(configured, weeks=3, per_week=30)
    analyzer = Analyzer(embedder=HashingEmbedder(), cascade="fast")
    with build_hub(configured) as hub:
        app = create_app(analyzer, settings=configured, live_hub=hub)
        with TestClient(app):  # runs the app's lifespan: its stores close at the end
            yield app


CONFORMANCE = [response_schema_conformance, content_type_conformance]
# Random strings are almost never a market that is enabled: each case is sent a second time
# with real keys, so that the filters it carries reach the queries.
REAL_KEYS = {"market": ["TH", "US"], "zone": ["th", "us"]}


def test_no_server_errors(app: FastAPI) -> None:
    # The room's server-sent event stream never ends by design (tested in tests/live).
    spec = schemathesis.openapi.from_asgi("/openapi.json", app).exclude(path_regex=r".*/stream$")
    operations = [result.ok() for result in spec.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 25
    answered: Counter[int] = Counter()
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode), pick=st.integers(0, 1))
            @settings(max_examples=20, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))  # fmt: skip
            def no_5xx(case: schemathesis.Case[Any], pick: int) -> None:
                for attempt in range(2):
                    response = case.call()
                    answered[response.status_code] += 1
                    assert response.status_code < 500, (
                        f"{case.method} {case.formatted_path} {case.query} {case.body!r:.200}: "
                        f"{response.status_code} {response.text[:300]}"
                    )
                    case.validate_response(response, checks=CONFORMANCE)
                    if attempt == 0 and isinstance(case.query, dict):
                        for key, values in REAL_KEYS.items():
                            if key in case.query:
                                case.query[key] = values[pick]

            # an operation without parameters has no invalid form
            with contextlib.suppress(Unsatisfiable):
                no_5xx()
    assert answered[200] > 300 and sum(answered.values()) > 1500


def test_the_spec_is_published(app: FastAPI) -> None:
    spec = TestClient(app).get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/v1/voc/measures", "/v1/voc/alerts", "/v1/voc/quotes", "/voc/market/{market}",
            "/v1/analyze"} <= paths  # fmt: skip
