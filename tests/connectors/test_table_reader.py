"""One bad row or line never takes other rows with it: runaway quotes in CSV, bad JSON lines."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from chuhai.connectors import IngestOptions
from chuhai.pipeline import Pipeline
from chuhai.records import Rejection, Voice
from chuhai.store import INTAKE_ZONE
from tests.conftest import Ingest, make_settings

Voices = Callable[[str], list[Voice]]
Rejections = Callable[[str | None], list[Rejection]]

HEADER = "id,time,market,sku,author,rating,text\n"


def review(n: int, text: str = "Good fan", rating: str = "5") -> str:
    return f"R{n},2026-10-01T10:00:00Z,US,FN-300,u{n},{rating},{text}\n"


# -- CSV: a quoted value that never closes -------------------------------------------------------

# (name, file body after the header, accepted ids, quarantined lines)
RUNAWAYS = [
    (
        "unclosed to the end of the file",
        review(1, '"Good fan') + review(2) + review(3),
        ["R2", "R3"],
        [2],
    ),
    (
        "closed by the quote of a later multi-line value",
        review(1, '"Good fan') + review(2) + review(3) + review(4, '"two\nlines"'),
        ["R2", "R3", "R4"],
        [2],
    ),
    (
        "closed on the next row",
        review(1, '"Good fan') + review(2, '"Nice"') + review(3),
        ["R2", "R3"],
        [2],
    ),
    (
        "in a middle column",
        review(1).replace(",u1,", ',"u1,') + review(2) + review(3),
        ["R2", "R3"],
        [2],
    ),
    (
        "two of them",
        review(1, '"Good') + review(2) + review(3, '"Bad') + review(4),
        ["R2", "R4"],
        [2, 4],
    ),
]


@pytest.mark.parametrize(
    ("body", "accepted", "lines"), [r[1:] for r in RUNAWAYS], ids=[r[0] for r in RUNAWAYS]
)
def test_a_runaway_quote_is_quarantined_and_the_rows_after_it_are_read(
    tmp_path: Path,
    ingest: Ingest,
    voices: Voices,
    rejections: Rejections,
    body: str,
    accepted: list[str],
    lines: list[int],
) -> None:
    path = tmp_path / "reviews.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    report = ingest(path, "reviews")
    assert (report.counts.accepted, report.counts.quarantined) == (len(accepted), len(lines))
    assert sorted(v.source.source_id or "" for v in voices("us")) == accepted
    stored = rejections(None)
    assert [(r.file, r.line) for r in stored] == [(str(path), n) for n in lines]
    assert all("unclosed quote" in r.reason for r in stored), [r.reason for r in stored]
    assert all(r.raw.count("\n") <= 1 for r in stored)  # the line alone, not the rows after it


# (name, quoted text as written in the file, the text stored)
MULTILINE = [
    ("two lines", '"Love it.\nWould buy again"', "Love it.\nWould buy again"),
    (
        "commas in every line",
        '"Great fan, quiet, cheap.\nColour, size, weight, noise, price, box, all fine\nBuy it"',
        "Great fan, quiet, cheap.\nColour, size, weight, noise, price, box, all fine\nBuy it",
    ),
    ("a blank line", '"para one\n\npara two"', "para one\n\npara two"),
    ("doubled quotes", '"He said ""wow""\nreally"', 'He said "wow"\nreally'),
    ("Windows newlines", '"one\r\ntwo"', "one\ntwo"),
]


@pytest.mark.parametrize(
    ("quoted", "expected"), [m[1:] for m in MULTILINE], ids=[m[0] for m in MULTILINE]
)
def test_a_closed_multi_line_value_is_still_one_row(
    tmp_path: Path, ingest: Ingest, voices: Voices, quoted: str, expected: str
) -> None:
    path = tmp_path / "reviews.csv"
    path.write_bytes((HEADER + review(1) + review(2, quoted) + review(3)).encode())
    report = ingest(path, "reviews")
    assert (report.counts.accepted, report.counts.quarantined) == (3, 0), report.as_dict()
    texts = {v.source.source_id: v.text for v in voices("us")}
    assert texts == {"R1": "Good fan", "R2": expected, "R3": "Good fan"}


def test_a_quoted_value_past_the_size_limit_is_cut_off(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, ingest={"max_text_chars": 100})
    prose = "".join(f"words words words words words words words {n}\n" for n in range(5))
    path = tmp_path / "reviews.csv"
    path.write_text(HEADER + review(1, '"' + prose + 'end"') + review(2), encoding="utf-8")
    with Pipeline(settings) as pipeline:
        report = pipeline.ingest([path], kind="reviews", options=IngestOptions()).files[0]
        stored = [
            r.rejection
            for zone in ("us", INTAKE_ZONE)
            if pipeline.router.exists(zone)
            for r in pipeline.router.store(zone).rejections()
        ]
        kept = [v.source.source_id for v in pipeline.router.store("us").voices()]
    assert kept == ["R2"]
    first = min(stored, key=lambda r: r.line or 0)
    assert first.line == 2
    assert "past 100 characters" in first.reason
    # the lines it ran over are read again as rows: none is lost without a trace
    assert report.counts.quarantined == len(stored) == 1 + 4 + 1  # lines 2, 3-6, 7


# -- JSON Lines: any one bad line ----------------------------------------------------------------


def event(n: int) -> bytes:
    line = {
        "id": f"e{n}",
        "room": "r",
        "time": "2026-11-08T20:00:05+07:00",
        "user": f"u{n}",
        "text": "ราคาเท่าไหร่",
        "market": "TH",
    }
    return json.dumps(line, ensure_ascii=False).encode() + b"\n"


def with_text(value: str | bytes) -> bytes:
    raw = value.encode() if isinstance(value, str) else value
    return event(2).replace('"ราคาเท่าไหร่"'.encode(), raw)


BAD_LINES = [
    ("nested 5,000 deep", b'{"a": ' * 5000 + b"1" + b"}" * 5000, "nested deeper than"),
    ("nested 500 deep", with_text("[" * 500 + "]" * 500), "nested deeper than"),
    ("invalid JSON", b'{"id": "e2", "text": ', "not JSON"),
    ("a JSON array", b'[{"id": "e2"}]', "expected a JSON object"),
    ("a number", b"42", "expected a JSON object"),
    ("a string", b'"hello"', "expected a JSON object"),
    ("null", b"null", "expected a JSON object"),
    ("an integer of 5,000 digits", with_text("1" * 5000), "not JSON"),
    ("invalid UTF-8, garbage in every encoding", with_text(b'"\xff\xff\xff\xff"'), "garbled"),
    ("invalid UTF-8, in no encoding", with_text(b'"\x81"'), "undecodable bytes"),
    ("a line over the limit", with_text('"' + "x" * (2 << 20) + '"'), "longer than"),
]


@pytest.mark.parametrize(
    ("line", "reason"), [b[1:] for b in BAD_LINES], ids=[b[0] for b in BAD_LINES]
)
def test_one_bad_json_line_is_quarantined_and_the_others_imported(
    tmp_path: Path,
    ingest: Ingest,
    voices: Voices,
    rejections: Rejections,
    line: bytes,
    reason: str,
) -> None:
    path = tmp_path / "chat.jsonl"
    path.write_bytes(event(1) + line.rstrip(b"\n") + b"\n" + event(3))
    report = ingest(path, "live")
    assert report.status == "ok"
    assert (report.counts.accepted, report.counts.quarantined) == (2, 1), report.as_dict()
    assert sorted(v.source.source_id or "" for v in voices("th")) == ["e1", "e3"]
    [stored] = rejections(None)
    assert (stored.file, stored.line) == (str(path), 2)
    assert reason in stored.reason


def test_a_json_document_nested_too_deep_rejects_the_file_not_the_import(
    tmp_path: Path, ingest: Ingest
) -> None:
    path = tmp_path / "reviews.json"
    path.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    report = ingest(path, "reviews")
    assert report.status == "rejected"
    assert "nested deeper than 64 levels" in (report.rejection_reason or "")


def test_a_record_nested_too_deep_in_a_json_document_is_quarantined_alone(
    tmp_path: Path, ingest: Ingest, rejections: Rejections
) -> None:
    good = {"id": "R1", "time": "2026-10-01T10:00:00Z", "market": "US", "text": "Good fan"}
    deep = {**good, "id": "R2", "text": "[" * 500 + "]" * 500}
    path = tmp_path / "reviews.json"
    text = json.dumps([good, {**good, "id": "R3"}])
    path.write_text(
        text[:-1] + ", " + json.dumps(deep)[:-1] + ', "x": ' + "[" * 300 + "]" * 300 + "}]"
    )
    report = ingest(path, "reviews")
    assert (report.counts.accepted, report.counts.quarantined) == (2, 1), report.as_dict()
    [stored] = rejections(None)
    assert (stored.locator, stored.reason) == (
        "$[2]",
        "not JSON we can use: nested deeper than 64 levels",
    )


def test_a_value_no_parser_foresaw_costs_its_row_only(
    tmp_path: Path,
    ingest: Ingest,
    voices: Voices,
    rejections: Rejections,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from chuhai.connectors import fields, tabular

    def rating(value: object) -> float | None:
        if value == "4":
            raise OverflowError("a rating out of this world")
        return fields.parse_rating(value)

    monkeypatch.setattr(tabular, "parse_rating", rating)
    path = tmp_path / "reviews.csv"
    path.write_text(HEADER + review(1) + review(2, rating="4") + review(3), encoding="utf-8")
    report = ingest(path, "reviews")
    assert (report.counts.accepted, report.counts.quarantined) == (2, 1)
    [stored] = rejections(None)
    assert (stored.line, stored.reason) == (
        3,
        "unreadable row (OverflowError: a rating out of this world)",
    )
