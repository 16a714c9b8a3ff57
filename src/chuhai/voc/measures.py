"""The VOC measures of one zone store, in portable SQL (DuckDB and PostgreSQL).

**Net Sentiment** = 100 x (positive - negative) / (positive + negative) voices, from -100 (all
negative) to 100 (all positive); neutral voices count in volume but not in the index, so a
flood of "ok" does not hide a shift between praise and complaint. ``None`` with no polar voice.

With ``min_people`` > 1 every row describing fewer distinct people is left out and counted as
suppressed: that is what makes a measure an aggregate the residency guard may release.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

from chuhai.store.base import ZoneStore
from chuhai.voc.scope import Scope

__all__ = ["BREAKDOWNS", "Breakdown", "Measures", "Row", "Summary", "net_sentiment"]

PEOPLE: Final = "count(DISTINCT v.person)"
POLAR: Final = (
    "sum(CASE WHEN v.sentiment = 'pos' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN v.sentiment = 'neu' THEN 1 ELSE 0 END), "
    "sum(CASE WHEN v.sentiment = 'neg' THEN 1 ELSE 0 END)"
)
# One scan of voice_facts answers every breakdown (GROUPING SETS).
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


def net_sentiment(positive: int, negative: int) -> float | None:
    polar = positive + negative
    return round(100 * (positive - negative) / polar, 1) if polar else None


@dataclass(frozen=True)
class Row:
    """One group: its key, voices, distinct people (None where not counted: when nothing is
    suppressed, or when the group certainly holds at least k people) and polarity counts."""

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

    @property
    def hidden(self) -> bool:
        """True when the whole scope describes fewer people than may be shown."""
        return (self.total.people or 0) < self.min_people

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
    """Measures over one zone store's analytics tables; ``min_people`` > 1 makes them
    releasable aggregates (groups of fewer distinct people are left out)."""

    def __init__(self, store: ZoneStore, *, min_people: int = 1) -> None:
        self.store = store
        self.min_people = max(1, min_people)
        store.refresh_analytics()

    # -- people ---------------------------------------------------------------------------
    # A group of v voices holds at least v / m people when nobody wrote more than m of them,
    # so only groups between k and k * m voices need an exact distinct count: a rigorous
    # k-anonymity check that costs one extra GROUP BY instead of a distinct count per group.

    def _people(self, scope: Scope) -> tuple[int, int]:
        """Distinct people of the scope, and the most voices any one of them wrote."""
        where, params = scope.where(a="v")
        sql = (
            "SELECT count(*), coalesce(max(n), 0) FROM "
            f"(SELECT v.person, count(*) AS n FROM voice_facts v{where} GROUP BY v.person) p"
        )
        people, most = self.store.query(sql, params)[0]
        return int(people), int(most)

    def _exact(
        self, table: str, scope: Scope, id_column: str, expr: str, keys: list[object]
    ) -> dict[object, int]:
        """Exact distinct people of the groups ``expr`` in ``keys`` (NULL included)."""
        where, params = scope.where(a="v", id=id_column)
        values = [k for k in keys if k is not None]
        parts = []
        if values:
            parts.append(f"{expr} IN ({', '.join('?' * len(values))})")
        if len(values) < len(keys):
            parts.append(f"{expr} IS NULL")
        condition = ("(" + " OR ".join(parts) + ")") if parts else "1 = 0"
        glue = " AND " if where else " WHERE "
        sql = f"SELECT {expr}, {PEOPLE} FROM {table} v{where}{glue}{condition} GROUP BY {expr}"
        return {r[0]: int(r[1]) for r in self.store.query(sql, [*params, *values])}

    def _shown(
        self,
        groups: Sequence[tuple[object, int]],
        most: int,
        table: str,
        scope: Scope,
        id_column: str,
        expr: str,
    ) -> dict[object, int | None]:
        """The groups (key, voices) that may be shown, with their exact people where it was
        counted (None: at least k, not counted)."""
        if self.min_people == 1:
            return {key: None for key, _ in groups}
        k = self.min_people
        shown: dict[object, int | None] = {
            key: None for key, voices in groups if voices >= k * max(most, 1)
        }
        check = [key for key, voices in groups if k <= voices < k * max(most, 1)]
        if check:
            exact = self._exact(table, scope, id_column, expr, check)
            shown |= {key: n for key, n in exact.items() if n >= k}
        return shown

    # -- measures ---------------------------------------------------------------------------

    def summary(self, scope: Scope) -> Summary:
        where, params = scope.where(a="v")
        names = list(BREAKDOWNS)
        keys = ", ".join(BREAKDOWNS[n] for n in names)
        flags = ", ".join(f"grouping({BREAKDOWNS[n]})" for n in names)
        sets = ", ".join(["()", *(f"({BREAKDOWNS[n]})" for n in names)])
        sql = (
            f"SELECT {keys}, {flags}, count(*), 0, {POLAR} "
            f"FROM voice_facts v{where} GROUP BY GROUPING SETS ({sets})"
        )
        n = len(names)
        total = Row("all", 0, 0)
        raw: dict[str, list[tuple[object, tuple[int, ...]]]] = {name: [] for name in names}
        for record in self.store.query(sql, params):
            values, grouping, counts = record[:n], record[n : 2 * n], record[2 * n :]
            numbers = tuple(int(c or 0) for c in counts)
            active = [i for i, flag in enumerate(grouping) if not flag]
            if not active:
                total = Row("all", numbers[0], 0, *numbers[2:])
            else:
                raw[names[active[0]]].append((values[active[0]], numbers))
        people, most = self._people(scope)
        total = Row("all", total.voices, people, total.pos, total.neu, total.neg)
        if people < self.min_people:  # nothing describing so few people leaves the zone
            return Summary(
                self.store.zone,
                scope,
                Row("all", 0, total.people),
                {name: Breakdown() for name in names},
                [],
                0,
                Breakdown(),
                self.min_people,
            )
        breakdowns = {}
        for name, groups in raw.items():
            shown = self._shown(
                [(key, c[0]) for key, c in groups],
                most,
                "voice_facts",
                scope,
                "id",
                BREAKDOWNS[name],
            )
            rows = [Row(_key(key), c[0], shown[key], *c[2:]) for key, c in groups if key in shown]
            breakdowns[name] = self._shares(rows, total.voices, len(groups) - len(rows))
        breakdowns["week"].rows.sort(key=lambda r: r.key)
        breakdowns["stars"].rows.sort(key=lambda r: r.key)
        aspects, hidden = self.aspect_matrix(scope, most=most)
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

    def aspect_matrix(
        self, scope: Scope, *, most: int | None = None
    ) -> tuple[list[dict[str, Any]], int]:
        """Per aspect: voices naming it positively, neutrally, negatively, and its net score;
        cells of fewer than ``min_people`` people are left out (and counted). With an aspect
        filter, the matrix shows every aspect the selected voices name."""
        where, params = scope.where(a="v", id="voice_id")
        sql = (
            f"SELECT v.aspect || '|' || v.polarity, count(*) "
            f"FROM aspect_facts v{where} GROUP BY v.aspect, v.polarity"
        )
        groups = [(str(r[0]), int(r[1])) for r in self.store.query(sql, params)]
        if most is None and self.min_people > 1:
            most = self._people(scope)[1]
        people = self._shown(
            groups, most or 0, "aspect_facts", scope, "voice_id", "v.aspect || '|' || v.polarity"
        )
        cells: dict[str, dict[str, int]] = {}
        for key, voices in groups:
            if key in people:
                aspect, _, polarity = key.partition("|")
                cells.setdefault(aspect, {"pos": 0, "neu": 0, "neg": 0})[polarity] = voices
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
        return rows, len(groups) - len(people)

    def themes(
        self, scope: Scope, *, total: int | None = None, most: int | None = None
    ) -> Breakdown:
        """Voices per theme inside the scope (shares of ``total`` voices, counted if None)."""
        unthemed = scope.narrowed(theme=None)
        where, params = unthemed.where(a="v", id="voice_id")
        sql = f"SELECT v.theme_id, count(*), {POLAR} FROM theme_facts v{where} GROUP BY v.theme_id"
        found = self.store.query(sql, params)
        if most is None and self.min_people > 1:
            most = self._people(unthemed)[1]
        people = self._shown(
            [(r[0], int(r[1])) for r in found],
            most or 0,
            "theme_facts",
            unthemed,
            "voice_id",
            "v.theme_id",
        )
        rows = [
            Row(str(r[0]), int(r[1]), people[r[0]], *(int(c or 0) for c in r[2:]))
            for r in found
            if r[0] in people
        ]
        if total is None:
            total_where, total_params = scope.narrowed(theme=None).where(a="v")
            sql = f"SELECT count(*) FROM voice_facts v{total_where}"
            total = int(self.store.query(sql, total_params)[0][0])
        return self._shares(rows, total, len(found) - len(rows))
