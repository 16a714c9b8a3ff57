"""Market calendars: public holidays from the holidays package, festivals and seasons from
data with sources (fixed, n-th weekday, anchored on moving holidays, monthly, listed per
year), the user's campaigns, and a broken data file named with its line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from chuhai.calendar import MarketCalendars, add_campaign, festival_book, read_campaigns
from chuhai.calendar.festivals import FestivalBook, FestivalFileError
from chuhai.calendar.public import anchor_dates, holiday_name_zh
from chuhai.datafiles import parse_model
from chuhai.errors import InputError
from chuhai.settings import DEFAULT_MARKETS

CAL = MarketCalendars()


def _one(market: str, year: int, key: str) -> tuple[date, date]:
    found = [(e.start, e.end) for e in CAL.year(market, year) if e.key == key]
    assert len(found) == 1, (market, key, found)
    return found[0]


@pytest.mark.parametrize("market", DEFAULT_MARKETS)
def test_every_default_market_has_holidays_and_festivals(market: str) -> None:
    events = CAL.year(market, 2027)
    kinds = {e.kind for e in events}
    assert {"holiday", "festival", "season"} <= kinds, (market, kinds)
    for event in events:
        assert event.source and event.name and event.name_zh and event.start <= event.end


def test_data_file_names_a_source_for_every_entry() -> None:
    book = festival_book()
    assert set(DEFAULT_MARKETS) <= set(book.markets())
    for festival in book.festivals:
        assert festival.source.startswith("http"), festival.key


@pytest.mark.parametrize(
    ("market", "year", "key", "start", "end"),
    [
        ("US", 2027, "black_friday", date(2027, 11, 26), date(2027, 11, 26)),
        ("US", 2026, "black_friday", date(2026, 11, 27), date(2026, 11, 27)),
        ("US", 2027, "cyber_monday", date(2027, 11, 29), date(2027, 11, 29)),
        ("BR", 2027, "mothers_day_second_sunday", date(2027, 5, 9), date(2027, 5, 9)),
        # El Buen Fin: Friday to the Revolution Day Monday (third Monday of November)
        ("MX", 2023, "el_buen_fin", date(2023, 11, 17), date(2023, 11, 20)),
        ("MX", 2024, "el_buen_fin", date(2024, 11, 15), date(2024, 11, 18)),
        ("TH", 2027, "songkran", date(2027, 4, 13), date(2027, 4, 15)),
        ("ID", 2027, "harbolnas", date(2027, 12, 12), date(2027, 12, 12)),
        ("VN", 2027, "double_11", date(2027, 11, 11), date(2027, 11, 11)),
        ("PH", 2027, "ber_months", date(2027, 9, 1), date(2027, 12, 25)),
    ],
)
def test_rule_dates(market: str, year: int, key: str, start: date, end: date) -> None:
    assert _one(market, year, key) == (start, end)


def test_since_years_hold_back_events_before_they_existed() -> None:
    assert not [e for e in CAL.year("ID", 2011) if e.key == "harbolnas"]
    assert not [e for e in CAL.year("US", 2004) if e.key == "cyber_monday"]
    assert not [e for e in CAL.year("TH", 2008) if e.key == "double_11"]


def test_moving_dates_follow_the_holidays_package() -> None:
    # Tết: the season ends the day before the Lunar New Year the package computes
    ((tet, _),) = anchor_dates("VN", "Lunar New Year", 2027)
    start, end = _one("VN", 2027, "tet_season")
    assert tet == date(2027, 2, 6) and (end - tet).days == -1 and (end - start).days == 20
    # Ramadan and the Lebaran rush end the day before Eid al-Fitr, both estimated
    ((eid, _),) = anchor_dates("ID", "Eid al-Fitr", 2027)
    for key in ("ramadan", "lebaran_rush"):
        event = next(e for e in CAL.year("ID", 2027) if e.key == key)
        assert event.end == date.fromordinal(eid.toordinal() - 1) and event.estimated
    # a multi-day holiday anchors on its first day only
    saudi = anchor_dates("SA", "Eid al-Fitr Holiday", 2027)
    assert len(saudi) == 1


def test_listed_years_only() -> None:
    assert _one("MX", 2025, "hot_sale_mx") == (date(2025, 5, 26), date(2025, 6, 3))
    assert not [e for e in CAL.year("MX", 2027) if e.key == "hot_sale_mx"]


def test_monthly_payday_clamps_to_the_month() -> None:
    paydays = [e for e in CAL.year("PH", 2027) if e.key == "payday_sale_ph_end"]
    assert len(paydays) == 12
    assert next(e.start for e in paydays if e.start.month == 2) == date(2027, 2, 28)


def test_events_across_the_new_year_are_in_both_years() -> None:
    keys_2027 = {(e.key, e.start) for e in CAL.year("MX", 2027)}
    assert ("guadalupe_reyes", date(2026, 12, 12)) in keys_2027
    assert ("guadalupe_reyes", date(2027, 12, 12)) in keys_2027


def test_holiday_names_in_chinese() -> None:
    assert holiday_name_zh("Songkran Festival") == "宋干节（泼水节）"
    assert holiday_name_zh("Eid al-Fitr (estimated)") == "开斋节（预估日期）"
    assert holiday_name_zh("Christmas Day (observed)") == "圣诞节（补假）"
    assert holiday_name_zh("Some New Day") == "Some New Day"  # no guess


def test_unknown_market_has_no_events() -> None:
    assert CAL.year("S001", 2027) == []  # a store code, not a market


def test_a_broken_entry_is_named_with_its_line() -> None:
    text = (
        "version: 1\nfestivals:\n  - key: x\n    name: Two rules\n    name_zh: 两个\n"
        "    kind: festival\n    markets: [TH]\n    fixed: '01-01'\n    monthly: 5\n"
        "    source: https://example.org\n    verified: false\n"
    )
    with pytest.raises(FestivalFileError, match=r"festivals.yaml:3: .*exactly one of"):
        parse_model("festivals.yaml", text, FestivalBook, error=FestivalFileError)
    bad_market = text.replace("    monthly: 5\n", "").replace("[TH]", "[XX]")
    with pytest.raises(FestivalFileError, match="XX"):
        parse_model("festivals.yaml", bad_market, FestivalBook, error=FestivalFileError)


def test_campaigns_added_read_and_shown(tmp_path: Path) -> None:
    path = tmp_path / "campaigns.csv"
    add_campaign(path, [{"market": "th", "name": "9.9 Mega Sale", "start": "2027-09-09",
                         "end": "2027-09-11", "platform": "TikTok Shop"}])  # fmt: skip
    add_campaign(path, [{"market": "Indonesia", "name": "Brand day", "start": "2027-03-01"}])
    events = read_campaigns(path)
    assert [(e.market, e.start, e.end, e.kind) for e in events] == [
        ("TH", date(2027, 9, 9), date(2027, 9, 11), "campaign"),
        ("ID", date(2027, 3, 1), date(2027, 3, 1), "campaign"),
    ]
    calendars = MarketCalendars.from_file(path)
    th = [e for e in calendars.year("TH", 2027) if e.kind == "campaign"]
    assert [e.platform for e in th] == ["TikTok Shop"]
    assert [e for e in calendars.year("TH", 2026) if e.kind == "campaign"] == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"market": "TH", "name": "x", "start": "2027-13-01"}, "start '2027-13-01' is not a date"),
        ({"market": "TH", "name": "x", "start": "2027-09-09", "end": "2027-09-01"}, "before"),
        ({"market": "ZZ", "name": "x", "start": "2027-09-09"}, "unknown market"),
        ({"market": "TH", "name": "", "start": "2027-09-09"}, "name is empty"),
    ],
)
def test_bad_campaigns_are_refused(tmp_path: Path, row: dict[str, str], message: str) -> None:
    path = tmp_path / "campaigns.csv"
    with pytest.raises(InputError, match=message):
        add_campaign(path, [row])
    assert not path.exists()


def test_a_bad_line_in_the_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "campaigns.csv"
    path.write_text("market,name,start\nTH,ok,2027-01-01\nTH,bad,01/02/2027\n", "utf-8")
    with pytest.raises(InputError, match=r"campaigns\.csv line 3: start"):
        read_campaigns(path)
