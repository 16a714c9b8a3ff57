"""The published spec is typed: every 2xx JSON answer of every route has a schema with named
properties (a model, or a list of them), the routes that send no JSON (pages, CSV files, the
event stream) say what they send, and no response model lets a key through unnamed."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.exceptions import ResponseValidationError
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel

from chuhai.api import create_app
from chuhai.api.access import api_routes

APP = create_app()
SPEC = APP.openapi()
COMPONENTS: dict[str, Any] = SPEC.get("components", {}).get("schemas", {})


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def has_properties(schema: dict[str, Any]) -> bool:
    """An object with named properties, a list of such, or a choice among such; a bare
    ``{}`` or an object of ``additionalProperties`` only is not."""
    schema = _resolve(schema)
    if schema.get("type") == "array":
        return has_properties(schema.get("items", {}))
    for choice in ("anyOf", "oneOf"):
        if choice in schema:
            return all(has_properties(s) for s in schema[choice] if s.get("type") != "null")
    return bool(schema.get("properties"))


def _answers(media: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, code, response["content"][media].get("schema", {}))
        for path, operations in SPEC["paths"].items()
        for method, operation in operations.items()
        for code, response in operation["responses"].items()
        if code.startswith("2") and media in response.get("content", {})
    ]


JSON = _answers("application/json")


@pytest.mark.parametrize(
    ("schema", "typed"),
    [
        ({}, False),
        ({"type": "object", "additionalProperties": True}, False),
        ({"type": "array", "items": {"type": "object"}}, False),
        ({"type": "object", "properties": {"a": {"type": "string"}}}, True),
        ({"type": "array", "items": {"type": "object", "properties": {"a": {}}}}, True),
    ],
)
def test_the_check_tells_a_schema_from_none(schema: dict[str, Any], typed: bool) -> None:
    assert has_properties(schema) is typed


def test_there_are_json_answers_to_check() -> None:
    assert len(JSON) >= 33
    assert {"/v1/voc/measures", "/v1/live/rooms/{room}/state", "/v1/health"} <= {
        path for _, path, _, _ in JSON
    }


@pytest.mark.parametrize(("method", "path", "code", "schema"), JSON, ids=lambda v: str(v)[:60])
def test_every_json_answer_has_a_schema_with_properties(
    method: str, path: str, code: str, schema: dict[str, Any]
) -> None:
    assert has_properties(schema), f"{method} {path} {code}: {schema}"


@pytest.mark.parametrize(
    ("path", "media"),
    [
        ("/v1/live/rooms/{room}/stream", "text/event-stream"),
        ("/voc/export/measures.csv", "text/csv"),
        ("/voc/export/quotes.csv", "text/csv"),
        ("/voc/export/themes.csv", "text/csv"),
        ("/voc/export/alerts.csv", "text/csv"),
        ("/supply/plan.csv", "text/csv"),
        ("/voc/market/{market}", "text/html"),
        ("/live", "text/html"),
    ],
)
def test_routes_without_json_name_what_they_send(path: str, media: str) -> None:
    content = SPEC["paths"][path]["get"]["responses"]["200"]["content"]
    assert list(content) == [media]


def _models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        nested = [_models(f.annotation) for f in annotation.model_fields.values()]
        return [annotation, *(m for found in nested for m in found)]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models(arg)]


ROUTES = [r for r in api_routes(APP.routes) if isinstance(r, APIRoute) and r.response_model]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{sorted(r.methods)[0]} {r.path}")
def test_response_models_name_every_key(route: APIRoute) -> None:
    models = _models(route.response_model)
    assert models
    for model in models:
        assert model.model_config.get("extra") == "forbid", model.__name__


def test_a_key_no_model_names_is_an_error_not_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    app: FastAPI = create_app()
    monkeypatch.setattr("chuhai.api.app.translation_health", lambda settings: {"surprise": 1})
    with TestClient(app) as client, pytest.raises(ResponseValidationError):
        client.get("/v1/health")
