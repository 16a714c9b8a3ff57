"""The pieces every settings section shares: the strict base model and list/market parsing."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from chuhai.errors import InputError
from chuhai.markets import expand_markets

__all__ = ["Section", "expand_or_raise", "split_list"]


def split_list(value: Any) -> Any:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


def expand_or_raise(values: list[str]) -> list[str]:
    try:
        return expand_markets(values)
    except InputError as exc:  # pydantic reports ValueError with the field's location
        raise ValueError(str(exc)) from exc
