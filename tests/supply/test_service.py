"""The purchase plan from demand data: it starts from today (or ``as_of``), bridges weeks the
data does not cover with a warning, and plans only what was known on its day."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from chuhai.supply.service import plan_demand
from tests.supply.helpers import MONDAY, setup, weekly

# eight weeks from Monday 2026-01-05: the data's last day is Sunday 2026-03-01
_WEEKS = [10.0, 12.0, 9.0, 11.0, 10.0, 12.0, 9.0, 11.0]
WEEK = pd.Timedelta(weeks=1)
_ENDED = (MONDAY + timedelta(weeks=8) - timedelta(days=1)).date()


@pytest.mark.parametrize(
    ("as_of", "stale"),
    [
        (date(2026, 3, 2), False),  # the Monday after the data: nothing missing
        (date(2026, 3, 4), False),  # the Wednesday after
        (date(2026, 3, 11), False),  # one week on: not yet worth a warning
        (date(2026, 3, 18), True),  # two weeks without data
        (date(2026, 6, 17), True),  # months on: the orders are still dated from today
        (date(2028, 6, 14), True),  # years on: still a plan, with the warning
    ],
)
def test_the_plan_starts_from_today(as_of: date, stale: bool) -> None:
    data = weekly({("A", "TH"): _WEEKS})
    result = plan_demand(setup(), data, horizon=12, model="recent_mean", as_of=as_of)
    [line] = result.lines
    assert result.as_of == as_of and line.order_qty > 0
    assert line.order_date == as_of  # nothing in stock: order today, not on a past Monday
    assert line.arrival_date == as_of + timedelta(weeks=2)
    assert bool(result.warnings) is stale
    if stale:
        weeks = ((as_of - timedelta(days=as_of.weekday())) - _ENDED).days // 7
        assert f"ends {_ENDED}, {weeks} weeks before {as_of}" in result.warnings[0]
    assert result.as_dict()["warnings"] == result.warnings


def test_the_plan_defaults_to_today() -> None:
    data = weekly({("A", "TH"): _WEEKS})
    # the same eight weeks, ending last week
    this_monday = pd.Timestamp(date.today() - timedelta(days=date.today().weekday()))
    data.history["ds"] = data.history["ds"] + (this_monday - pd.Timestamp(MONDAY) - 8 * WEEK)
    result = plan_demand(setup(), data, horizon=12, model="recent_mean")
    assert result.as_of == date.today() and not result.warnings
    [line] = result.lines
    assert line.order_date == date.today()


def test_a_plan_as_of_the_past_reads_only_what_was_known_then() -> None:
    # a live week after the plan's day must not shape it: only the quiet weeks before count
    data = weekly({("A", "TH"): [10.0] * 6 + [300.0, 10.0]}, {("A", "TH"): [0.0] * 6 + [1, 0]})
    as_of = (MONDAY + timedelta(weeks=6)).date()
    early = plan_demand(setup(), data, horizon=12, model="recent_mean", as_of=as_of)
    [line] = early.lines
    assert line.order_date == as_of and line.order_up_to < 300 and not early.warnings
