"""The analytics tables of a zone store (``voice_facts``, ``aspect_facts``, ``theme_facts``):
derived, denormalised copies that the VOC dashboard scans without joins.

Every write to voices, annotations, aspects or themes marks them stale (one small UPDATE);
the next dashboard query rebuilds them in one transaction (about 2 s per million voices on
two cores), so imports stay as fast as before. Erasure deletes from them at once.
A mixin for SQL stores; the measures' reads over these tables are in
:mod:`chuhai.store.voc_reads`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

from chuhai.enrich.decisions import CONFIDENT_EMOTION
from chuhai.privacy.suppression import Grouping, Key
from chuhai.store import cells, schema
from chuhai.store.sqlkit import SqlBase

__all__ = ["ANALYTICS_TABLES", "STARS", "AnalyticsSql"]

log = logging.getLogger(__name__)

ANALYTICS_TABLES: Final = schema.tables("derived")
# Ratings on a five-star scale, whatever scale the source used.
STARS: Final = (
    "CASE WHEN v.rating IS NULL THEN NULL "
    "WHEN v.rating_max IS NOT NULL AND v.rating_max > 0 "
    "THEN greatest(1, least(5, CAST(round(v.rating / v.rating_max * 5) AS INTEGER))) "
    "ELSE greatest(1, least(5, CAST(round(v.rating) AS INTEGER))) END"
)
# The emotion mix counts only emotions the heads are sure of; the rest count as neutral.
_CONFIDENT_EMOTION: Final = (
    f"CASE WHEN a.emotion_confidence >= {CONFIDENT_EMOTION} THEN a.emotion "
    "WHEN a.emotion IS NULL THEN NULL ELSE 'neutral' END"
)
_DIMENSIONS: Final = (
    "market, time, channel, sku, language, person, stars, sentiment, emotion, intent"
)
_FACTS: Final = (
    "INSERT INTO voice_facts (id, " + _DIMENSIONS + ") "
    "SELECT v.id, v.market, v.time, v.channel, v.sku, v.language, coalesce(v.author, v.id), "
    f"{STARS}, a.sentiment, {_CONFIDENT_EMOTION}, a.intent "
    "FROM voices v LEFT JOIN voice_annotations a ON a.voice_id = v.id"
)
_ASPECTS: Final = (
    "INSERT INTO aspect_facts (voice_id, aspect, polarity, " + _DIMENSIONS + ") "
    "SELECT DISTINCT x.voice_id, x.aspect, x.sentiment, f.market, f.time, f.channel, f.sku, "
    "f.language, f.person, f.stars, f.sentiment, f.emotion, f.intent "
    "FROM voice_aspects x JOIN voice_facts f ON f.id = x.voice_id"
)
_THEMES: Final = (
    "INSERT INTO theme_facts (voice_id, theme_id, " + _DIMENSIONS + ") "
    "SELECT t.voice_id, t.theme_id, f.market, f.time, f.channel, f.sku, f.language, f.person, "
    "f.stars, f.sentiment, f.emotion, f.intent "
    "FROM voice_themes t JOIN voice_facts f ON f.id = t.voice_id"
)


class AnalyticsSql(SqlBase):
    _refreshing = threading.Lock()

    def mark_analytics_stale(self, con: Any | None = None) -> None:
        """Say the analytics tables no longer match (inside a write's transaction if given)."""
        sql = "UPDATE analytics_state SET dirty = 1 WHERE name = 'voc' AND dirty = 0"
        if con is not None:
            con.execute(sql)
            return
        with self._transaction() as own:
            own.execute(sql)

    def refresh_analytics(self, *, force: bool = False) -> bool:
        """Rebuild the analytics tables if a write changed their sources; True if rebuilt."""
        with self._refreshing:
            state = self._select("SELECT dirty FROM analytics_state WHERE name = 'voc'")
            if not force and state and not state[0][0]:
                return False
            started = time.perf_counter()
            with self._transaction() as con:
                for table in ANALYTICS_TABLES:
                    con.execute(f"DELETE FROM {table}")
                for sql in (_FACTS, _ASPECTS, _THEMES):
                    con.execute(sql)
                con.execute(
                    "UPDATE analytics_state SET dirty = 0, refreshed_at = ? WHERE name = 'voc'",
                    [datetime.now(UTC).replace(tzinfo=None)],
                )
            log.info("analytics tables rebuilt in %.2f s", time.perf_counter() - started)
            return True

    def analytics_version(self) -> str:
        """When the analytics tables were last rebuilt (after bringing them up to date): a
        key for caches of what is computed from them."""
        self.refresh_analytics()
        row = self._select("SELECT refreshed_at FROM analytics_state WHERE name = 'voc'")
        return str(row[0][0]) if row else ""

    def _forget_voices(self, con: Any, marks: str, ids: Sequence[str]) -> None:
        """Erase voices from the analytics tables in the caller's transaction."""
        con.execute(f"DELETE FROM voice_facts WHERE id IN ({marks})", list(ids))
        for table in ("aspect_facts", "theme_facts"):
            con.execute(f"DELETE FROM {table} WHERE voice_id IN ({marks})", list(ids))

    # -- cells (store/cells) ----------------------------------------------------------------

    def count_cells(
        self, universe: str, groupings: Sequence[Grouping], *, means: bool = False
    ) -> dict[Grouping, dict[Key, cells.Counts]]:
        return cells.cell_tables(self._read, universe, groupings, means=means)

    def small_groups(
        self, universe: str, groupings: Sequence[Grouping], below: int
    ) -> dict[Grouping, dict[Key, frozenset[str]]]:
        return cells.small_groups(self._read, universe, groupings, below)

    def most_per_person(self, universe: str) -> int:
        return cells.most_per_person(self._read, universe)

    # -- alerts behind supply's reorder lines -------------------------------------------------

    def series_by_sku(
        self,
        market: str,
        start: datetime,
        end: datetime,
        series: tuple[str, str],
        channels: Sequence[str],
    ) -> dict[str, tuple[int, int]]:
        """Voices and people per SKU in one alert series (``("aspect_negative", aspect)`` or
        ``("intent", intent)``) of ``market`` from ``start`` to ``end`` (naive UTC), counted as
        :mod:`chuhai.voc.trends` counts the series."""
        dimension, key = series
        if dimension == "aspect_negative":
            table, match = "aspect_facts", "v.aspect = ? AND v.polarity = 'neg'"
        elif dimension == "intent":
            table, match = "voice_facts", "v.intent = ?"
        else:
            raise ValueError(f"no per-SKU count for {dimension} series")
        self.refresh_analytics()
        marks = ", ".join("?" * len(channels))
        rows = self._read(
            "SELECT v.sku, count(*), count(DISTINCT v.person) "
            f"FROM {table} v WHERE v.market = ? AND v.time >= ? AND v.time < ? "
            f"AND v.channel IN ({marks}) AND v.sku IS NOT NULL AND {match} GROUP BY v.sku",
            [market, start, end, *channels, key],
        )
        return {str(sku): (int(n), int(people)) for sku, n, people in rows}
