"""The measures against numbers worked out by hand on an eight-voice fixture.

| id | channel      | sku    | author | sentiment | emotion | intent             | rating | aspects                | week |
|----|--------------|--------|--------|-----------|---------|--------------------|--------|------------------------|------|
| v1 | review       | PB-400 | a1     | pos       | joy     | praise             | 5/5    | battery+               | W41  |
| v2 | review       | PB-400 | a2     | neg       | anger   | complaint_product  | 1/5    | battery-, quality-     | W41  |
| v3 | review       | FN-300 | a3     | neu       | trust   | spec_question      | 8/10   |                        | W41  |
| v4 | email        |        | a1     | neg       | sadness | complaint_delivery |        | shipping-              | W42  |
| v5 | call         | PB-400 | a4     | pos       | joy     | praise             |        | battery+               | W42  |
| v6 | survey       | FN-300 | a5     | neg       | anger   | complaint_product  | 2/5    | quality-               | W42  |
| v7 | live_comment |        | a6     | pos       | joy     | purchase_intent    |        |                        | W42  |
| v8 | review       | FN-300 | a1     | pos       | trust   | praise             | 10/10  | price+                 | W42  |
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from datetime import timedelta
from typing import Any

import pytest

from chuhai.records.theme import Theme
from chuhai.store import ZoneStore, open_store
from chuhai.store.themes import assignments_table
from chuhai.voc.measures import Measures, net_sentiment
from chuhai.voc.scope import Scope
from tests.services import postgres_schema
from tests.voc.factory import MONDAY, annotated, memory_store

W42 = MONDAY + timedelta(days=7)
ROWS = [
    ("v1", "review", "PB-400", "a1", "pos", "joy", "praise", (5, 5), [("battery", "pos")], MONDAY),
    ("v2", "review", "PB-400", "a2", "neg", "anger", "complaint_product", (1, 5),
     [("battery", "neg"), ("quality", "neg")], MONDAY),
    ("v3", "review", "FN-300", "a3", "neu", "trust", "spec_question", (8, 10), [], MONDAY),
    ("v4", "email", None, "a1", "neg", "sadness", "complaint_delivery", None,
     [("shipping", "neg")], W42),
    ("v5", "call", "PB-400", "a4", "pos", "joy", "praise", None, [("battery", "pos")], W42),
    ("v6", "survey", "FN-300", "a5", "neg", "anger", "complaint_product", (2, 5),
     [("quality", "neg")], W42),
    ("v7", "live_comment", None, "a6", "pos", "joy", "purchase_intent", None, [], W42),
    ("v8", "review", "FN-300", "a1", "pos", "trust", "praise", (10, 10), [("price", "pos")], W42),
]  # fmt: skip


@pytest.fixture(params=["duckdb", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[ZoneStore]:
    """The same hand-computed answers on both backends."""
    with ExitStack() as stack:
        if request.param == "postgresql":
            url = stack.enter_context(postgres_schema("measures"))
            opened = stack.enter_context(open_store(url, zone="th", markets=["TH"]))
        else:
            opened = stack.enter_context(memory_store())
        voices = []
        for vid, channel, sku, author, pol, emotion, intent, rating, aspects, when in ROWS:
            voices.append(annotated(
                vid, channel=channel, sku=sku, author=author, sentiment=pol, emotion=emotion,
                intent=intent, aspects=aspects, when=when,
                rating=rating[0] if rating else None, rating_max=rating[1] if rating else None,
            ))  # fmt: skip
        opened.add_voices(voices)
        yield opened


def rows(summary: object, name: str) -> dict[str, int]:
    return {r.key: r.voices for r in summary.breakdowns[name].rows}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("positive", "negative", "expected"),
    [(4, 3, 14.3), (3, 0, 100.0), (0, 2, -100.0), (1, 1, 0.0), (0, 0, None)],
)
def test_net_sentiment(positive: int, negative: int, expected: float | None) -> None:
    assert net_sentiment(positive, negative) == expected


def test_totals_and_mixes(store: ZoneStore) -> None:
    s = Measures(store).summary(Scope.build(market="TH"))
    assert (s.total.voices, s.total.people) == (8, 6)
    assert (s.total.pos, s.total.neu, s.total.neg) == (4, 1, 3)
    assert s.total.net_sentiment == 14.3  # 100 * (4 - 3) / 7
    assert rows(s, "emotion") == {"joy": 3, "anger": 2, "trust": 2, "sadness": 1}
    assert rows(s, "intent") == {"praise": 3, "complaint_product": 2, "spec_question": 1,
                                 "complaint_delivery": 1, "purchase_intent": 1}  # fmt: skip
    assert rows(s, "channel") == {"review": 4, "email": 1, "call": 1, "survey": 1,
                                  "live_comment": 1}  # fmt: skip
    shares = {r.key: r.share for r in s.breakdowns["emotion"].rows}
    assert shares["joy"] == 0.375


def test_ratings_on_five_stars(store: ZoneStore) -> None:
    rating = Measures(store).summary(Scope.build(market="TH")).rating()
    # 5/5, 1/5, 8/10 -> 4, 2/5, 10/10 -> 5
    assert rating == {"count": 5, "mean": 3.4,
                      "distribution": {"1": 1, "2": 1, "3": 0, "4": 1, "5": 2}}  # fmt: skip


def test_share_of_voice_and_weeks(store: ZoneStore) -> None:
    s = Measures(store).summary(Scope.build(market="TH"))
    assert rows(s, "sku") == {"PB-400": 3, "FN-300": 3, "-": 2}
    weeks = {r.key: (r.voices, r.net_sentiment) for r in s.breakdowns["week"].rows}
    assert weeks == {"2026-10-05": (3, 0.0), "2026-10-12": (5, 20.0)}


def test_aspect_matrix(store: ZoneStore) -> None:
    aspects, hidden = Measures(store).aspect_matrix(Scope.build(market="TH"))
    by_name = {a["aspect"]: a for a in aspects}
    assert hidden == 0
    assert by_name["battery"] == {"aspect": "battery", "pos": 2, "neu": 0, "neg": 1, "total": 3,
                                  "net_sentiment": 33.3}  # fmt: skip
    assert by_name["quality"]["neg"] == 2 and by_name["quality"]["net_sentiment"] == -100.0
    assert [a["aspect"] for a in aspects][:2] == ["battery", "quality"]  # most mentioned first


@pytest.mark.parametrize(
    ("filters", "voices", "net"),
    [
        ({"sku": "PB-400"}, 3, 33.3),
        ({"period": "2026-W42"}, 5, 20.0),
        ({"period": "2026-10-05..2026-10-11"}, 3, 0.0),
        ({"channel": "review"}, 4, 33.3),
        ({"aspect": "battery", "sentiment": "neg"}, 1, -100.0),
        ({"sentiment": "pos"}, 4, 100.0),
        ({"intent": "praise"}, 3, 100.0),
        ({"period": "2026-09"}, 0, None),
    ],
)
def test_filters(store: ZoneStore, filters: dict[str, Any], voices: int, net: float | None) -> None:
    s = Measures(store).summary(Scope.build(market="TH", **filters))
    assert (s.total.voices, s.total.net_sentiment) == (voices, net)


def test_groups_of_few_people_are_suppressed(store: ZoneStore) -> None:
    s = Measures(store, min_people=2).summary(Scope.build(market="TH"))
    # praise: a1, a4; complaint_product: a2, a5 -> shown; the three one-person intents hidden
    assert rows(s, "intent") == {"praise": 3, "complaint_product": 2}
    assert s.breakdowns["intent"].suppressed == 3
    by_name = {a["aspect"]: a for a in s.aspects}
    assert "shipping" not in by_name and "price" not in by_name  # one person each
    assert by_name["battery"]["pos"] == 2 and by_name["battery"]["neg"] == 0  # neg: only a2
    assert s.aspects_suppressed >= 3


def test_a_scope_of_fewer_people_than_k_shows_nothing(store: ZoneStore) -> None:
    s = Measures(store, min_people=7).summary(Scope.build(market="TH"))
    assert s.hidden and s.total.voices == 0 and s.aspects == []
    assert all(not b.rows for b in s.breakdowns.values())


def test_theme_counts(store: ZoneStore) -> None:
    theme = Theme(id="t1", zone="th", kind="seeded", name="battery", seeds=["แบต"],
                  markets=["TH"])  # fmt: skip
    store.save_themes(
        [theme], assignments_table("th", [(v, "t1", "TH", 1.0) for v in ("v1", "v2", "v5")])
    )
    measures = Measures(store)
    assert {r.key: r.voices for r in measures.themes(Scope.build(market="TH")).rows} == {"t1": 3}
    in_theme = measures.summary(Scope.build(market="TH", theme="t1"))
    assert (in_theme.total.voices, in_theme.total.net_sentiment) == (3, 33.3)
