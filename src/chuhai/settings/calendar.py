"""The ``[calendar]`` section of chuhai.toml: where the platform campaigns the user adds live
(read by chuhai.calendar; ``chuhai calendar add`` writes there)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["CalendarSettings"]


class CalendarSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    campaigns: Path | None = Field(
        default=None,
        description="CSV of platform campaigns (market, name, start, end, platform, name_zh, "
        "note), relative to chuhai.toml; default: <data_dir>/campaigns.csv",
    )
    forecast: bool = Field(
        default=True,
        description="The supply forecasters take calendar events as known future events",
    )

    def campaigns_file(self, data_dir: Path) -> Path:
        return self.campaigns or data_dir / "campaigns.csv"
