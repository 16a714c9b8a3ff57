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


# The 422 every route with parameters may answer: FastAPI's own list, or our one sentence
# (chuhai.errors.InputError, HTTPException); 429 carries when to retry.
ERRORS: Final[dict[int | str, dict[str, Any]]] = {
    422: {"model": ErrorOut, "description": "The request is not valid"},
}
