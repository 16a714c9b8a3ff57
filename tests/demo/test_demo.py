"""The demo writes a realistic sample and imports it through the real pipeline."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.demo import DemoResult, run_demo
from chuhai.privacy.pii import PiiScanner
from chuhai.store import INTAKE_ZONE, ZoneRouter, ZoneStore
from tests.store.sql import read_sql

TODAY = datetime(2026, 11, 25, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    return run_demo(tmp_path_factory.mktemp("demo"), today=TODAY)


def test_every_zone_has_every_channel(demo: DemoResult) -> None:
    zones = {z.zone: z for z in demo.zones}
    assert set(zones) == {"us", "id", "th", "intake"}
    # intake: the truncated live-chat line and the order of market "Narnia" have no readable market
    assert zones["intake"].voices_total == 0 and zones["intake"].tables["quarantine"] == 2
    for name in ("us", "id", "th"):
        voices = zones[name].voices
        for channel in ("review", "email", "call", "survey", "live_comment"):
            assert voices[channel] > 0, (name, channel)
    assert zones["us"].voices["user_test"] == 0  # the user tests ran in Thailand and Indonesia
    assert zones["id"].voices["user_test"] == zones["th"].voices["user_test"] == 12
    assert sum(z.voices_total for z in demo.zones) > 1000
    for name in ("us", "id", "th"):
        assert zones[name].voices_by_market == {name.upper(): zones[name].voices_total}
        assert zones[name].tables["orders"] > 100
        assert zones[name].tables["live_sessions"] == 2  # the room's session and an earlier one


def test_deliberately_broken_rows_are_quarantined_with_reasons(demo: DemoResult) -> None:
    report = demo.report
    assert report.totals.quarantined == 11
    reasons = {r for f in report.files for r in [f.rejection_reason] if r}
    assert reasons == set()  # no whole file was rejected
    by_file = {
        Path(f.file).name: f.counts.quarantined for f in report.files if f.counts.quarantined
    }
    assert by_file == {
        "tiktok-id.csv": 3,
        "ID-LIVE-01.jsonl": 1,
        "TH-LIVE-01.jsonl": 1,
        "orders.csv": 2,
        "creators.csv": 1,  # a creator without a commission rate
        # a row an export cut short, and the order of the broken review (its 30 February)
        "tiktok-affiliate-orders-id.csv": 2,
        "tiktok-affiliate-orders-th.csv": 1,
    }
    assert (
        report.totals.skipped == sum(f.counts.skipped for f in report.files) > 100
    )  # staff mail, agent turns, gifts


# Cross-checks beside the recognizers: anything shaped like an address or a phone number.
EMAIL_SHAPE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
PHONE_SHAPE = re.compile(
    r"(?<![\w.])(?:\+\d{1,3}[ -]?)?\(?\d{2,4}\)?[ -]\d{3,4}[ -]\d{3,5}(?![\w.])"
    r"|(?<![\w.])(?:\+|0)\d{8,13}(?![\w.])"
)


def _cells(store: ZoneStore) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text cell of every table of a store."""
    where = "table_schema = current_schema()"
    out = []
    for (table,) in read_sql(
        store, f"SELECT table_name FROM information_schema.tables WHERE {where}"
    ):
        columns = read_sql(
            store,
            "SELECT column_name FROM information_schema.columns "
            f"WHERE table_name = ? AND {where} ORDER BY ordinal_position",
            [table],
        )
        for row in read_sql(store, f"SELECT * FROM {table}"):
            out += [
                (table, c, v) for (c,), v in zip(columns, row, strict=True) if isinstance(v, str)
            ]
    return out


def test_no_raw_phone_email_or_national_id_in_any_table(demo: DemoResult) -> None:
    """Every column of every table of every zone and of the intake store: the demo plants
    phone numbers, national IDs and addresses in voices and in its broken rows."""
    scanner = PiiScanner(["EMAIL", "PHONE", "NATIONAL_ID"])
    zone_markets = demo.settings.zone_markets()
    leaks: list[tuple[str, str, str, str]] = []
    quarantined: dict[str, str] = {}
    scanned = 0
    with ZoneRouter(demo.settings) as router:
        for zone in [*router.zones, INTAKE_ZONE]:
            markets = [None, *zone_markets.get(zone, demo.settings.markets)]
            for table, column, value in _cells(router.store(zone)):
                scanned += 1
                if table == "quarantine" and column == "raw":
                    quarantined[zone] = quarantined.get(zone, "") + value
                found = [value[e.start : e.end] for m in markets for e in scanner.scan(value, m)]
                found += [m.group() for m in EMAIL_SHAPE.finditer(value)]
                found += [m.group() for m in PHONE_SHAPE.finditer(value)]
                leaks += [(zone, table, column, hit) for hit in found]
    assert scanned > 10_000
    assert not leaks, sorted({(zone, table, column) for zone, table, column, _ in leaks})
    # the planted ones were there, and are kept as the zone's pseudonyms
    assert "WA [PHONE:p_" in quarantined["id"] and "NIK [NATIONAL_ID:p_" in quarantined["id"]
    assert "[EMAIL:p_" in quarantined[INTAKE_ZONE]


def test_user_tests_in_gbk_are_decoded(demo: DemoResult) -> None:
    [notes] = [f for f in demo.report.files if f.file.endswith("notes-gbk.csv")]
    assert notes.warnings == [
        "24 line(s) decoded as gb18030 (guessed; pass --encoding to override)"
    ]


def test_second_run_adds_nothing(demo: DemoResult) -> None:
    again = run_demo(demo.directory, today=TODAY)
    assert again.report.totals.accepted == 0
    assert again.report.totals.duplicates == demo.report.totals.accepted
    assert [z.voices_total for z in again.zones] == [z.voices_total for z in demo.zones]


def test_cli_prints_voices_per_zone_and_channel(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--dir", str(tmp_path / "d")])
    assert result.exit_code == 0, result.stderr
    assert "Voices per zone and channel" in result.stdout
    for heading in ("review", "email", "call", "survey", "user_test", "live_comment", "total"):
        assert heading in result.stdout
    for zone in ("us", "id", "th"):
        assert f"│ {zone} " in result.stdout
    # the VOC part: themes in every zone, the planted Thai battery spike, a report
    assert "Themes found per zone: us " in result.stdout
    assert "warning TH aspect_negative battery" in result.stdout
    assert (tmp_path / "d" / "report-TH.html").is_file()


@pytest.mark.parametrize("session", ["ID-LIVE-01", "TH-LIVE-01"])
def test_the_recap_of_a_demo_session_has_every_section(demo: DemoResult, session: str) -> None:
    """Platform events of the replays reach the journal, the demo's host actions are there
    (marked as demo), and every part of the 直播复盘 has data."""
    from chuhai.live.recap import recap
    from chuhai.voc.service import VocService

    with VocService(demo.settings) as svc:
        r = recap(svc, session)
    assert r.raw and r.comments and r.commenters and r.purchase_rate
    assert r.spikes and r.spikes[0].quotes and r.spikes[0].quotes[0].gist_zh
    assert r.activity.viewers_peak and r.activity.gifts and r.activity.likes and r.activity.joins
    assert r.activity.gift_value["diamonds"] > 0
    assert r.revenue[0].gmv and r.by_host
    assert r.questions.asked and r.questions.answered and r.questions.slowest
    assert r.complaints and r.complaints[0].quotes
    assert any(p.pinned for p in r.products) and any(p.mentions for p in r.products)
    assert r.moderation.actions and r.moderation.undone == 1
    assert r.temperature_mean is not None and r.previous and r.actions
    assert r.demo_actions > 0
