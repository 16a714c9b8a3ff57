"""The VOC measures of one zone store, counted by the store's analytics interface (the figures
they are made of, and Net Sentiment: :mod:`chuhai.voc.figures`).

With ``min_people`` > 1 the measures are what may leave the zone (:mod:`chuhai.voc.release`):
groups of fewer distinct people, and the groups that would give them away by differencing,
are left out and counted as suppressed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from chuhai.store.interfaces import AnalyticsStore
from chuhai.store.rows import Tally
from chuhai.voc.figures import BREAKDOWNS, Breakdown, Row, Summary, net_sentiment
from chuhai.voc.release import Release
from chuhai.voc.scope import Scope

__all__ = ["BREAKDOWNS", "Breakdown", "Measures", "Row", "Summary", "net_sentiment"]


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
