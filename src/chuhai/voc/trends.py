"""Week-over-week alerts: which complaints, intents and themes changed significantly.

Live comments are left out by default (``channels``): one live session brings more comments
than a month of reviews, and would drown every other share.

For every market, series (negative mentions of each aspect, each intent, each theme, and all
negative voices) and the alert week, the series' share of the market's voices is compared
with the weeks before (``baseline_weeks``) by an exact test of two rates (two-sided). An alert
needs a q-value (Benjamini-Hochberg over every series tested, whatever its size) at most
``fdr``, at least
``min_count`` voices in the larger period, ``min_voices`` voices in the market's week, and a
share that grew or shrank at least ``min_lift`` times. Weeks are ISO weeks (Monday, UTC).

Alerts of a zone the reader may not read (no transfer basis) are ``released``: counted from
the figures the measures release there (:meth:`chuhai.voc.release.Release.weekly`), never
from its rows, so that no alert, next to the measures, gives a hidden group away. They carry
no count of people (it is not a figure the release shows).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final, Literal, Protocol

from chuhai.records.ids import stable_id
from chuhai.settings.voc import AlertSettings
from chuhai.store.interfaces import AnalyticsStore, ThemeStore
from chuhai.voc.release import Release
from chuhai.voc.stats import benjamini_hochberg, rate_test

__all__ = ["Alert", "alert_week", "find_alerts", "week_label", "week_start"]

log = logging.getLogger(__name__)

# Series whose rise is bad news (the rest rise and fall as information).
NEGATIVE_INTENTS: Final = frozenset(
    {"complaint_product", "complaint_delivery", "complaint_service", "refund", "cancel_order"}
)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_label(start: date) -> str:
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}"


def alert_week(today: date | None = None) -> date:
    """The last complete ISO week before ``today`` (its Monday)."""
    return week_start(today or datetime.now(UTC).date()) - timedelta(days=7)


@dataclass(frozen=True)
class Alert:
    id: str
    zone: str
    market: str
    week: str
    dimension: Literal["aspect_negative", "intent", "theme", "negative"]
    key: str
    direction: Literal["up", "down"]
    severity: Literal["warning", "info"]
    count: int
    people: int | None  # None: released, people not counted
    voices: int
    share: float
    baseline_count: int
    baseline_voices: int
    baseline_share: float
    lift: float | None  # share / baseline share; None when the baseline share was zero
    p_value: float
    q_value: float
    label: str = ""  # a theme's name
    released: bool = False  # counted from released figures (see the module's docstring)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class AlertSource(AnalyticsStore, ThemeStore, Protocol):
    """What alerts read of a zone: the analytics tables' weekly counts, and theme names."""


def _weekly(
    store: AnalyticsStore, start: date, end: date, channels: Sequence[str]
) -> dict[str, Any]:
    """Counts per (market, week) of every series, and of all voices, in ``channels``."""
    first = datetime(start.year, start.month, start.day)
    last = datetime(end.year, end.month, end.day)
    series: dict[tuple[str, str, str], dict[date, tuple[int, int]]] = defaultdict(dict)
    for found in store.weekly_counts(first, last, channels):
        series[found.series, found.market, found.key][found.week] = (found.voices, found.people)
    return {"series": series, "totals": store.weekly_totals(first, last, channels)}


def _released(
    store: AnalyticsStore, k: int, weeks: list[date], channels: Sequence[str]
) -> dict[str, Any]:
    """What :func:`_weekly` counts, from the figures released to readers without a basis."""
    found, totals = Release(store, k).weekly(weeks, channels)
    series = {
        name: {day: (count, None) for day, count in counts.items()}
        for name, counts in found.items()
    }
    return {"series": series, "totals": totals}


def find_alerts(
    stores: Sequence[AlertSource],
    settings: AlertSettings,
    *,
    week: date | None = None,
    released: Collection[str] = (),
    k: int = 1,
) -> list[Alert]:
    """Alerts of the week starting ``week`` (default: the last complete week), strongest first.
    Zones in ``released`` are counted from what their measures release (groups of at least
    ``k`` people, safe from differencing), the others from their rows."""
    monday = week_start(week) if week else alert_week()
    first = monday - timedelta(days=7 * settings.baseline_weeks)
    end = monday + timedelta(days=7)
    candidates: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    complaints: set[str] = set()  # themes whose voices are mostly negative
    for store in stores:
        store.refresh_analytics()
        themes = store.themes()
        # the Chinese name first, the customers' own words beside (an operator reads zh)
        names |= {t.id: f"{t.name_zh}（{t.name}）" if t.name_zh else t.name for t in themes}
        complaints |= {t.id for t in themes if (t.net_sentiment or 0) < 0}
        cut = store.zone in released
        if cut:
            window = [first + timedelta(days=7 * i) for i in range(settings.baseline_weeks + 1)]
            counts = _released(store, k, window, settings.channels)
        else:
            counts = _weekly(store, first, end, settings.channels)
        totals = counts["totals"]
        for (dimension, market, key), weeks in counts["series"].items():
            voices = totals.get((market, monday), 0)
            if voices < settings.min_voices:
                continue
            count, people = weeks.get(monday, (0, None if cut else 0))
            base_weeks = [first + timedelta(days=7 * i) for i in range(settings.baseline_weeks)]
            base_count = sum(weeks.get(w, (0, 0))[0] for w in base_weeks)
            base_voices = sum(totals.get((market, w), 0) for w in base_weeks)
            if base_voices == 0:
                continue
            share, base_share = count / voices, base_count / base_voices
            direction: Literal["up", "down"] = "up" if share >= base_share else "down"
            if max(count, base_count) < settings.min_count:
                continue
            lift = share / base_share if base_share else None
            # two-sided: the direction was read off the data
            p = min(1.0, 2 * rate_test(count, voices, base_count, base_voices, direction))
            candidates.append(
                {
                    "zone": store.zone,
                    "market": market,
                    "dimension": dimension,
                    "key": key,
                    "direction": direction,
                    "count": count,
                    "people": people,
                    "voices": voices,
                    "share": round(share, 4),
                    "baseline_count": base_count,
                    "baseline_voices": base_voices,
                    "baseline_share": round(base_share, 4),
                    "lift": round(lift, 2) if lift is not None else None,
                    "p_value": p,
                    "released": cut,
                }
            )
    q_values = benjamini_hochberg([c["p_value"] for c in candidates])
    label = week_label(monday)
    alerts = []
    for candidate, q in zip(candidates, q_values, strict=True):
        lift = candidate["lift"]
        small = lift is not None and 1 / settings.min_lift < lift < settings.min_lift
        if q > settings.fdr or small:  # every series counts in the correction, big or small
            continue
        dimension, key = candidate["dimension"], candidate["key"]
        bad = (
            dimension in ("aspect_negative", "negative")
            or (dimension == "intent" and key in NEGATIVE_INTENTS)
            or (dimension == "theme" and key in complaints)
        )
        severity: Literal["warning", "info"] = (
            "warning" if bad and candidate["direction"] == "up" else "info"
        )
        parts = (candidate["zone"], candidate["market"], candidate["dimension"], candidate["key"])
        alerts.append(
            Alert(
                id=stable_id("alert", *parts, label, candidate["direction"]),
                week=label,
                severity=severity,
                q_value=round(q, 6),
                label=names.get(candidate["key"], ""),
                **{**candidate, "p_value": round(candidate["p_value"], 8)},
            )
        )
    alerts.sort(key=lambda a: (a.severity != "warning", a.q_value, -a.count))
    log.info("week %s: %d tests, %d alerts", label, len(candidates), len(alerts))
    return alerts
