"""Alerts fire on a planted spike and stay quiet on noise (fixed seeds)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from chuhai.store import ZoneStore
from chuhai.voc.config import AlertSettings
from chuhai.voc.trends import Alert, alert_week, find_alerts, week_label, week_start
from tests.voc.factory import MONDAY, annotated, memory_store

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
    assert alert.people <= alert.count


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
