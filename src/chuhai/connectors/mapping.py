"""Column mappings: how the columns of one export format become record fields.

A mapping is a TOML file (shipped ones live in ``chuhai/connectors/mappings/``). Example::

    name = "tiktok-shop-reviews"
    system = "tiktok_shop"
    time_format = "%Y/%m/%d %H:%M:%S"   # auto | iso | epoch | epoch_ms | strptime pattern
    timezone = "market"                 # naive times are in the market's local time
    rating_max = 5

    [columns]                           # record field -> column (dotted path for JSON)
    source_id = "Review ID"
    text = ["Review Content"]           # several text columns -> one voice per column
    conversation_id = ["session_id", "room"]   # other fields: first non-empty column wins

    [metadata]                          # extra columns kept in the record's metadata
    order_id = "Order ID"

    [values.market]                     # translate source values
    "amazon.co.uk" = "GB"

``extends = "amazon-reviews"`` starts from a shipped mapping and overrides what it lists.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from chuhai.errors import MappingError

__all__ = ["TableMapping", "load_mapping", "shipped_mappings"]

_PACKAGE = "chuhai.connectors.mappings"


class TableMapping(BaseModel):
    """How one tabular export (CSV, TSV, JSON, JSON Lines) maps onto record fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str = ""
    kind: str | None = Field(default=None, description="connector this mapping is written for")
    system: str = Field(min_length=1, description="source system recorded on each record")
    format: Literal["csv", "tsv", "json", "jsonl"] | None = None
    delimiter: str | None = Field(default=None, min_length=1, max_length=1)
    records_path: str | None = Field(default=None, description="dotted path to the JSON list")
    time_format: str = "auto"
    timezone: str | None = None
    rating_max: float | None = Field(default=None, gt=0)
    list_separator: str = ";"
    columns: dict[str, str | list[str]]
    metadata: dict[str, str] = Field(default_factory=dict)
    values: dict[str, dict[str, str]] = Field(default_factory=dict)
    constants: dict[str, str | int | float] = Field(default_factory=dict)
    keep_when: dict[str, list[str]] = Field(
        default_factory=dict, description="column -> accepted values; other rows are skipped"
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is not None and value != "market":
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(
                    f"unknown time zone {value!r}: use an IANA name or 'market'"
                ) from None
        return value

    @field_validator("columns")
    @classmethod
    def _non_empty(cls, value: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
        for field, source in value.items():
            if not source:
                raise ValueError(f"column for {field!r} is empty")
        return value

    def sources(self, field: str) -> list[str]:
        """The source columns of ``field`` (empty when unmapped)."""
        source = self.columns.get(field)
        if source is None:
            return []
        return [source] if isinstance(source, str) else list(source)

    def referenced_columns(self) -> dict[str, str]:
        """Every source column the mapping reads -> what it feeds."""
        used: dict[str, str] = {}
        for field in self.columns:
            for column in self.sources(field):
                used.setdefault(column, field)
        for key, column in self.metadata.items():
            used.setdefault(column, f"metadata.{key}")
        for column in self.keep_when:
            used.setdefault(column, "keep_when")
        return used

    def check_fields(self, *, allowed: frozenset[str], required: frozenset[str], kind: str) -> None:
        """Raise :class:`MappingError` unless the mapping fits the ``kind`` connector."""
        unknown = sorted(set(self.columns) - allowed)
        if unknown:
            raise MappingError(
                f"mapping {self.name}: unknown field(s) {', '.join(unknown)} for {kind} "
                f"(known: {', '.join(sorted(allowed))})"
            )
        missing = sorted(f for f in required if f not in self.columns and f not in self.constants)
        if missing:
            raise MappingError(
                f"mapping {self.name}: {kind} needs column(s) for {', '.join(missing)}"
            )


def shipped_mappings() -> dict[str, Path]:
    """Names of the mappings that ship with chuhai -> their files."""
    root = resources.files(_PACKAGE)
    return {
        entry.name.removesuffix(".toml"): Path(str(entry))
        for entry in sorted(root.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    }


def load_mapping(name_or_path: str) -> TableMapping:
    """A shipped mapping by name, or a mapping file by path."""
    data, origin = _load_raw(name_or_path, seen=set())
    try:
        return TableMapping.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = ".".join(str(p) for p in error["loc"])
        line = _line_of(origin, str(error["loc"][0])) if error["loc"] else None
        where = f"{origin}:{line}" if line else str(origin)
        raise MappingError(f"{where}: {loc}: {error['msg']}") from exc


def _load_raw(name_or_path: str, *, seen: set[str]) -> tuple[dict[str, Any], Path]:
    if name_or_path in seen:
        raise MappingError(f"mapping {name_or_path} extends itself")
    seen.add(name_or_path)
    path = Path(name_or_path)
    if not path.is_file():
        shipped = shipped_mappings()
        if name_or_path not in shipped:
            raise MappingError(
                f"no mapping file or shipped mapping named {name_or_path!r} "
                f"(shipped: {', '.join(shipped)})"
            )
        path = shipped[name_or_path]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path}: {exc}") from exc
    base_name = data.pop("extends", None)
    if base_name is None:
        return data, path
    base, _ = _load_raw(str(base_name), seen=seen)
    return _merge(base, data), path


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _line_of(path: Path, key: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f"[{key}]", f"[{key}.")):
            return number
    return None
