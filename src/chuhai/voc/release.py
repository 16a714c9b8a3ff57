"""The VOC measures that may leave a zone: k-anonymous, and safe from differencing.

A released summary is cut from the same counts as ``chuhai aggregate`` (``store/cells``):
its scope is one group (market, optionally a calendar month or ISO week, and at most one of
sku, channel, language, sentiment, intent, emotion) and each breakdown is that group split by
one more dimension. Every grouping is suppressed together with all its coarser groupings
(:mod:`chuhai.privacy.suppression`), so no hidden group is a shown total minus shown
sub-groups, whichever pages, exports or commands a reader combines. Scopes that are not such a
group (a theme, an aspect, a day range, two filters) would let a reader difference one scope
against another, and are refused: they are read inside the zone or under a transfer basis.

Week-over-week alerts leaving a zone are cut from the same figures (:meth:`Release.weekly`):
each count is a released figure minus released figures, so an alert tells nothing that the
measures do not.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta
from typing import Any, Final

from chuhai.errors import InputError
from chuhai.privacy.suppression import Grouping, Key, sort_key
from chuhai.store.cells import Counts, canonical, cut
from chuhai.store.interfaces import AnalyticsStore
from chuhai.voc.figures import BREAKDOWNS, Breakdown, Row, Summary, net_sentiment
from chuhai.voc.scope import Scope

__all__ = ["FILTERS", "Release", "Weekly", "scope_cell"]

FILTERS: Final = ("sku", "channel", "language", "sentiment", "intent", "emotion")
_ORDERED: Final = ("week", "stars")  # breakdowns listed by key, not by size
# Alert series: (name, universe, dimension); a value's series key comes from _series_key.
_SERIES: Final = (
    ("negative", "voices", "sentiment"),
    ("intent", "voices", "intent"),
    ("aspect_negative", "aspects", "aspect"),
    ("theme", "themes", "theme"),
)
_WEEK: Final = ("market", "week")
_CHANNEL: Final = ("market", "week", "channel")

Weekly = tuple[dict[tuple[str, str, str], dict[date, int]], dict[tuple[str, date], int]]
"""Voices per (series name, market, key) and week, and voices per (market, week)."""


def _series_key(name: str, value: str | None) -> str | None:
    """The alert key a group's value counts for (None: no series of ``name``)."""
    if value is None:
        return None
    if name == "negative":
        return "all" if value == "neg" else None
    if name == "aspect_negative":
        aspect, _, polarity = value.rpartition("|")
        return aspect if polarity == "neg" else None
    return value


def scope_cell(scope: Scope) -> dict[str, str]:
    """The group a released scope is (dimension -> value), or InputError with what to do."""
    if len(scope.markets) != 1:
        raise InputError("choose one market (--market)")
    if scope.theme is not None or scope.aspect is not None:
        raise InputError(
            "aggregates leaving a zone are not cut by theme or aspect; "
            "read them inside the zone or record a transfer basis"
        )
    cell = {"market": scope.markets[0]}
    period = scope.period
    if period is not None:
        start, end = period.start, period.end
        if start.weekday() == 0 and end - start == timedelta(days=7):
            cell["week"] = start.date().isoformat()
        elif start.day == 1 and end == (start + timedelta(days=32)).replace(day=1):
            cell["month"] = start.strftime("%Y-%m")
        else:
            raise InputError(
                f"aggregates leaving a zone are released per calendar month or ISO week, "
                f"not for {period.label!r} (try 2026-10 or 2026-W44)"
            )
    chosen = {f: str(getattr(scope, f)) for f in FILTERS if getattr(scope, f) is not None}
    if len(chosen) > 1:
        raise InputError(
            f"aggregates leaving a zone are cut by one of {', '.join(FILTERS)} at a time, "
            f"not {' and '.join(chosen)}"
        )
    return cell | chosen


def _label(value: str | None) -> str:
    return "-" if value is None else value


