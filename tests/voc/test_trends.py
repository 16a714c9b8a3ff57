"""Alerts fire on a planted spike and stay quiet on noise (fixed seeds)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from chuhai.records import Channel
from chuhai.records.theme import Theme
from chuhai.settings import Settings
from chuhai.settings.voc import AlertSettings
from chuhai.store import ZoneRouter, ZoneStore
from chuhai.store.themes import assignments_table
from chuhai.voc.measures import Summary
from chuhai.voc.scope import Scope
from chuhai.voc.service import VocService
from chuhai.voc.trends import Alert, alert_week, find_alerts, week_label, week_start
from tests.voc.factory import MONDAY, annotated, memory_store
from tests.voc.test_release import Cell, K, Shown, _collect, _rows, _settings

WEEKS = 6
LAST = MONDAY.date() + timedelta(days=7 * (WEEKS - 1))


def simulate(seed: int, *, spike: float | None = None, drop: bool = False) -> ZoneStore:
    """Six weeks of 150 Thai reviews a week; 6% complain about the battery. ``spike`` sets
    that rate in the last week; ``drop`` halves the volume of the last week (noise only)."""
    rng = random.Random(seed)
    store = memory_store()
    voices = []
    for week in range(WEEKS):
        last = week == WEEKS - 1
        rate = spike if (last and spike is not None) else 0.06
        for n in range(75 if (last and drop) else 150):
            when = MONDAY + timedelta(days=7 * week, hours=rng.randint(0, 150))  # stays in its week
            battery = rng.random() < rate
            sentiment = "neg" if battery or rng.random() < 0.2 else rng.choice(["pos", "neu"])
            intent = rng.choice(["praise", "spec_question", "complaint_product", "feedback"])
            voices.append(annotated(
                f"w{week}-{n}", when=when, sentiment=sentiment, intent=intent,
                aspects=[("battery", "neg")] if battery else [("price", "pos")],
                author=f"p{rng.randint(0, 5000)}",
            ))  # fmt: skip
    store.add_voices(voices)
    return store


def battery(alerts: list[Alert]) -> list[Alert]:
    return [a for a in alerts if a.dimension == "aspect_negative" and a.key == "battery"]


def test_a_planted_spike_fires_one_warning() -> None:
    with simulate(7, spike=0.2) as store:
        found = find_alerts([store], AlertSettings(), week=LAST)
    [alert] = battery(found)
    assert (alert.market, alert.direction, alert.severity) == ("TH", "up", "warning")
    assert alert.week == week_label(LAST)
    assert alert.count >= 20 and alert.voices == 150 and alert.baseline_voices == 150
    assert alert.lift is not None and alert.lift > 2 and alert.q_value < 0.05
    assert alert.people is not None and alert.people <= alert.count and not alert.released


@pytest.mark.parametrize("seed", range(8))
def test_noise_stays_quiet(seed: int) -> None:
    with simulate(seed, drop=seed % 2 == 1) as store:
        assert find_alerts([store], AlertSettings(), week=LAST) == []


def test_small_markets_and_small_counts_are_not_tested() -> None:
    with simulate(7, spike=0.2) as store:
        too_few = AlertSettings(min_voices=200)  # the week has 150
        assert find_alerts([store], too_few, week=LAST) == []
        rare = AlertSettings(min_count=100)
        assert battery(find_alerts([store], rare, week=LAST)) == []


def test_a_longer_baseline_compares_with_several_weeks() -> None:
    with simulate(7, spike=0.2) as store:
        [alert] = battery(find_alerts([store], AlertSettings(baseline_weeks=4), week=LAST))
    assert alert.baseline_voices == 600


def test_alert_ids_are_stable_and_live_comments_are_left_out() -> None:
    with simulate(7, spike=0.2) as store:
        first = battery(find_alerts([store], AlertSettings(), week=LAST))
        again = battery(find_alerts([store], AlertSettings(), week=LAST))
        assert [a.id for a in first] == [a.id for a in again]
        live_only = AlertSettings(channels=["live_comment"])
        assert find_alerts([store], live_only, week=LAST) == []


def test_weeks() -> None:
    assert week_start(date(2026, 11, 30)) == date(2026, 11, 30)  # a Monday
    assert week_start(date(2026, 12, 6)) == date(2026, 11, 30)
    assert alert_week(date(2026, 12, 2)) == date(2026, 11, 23)
    assert week_label(date(2026, 11, 23)) == "2026-W48"


@pytest.mark.parametrize(("baseline_weeks", "baseline_voices"), [(1, 150), (4, 600)])
def test_a_planted_spike_fires_from_released_figures_too(
    baseline_weeks: int, baseline_voices: int
) -> None:
    """Cut from what the release shows (no transfer basis), the spike is still caught."""
    settings = AlertSettings(baseline_weeks=baseline_weeks)
    with simulate(7, spike=0.2) as store:
        [raw] = battery(find_alerts([store], settings, week=LAST))
        [released] = battery(find_alerts([store], settings, week=LAST, released={"th"}, k=10))
    assert (released.direction, released.severity, released.released) == ("up", "warning", True)
    assert released.people is None and not raw.released and raw.people is not None
    assert released.q_value < 0.05 and released.count >= 20
    assert released.baseline_voices == baseline_voices


# Every series a reader may see alerts on: (universe, dimension, value of the key).
SERIES: dict[str, tuple[str, str, Callable[[str], str]]] = {
    "negative": ("voices", "sentiment", lambda key: "neg"),
    "intent": ("voices", "intent", lambda key: key),
    "aspect_negative": ("aspects", "aspect", lambda key: f"{key}|neg"),
    "theme": ("themes", "theme", lambda key: key),
}
LOW = AlertSettings(min_voices=1, min_count=1, min_lift=1.0, fdr=0.999)  # alert on nearly all


def _weekly_zone(settings: Settings, seed: int) -> list[dict[str, Any]]:
    """Six weeks of random voices in the EU zone whose complaints come and go (so that alerts
    fire), from few people, with a few live comments (small groups); each voice's dimensions
    as the measures see them (the truth of ``tests/voc/test_release``)."""
    rng = random.Random(seed)
    people = [f"p{n}" for n in range(40)]
    weights = [6, 5, 4, 4, 3, 3, 2, 2, 2, 2] + [1] * 30
    truth, voices, members = [], [], []
    for week in range(6):
        bad = rng.choice([0.1, 0.2, 0.6])  # this week's share of complaints
        for n in range(rng.randint(50, 80)):
            when = MONDAY + timedelta(days=7 * week + rng.randint(0, 6), hours=rng.randint(0, 12))
            complaint = rng.random() < bad
            d: dict[str, Any] = {
                "market": rng.choice(["DE", "DE", "DE", "FR"]),
                "channel": rng.choice(["review"] * 6 + ["email", "survey", "live_comment"]),
                "sku": rng.choice(["PB-400", "FN-300"]), "language": rng.choice(["de", "fr"]),
                "sentiment": "neg" if complaint else rng.choice(["pos", "neu"]),
                "emotion": "anger" if complaint else "joy",
                "intent": rng.choice(["complaint_product", "refund"]) if complaint
                else rng.choice(["praise", "praise", "spec_question"]),
                "stars": rng.choice([None, "1"]) if complaint else rng.choice([None, "5"]),
                "person": rng.choices(people, weights)[0],
                "week": (when.date() - timedelta(days=when.weekday())).isoformat(),
                "month": when.strftime("%Y-%m"),
                "aspect": ["battery|neg"] if complaint and rng.random() < 0.7 else
                ["price|pos"] if rng.random() < 0.3 else [],
                "theme": ["t1"] if complaint and rng.random() < 0.5 else [],
            }  # fmt: skip
            vid = f"v{week}-{n}"
            voices.append(annotated(
                vid, market=d["market"], zone="eu", when=when, channel=d["channel"],
                sku=d["sku"], language=d["language"], sentiment=d["sentiment"],
                emotion=d["emotion"], intent=d["intent"], author=d["person"],
                aspects=[tuple(a.split("|")) for a in d["aspect"]],
                rating=int(d["stars"]) if d["stars"] else None,
                rating_max=5 if d["stars"] else None,
            ))  # fmt: skip
            members += [(vid, t, d["market"], 1.0) for t in d["theme"]]
            truth.append(d)
    with ZoneRouter(settings) as router:
        store = router.store("eu")
        store.add_voices(voices)
        theme = Theme(id="t1", zone="eu", kind="seeded", name="t1", seeds=["t1"])
        store.save_themes([theme], assignments_table("eu", members))
    return truth


def _measure(summary: Summary, universe: str, series: tuple[str, str] | None) -> int:
    """What a summary shows of a series (0 where it shows nothing)."""
    if summary.hidden:
        return 0
    if series is None:
        return summary.total.voices
    dimension, value = series
    if universe == "aspects":
        aspect, _, polarity = value.partition("|")
        return next((int(a[polarity]) for a in summary.aspects if a["aspect"] == aspect), 0)
    rows = summary.themes.rows if universe == "themes" else summary.breakdowns[dimension].rows
    return next((r.voices for r in rows if r.key == value), 0)


def _inside(cell: Cell, market: str, week: str, series: tuple[str, str] | None) -> bool:
    """Whether a shown group holds, by its definition, every row an alert figure counts (the
    market's week in the channels alerts watch, in the series)."""
    monday = date.fromisoformat(week)
    for dimension, value in cell:
        if not (
            (dimension, value) in {("market", market), ("week", week), series}
            or (dimension == "month" and {monday.strftime("%Y-%m"),
                                          (monday + timedelta(days=6)).strftime("%Y-%m")} == {value})
        ):  # fmt: skip
            return False
    return True


def _figures(alert: Alert) -> list[tuple[int, str, str, tuple[str, str] | None]]:
    """An alert's counts: (figure, universe, week, series or None for all voices)."""
    universe, dimension, value = SERIES[alert.dimension]
    series = (dimension, value(alert.key))
    week = date.fromisocalendar(int(alert.week[:4]), int(alert.week[6:]), 1)
    now, before = week.isoformat(), (week - timedelta(days=7)).isoformat()
    return [
        (alert.count, universe, now, series),
        (alert.voices, "voices", now, None),
        (alert.baseline_count, universe, before, series),
        (alert.baseline_voices, "voices", before, None),
    ]


def _leaves(truth: list[dict[str, Any]], shown: Shown, alert: Alert) -> int:
    """Check every shown group that holds an alert figure's rows: the group minus the figure,
    where it truly counts the rows left, is nothing or covers at least k people."""
    checked = 0
    for figure, universe, week, series in _figures(alert):
        rows = _rows(universe, truth)
        for cell, (voices, _) in shown.cells.get(universe, {}).items():
            if not _inside(cell, alert.market, week, series):
                continue
            left = [r for r in rows if all(r[d] == v for d, v in cell) and not (
                r["market"] == alert.market and r["week"] == week
                and r["channel"] in LOW.channels and (not series or r[series[0]] == series[1])
            )]  # fmt: skip
            people = len({r["person"] for r in left})
            derived = voices - figure
            assert derived != len(left) or derived == 0 or people >= K, (
                f"{sorted(cell)} minus the {alert.dimension} {alert.key} alert of {alert.week} "
                f"leaves {derived} voice(s) of {people} people"
            )
            checked += 1
    return checked


@pytest.mark.parametrize("seed", [11])
def test_alerts_leaving_a_zone_give_no_hidden_group_away(tmp_path: Path, seed: int) -> None:
    """From a country without a transfer basis, over a random zone and every week: each alert
    figure is what the same reader's measures of the market's week show, minus what those of
    each channel alerts leave out show; and no shown group minus an alert figure counts rows
    of fewer than k people (raw counts did: the measures count live comments, alerts not)."""
    base = _settings(tmp_path / "data")
    settings = base.model_copy(update={"voc": base.voc.model_copy(update={"alerts": LOW})})
    truth = _weekly_zone(settings, seed)
    shown = _collect(settings, truth)
    left_out = [c.value for c in Channel if c.value not in LOW.channels]
    alerts, checked = 0, 0
    with VocService(settings, reader="CN") as voc:

        @cache
        def measures(market: str, week: str, channel: str | None) -> Summary:
            period = week_label(date.fromisoformat(week))
            found = voc.summary(Scope.build(market=market, period=period, channel=channel))
            assert found is not None
            return found

        for week in sorted({d["week"] for d in truth}):
            for alert in voc.alerts(week=date.fromisoformat(week)):
                assert alert.released and alert.people is None
                for figure, universe, when, series in _figures(alert):
                    whole = _measure(measures(alert.market, when, None), universe, series)
                    parts = [_measure(measures(alert.market, when, c), universe, series)
                             for c in left_out]  # fmt: skip
                    assert figure == (whole - sum(parts) if whole else 0), alert
                checked += _leaves(truth, shown, alert)
                alerts += 1
    assert alerts > 20 and checked > 500
