"""Loading pack files: YAML validated with pydantic (see :mod:`chuhai.datafiles`); an error
names the file, the line and what is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from chuhai.datafiles import DataFileError, parse_model

__all__ = ["RulePackError", "load_model"]

M = TypeVar("M", bound=BaseModel)


class RulePackError(DataFileError):
    """A rule pack or claim file is broken."""


def load_model(path: Path, model: type[M], text: str | None = None) -> M:
    """``path`` parsed and validated as ``model``."""
    source = text if text is not None else path.read_text(encoding="utf-8")
    return parse_model(path, source, model, error=RulePackError)
