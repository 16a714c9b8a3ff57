"""The VOC service reads through the residency guard: aggregates cross borders, quotes only
with a transfer basis, and both are written to the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from chuhai.errors import InputError, ResidencyError
from chuhai.privacy.audit import AuditLog
from chuhai.settings import Settings
from chuhai.voc.scope import Scope
from chuhai.voc.service import Quote, VocService
from tests.services import postgres_zones
from tests.voc.factory import MONDAY, populate, two_zone_settings

LAST_WEEK = MONDAY.date() + timedelta(days=35)


@pytest.fixture(params=["duckdb", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Zones in DuckDB files or in PostgreSQL schemas: the guard answers the same."""
    with postgres_zones(request.param, ("us", "th")) as zones:
        configured = two_zone_settings(tmp_path / "data", zones=zones)
        populate(configured)
        yield configured


@pytest.fixture
def voc(settings: Settings) -> Iterator[VocService]:
    with VocService(settings) as service:
        yield service


def events(settings: Settings) -> list[str]:
    return [e["event"] for e in AuditLog(settings.data_dir).entries()]


def test_cross_market_view_is_k_suppressed_and_audited(voc: VocService, settings: Settings) -> None:
    summaries = {s.scope.markets[0]: s for s in voc.released(Scope())}
    assert set(summaries) == {"US", "TH"}
    for summary in summaries.values():
        assert summary.min_people == 10 and summary.total.voices == 360
        assert all(
            r.people is None or r.people >= 10 for b in summary.breakdowns.values() for r in b.rows
        )
    assert events(settings).count("cross_zone_aggregate") == 2


def test_quotes_leave_a_zone_only_with_a_transfer_basis(
    voc: VocService, settings: Settings
) -> None:
    thai = voc.quotes(Scope.build(market="TH", aspect="battery", sentiment="neg"), limit=5)
    assert len(thai) == 5 and all("แบต" in q.text for q in thai)
    assert thai == sorted(thai, key=lambda q: q.time, reverse=True)
    with pytest.raises(ResidencyError, match="no transfer basis"):
        voc.quotes(Scope.build(market="US"))
    assert events(settings)[-2:] == ["cross_zone_read", "refused"]


def test_a_local_reader_reads_their_own_zone_without_audit(settings: Settings) -> None:
    with VocService(settings, reader="US") as local:
        assert local.quotes(Scope.build(market="US"), limit=3)
        summary = local.summary(Scope.build(market="US"))
        assert summary is not None and summary.min_people == 1
    assert events(settings) == []


def test_measures_of_a_zone_without_basis_are_suppressed(voc: VocService) -> None:
    us = voc.summary(Scope.build(market="US"))
    th = voc.summary(Scope.build(market="TH"))
    assert us is not None and th is not None
    assert (us.min_people, th.min_people) == (10, 1)


def test_journey_follows_one_person_across_time(voc: VocService) -> None:
    journey = voc.journey("th", "TH-p3")
    assert journey["steps"] and all(s["person"] == "TH-p3" for s in journey["steps"])
    times = [s["time"] for s in journey["steps"]]
    assert times == sorted(times)
    with pytest.raises(ResidencyError):
        voc.journey("us", "US-p3")


def test_alerts_over_every_zone(voc: VocService) -> None:
    found = voc.alerts(week=LAST_WEEK)
    battery = [a for a in found if a.dimension == "aspect_negative" and a.key == "battery"]
    assert [(a.market, a.direction) for a in battery] == [("TH", "up")]
    assert voc.alerts(week=LAST_WEEK, market="US") == [a for a in found if a.market == "US"]


def test_one_market_at_a_time(voc: VocService) -> None:
    with pytest.raises(InputError, match="one market"):
        voc.quotes(Scope())
    with pytest.raises(InputError, match="one market"):
        voc.summary(Scope.build(markets=("US", "TH")))


@pytest.mark.parametrize(
    ("language", "market", "text", "gist"),
    [
        ("th", "TH", "แบตเสื่อมเร็วมาก ชาร์จไม่เข้าเลย  ขอคืนเงินค่ะ", "投诉：电池不耐用/有故障｜退换货：要求退款"),
        ("id", "ID", "Kipasnya bagus banget. Tapi baterainya cepat habis!", "夸赞：很喜欢（提到：风扇）｜投诉：电池不耐用/有故障"),
        ("en", "US", "Arrived broken. Want a refund.", "投诉：收到已损坏｜退换货：要求退款"),
        ("vi", "VN", "ok", None),  # nothing read: no gist rather than a wrong one
        ("zh", "CN", "电池不耐用", None),  # Chinese needs none
    ],
)  # fmt: skip
def test_quotes_carry_a_chinese_gist_of_each_sentence(
    language: str, market: str, text: str, gist: str | None
) -> None:
    quote = Quote("q1", "2026-11-02T10:00:00Z", market, "review", None, language, text,
                  1.0, None, "neg", None, None)  # fmt: skip
    assert quote.gist_zh == gist
    assert "gist_zh" not in quote.as_dict()  # the API's quote stays what it was
