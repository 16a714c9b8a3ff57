"""The VOC measures of one zone store, in portable SQL (DuckDB and PostgreSQL).

**Net Sentiment** = 100 x (positive - negative) / (positive + negative) voices, from -100 (all
negative) to 100 (all positive); neutral voices count in volume but not in the index, so a
flood of "ok" does not hide a shift between praise and complaint. ``None`` with no polar voice.

With ``min_people`` > 1 every row describing fewer distinct people is left out and counted as
suppressed: that is what makes a measure an aggregate the residency guard may release.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

from chuhai.store.base import ZoneStore
from chuhai.voc.scope import Scope

__all__ = ["BREAKDOWNS", "Breakdown", "Measures", "Row", "Summary", "net_sentiment"]

PEOPLE: Final = "count(DISTINCT coalesce(v.author, v.id))"
POLAR: Final = (
    "sum(CASE WHEN a.sentiment = 'pos' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN a.sentiment = 'neu' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN a.sentiment = 'neg' THEN 1 ELSE 0 END)"
)
# Ratings on a five-star scale, whatever scale the source used.
STARS: Final = (
    "CASE WHEN v.rating IS NULL THEN NULL "
    "WHEN v.rating_max IS NOT NULL AND v.rating_max > 0 "
    "THEN greatest(1, least(5, CAST(round(v.rating / v.rating_max * 5) AS INTEGER))) "
    "ELSE greatest(1, least(5, CAST(round(v.rating) AS INTEGER))) END"
)
# One scan of voices x annotations answers every breakdown (GROUPING SETS).
BREAKDOWNS: Final = {
    "sentiment": "a.sentiment",
    "emotion": "a.emotion",
    "intent": "a.intent",
    "channel": "v.channel",
    "sku": "v.sku",
    "language": "v.language",
    "week": "date_trunc('week', v.time)",
    "stars": STARS,
}


def net_sentiment(positive: int, negative: int) -> float | None:
    polar = positive + negative
    return round(100 * (positive - negative) / polar, 1) if polar else None


@dataclass(frozen=True)
class Row:
    """One group: its key, voices, distinct people and polarity counts."""

    key: str
    voices: int
    people: int
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

    @property
    def hidden(self) -> bool:
        """True when the whole scope describes fewer people than may be shown."""
        return self.total.people < self.min_people

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
        return {
            "zone": self.zone,
            "scope": self.scope.as_dict(),
            "hidden": self.hidden,
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


class Measures:
    """Measures over one zone store; ``min_people`` > 1 makes them releasable aggregates."""

    def __init__(self, store: ZoneStore, *, min_people: int = 1) -> None:
        self.store = store
        self.min_people = max(1, min_people)

    def summary(self, scope: Scope) -> Summary:
        where, params = scope.where()
        names = list(BREAKDOWNS)
        keys = ", ".join(BREAKDOWNS[n] for n in names)
        flags = ", ".join(f"grouping({BREAKDOWNS[n]})" for n in names)
        sets = ", ".join(["()", *(f"({BREAKDOWNS[n]})" for n in names)])
        sql = (
            f"SELECT {keys}, {flags}, count(*), {PEOPLE}, {POLAR} "
            "FROM voices v LEFT JOIN voice_annotations a ON a.voice_id = v.id"
            f"{where} GROUP BY GROUPING SETS ({sets})"
        )
        n = len(names)
        total = Row("all", 0, 0)
        grouped: dict[str, list[Row]] = {name: [] for name in names}
        for record in self.store.query(sql, params):
            values, grouping, counts = record[:n], record[n : 2 * n], record[2 * n :]
            row = Row("", *(int(c or 0) for c in counts))
            active = [i for i, flag in enumerate(grouping) if not flag]
            if not active:
                total = Row("all", row.voices, row.people, row.pos, row.neu, row.neg)
                continue
            name = names[active[0]]
            grouped[name].append(
                Row(_key(values[active[0]]), row.voices, row.people, row.pos, row.neu, row.neg)
            )
        breakdowns = {name: self._shares(rows, total.voices) for name, rows in grouped.items()}
        breakdowns["week"].rows.sort(key=lambda r: r.key)
        breakdowns["stars"].rows.sort(key=lambda r: r.key)
        aspects, hidden = self.aspect_matrix(scope)
        summary = Summary(
            self.store.zone,
            scope,
            total,
            breakdowns,
            aspects,
            hidden,
            self.themes(scope),
            self.min_people,
        )
        if summary.hidden:  # nothing describing so few people leaves the zone
            return Summary(
                self.store.zone,
                scope,
                Row("all", 0, total.people),
                {n: Breakdown() for n in names},
                [],
                0,
                Breakdown(),
                self.min_people,
            )
        return summary

    def _shares(self, rows: Iterable[Row], total: int) -> Breakdown:
        kept: list[Row] = []
        suppressed = 0
        for row in rows:
            if row.people < self.min_people:
                suppressed += 1
                continue
            share = round(row.voices / total, 4) if total else 0.0
            kept.append(Row(row.key, row.voices, row.people, row.pos, row.neu, row.neg, share))
        kept.sort(key=lambda r: (-r.voices, r.key))
        return Breakdown(kept, suppressed)

    def aspect_matrix(self, scope: Scope) -> tuple[list[dict[str, Any]], int]:
        """Per aspect: voices naming it positively, neutrally, negatively, and its net score;
        cells of fewer than ``min_people`` people are left out (and counted). With an aspect
        filter, the matrix shows every aspect the selected voices name."""
        where, params = scope.where()
        join = (
            " LEFT JOIN voice_annotations a ON a.voice_id = v.id" if scope.needs_annotations else ""
        )
        sql = (
            f"SELECT x.aspect, x.sentiment, count(DISTINCT x.voice_id), {PEOPLE} "
            f"FROM voice_aspects x JOIN voices v ON v.id = x.voice_id{join}"
            f"{where} GROUP BY x.aspect, x.sentiment"
        )
        cells: dict[str, dict[str, int]] = {}
        suppressed = 0
        for aspect, polarity, voices, people in self.store.query(sql, params):
            if int(people) < self.min_people:
                suppressed += 1
                continue
            cells.setdefault(aspect, {"pos": 0, "neu": 0, "neg": 0})[polarity] = int(voices)
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
        return rows, suppressed

    def themes(self, scope: Scope) -> Breakdown:
        """Voices per theme inside the scope."""
        where, params = scope.narrowed(theme=None).where()
        sql = (
            f"SELECT t.theme_id, count(*), {PEOPLE}, {POLAR} FROM voice_themes t "
            "JOIN voices v ON v.id = t.voice_id LEFT JOIN voice_annotations a ON a.voice_id = v.id"
            f"{where} GROUP BY t.theme_id"
        )
        total = self.store.query(
            f"SELECT count(*) FROM voices v LEFT JOIN voice_annotations a "
            f"ON a.voice_id = v.id{where}",
            params,
        )[0][0]
        rows = [
            Row(str(r[0]), *(int(c or 0) for c in r[1:])) for r in self.store.query(sql, params)
        ]
        return self._shares(rows, int(total))