class Release:
    """Measures of a zone store for readers outside it: groups of at least ``k`` people, and
    no hidden group recoverable from shown ones (complementary suppression)."""

    def __init__(self, store: AnalyticsStore, k: int) -> None:
        self.store = store
        self.k = k
        store.refresh_analytics()

    def cut(
        self, universe: str, groupings: Iterable[Grouping]
    ) -> tuple[dict[Grouping, dict[Key, Counts]], dict[Grouping, set[Key]]]:
        """Counts of ``groupings`` and of every coarser grouping, and what each hides."""
        return cut(self.store, universe, groupings, self.k)

    def _inside(
        self, universe: str, cell: dict[str, str], dimension: str
    ) -> tuple[Counts | None, list[tuple[str | None, Counts]], int]:
        """The scope's group (None if hidden or empty), its shown sub-groups by ``dimension``
        (value, counts) and how many sub-groups are hidden."""
        base = canonical(cell, universe)
        key = tuple(cell[d] for d in base)
        finer = canonical([*base, dimension], universe)
        tables, hidden = self.cut(universe, [finer])
        total = tables.get(base, {}).get(key)
        if total is None or key in hidden[base]:
            return None, [], 0
        at, where = finer.index(dimension), [finer.index(d) for d in base]
        shown, suppressed = [], 0
        for child in sorted(tables[finer], key=sort_key):
            if tuple(child[i] for i in where) != key:
                continue
            if child in hidden[finer]:
                suppressed += 1
            else:
                shown.append((child[at], tables[finer][child]))
        return total, shown, suppressed

    def weekly(self, weeks: Collection[date], channels: Collection[str]) -> Weekly:
        """The counts alerts compare, from what the measures of scope (market, week) and of
        scope (market, week, channel) show: a week's figure minus the shown figures of the
        channels left out (one the measures hide stays in, as it does in the week's figure).
        Every number is a released figure or a difference of released figures."""
        wanted = {week.isoformat() for week in weeks}
        groupings: dict[str, list[Grouping]] = {}
        for _, universe, dimension in _SERIES:
            groupings.setdefault(universe, []).append((*_CHANNEL, dimension))
        cuts = {universe: self.cut(universe, found) for universe, found in groupings.items()}
        voices, hidden = cuts["voices"]

        def shown(universe: str, scope: Grouping, key: Key, dimension: str | None = None,
                  value: str | None = None) -> int:  # fmt: skip
            """Voices of a scope (``dimension`` None) or of a group of its breakdown, as its
            measures show them: nothing of a hidden scope, nor of a hidden group."""
            tables, cut = cuts[universe]
            for table, gone in ((voices, hidden), (tables, cut)):
                if key not in table[scope] or key in gone[scope]:
                    return 0
            if dimension is None:
                return tables[scope][key].voices
            grouping, group = (*scope, dimension), (*key, value)
            counts = tables[grouping].get(group)
            return 0 if counts is None or group in cut[grouping] else counts.voices

        left_out: dict[Key, list[str | None]] = {}
        for market, week, channel in voices[_CHANNEL]:
            if week in wanted and channel not in channels:
                left_out.setdefault((market, week), []).append(channel)

        def released(universe: str, market: str, week: str, dimension: str | None = None,
                     value: str | None = None) -> int:  # fmt: skip
            whole = shown(universe, _WEEK, (market, week), dimension, value)
            if not whole:
                return 0
            parts = left_out.get((market, week), [])
            return whole - sum(
                shown(universe, _CHANNEL, (market, week, c), dimension, value) for c in parts
            )

        totals: dict[tuple[str, date], int] = {}
        for market, week in voices[_WEEK]:
            if (
                market is not None
                and week in wanted
                and (count := released("voices", market, week))
            ):
                totals[market, date.fromisoformat(week)] = count
        series: dict[tuple[str, str, str], dict[date, int]] = {}
        for name, universe, dimension in _SERIES:
            for market, week, value in cuts[universe][0][(*_WEEK, dimension)]:
                key = _series_key(name, value)
                if market is None or week not in wanted or key is None:
                    continue
                if count := released(universe, market, week, dimension, value):
                    series.setdefault((name, market, key), {})[date.fromisoformat(week)] = count
        return series, totals

    def summary(self, scope: Scope) -> Summary:
        cell = scope_cell(scope)
        names = list(BREAKDOWNS)
        base = canonical(cell)
        key = tuple(cell[d] for d in base)
        tables, hidden = self.cut("voices", [canonical([*base, n]) for n in names])
        total = tables.get(base, {}).get(key)
        if total is None or key in hidden[base]:  # nothing of so few people leaves the zone
            return Summary(
                self.store.zone, scope, Row("all", 0, None),
                {n: Breakdown() for n in names}, [], 0, Breakdown(), self.k, hidden=True,
            )  # fmt: skip
        breakdowns = {}
        for name in names:
            finer = canonical([*base, name])
            at, where = finer.index(name), [finer.index(d) for d in base]
            rows, suppressed = [], 0
            for child, counts in tables[finer].items():
                if tuple(child[i] for i in where) != key:
                    continue
                if child in hidden[finer]:
                    suppressed += 1
                else:
                    rows.append(_row(_label(child[at]), counts, total.voices))
            rows.sort(key=(lambda r: r.key) if name in _ORDERED else (lambda r: (-r.voices, r.key)))
            breakdowns[name] = Breakdown(rows, suppressed)
        aspects, aspects_hidden = self.aspects(scope)
        return Summary(
            self.store.zone,
            scope,
            _row("all", total, 0),
            breakdowns,
            aspects,
            aspects_hidden,
            self.themes(scope, total=total.voices),
            self.k,
        )

    def aspects(self, scope: Scope) -> tuple[list[dict[str, Any]], int]:
        """Aspect x polarity mentions of the scope: the aspect matrix, and how many cells are
        hidden."""
        _, shown, suppressed = self._inside("aspects", scope_cell(scope), "aspect")
        cells: dict[str, dict[str, int]] = {}
        for value, counts in shown:
            aspect, _, polarity = (value or "").partition("|")
            cells.setdefault(aspect, {"pos": 0, "neu": 0, "neg": 0})[polarity] = counts.voices
        ordered = sorted(cells.items(), key=lambda item: (-sum(item[1].values()), item[0]))
        rows = [
            {
                "aspect": a,
                **c,
                "total": sum(c.values()),
                "net_sentiment": net_sentiment(c["pos"], c["neg"]),
            }
            for a, c in ordered
        ]
        return rows, suppressed

    def themes(self, scope: Scope, *, total: int | None = None) -> Breakdown:
        """Voices per theme inside the scope; shares of the scope's ``total`` voices."""
        cell = scope_cell(scope.narrowed(theme=None))
        if total is None:
            counted, _, _ = self._inside("voices", cell, "market")
            if counted is None:
                return Breakdown()
            total = counted.voices
        _, shown, suppressed = self._inside("themes", cell, "theme")
        rows = [_row(_label(value), counts, total) for value, counts in shown]
        rows.sort(key=lambda r: (-r.voices, r.key))
        return Breakdown(rows, suppressed)


def _row(key: str, c: Counts, total: int) -> Row:
    share = round(c.voices / total, 4) if total else 0.0
    return Row(key, c.voices, c.people, c.pos, c.neu, c.neg, share)
