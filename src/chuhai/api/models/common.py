"""The base of every response model and the error answers the routes document."""

from __future__ import annotations

from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ERRORS", "BusyOut", "ErrorOut", "Out", "ValidationIssue"]


class Out(BaseModel):
    """A response: every key named, none dropped or added on the way out."""

    model_config = ConfigDict(extra="forbid")


class ValidationIssue(BaseModel):
    """One problem FastAPI found in a request (its own shape, so extra keys are allowed)."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorOut(BaseModel):
    detail: str | list[ValidationIssue] = Field(
        description="Why: a sentence, or the request's problems one by one"
    )


class BusyOut(ErrorOut):
    retry_after: int = Field(description="Seconds to wait before sending again")


def _inline(schema: Any, defs: dict[str, Any]) -> Any:
    """``schema`` with its ``$defs`` references written out (it stands alone in the spec)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            return _inline(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
        return {k: _inline(v, defs) for k, v in schema.items() if k != "$defs"}
    if isinstance(schema, list):
        return [_inline(v, defs) for v in schema]
    return schema


_ERROR_SCHEMA: Final = _inline(ErrorOut.model_json_schema(), ErrorOut.model_json_schema()["$defs"])

# The 422 every route may answer: FastAPI's list of problems, or our one sentence
# (chuhai.errors.InputError, HTTPException). Given as JSON content, not as a model: FastAPI
# would document a model under the route's own media type (text/html for a page).
ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    422: {
        "description": "The request is not valid",
        "content": {"application/json": {"schema": _ERROR_SCHEMA}},
    },
}
