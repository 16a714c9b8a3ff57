"""The VOC measures of one zone store, counted by the store's analytics interface.

**Net Sentiment** = 100 x (positive - negative) / (positive + negative) voices, from -100 (all
negative) to 100 (all positive); neutral voices count in volume but not in the index, so a
flood of "ok" does not hide a shift between praise and complaint. ``None`` with no polar voice.

With ``min_people`` > 1 the measures are what may leave the zone (:mod:`chuhai.voc.release`):
groups of fewer distinct people, and the groups that would give them away by differencing,
are left out and counted as suppressed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

from chuhai.store import voc_reads
from chuhai.store.interfaces import AnalyticsStore
from chuhai.store.rows import Tally
from chuhai.voc.scope import Scope

if TYPE_CHECKING:
    from chuhai.voc.release import Release

__all__ = ["BREAKDOWNS", "Breakdown", "Measures", "Row", "Summary", "net_sentiment"]

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


def _key(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _row(key: str, tally: Tally) -> Row:
    """A group whose people are not counted (inside the zone, groups other than the total)."""
    return Row(key, tally.voices, None, tally.pos, tally.neu, tally.neg)


class Measures:
    """Measures over one zone store's analytics tables; ``min_people`` > 1 makes them
    releasable aggregates (see :mod:`chuhai.voc.release`)."""

    def __init__(self, store: AnalyticsStore, *, min_people: int = 1) -> None:
        self.store = store
        self.min_people = max(1, min_people)
        store.refresh_analytics()

    def _release(self) -> Release:
        from chuhai.voc.release import Release  # it builds on this module's rows

        return Release(self.store, self.min_people)

    # -- measures ---------------------------------------------------------------------------

    def summary(self, scope: Scope) -> Summary:
        if self.min_people > 1:
            return self._release().summary(scope)
        names = list(BREAKDOWNS)
        counted, raw = self.store.tallies(scope, names)
        people = self.store.people(scope)
        total = Row("all", counted.voices, people, counted.pos, counted.neu, counted.neg)
        if not people:
            return Summary(
                self.store.zone, scope, Row("all", 0, 0), {name: Breakdown() for name in names},
                [], 0, Breakdown(), self.min_people, hidden=True,
            )  # fmt: skip
        breakdowns = {}
        for name, groups in raw.items():
            rows = [_row(_key(key), c) for key, c in groups]
            breakdowns[name] = self._shares(rows, total.voices)
        breakdowns["week"].rows.sort(key=lambda r: r.key)
        breakdowns["stars"].rows.sort(key=lambda r: r.key)
        aspects, hidden = self.aspect_matrix(scope)
        return Summary(
            self.store.zone,
            scope,
            total,
            breakdowns,
            aspects,
            hidden,
            self.themes(scope),
            self.min_people,
        )

    def _shares(self, rows: Iterable[Row], total: int, suppressed: int = 0) -> Breakdown:
        kept = [
            Row(r.key, r.voices, r.people, r.pos, r.neu, r.neg,
                round(r.voices / total, 4) if total else 0.0)
            for r in rows
        ]  # fmt: skip
        kept.sort(key=lambda r: (-r.voices, r.key))
        return Breakdown(kept, suppressed)

    def aspect_matrix(self, scope: Scope) -> tuple[list[dict[str, Any]], int]:
        """Per aspect: voices naming it positively, neutrally, negatively, and its net score;
        with ``min_people`` > 1, cells that may not leave the zone are left out (and counted).
        With an aspect filter, the matrix shows every aspect the selected voices name."""
        if self.min_people > 1:
            return self._release().aspects(scope)
        cells: dict[str, dict[str, int]] = {}
        for found in self.store.aspect_tallies(scope):
            counts = cells.setdefault(found.aspect, {"pos": 0, "neu": 0, "neg": 0})
            counts[found.polarity] = found.voices
        ordered = sorted(cells.items(), key=lambda item: (-sum(item[1].values()), item[0]))
        rows: list[dict[str, Any]] = [
            {
                "aspect": aspect,
                **c,
                "total": sum(c.values()),
                "net_sentiment": net_sentiment(c["pos"], c["neg"]),
            }
            for aspect, c in ordered
        ]
        return rows, 0

    def themes(self, scope: Scope, *, total: int | None = None) -> Breakdown:
        """Voices per theme inside the scope (shares of ``total`` voices, counted if None)."""
        if self.min_people > 1:
            return self._release().themes(scope, total=total)
        unthemed = scope.narrowed(theme=None)
        rows = [_row(theme, c) for theme, c in self.store.theme_tallies(unthemed)]
        if total is None:
            total = self.store.voice_count(unthemed)
        return self._shares(rows, total)
