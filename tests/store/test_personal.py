"""Aggregates of a zone's voices keep rating scales apart: stars (a 5-point scale) and 0-10
scores (surveys, NPS-style) are never averaged together, and a scale's mean is shown only
where at least k people gave ratings on it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from chuhai.store import ZoneStore, open_store
from tests.services import postgres_schema
from tests.voc.factory import annotated, memory_store

# channel, author, rating, scale maximum (None: the 5-star default)
RATINGS = [
    ("review", "a1", 5, 5), ("review", "a2", 4, 5), ("review", "a3", 3, None),
    ("review", "a4", 4, 5),
    ("survey", "b1", 9, 10), ("survey", "b2", 7, 10), ("survey", "b3", 6, 10),
    ("survey", "b4", 10, 10),
    ("email", "c1", None, None), ("email", "c2", None, None), ("email", "c3", None, None),
    ("email", "c4", 8, 10),  # one person's 0-10 score among people who gave none
    ("user_test", "d1", 70, 100), ("user_test", "d2", 90, 100), ("user_test", "d3", 80, 100),
]  # fmt: skip


@pytest.fixture(params=["duckdb", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[ZoneStore]:
    """The same answers on both backends."""
    with ExitStack() as stack:
        if request.param == "postgresql":
            url = stack.enter_context(postgres_schema("personal"))
            opened = stack.enter_context(open_store(url, zone="th", markets=["TH"]))
        else:
            opened = stack.enter_context(memory_store())
        opened.add_voices(
            [
                annotated(f"v{i}", channel=channel, author=author, rating=rating, rating_max=scale)
                for i, (channel, author, rating, scale) in enumerate(RATINGS)
            ]
        )
        yield opened


@pytest.mark.parametrize(
    ("channel", "stars", "score_10", "percent"),
    [
        ("review", 4.0, None, None),  # (5 + 4 + 3 + 4) / 4 stars
        ("survey", None, 8.0, None),  # (9 + 7 + 6 + 10) / 4 out of 10, not "8 stars"
        ("email", None, None, None),  # one person's score is not shown as a mean
        ("user_test", None, None, 80.0),  # another scale: percent of its maximum
    ],
)
def test_each_scale_has_its_own_mean(
    store: ZoneStore,
    channel: str,
    stars: float | None,
    score_10: float | None,
    percent: float | None,
) -> None:
    rows = {r["channel"]: r for r in store.aggregate_voices(["channel"], 3).rows}
    row = rows[channel]
    assert (row["mean_stars"], row["mean_score_10"], row["mean_rating_pct"]) == (
        stars,
        score_10,
        percent,
    )
    assert "mean_rating" not in row  # no mean across scales


def test_a_group_mixing_scales_reports_each_apart(store: ZoneStore) -> None:
    [everyone] = store.aggregate_voices([], 3).rows
    # stars from the four reviews; 0-10 from the four surveys and the e-mail
    assert everyone["mean_stars"] == 4.0
    assert everyone["mean_score_10"] == pytest.approx((9 + 7 + 6 + 10 + 8) / 5, abs=0.001)
    assert everyone["mean_rating_pct"] == 80.0
