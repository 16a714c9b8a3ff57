"""A rejected row: kept with its file, line and reason so nothing is silently lost."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from chuhai.records.ids import stable_id
from chuhai.records.types import MarketCode

__all__ = ["MAX_RAW_CHARS", "Rejection"]

MAX_RAW_CHARS = 4000


class Rejection(BaseModel):
    """Why a row, message or whole file was not imported.

    ``market`` is set when the row's market could be read; the rejection is then kept in that
    market's zone, like the record would have been. ``raw`` is cut to ``MAX_RAW_CHARS``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    connector: str
    file: str
    line: int | None = Field(default=None, ge=0)
    locator: str | None = None
    reason: str = Field(min_length=1)
    raw: str = ""
    market: MarketCode | None = None

    @property
    def id(self) -> str:
        return stable_id("rejection", self.connector, self.file, self.locator, self.line, self.raw)

    @classmethod
    def of(
        cls,
        *,
        connector: str,
        file: str,
        reason: str,
        line: int | None = None,
        locator: str | None = None,
        raw: str | bytes = "",
        market: str | None = None,
    ) -> Rejection:
        """Build a rejection, decoding and trimming ``raw`` so it always fits."""
        if isinstance(raw, bytes):
            raw = raw[: MAX_RAW_CHARS * 4].decode("utf-8", errors="backslashreplace")
        if len(raw) > MAX_RAW_CHARS:
            raw = raw[:MAX_RAW_CHARS] + f"… [{len(raw) - MAX_RAW_CHARS} more characters]"
        return cls(
            connector=connector,
            file=file,
            line=line,
            locator=locator if locator is not None else (f"line {line}" if line else None),
            reason=reason,
            raw=raw.replace("\x00", "\\x00"),
            market=market,
        )
