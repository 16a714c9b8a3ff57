"""The figures a VOC summary is made of: groups (``Row``), breakdowns and the summary itself,
the same inside a zone (:mod:`chuhai.voc.measures`) and for readers outside it
(:mod:`chuhai.voc.release`).

**Net Sentiment** = 100 x (positive - negative) / (positive + negative) voices, from -100 (all
negative) to 100 (all positive); neutral voices count in volume but not in the index, so a
flood of "ok" does not hide a shift between praise and complaint. ``None`` with no polar voice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from chuhai.store import voc_reads
from chuhai.voc.scope import Scope

__all__ = ["BREAKDOWNS", "Breakdown", "Row", "Summary", "net_sentiment"]

# What a summary breaks its voices down by (the store counts them in one scan).
BREAKDOWNS: Final = tuple(voc_reads.BREAKDOWNS)


def net_sentiment(positive: int, negative: int) -> float | None:
    polar = positive + negative
    return round(100 * (positive - negative) / polar, 1) if polar else None


@dataclass(frozen=True)
class Row:
    """One group: its key, voices, distinct people (None where not counted: inside the zone,
    for groups other than the total) and polarity counts."""

    key: str
    voices: int
    people: int | None
    pos: int = 0
    neu: int = 0
    neg: int = 0
    share: float = 0.0

    @property
    def net_sentiment(self) -> float | None:
        return net_sentiment(self.pos, self.neg)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "voices": self.voices,
            "people": self.people,
            "pos": self.pos,
            "neu": self.neu,
            "neg": self.neg,
            "share": self.share,
            "net_sentiment": self.net_sentiment,
        }


@dataclass
class Breakdown:
    rows: list[Row] = field(default_factory=list)
    suppressed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"rows": [r.as_dict() for r in self.rows], "suppressed": self.suppressed}


@dataclass
class Summary:
    """Every measure of a scope in one zone."""

    zone: str
    scope: Scope
    total: Row
    breakdowns: dict[str, Breakdown]
    aspects: list[dict[str, Any]]
    aspects_suppressed: int
    themes: Breakdown
    min_people: int
    hidden: bool = False
    """True when nothing of the scope may be shown (too few people, or it would give away a
    smaller group): then no figure of it is, not even its people."""

    def rating(self) -> dict[str, Any]:
        rows = {r.key: r.voices for r in self.breakdowns["stars"].rows if r.key != "-"}
        count = sum(rows.values())
        mean = sum(int(k) * n for k, n in rows.items()) / count if count else None
        return {
            "count": count,
            "mean": round(mean, 2) if mean is not None else None,
            "distribution": {str(s): rows.get(str(s), 0) for s in range(1, 6)},
        }

    def as_dict(self) -> dict[str, Any]:
        if self.hidden:  # not even how many: a count of a hidden group is what differencing needs
            return {
                "zone": self.zone, "scope": self.scope.as_dict(), "hidden": True,
                "min_people": self.min_people, "volume": None, "people": None,
                "net_sentiment": None, "sentiment": None, "rating": None, "breakdowns": {},
                "aspects": [], "aspects_suppressed": None, "themes": None,
            }  # fmt: skip
        return {
            "zone": self.zone,
            "scope": self.scope.as_dict(),
            "hidden": False,
            "min_people": self.min_people,
            "volume": self.total.voices,
            "people": self.total.people,
            "net_sentiment": self.total.net_sentiment,
            "sentiment": {"pos": self.total.pos, "neu": self.total.neu, "neg": self.total.neg},
            "rating": self.rating(),
            "breakdowns": {name: b.as_dict() for name, b in self.breakdowns.items()},
            "aspects": self.aspects,
            "aspects_suppressed": self.aspects_suppressed,
            "themes": self.themes.as_dict(),
        }
