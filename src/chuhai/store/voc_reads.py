"""The VOC stage's reads of a SQL zone store, in portable SQL (DuckDB and PostgreSQL): the
measures and weekly alert series over the analytics tables (part of
:class:`~chuhai.store.interfaces.AnalyticsStore`), and quotes and journeys over the records
(:class:`~chuhai.store.interfaces.QuoteStore`).

Reads run on :meth:`~chuhai.store.sqlkit.SqlBase._read`: web requests read side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Final

from chuhai.store.filters import VoiceFilter, where
from chuhai.store.rows import AspectTally, BuyerOrder, QuoteRow, Tally, WeekCount
from chuhai.store.sqlkit import SqlBase

__all__ = ["BREAKDOWNS", "MeasureSql", "QuoteSql"]

_PEOPLE: Final = "count(DISTINCT v.person)"
_POLAR: Final = (
    "sum(CASE WHEN v.sentiment = 'pos' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN v.sentiment = 'neu' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN v.sentiment = 'neg' THEN 1 ELSE 0 END)"
)
# What the measures break voices down by; one scan of voice_facts answers every breakdown
# (GROUPING SETS).
BREAKDOWNS: Final = {
    "sentiment": "v.sentiment",
    "emotion": "v.emotion",
    "intent": "v.intent",
    "channel": "v.channel",
    "sku": "v.sku",
    "language": "v.language",
    "week": "date_trunc('week', v.time)",
    "stars": "v.stars",
}
_WEEK: Final = "date_trunc('week', v.time)"
# Alert series -> (table, the series' key, its condition)
_SERIES: Final = {
    "negative": ("voice_facts", "'all'", "v.sentiment = 'neg'"),
    "aspect_negative": ("aspect_facts", "v.aspect", "v.polarity = 'neg'"),
    "intent": ("voice_facts", "v.intent", "v.intent IS NOT NULL"),
    "theme": ("theme_facts", "v.theme_id", ""),
}
_QUOTE: Final = (
    "SELECT v.id, v.time, v.market, v.channel, v.sku, v.language, v.text, v.rating, v.author, "
    "a.sentiment, a.emotion, a.intent FROM voices v "
    "LEFT JOIN voice_annotations a ON a.voice_id = v.id"
)


def _tally(numbers: Sequence[Any]) -> Tally:
    return Tally(*(int(n or 0) for n in numbers))


def _monday(week: object) -> date:
    return week.date() if isinstance(week, datetime) else week  # type: ignore[return-value]


class MeasureSql(SqlBase):
    """Counts over ``voice_facts``, ``aspect_facts`` and ``theme_facts`` (which carry each
    voice's annotations too, so a filter's annotation alias is the table's own)."""

    def tallies(
        self, voices: VoiceFilter, breakdowns: Sequence[str]
    ) -> tuple[Tally, dict[str, list[tuple[object, Tally]]]]:
        names = list(breakdowns)
        unknown = [n for n in names if n not in BREAKDOWNS]
        if unknown:
            raise ValueError(f"no breakdown by {', '.join(unknown)}")
        clause, params = where(voices, a="v")
        keys = "".join(f"{BREAKDOWNS[n]}, " for n in names)
        flags = "".join(f"grouping({BREAKDOWNS[n]}), " for n in names)
        sets = ", ".join(["()", *(f"({BREAKDOWNS[n]})" for n in names)])
        sql = (
            f"SELECT {keys}{flags}count(*), {_POLAR} "
            f"FROM voice_facts v{clause} GROUP BY GROUPING SETS ({sets})"
        )
        n = len(names)
        total = Tally(0)
        groups: dict[str, list[tuple[object, Tally]]] = {name: [] for name in names}
        for record in self._read(sql, params):
            values, grouping = record[:n], record[n : 2 * n]
            active = [i for i, flag in enumerate(grouping) if not flag]
            if not active:
                total = _tally(record[2 * n :])
            else:
                groups[names[active[0]]].append((values[active[0]], _tally(record[2 * n :])))
        return total, groups

    def people(self, voices: VoiceFilter) -> int:
        clause, params = where(voices, a="v")
        return int(self._read(f"SELECT {_PEOPLE} FROM voice_facts v{clause}", params)[0][0])

    def voice_count(self, voices: VoiceFilter) -> int:
        clause, params = where(voices, a="v")
        return int(self._read(f"SELECT count(*) FROM voice_facts v{clause}", params)[0][0])

    def aspect_tallies(self, voices: VoiceFilter) -> list[AspectTally]:
        clause, params = where(voices, a="v", id="voice_id")
        sql = (
            "SELECT v.aspect, v.polarity, count(*) "
            f"FROM aspect_facts v{clause} GROUP BY v.aspect, v.polarity"
        )
        return [AspectTally(str(a), str(p), int(n)) for a, p, n in self._read(sql, params)]

    def theme_tallies(self, voices: VoiceFilter) -> list[tuple[str, Tally]]:
        clause, params = where(voices, a="v", id="voice_id")
        sql = (
            f"SELECT v.theme_id, count(*), {_POLAR} FROM theme_facts v{clause} GROUP BY v.theme_id"
        )
        return [(str(r[0]), _tally(r[1:])) for r in self._read(sql, params)]

    # -- weekly alert series ----------------------------------------------------------------

    def _window(
        self, start: datetime, end: datetime, channels: Sequence[str]
    ) -> tuple[str, list[object]]:
        marks = ", ".join("?" * len(channels))
        clause = f" WHERE v.time >= ? AND v.time < ? AND v.channel IN ({marks})"
        return clause, [start, end, *channels]

    def weekly_counts(
        self, start: datetime, end: datetime, channels: Sequence[str]
    ) -> list[WeekCount]:
        clause, window = self._window(start, end, channels)
        found = []
        for series, (table, key, condition) in _SERIES.items():
            match = f" AND {condition}" if condition else ""
            by = "1, 2" if key.startswith("'") else "1, 2, 3"
            sql = (
                f"SELECT v.market, {_WEEK}, {key}, count(*), {_PEOPLE} FROM {table} v"
                f"{clause}{match} GROUP BY {by}"
            )
            found += [
                WeekCount(series, market, _monday(week), str(value), int(count), int(people))
                for market, week, value, count, people in self._read(sql, window)
            ]
        return found

    def weekly_totals(
        self, start: datetime, end: datetime, channels: Sequence[str]
    ) -> dict[tuple[str, date], int]:
        clause, window = self._window(start, end, channels)
        sql = f"SELECT v.market, {_WEEK}, count(*) FROM voice_facts v{clause} GROUP BY 1, 2"
        return {(market, _monday(week)): int(n) for market, week, n in self._read(sql, window)}


class QuoteSql(SqlBase):
    """Raw voices as quotes, and a person's orders."""

    def quotes(self, voices: VoiceFilter, *, limit: int, offset: int = 0) -> list[QuoteRow]:
        clause, params = where(voices)
        sql = f"{_QUOTE}{clause} ORDER BY v.time DESC, v.id LIMIT {int(limit)} OFFSET {int(offset)}"
        return [_quote(r) for r in self._read(sql, params)]

    def quotes_by_id(self, ids: Sequence[str]) -> list[QuoteRow]:
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        return [_quote(r) for r in self._read(f"{_QUOTE} WHERE v.id IN ({marks})", list(ids))]

    def quotes_of(self, person: str) -> list[QuoteRow]:
        sql = f"{_QUOTE} WHERE v.author = ? ORDER BY v.time, v.id"
        return [_quote(r) for r in self._read(sql, [person])]

    def orders_of(self, person: str) -> list[BuyerOrder]:
        rows = self._read(
            "SELECT id, time, market, sku, quantity, unit_price, currency, session_id "
            "FROM orders WHERE buyer = ? ORDER BY time, id",
            [person],
        )
        return [BuyerOrder(*r) for r in rows]


def _quote(row: tuple[Any, ...]) -> QuoteRow:
    return QuoteRow(str(row[0]), *row[1:])
