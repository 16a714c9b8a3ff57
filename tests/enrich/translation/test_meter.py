"""The day's character meter: shared by the processes of one installation through its file,
per UTC day, two weeks kept, a damaged file counted again from zero."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from chuhai.enrich.translation import UsageMeter
from chuhai.enrich.translation.meter import meter_path


@pytest.mark.parametrize("writers", [2, 4])
def test_writers_side_by_side_lose_no_count(tmp_path: Path, writers: int) -> None:
    """Each writer its own meter, as each process has: the lock file serialises them."""
    path = meter_path(tmp_path)

    def spend() -> None:
        meter = UsageMeter(path, today=lambda: "2026-11-08")
        for _ in range(25):
            meter.add(chars=2, requests=1)

    threads = [threading.Thread(target=spend) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    snap = UsageMeter(path, today=lambda: "2026-11-08").snapshot()
    assert (snap["chars"], snap["requests"]) == (50 * writers, 25 * writers)


def test_processes_share_the_meter_through_its_file(tmp_path: Path) -> None:
    path = meter_path(tmp_path)
    server = UsageMeter(path, daily_chars=100, provider="deepseek", today=lambda: "2026-11-08")
    cli = UsageMeter(path, daily_chars=100, provider="deepseek", today=lambda: "2026-11-08")
    server.add(chars=60, requests=2)
    cli.add(chars=30, requests=1)
    assert server.used() == 90 and server.allows(10) and not server.allows(11)
    snap = cli.snapshot()
    assert (snap["chars"], snap["requests"], snap["remaining_chars"]) == (90, 3, 10)
    assert snap["state"] == "ok"


@pytest.mark.parametrize(
    ("budget", "spent", "state", "remaining"),
    [(0, 10**9, "ok", None), (100, 99, "ok", 1), (100, 100, "over_budget", 0)],
)
def test_state_and_remaining(budget: int, spent: int, state: str, remaining: int | None) -> None:
    meter = UsageMeter(daily_chars=budget, provider="qwen")
    meter.add(chars=spent)
    snap = meter.snapshot()
    assert (snap["state"], snap["remaining_chars"]) == (state, remaining)


def test_days_roll_over_and_two_weeks_are_kept(tmp_path: Path) -> None:
    day = ["2026-11-01"]
    meter = UsageMeter(meter_path(tmp_path), daily_chars=50, today=lambda: day[0])
    for n in range(1, 21):
        day[0] = f"2026-11-{n:02d}"
        meter.add(chars=n)
    assert meter.used() == 20 and meter.allows(30)
    history = meter.snapshot()["history"]
    assert [h["day"] for h in history][:2] == ["2026-11-19", "2026-11-18"]
    assert len(history) == 13  # 14 days with today


def test_a_damaged_meter_counts_again_from_zero(tmp_path: Path) -> None:
    path = meter_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    meter = UsageMeter(path)
    assert meter.used() == 0
    meter.add(chars=5)
    assert UsageMeter(path).used() == 5


def test_unknown_counters_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown"):
        UsageMeter().add(tokens=1)


def test_the_last_error_is_kept_for_the_other_processes(tmp_path: Path) -> None:
    UsageMeter(meter_path(tmp_path)).add(errors=1, error="HTTP 503: busy")
    snap = UsageMeter(meter_path(tmp_path)).snapshot()
    assert snap["errors"] == 1 and str(snap["last_error"]).endswith("UTC HTTP 503: busy")
