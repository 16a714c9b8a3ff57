"""What the zone stores hold: counts per zone and channel, for `chuhai stats` and the demo."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chuhai.records import Channel
from chuhai.store.base import INTAKE_ZONE
from chuhai.store.registry import ZoneRouter

__all__ = ["ZoneSummary", "summarize"]


@dataclass
class ZoneSummary:
    zone: str
    markets: list[str]
    exists: bool
    voices: dict[str, int] = field(default_factory=dict)  # channel -> count
    voices_by_market: dict[str, int] = field(default_factory=dict)
    tables: dict[str, int] = field(default_factory=dict)

    @property
    def voices_total(self) -> int:
        return sum(self.voices.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "zone": self.zone,
            "markets": self.markets,
            "exists": self.exists,
            "voices": self.voices,
            "voices_total": self.voices_total,
            "voices_by_market": self.voices_by_market,
            **{k: v for k, v in self.tables.items() if k != "voices"},
        }


def summarize(router: ZoneRouter) -> list[ZoneSummary]:
    """Every configured zone (and the intake store when it exists); opens no new store files."""
    zones = router.zones + ([INTAKE_ZONE] if router.exists(INTAKE_ZONE) else [])
    summaries = []
    for zone in zones:
        markets = [] if zone == INTAKE_ZONE else router.settings.zone_markets()[zone]
        summary = ZoneSummary(zone=zone, markets=markets, exists=router.exists(zone))
        if summary.exists:
            store = router.store(zone)
            counts = store.voice_counts()
            summary.voices = {
                ch.value: sum(n for (_, c), n in counts.items() if c == ch.value) for ch in Channel
            }
            for (market, _), n in counts.items():
                summary.voices_by_market[market] = summary.voices_by_market.get(market, 0) + n
            summary.tables = store.table_counts()
        summaries.append(summary)
    return summaries
