"""The 直播复盘: every figure of a recap matches what the test recomputes on its own from the
comments, orders and journal entries it wrote to a zone store; an aggregates-only reader gets
no quote and no group of fewer than k people."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from chuhai.errors import InputError
from chuhai.live.recap import recap
from chuhai.live.recap_model import Recap
from chuhai.live.room import QUESTION_INTENTS, RoomState
from chuhai.records import LiveSession, Order, Product, SourceRef, Voice
from chuhai.records.journal import JournalEntry
from chuhai.settings import Settings, load_settings
from chuhai.store import ZoneRouter
from chuhai.voc.service import VocService
from tests.voc.factory import annotated

START = datetime(2026, 11, 10, 13, tzinfo=UTC)
EARLIER = START - timedelta(days=7)
SRC = SourceRef(system="test", file="fixture")
# intent, sentiment, emotion, text: the comments of every ordinary minute, in turn
PATTERN = [
    ("greeting", "pos", "joy", "hello everyone {n}"),
    ("price_question", "neu", "neutral", "how much is this one {n}?"),
    ("purchase_intent", "pos", "anticipation", "I want two {n}"),
    ("complaint_product", "neg", "anger", "mine broke after a day {n}"),
    ("praise", "pos", "joy", "love the Neck Fan {n}"),
    ("spam_offtopic", "neu", "neutral", "follow my shop {n}"),
]


def config(tmp_path: Path) -> Path:
    """TH with a transfer basis to CN, US without: read from CN, TH is raw, US aggregates."""
    path = tmp_path / "chuhai.toml"
    path.write_text(
        f'data_dir = "{tmp_path / "data"}"\nmarkets = ["US", "TH"]\n[pipeline]\nenrich = []\n'
        '[compliance]\nheadquarters = "CN"\n[[compliance.transfers]]\n'
        'from = "TH"\nto = "CN"\nmechanism = "scc"\n',
        encoding="utf-8",
    )
    return path


def _voice(n: int, when: datetime, session: str, market: str, author: str, kind: int) -> Voice:
    intent, sentiment, emotion, text = PATTERN[kind % len(PATTERN)]
    return annotated(
        f"{session}-c{n}", market=market, zone=market.lower(), when=when, sentiment=sentiment,
        emotion=emotion, intent=intent, language="en", text=text.format(n=n), author=author,
        channel="live_comment", conversation_id=session, metadata={"room": f"r.{market}"},
        source=SourceRef(system="live_chat", file="replay", source_id=f"{session}-e{n}"),
    )  # fmt: skip


def comments(session: str, market: str, start: datetime, minutes: int) -> list[Voice]:
    """Two comments a minute by 6 people; at minute 10 a burst of 20 "I want two" by 20 more."""
    out: list[Voice] = []
    for minute in range(minutes):
        for i in range(2):
            n = len(out)
            out.append(_voice(n, start + timedelta(minutes=minute, seconds=10 + 20 * i),
                              session, market, f"p{n % 6}", n))  # fmt: skip
    for i in range(20):
        n = len(out)
        out.append(_voice(n, start + timedelta(minutes=10, seconds=2 * i + 1), session, market,
                          f"burst{i}", 2))  # fmt: skip
    return out


def _order(n: int, session: str | None, market: str, sku: str, qty: int, price: float,
           currency: str, buyer: str) -> Order:  # fmt: skip
    return Order(id=f"{session}-o{n}", sku=sku, market=market, zone=market.lower(), quantity=qty,
                 unit_price=price, currency=currency, time=START + timedelta(minutes=n),
                 session_id=session, buyer=buyer, source=SRC)  # fmt: skip


def _entry(n: int, session: str, market: str, kind: str, minute: float, **fields: Any) -> JournalEntry:  # fmt: skip
    start = START if session.endswith("2") else EARLIER
    return JournalEntry(id=f"{session}-j{n}", room=f"r.{market}", session_id=session,
                        market=market, zone=market.lower(), time=start + timedelta(minutes=minute),
                        kind=kind, **fields)  # fmt: skip


def journal(session: str, market: str, questions: list[Voice]) -> list[JournalEntry]:
    out = [_entry(i, session, market, "viewers", i, count=100 + 40 * i - (i > 20) * 100 * (i - 20))
           for i in range(30)]  # fmt: skip
    out += [
        _entry(100, session, market, "gift", 3, count=3, value=10, detail={"unit": "diamonds"}),
        _entry(101, session, market, "gift", 4, count=3, value=10, detail={"unit": "diamonds"}),
        _entry(102, session, market, "like", 5, count=50),
        _entry(103, session, market, "join", 6, count=1),
        _entry(104, session, market, "pin", 1, sku="FN-300", actor="host"),
    ]
    for i, (q, seconds) in enumerate(zip(questions, (30, 90, 200), strict=False)):
        out.append(_entry(200 + i, session, market, "answered", 0, ref=q.source.source_id,
                          detail={"seconds": seconds}))  # fmt: skip
    out += [
        _entry(300, session, market, "moderation", 8, ref="x1", detail={"action": "hide"}),
        _entry(301, session, market, "moderation", 9, ref="x2", detail={"action": "delete"}),
        _entry(302, session, market, "undo", 10, ref=f"{session}-j301"),
    ]
    return out


PRODUCTS = [
    Product(sku="FN-300", markets=["TH", "US"], names={"en": "Neck Fan", "zh": "挂脖风扇"}),
    Product(sku="PB-400", markets=["TH", "US"], names={"en": "Power Cube", "zh": "魔方充电宝"}),
]


def populate(settings: Settings) -> dict[str, Any]:
    """Per market: this session (30 min) and an earlier one of the same room (10 min), with
    orders and journal entries; a session of another room. Returns what was written."""
    written: dict[str, Any] = {}
    with ZoneRouter(settings) as router:
        for market in ("TH", "US"):
            store = router.store(market.lower())
            this, before = f"{market}-2", f"{market}-1"
            sessions = [
                LiveSession(id=this, room=f"r.{market}", market=market, zone=market.lower(),
                            host="Nok", started_at=START, ended_at=START + timedelta(minutes=30),
                            products=["FN-300"], source=SRC),
                LiveSession(id=before, room=f"r.{market}", market=market, zone=market.lower(),
                            host="Ann", started_at=EARLIER,
                            ended_at=EARLIER + timedelta(minutes=10), products=["FN-300"],
                            source=SRC),
                LiveSession(id=f"{market}-other", room="elsewhere", market=market,
                            zone=market.lower(), started_at=START, source=SRC),
            ]  # fmt: skip
            now, earlier = comments(this, market, START, 30), comments(before, market, EARLIER, 10)
            questions = [v for v in now if v.annotations and v.annotations.intent.label
                         == "price_question"][:3]  # fmt: skip
            currency = "THB" if market == "TH" else "USD"
            orders = [_order(i, this, market, "FN-300", 1 + i % 2, 100.0, currency, f"b{i}")
                      for i in range(12)]  # fmt: skip
            orders += [_order(50, this, market, "PB-400", 2, 7.5, "USD", "b50"),
                       _order(60, before, market, "FN-300", 1, 100.0, currency, "b60"),
                       _order(70, None, market, "FN-300", 9, 100.0, currency, "b70")]  # fmt: skip
            store.put_sessions(sessions)
            store.add_voices(now + earlier)
            store.add_orders(orders)
            store.put_products(PRODUCTS)
            store.add_journal(journal(this, market, questions) + journal(before, market, []))
            written[market] = {"comments": now, "earlier": earlier, "orders": orders,
                               "journal": journal(this, market, questions)}  # fmt: skip
    return written


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict[str, Any]]:
    path = config(tmp_path_factory.mktemp("recap"))
    settings = load_settings(path)
    return settings, populate(settings)


def _recap(settings: Settings, session: str) -> Recap:
    with VocService(settings) as svc:
        return recap(svc, session)


def _temperature_at_step_ends(voices: list[Voice], steps: int) -> list[float]:
    """RoomState's own heat after each step's comments, decayed to the end of the step."""
    state = RoomState("r", "TH")
    out, last = [], None
    by_step: dict[int, list[Voice]] = {}
    for v in voices:
        by_step.setdefault(min(steps - 1, int((v.time - START).total_seconds() // 60)), []).append(
            v
        )
    for step in range(steps):
        for v in sorted(by_step.get(step, []), key=lambda v: (v.time, v.id)):
            a = v.annotations
            assert a is not None
            state.add(v.time.timestamp(), sentiment=a.sentiment.score, emotion=a.emotion.label,
                      intent="", text="")  # fmt: skip
            last = v.time.timestamp()
        end = (START + timedelta(minutes=step + 1)).timestamp()
        heat = state.heat * 0.5 ** ((end - last) / 60) if last is not None else 0.0
        out.append(round(50 + 50 * math.tanh(heat), 1))
    return out


def test_figures_match_the_stored_comments_orders_and_journal(
    world: tuple[Settings, dict[str, Any]],
) -> None:
    settings, written = world
    r = _recap(settings, "TH-2")
    mine: list[Voice] = written["TH"]["comments"]
    intents = Counter(v.annotations.intent.label for v in mine if v.annotations)
    assert r.raw and r.bucket_s == 60
    assert (r.session.minutes, r.session.length_from) == (30.0, "session")
    assert r.comments == len(mine) == 80
    assert r.commenters == len({v.author for v in mine}) == 26
    assert r.comments_per_min == round(len(mine) / 30, 2)
    # the timeline and its spike
    per_minute = Counter(int((v.time - START).total_seconds() // 60) for v in mine)
    assert [p.comments for p in r.timeline] == [per_minute.get(m, 0) for m in range(30)]
    counts = [per_minute.get(m, 0) for m in range(30)]
    median = statistics.median(counts)
    mad = statistics.median(abs(c - median) for c in counts)
    threshold = median + 3 * max(1.4826 * mad, 1)
    assert r.spike_threshold == pytest.approx(threshold)
    assert [p.minute for p in r.timeline if p.spike] == [m for m, c in enumerate(counts)
                                                         if c > threshold and c >= 5] == [10]  # fmt: skip
    [spike] = r.spikes
    assert (spike.minute, spike.comments) == (10, 22)
    in_spike = [v for v in mine if int((v.time - START).total_seconds() // 60) == 10]
    assert spike.intents == dict(Counter(v.annotations.intent.label for v in in_spike
                                         if v.annotations))  # fmt: skip
    assert {q.text for q in spike.quotes} <= {v.text for v in mine}
    assert all(q.gist_zh for q in spike.quotes)  # the Chinese gist beside each English quote
    # viewers, temperature
    viewers = [e.count for e in written["TH"]["journal"] if e.kind == "viewers"]
    assert [p.viewers for p in r.timeline] == viewers
    assert (r.activity.viewers_peak, r.activity.viewers_last) == (max(viewers), viewers[-1])
    assert [p.temperature for p in r.timeline] == _temperature_at_step_ends(mine, 30)
    assert r.temperature_mean == round(statistics.fmean(_temperature_at_step_ends(mine, 30)), 1)
    # purchase intent, orders
    assert r.purchase_intent == intents["purchase_intent"]
    assert r.purchase_rate == round(intents["purchase_intent"] / len(mine), 4)
    orders = [o for o in written["TH"]["orders"] if o.session_id == "TH-2"]
    gmv = {c: round(sum(o.quantity * o.unit_price for o in orders if o.currency == c), 2)
           for c in ("THB", "USD")}  # fmt: skip
    assert {g.currency: g.gmv for g in r.revenue} == gmv
    assert {g.currency: g.units for g in r.revenue} == {
        c: sum(o.quantity for o in orders if o.currency == c) for c in ("THB", "USD")
    }
    assert {(h["host"], h["currency"]): h["gmv"] for h in r.by_host} == {
        ("Nok", "THB"): gmv["THB"], ("Nok", "USD"): gmv["USD"], ("Ann", "THB"): 100.0,
    }  # fmt: skip
    # questions answered
    asked = [v for v in mine if v.annotations and v.annotations.intent.label in QUESTION_INTENTS]
    assert (r.questions.asked, r.questions.answered) == (len(asked), 3)
    assert r.questions.answer_rate == round(3 / len(asked), 4)
    assert r.questions.median_seconds == 90
    assert [a.seconds for a in r.questions.slowest] == [200, 90, 30]
    assert r.questions.slowest[0].quote is not None
    # complaints, products, moderation, gifts
    [complaint] = r.complaints
    assert (complaint.intent, complaint.comments) == ("complaint_product",
                                                      intents["complaint_product"])  # fmt: skip
    assert complaint.quotes and complaint.quotes[0].text.startswith("mine broke")
    fan = next(p for p in r.products if p.sku == "FN-300")
    assert (fan.shown, fan.pinned) == (True, 1)
    assert fan.mentions == sum("neck fan" in v.text.casefold() for v in mine)
    assert fan.units == sum(o.quantity for o in orders if o.sku == "FN-300")
    assert r.moderation.actions == {"hide": 1} and r.moderation.undone == 1
    assert (r.activity.gifts, r.activity.gift_value, r.activity.likes, r.activity.joins) == (
        6, {"diamonds": 20.0}, 50, 1,
    )  # fmt: skip
    # the room's earlier session
    [before] = r.previous
    earlier: list[Voice] = written["TH"]["earlier"]
    assert (before.id, before.host, before.comments) == ("TH-1", "Ann", len(earlier))
    assert before.comments_per_min == round(len(earlier) / 10, 2)
    assert before.gmv == {"THB": 100.0} and before.answer_rate == 0.0
    assert r.this.id == "TH-2"


def test_actions_carry_the_figures_behind_them(world: tuple[Settings, dict[str, Any]]) -> None:
    settings, _ = world
    r = _recap(settings, "TH-2")
    by_key = {a.key: a for a in r.actions}
    assert {"answer_more", "answer_faster", "complaints_complaint_product", "repeat_spike",
            "keep_viewers"} <= set(by_key)  # fmt: skip
    answer = by_key["answer_more"]
    assert f"{r.questions.answered} of {r.questions.asked}" in answer.evidence_en
    assert f"{r.questions.asked} 个问题只回答了 {r.questions.answered} 个" in answer.evidence_zh
    assert "22" in by_key["repeat_spike"].evidence_en
    assert by_key["keep_viewers"].value == pytest.approx(
        r.activity.viewers_last / r.activity.viewers_peak  # type: ignore[operator]
    )


def test_an_aggregates_only_reader_gets_no_quote_and_no_small_group(
    world: tuple[Settings, dict[str, Any]],
) -> None:
    settings, written = world
    r = _recap(settings, "US-2")
    assert not r.raw and r.bucket_s == 300 and r.reason
    dumped = r.model_dump_json()
    for v in written["US"]["comments"]:
        assert v.text not in dumped
    assert all(not s.quotes for s in r.spikes) and all(not c.quotes for c in r.complaints)
    assert all(a.quote is None for a in r.questions.slowest)
    # every five minutes but the burst's has 6 commenters, fewer than k = 10; shown, the
    # burst would give the others away (the session's total minus it: 6 people)
    assert [p.comments for p in r.timeline] == [None] * 6
    assert r.comments == 80 and r.commenters == 26  # the session: 26 people
    assert [c.comments for c in r.complaints] == [None]  # 6 people at most
    assert r.hidden > 0
    # 13 buyers: shown; the one buyer of the power bank: hidden; the journal is about no one
    orders = [o for o in written["US"]["orders"] if o.session_id == "US-2"]
    assert {g.currency: g.gmv for g in r.revenue} == {"USD": sum(o.quantity * o.unit_price
                                                                 for o in orders)}  # fmt: skip
    assert {p.sku: p.units for p in r.products}["PB-400"] is None
    assert r.moderation.actions == {"hide": 1} and r.activity.likes == 50


@pytest.mark.parametrize("session", ["nope", "TH-other-x"])
def test_an_unknown_session_says_how_to_find_one(
    world: tuple[Settings, dict[str, Any]], session: str
) -> None:
    settings, _ = world
    with pytest.raises(InputError, match="chuhai live recap --list"):
        _recap(settings, session)


def test_a_session_without_comments_or_journal_has_empty_sections(
    world: tuple[Settings, dict[str, Any]],
) -> None:
    settings, _ = world
    r = _recap(settings, "TH-other")
    assert r.comments == 0 and r.spikes == [] and r.revenue == []
    assert r.session.length_from == "events" and r.activity.viewers_peak is None
