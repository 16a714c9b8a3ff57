"""Themes, their voices and alert deliveries in a zone store, in portable SQL.

A mixin for SQL stores: :class:`~chuhai.store.interfaces.ThemeStore` and
:class:`~chuhai.store.interfaces.AlertLog`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

import pyarrow as pa

from chuhai.records.ids import stable_id
from chuhai.records.theme import Theme
from chuhai.store import arrow, codec
from chuhai.store.analytics import AnalyticsSql
from chuhai.store.filters import VoiceFilter, needs_annotations, where
from chuhai.store.rows import VoiceText

__all__ = ["THEME_COLUMNS", "VOICE_THEME_COLUMNS", "ThemeSql", "assignments_table"]

THEME_COLUMNS: Final[codec.Columns] = codec.THEME_COLUMNS
VOICE_THEME_COLUMNS: Final[codec.Columns] = codec.VOICE_THEME_COLUMNS
_DETAIL = ("representatives", "aspect", "intent", "net_sentiment", "name_zh", "name_zh_terms")


def assignments_table(zone: str, rows: Sequence[tuple[str, str, str, float]]) -> pa.Table:
    """``voice_themes`` rows from (voice id, theme id, market, score)."""
    return arrow.encode(
        VOICE_THEME_COLUMNS,
        [(stable_id(v, t), v, t, m, zone, float(s)) for v, t, m, s in rows],
    )


def _theme_row(theme: Theme) -> codec.Row:
    detail = {name: getattr(theme, name) for name in _DETAIL}
    return (
        theme.id,
        theme.zone,
        theme.kind,
        theme.name,
        json.dumps(theme.key_phrases, ensure_ascii=False),
        json.dumps(theme.seeds, ensure_ascii=False),
        theme.threshold,
        json.dumps(theme.markets),
        theme.size,
        json.dumps(detail, ensure_ascii=False),
        theme.run_id,
        theme.created_at.astimezone(UTC).replace(tzinfo=None),
    )


def _theme_from_row(row: Sequence[Any]) -> Theme:
    (id_, zone, kind, name, phrases, seeds, threshold, markets, size, detail, run, created) = row
    return Theme(
        id=id_,
        zone=zone,
        kind=kind,
        name=name,
        key_phrases=json.loads(phrases),
        seeds=json.loads(seeds),
        threshold=threshold,
        markets=json.loads(markets),
        size=int(size),
        run_id=run,
        created_at=created.replace(tzinfo=UTC),
        **json.loads(detail),
    )


class ThemeSql(AnalyticsSql):
    def themes(self, *, kind: str | None = None) -> list[Theme]:
        """Themes of this zone, largest first."""
        names = ", ".join(n for n, _ in THEME_COLUMNS)
        where, params = (" WHERE kind = ?", [kind]) if kind else ("", [])
        rows = self._select(f"SELECT {names} FROM themes{where} ORDER BY size DESC, id", params)
        return [_theme_from_row(r) for r in rows]

    def theme(self, theme_id: str) -> Theme | None:
        names = ", ".join(n for n, _ in THEME_COLUMNS)
        rows = self._select(f"SELECT {names} FROM themes WHERE id = ?", [theme_id])
        return _theme_from_row(rows[0]) if rows else None

    def save_themes(
        self, themes: Sequence[Theme], assignments: pa.Table, *, replace: Sequence[str] = ()
    ) -> int:
        """Store themes and their voices in one transaction; ``replace`` lists theme ids whose
        old rows (and assignments) go first. Returns the assignments written."""
        drop = sorted({*replace, *(t.id for t in themes)})
        with self._transaction() as con:
            for start in range(0, len(drop), 500):
                chunk = drop[start : start + 500]
                marks = ", ".join("?" * len(chunk))
                con.execute(f"DELETE FROM voice_themes WHERE theme_id IN ({marks})", chunk)
                con.execute(f"DELETE FROM themes WHERE id IN ({marks})", chunk)
            if themes:
                rows = [_theme_row(t) for t in themes]
                self._insert_new(con, "themes", THEME_COLUMNS, arrow.encode(THEME_COLUMNS, rows))
            written = 0
            if assignments.num_rows:
                written = self._insert_new(con, "voice_themes", VOICE_THEME_COLUMNS, assignments)
            self.mark_analytics_stale(con)
        return written

    def delete_theme(self, theme_id: str) -> bool:
        """Remove a theme and its assignments; False when there was none."""
        if self.theme(theme_id) is None:
            return False
        self.save_themes([], arrow.encode(VOICE_THEME_COLUMNS, []), replace=[theme_id])
        return True

    # -- what discovery reads -----------------------------------------------------------------

    def voice_texts(self, voices: VoiceFilter) -> list[VoiceText]:
        clause, params = where(voices)
        rows = self._read(
            "SELECT v.id, v.text, v.language, v.market, coalesce(v.author, v.id), a.sentiment, "
            "a.intent FROM voices v LEFT JOIN voice_annotations a ON a.voice_id = v.id"
            f"{clause} ORDER BY v.id",
            params,
        )
        return [VoiceText(*(str(c) if c is not None else None for c in r)) for r in rows]  # type: ignore[arg-type]

    def voice_aspects(self, voices: VoiceFilter) -> dict[str, list[str]]:
        clause, params = where(voices)
        join = (
            " LEFT JOIN voice_annotations a ON a.voice_id = v.id"
            if needs_annotations(voices)
            else ""
        )
        sql = (
            "SELECT x.voice_id, x.aspect FROM voice_aspects x JOIN voices v ON v.id = x.voice_id"
            f"{join}{clause}"
        )
        found: dict[str, list[str]] = {}
        for voice_id, aspect in self._read(sql, params):
            found.setdefault(voice_id, []).append(aspect)
        return found

    # -- alert deliveries -------------------------------------------------------------------

    def delivered_alerts(self, target: str, alert_ids: Sequence[str]) -> set[str]:
        """Which of ``alert_ids`` were already delivered to ``target`` successfully."""
        found: set[str] = set()
        for start in range(0, len(alert_ids), 500):
            chunk = list(alert_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            rows = self._select(
                f"SELECT alert_id FROM alert_deliveries WHERE target = ? AND status < 300 "
                f"AND alert_id IN ({marks})",
                [target, *chunk],
            )
            found |= {r[0] for r in rows}
        return found

    def record_delivery(self, target: str, alert_id: str, status: int) -> None:
        now = datetime.now(UTC).replace(tzinfo=None)
        with self._transaction() as con:
            con.execute(
                "INSERT INTO alert_deliveries (id, alert_id, target, status, delivered_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [stable_id(alert_id, target, now.isoformat()), alert_id, target, status, now],
            )
