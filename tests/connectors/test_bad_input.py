"""Every connector against the files real exports turn out to be.

Each case builds a file and says what an import of it must give: bad input never crashes an
import, nothing is silently dropped (every rejected row is quarantined with a reason), and
good rows next to bad ones are still imported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from chuhai.records import Rejection
from tests.conftest import Ingest

HUGE = "x" * (2 << 20)  # over the 1 MiB default line limit
GBK = "参与者找不到开关"  # Chinese: written in GBK, the rest of the file UTF-8
CP1252 = "Café très bon – 5€"


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    build: Callable[[], bytes]
    accepted: int
    quarantined: int
    status: str = "ok"
    reason: str = ""  # must appear in a rejection's reason
    warning: str = ""  # must appear in a report warning
    suffix: str = ".csv"
    options: tuple[tuple[str, str], ...] = ()


# -- delimited kinds: one header and a row builder each ------------------------------------------

REVIEWS = "id,time,market,sku,author,rating,text\n"


def review(n: int, text: str = "Good fan", time: str = "2026-10-01T10:00:00Z") -> str:
    return f"R{n},{time},US,FN-300,user{n},5,{text}\n"


SURVEY = "response_id,submitted_at,market,sku,respondent,score,liked_most,to_improve,survey\n"


def survey(n: int, text: str = "Quiet", time: str = "2026-10-01T10:00:00Z") -> str:
    return f"S{n},{time},US,FN-300,r{n},9,{text},,p\n"


NOTES = "note_id,session_date,market,sku,participant,task,note,severity,language\n"


def note(n: int, text: str = "Could not find the switch", time: str = "2026-10-01") -> str:
    return f"N{n},{time},US,FN-300,P{n},unbox,{text},high,en\n"


ORDERS = (
    "order_id,line_id,sku,market,quantity,unit_price,currency,ordered_at,live_session_id,buyer_id\n"
)


def order(n: int, text: str = "b", time: str = "2026-10-01T10:00:00Z") -> str:
    return f"O{n},1,FN-300,US,1,24.99,USD,{time},,{text}\n"


SESSIONS = "session_id,room,market,platform,host,started_at,ended_at,products\n"


def session(n: int, text: str = "Jess", time: str = "2026-10-01T10:00:00Z") -> str:
    return f"L{n},room{n},US,tiktok_shop,{text},{time},,FN-300\n"


DELIMITED: list[tuple[str, str, Callable[..., str], tuple[tuple[str, str], ...]]] = [
    ("reviews", REVIEWS, review, ()),
    ("surveys", SURVEY, survey, ()),
    ("user-tests", NOTES, note, ()),
    ("orders", ORDERS, order, ()),
    ("sessions", SESSIONS, session, ()),
]


def delimited_cases() -> list[Case]:
    cases = []
    for kind, header, row, options in DELIMITED:
        good = header + row(1) + row(2)

        def mixed(header: str = header, row: Callable[..., str] = row) -> bytes:
            return (header + row(1)).encode() + row(2, GBK).encode("gbk") + row(3, "ok ✓").encode()

        def truncated(good: str = good) -> bytes:
            return (good + good.splitlines()[1].split(",")[0] + ',"cut off').encode()

        def invalid_date(header: str = header, row: Callable[..., str] = row) -> bytes:
            return (header + row(1) + row(2, time="2026-02-30")).encode()

        def wrong_columns(good: str = good) -> bytes:
            return ("a,b,c,d,e,f,g,h,i,j\n" + good.split("\n", 1)[1]).encode()

        def header_only(header: str = header) -> bytes:
            return header.encode()

        def huge(header: str = header, row: Callable[..., str] = row) -> bytes:
            return (header + row(1) + row(2, HUGE) + row(3)).encode()

        cases += [
            Case(kind, "empty file", lambda: b"", 0, 0, "empty", options=options),
            Case(kind, "header only", header_only, 0, 0, "empty", options=options),
            Case(kind, "binary garbage", _binary, 0, 1, "rejected", "binary file", options=options),
            Case(kind, "truncated", truncated, 2, 1, reason="fields", options=options),
            Case(
                kind,
                "invalid date",
                invalid_date,
                1,
                1,
                reason="invalid time '2026-02-30'",
                options=options,
            ),
            Case(
                kind,
                "wrong columns",
                wrong_columns,
                0,
                1,
                "rejected",
                "columns missing",
                options=options,
            ),
            Case(
                kind, "huge line", huge, 2, 1, reason="longer than 1048576 bytes", options=options
            ),
            Case(
                kind, "mixed encodings", mixed, 3, 0, warning="decoded as gb18030", options=options
            ),
        ]
    return cases


def _binary() -> bytes:
    return bytes(range(256)) * 64


# -- live chat (JSON Lines) ----------------------------------------------------------------------


def event(n: int, text: str = "ราคาเท่าไหร่", time: str = "2026-11-08T20:00:05+07:00") -> str:
    line = {"id": f"e{n}", "room": "r", "time": time, "user": f"u{n}", "text": text, "market": "TH"}
    return json.dumps(line, ensure_ascii=False) + "\n"


LIVE = [
    Case("live", "empty file", lambda: b"", 0, 0, "empty", suffix=".jsonl"),
    Case("live", "binary garbage", _binary, 0, 1, "rejected", "binary file", suffix=".jsonl"),
    Case(
        "live",
        "truncated",
        lambda: (event(1) + event(2)[:40]).encode(),
        1,
        1,
        reason="not JSON",
        suffix=".jsonl",
    ),
    Case(
        "live",
        "invalid date",
        lambda: (event(1) + event(2, time="2026-02-30")).encode(),
        1,
        1,
        reason="invalid time",
        suffix=".jsonl",
    ),
    Case(
        "live",
        "wrong columns",
        lambda: b'{"a": 1}\n{"b": 2}\n',
        0,
        2,
        reason="no market",
        suffix=".jsonl",
    ),
    Case(
        "live",
        "huge line",
        lambda: (event(1) + event(2, HUGE) + event(3)).encode(),
        2,
        1,
        reason="longer than",
        suffix=".jsonl",
    ),
    Case(
        "live",
        "mixed encodings",
        lambda: event(1).encode() + event(2, GBK).encode("gbk") + event(3).encode(),
        3,
        0,
        warning="decoded as gb18030",
        suffix=".jsonl",
    ),
]


# -- e-mail (mbox) -------------------------------------------------------------------------------


def message(
    n: int,
    body: str = "My fan broke.",
    date: str = "Mon, 05 Oct 2026 08:00:00 -0400",
    charset: str = "utf-8",
) -> bytes:
    head = (
        f"From MAILER-DAEMON Thu Jan  1 00:00:00 2026\nFrom: c{n}@mail.example\n"
        f"To: support-us@lumio.example\nSubject: Order {n}\nDate: {date}\nMessage-ID: <m{n}@mail.example>\n"
        f'Content-Type: text/plain; charset="{charset}"\nContent-Transfer-Encoding: 8bit\n\n'
    )
    return head.encode() + body.encode(charset) + b"\n\n"


EMAIL = [
    Case("email", "empty file", lambda: b"", 0, 0, "empty", suffix=".mbox"),
    Case("email", "binary garbage", _binary, 0, 1, "rejected", "binary file", suffix=".mbox"),
    Case(
        "email",
        "truncated",
        lambda: message(1) + message(2)[:110],
        1,
        1,
        reason="no Date header",
        suffix=".mbox",
    ),
    Case(
        "email",
        "invalid date",
        lambda: message(1) + message(2, date="someday"),
        1,
        1,
        reason="invalid Date header 'someday'",
        suffix=".mbox",
    ),
    Case(
        "email",
        "huge line",
        lambda: message(1) + message(2, HUGE),
        1,
        1,
        reason="over the limit",
        suffix=".mbox",
    ),
    Case(
        "email",
        "mixed encodings",
        lambda: message(1, CP1252, charset="cp1252") + message(2, GBK, charset="gbk") + message(3),
        3,
        0,
        suffix=".mbox",
    ),
]


# -- call transcripts (WebVTT) -------------------------------------------------------------------


def vtt(*cues: str, started: str = "2026-10-03T10:15:00-04:00") -> str:
    head = f"WEBVTT\n\nNOTE call_id: C1\nstarted: {started}\nmarket: US\n\n"
    return head + "".join(cues)


def cue(n: int, who: str, text: str) -> str:
    return f"00:00:0{n}.000 --> 00:00:0{n}.900\n<v {who}>{text}\n\n"


CALL = vtt(
    cue(1, "Agent", "Hello"),
    cue(2, "Customer", "My fan broke"),
    cue(3, "Agent", "Sorry"),
    cue(4, "Customer", "Thanks"),
)
CALLS = [
    Case("calls", "empty file", lambda: b"", 0, 0, "empty", suffix=".vtt"),
    Case("calls", "binary garbage", _binary, 0, 1, "rejected", "binary file", suffix=".vtt"),
    Case(
        "calls",
        "truncated",
        lambda: (CALL + "00:00:0").encode(),
        2,
        1,
        reason="cue without a timing line",
        suffix=".vtt",
    ),
    Case(
        "calls",
        "invalid date",
        lambda: CALL.replace("2026-10-03T10:15:00-04:00", "tomorrow").encode(),
        0,
        1,
        "rejected",
        "invalid time 'tomorrow'",
        suffix=".vtt",
    ),
    Case(
        "calls",
        "wrong columns",
        lambda: b"Agent: hello\nCustomer: hi\n",
        0,
        1,
        "rejected",
        "not WebVTT",
        suffix=".vtt",
    ),
    Case(
        "calls",
        "huge line",
        lambda: CALL.replace("My fan broke", HUGE).encode(),
        0,
        1,
        "rejected",
        "longer than",
        suffix=".vtt",
    ),
    Case(
        "calls",
        "mixed encodings",
        lambda: (
            CALL.encode() + cue(5, "Agent", "Sure").encode() + cue(6, "Customer", GBK).encode("gbk")
        ),
        3,
        0,
        warning="decoded as gb18030",
        suffix=".vtt",
    ),
]


# -- product catalog (YAML) ----------------------------------------------------------------------

CATALOG = 'products:\n  - sku: A-1\n    names: {en: "Lamp"}\n  - sku: B-2\n    names: {en: "Fan"}\n'
PRODUCTS = [
    Case("products", "empty file", lambda: b"", 0, 0, "empty", suffix=".yaml"),
    Case("products", "binary garbage", _binary, 0, 1, "rejected", "binary file", suffix=".yaml"),
    Case(
        "products",
        "truncated",
        lambda: CATALOG[: CATALOG.rindex("Fan")].encode(),
        0,
        1,
        "rejected",
        "not valid YAML at line 5",
        suffix=".yaml",
    ),
    Case(
        "products",
        "wrong columns",
        lambda: b"products:\n  - sku: A-1\n    title: Lamp\n",
        0,
        1,
        reason="names: Field required",
        suffix=".yaml",
    ),
    Case(
        "products",
        "huge line",
        lambda: CATALOG.replace("Fan", HUGE).encode(),
        1,
        1,
        reason="at most 300 characters",
        suffix=".yaml",
    ),
    Case(
        "products",
        "mixed encodings",
        lambda: CATALOG.encode() + f"  - sku: C-3\n    names: {{zh: {GBK}}}\n".encode("gbk"),
        0,
        1,
        "rejected",
        "not UTF-8",
        suffix=".yaml",
    ),
]

CASES = delimited_cases() + LIVE + EMAIL + CALLS + PRODUCTS


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.kind}-{c.name}")
def test_bad_input(
    case: Case,
    tmp_path: Path,
    ingest: Ingest,
    rejections: Callable[[str | None], list[Rejection]],
) -> None:
    path = tmp_path / f"input{case.suffix}"
    path.write_bytes(case.build())
    report = ingest(path, case.kind, **dict(case.options))
    accepted = report.counts.accepted if case.kind != "products" else len(report.records)
    assert (accepted, report.counts.quarantined, report.status) == (
        case.accepted,
        case.quarantined,
        case.status,
    ), report.as_dict()
    stored = rejections(None)
    assert len(stored) == case.quarantined
    if case.reason:
        assert any(case.reason in r.reason for r in stored), [r.reason for r in stored]
    if case.warning:
        assert any(case.warning in w for w in report.warnings), report.warnings
    # a second import of the same file changes nothing
    again = ingest(path, case.kind, **dict(case.options))
    assert again.counts.accepted == 0
    assert len(rejections(None)) == case.quarantined
