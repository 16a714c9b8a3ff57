"""Personal-data operations of a zone store, in portable SQL: find and erase everything of one
person (data-subject requests), purge what is older than the retention period, and
aggregates that describe at least k people (what may leave a zone without a legal basis).

A mixin for SQL stores: it needs ``_select(sql, params)`` and a ``_transaction()`` context
that yields a connection with ``execute(sql, params)``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, Final, Protocol

from chuhai.errors import InputError
from chuhai.privacy.suppression import sort_key
from chuhai.store import codec
from chuhai.store.analytics import AnalyticsSql
from chuhai.store.cells import canonical, cut
from chuhai.store.rows import Aggregate, StoredRejection, SubjectData

__all__ = ["AGGREGATE_KEYS", "MAX_AGGREGATE_KEYS", "PersonalDataSql"]

# What aggregates may be grouped by: nothing that names or quotes a person. Counted like the
# VOC measures (store/cells), so a group has the same figures, shown or hidden, everywhere.
AGGREGATE_KEYS: Final = (
    "market", "channel", "language", "sku", "month", "week", "sentiment", "emotion", "intent",
    "stars",
)  # fmt: skip
MAX_AGGREGATE_KEYS: Final = 3


class _Connection(Protocol):
    def execute(self, sql: str, params: Sequence[object] = ..., /) -> Any: ...


class PersonalDataSql(AnalyticsSql):
    def _transaction(self) -> AbstractContextManager[_Connection]:
        raise NotImplementedError

    # -- a person ---------------------------------------------------------------------------

    @staticmethod
    def _like(needles: Sequence[str]) -> list[str]:
        escaped = [n.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for n in needles]
        return [f"%{n.lower()}%" for n in escaped if n]

    def _subject_where(
        self, column: str, pseudonyms: Sequence[str], needles: Sequence[str], *, text: str | None
    ) -> tuple[str, list[object]]:
        parts: list[str] = []
        params: list[object] = []
        if pseudonyms and column:
            parts.append(f"{column} IN ({', '.join('?' * len(pseudonyms))})")
            params += list(pseudonyms)
        if text:
            for pattern in self._like([*pseudonyms, *needles]):
                parts.append(f"lower({text}) LIKE ? ESCAPE '\\'")
                params.append(pattern)
        return " OR ".join(parts) or "1 = 0", params

    def _subject_voice_ids(self, pseudonyms: Sequence[str], needles: Sequence[str]) -> list[str]:
        where, params = self._subject_where("author", pseudonyms, needles, text="text")
        meta, meta_params = self._subject_where("", [], [*pseudonyms, *needles], text="metadata")
        sql = f"SELECT id FROM voices WHERE ({where}) OR ({meta})"
        return [r[0] for r in self._select(sql, [*params, *meta_params])]

    def find_subject(self, pseudonyms: Sequence[str], needles: Sequence[str]) -> SubjectData:
        """Voices the person wrote or is named in, their orders, quarantined rows that hold
        one of their identifiers (``needles``) or pseudonyms."""
        found = SubjectData()
        ids = self._subject_voice_ids(pseudonyms, needles)
        for chunk in _chunks(ids):
            columns = ", ".join(f"v.{name}" for name, _ in codec.VOICE_COLUMNS)
            sql = (
                f"SELECT {columns}, a.detail FROM voices v LEFT JOIN voice_annotations a "
                f"ON a.voice_id = v.id WHERE v.id IN ({', '.join('?' * len(chunk))}) "
                "ORDER BY v.time, v.id"
            )
            found.voices += [codec.voice_from_row(r[:-1], r[-1]) for r in self._select(sql, chunk)]
        where, params = self._subject_where("buyer", pseudonyms, [], text=None)
        columns = ", ".join(name for name, _ in codec.ORDER_COLUMNS)
        found.orders = [
            codec.order_from_row(r)
            for r in self._select(f"SELECT {columns} FROM orders WHERE {where}", params)
        ]
        where, params = self._subject_where("", pseudonyms, needles, text="raw")
        columns = ", ".join(name for name, _ in codec.QUARANTINE_COLUMNS)
        found.rejections = [
            StoredRejection(*codec.rejection_from_row(r))
            for r in self._select(f"SELECT {columns} FROM quarantine WHERE {where}", params)
        ]
        return found

    def erase_subject(self, pseudonyms: Sequence[str], needles: Sequence[str]) -> dict[str, int]:
        """Delete everything ``find_subject`` finds, annotations and aspects included."""
        ids = self._subject_voice_ids(pseudonyms, needles)
        counts = {"voices": len(ids), "voice_annotations": 0, "voice_aspects": 0, "voice_themes": 0}
        orders_where, orders_params = self._subject_where("buyer", pseudonyms, [], text=None)
        rejections_where, rejections_params = self._subject_where(
            "", pseudonyms, needles, text="raw"
        )
        counts["orders"] = int(
            self._select(f"SELECT count(*) FROM orders WHERE {orders_where}", orders_params)[0][0]
        )
        counts["quarantine"] = int(
            self._select(
                f"SELECT count(*) FROM quarantine WHERE {rejections_where}", rejections_params
            )[0][0]
        )
        with self._transaction() as con:
            for chunk in _chunks(ids):
                marks = ", ".join("?" * len(chunk))
                for table, column in (
                    ("voice_aspects", "voice_id"),
                    ("voice_annotations", "voice_id"),
                    ("voice_themes", "voice_id"),
                ):
                    n = self._select(
                        f"SELECT count(*) FROM {table} WHERE {column} IN ({marks})", chunk
                    )
                    counts[table] += int(n[0][0])
                    con.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
                con.execute(f"DELETE FROM voices WHERE id IN ({marks})", chunk)
                self._forget_voices(con, marks, chunk)
            con.execute(f"DELETE FROM orders WHERE {orders_where}", orders_params)
            con.execute(f"DELETE FROM quarantine WHERE {rejections_where}", rejections_params)
        return counts

    # -- retention --------------------------------------------------------------------------

    def purge_before(
        self, cutoffs: dict[str, datetime], *, dry_run: bool = False
    ) -> dict[str, int]:
        """Delete voices, orders and quarantined rows of each market older than its cutoff
        (``dry_run``: only count them)."""
        counts = {"voices": 0, "orders": 0, "quarantine": 0}
        for market, cutoff in cutoffs.items():
            when = cutoff.astimezone(UTC).replace(tzinfo=None)
            old = [
                r[0]
                for r in self._select(
                    "SELECT id FROM voices WHERE market = ? AND time < ?", [market, when]
                )
            ]
            counts["voices"] += len(old)
            n_orders = self._select(
                "SELECT count(*) FROM orders WHERE market = ? AND time < ?", [market, when]
            )[0][0]
            n_rows = self._select(
                "SELECT count(*) FROM quarantine WHERE market = ? AND created_at < ?",
                [market, when],
            )[0][0]
            counts["orders"] += int(n_orders)
            counts["quarantine"] += int(n_rows)
            if dry_run:
                continue
            with self._transaction() as con:
                for chunk in _chunks(old):
                    marks = ", ".join("?" * len(chunk))
                    for table in ("voice_aspects", "voice_annotations", "voice_themes"):
                        con.execute(f"DELETE FROM {table} WHERE voice_id IN ({marks})", chunk)
                    con.execute(f"DELETE FROM voices WHERE id IN ({marks})", chunk)
                    self._forget_voices(con, marks, chunk)
                con.execute("DELETE FROM orders WHERE market = ? AND time < ?", [market, when])
                con.execute(
                    "DELETE FROM quarantine WHERE market = ? AND created_at < ?", [market, when]
                )
        return counts

    # -- aggregates -------------------------------------------------------------------------

    def aggregate_voices(self, by: Sequence[str], min_people: int) -> Aggregate:
        """Voice counts, people, mean sentiment and the mean rating of each scale per group:
        ``mean_stars`` (5 stars), ``mean_score_10`` (0-10 surveys), ``mean_rating_pct`` (any
        other scale, in % of its maximum), each only where at least ``min_people`` people
        rated on it; scales are never averaged together. Groups of fewer than
        ``min_people`` distinct people are left out, and so are the groups that would give
        them away by differencing against a coarser grouping (see
        :mod:`chuhai.privacy.suppression`); all left out are counted as suppressed."""
        keys = list(dict.fromkeys(by))
        unknown = [key for key in keys if key not in AGGREGATE_KEYS]
        if unknown:
            raise InputError(
                f"cannot group by {unknown}: choose from {', '.join(sorted(AGGREGATE_KEYS))}"
            )
        if len(keys) > MAX_AGGREGATE_KEYS:
            raise InputError(
                f"group by at most {MAX_AGGREGATE_KEYS} of {', '.join(AGGREGATE_KEYS)}"
            )
        grouping = canonical(keys)
        tables, hidden = cut(self, "voices", [grouping], max(1, min_people), means=True)  # type: ignore[arg-type]
        order = [grouping.index(k) for k in keys]
        rows = []
        for key, c in sorted(
            tables[grouping].items(), key=lambda kv: (-kv[1].voices, sort_key(kv[0]))
        ):
            if key in hidden[grouping]:
                continue
            out: dict[str, Any] = {k: key[i] for k, i in zip(keys, order, strict=True)}
            out |= {"voices": c.voices, "people": c.people}
            out["mean_sentiment"] = round(c.score_sum / c.score_n, 4) if c.score_n else None
            # one mean per rating scale, where at least k people rated on it
            for scale, rated in c.ratings.items():
                shown = rated.n and rated.people >= min_people
                out[f"mean_{scale}"] = round(rated.total / rated.n, 3) if shown else None
            rows.append(out)
        return Aggregate(rows, len(hidden[grouping]))


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
