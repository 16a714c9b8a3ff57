"""The redact privacy stage on quarantined rows: a row rejected for a bad date, a bad rating
or an unknown market is stored with its personal data redacted by the same recognizers as
voice text, keeping the file, line, column, reason and the redacted line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from chuhai.pipeline import Pipeline
from chuhai.privacy.redacting import RedactingPrivacy
from chuhai.records import Channel, Rejection, SourceRef, Voice
from chuhai.settings import Settings
from chuhai.store import INTAKE_ZONE, ZoneRouter
from tests.conftest import make_settings
from tests.store.sql import read_sql

# (class, market written in the row, text holding the identifier, the identifier, its type)
IDENTIFIERS = [
    ("phone", "ID", "wa aku 0812-3456-7890 ya kak", "0812-3456-7890", "PHONE"),
    ("email", "US", "write to sam.rivera@example.com", "sam.rivera@example.com", "EMAIL"),
    ("id_nik", "ID", "NIK saya 3171011505901234", "3171011505901234", "NATIONAL_ID"),
    ("id_nik_bare", "ID", "3171011505901234", "3171011505901234", "NATIONAL_ID"),
    ("th_pin", "TH", "เลขบัตร 1101700207030", "1101700207030", "NATIONAL_ID"),
    ("us_ssn", "US", "my SSN 536-90-4399 sorry", "536-90-4399", "NATIONAL_ID"),
]
# (defect, what the reason quotes, the zone its rejection is kept in)
DEFECTS = [
    ("bad_rating", "'lots'", "zone"),
    ("bad_date", "time: invalid time 'last tuesday'", "zone"),
    ("unknown_market", "'Narnia'", INTAKE_ZONE),
]
HEADER = "id,time,market,sku,author,rating,text"


def _row(number: int, defect: str, market: str, text: str) -> str:
    time, rating = "2026-10-03 14:22:10", "4"
    if defect == "bad_rating":
        rating = "lots"
    elif defect == "bad_date":
        time = "last tuesday"
    elif defect == "unknown_market":
        market = "Narnia"
    return f'r{number},{time},{market},FN-300,buyer{number},{rating},"{text}"'


@pytest.fixture(scope="module")
def quarantined(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, Path]]:
    """One file with every identifier in a row of every defect, imported once."""
    tmp = tmp_path_factory.mktemp("quarantine")
    rows = [HEADER]
    for i, (defect, _, _) in enumerate(DEFECTS):
        for j, (_, market, text, _, _) in enumerate(IDENTIFIERS):
            rows.append(_row(i * 100 + j, defect, market, text))
    # an identifier in the bad value itself ends up quoted in the reason
    rows.append('r900,dewi.lestari@mail.example,ID,FN-300,dewi,4,"bagus"')
    path = tmp / "reviews.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    settings = make_settings(tmp, pipeline={"privacy": "redact", "enrich": ["passthrough"]})
    with Pipeline(settings) as pipeline:
        report = pipeline.ingest([path], kind="reviews")
    assert report.totals.quarantined == len(DEFECTS) * len(IDENTIFIERS) + 1
    assert report.totals.accepted == 0
    yield settings, path


def _stored(settings: Settings, zone: str) -> list[tuple[Rejection, str]]:
    """Each quarantined row of a zone, with every cell of its table row as one string."""
    with ZoneRouter(settings) as router:
        store = router.store(zone)
        kept = [s.rejection for s in store.rejections()]
        cells = {
            r[0]: json.dumps(r, default=str) for r in read_sql(store, "SELECT * FROM quarantine")
        }
    return [(r, cells[r.id]) for r in kept]


def _zone_of(market: str, where: str) -> str:
    return INTAKE_ZONE if where == INTAKE_ZONE else market.lower()


@pytest.mark.parametrize(("defect", "reason", "where"), DEFECTS)
@pytest.mark.parametrize(("kind", "market", "text", "identifier", "entity"), IDENTIFIERS)
def test_quarantined_row_is_stored_redacted(
    quarantined: tuple[Settings, Path],
    defect: str,
    reason: str,
    where: str,
    kind: str,
    market: str,
    text: str,
    identifier: str,
    entity: str,
) -> None:
    settings, path = quarantined
    i = [d for d, _, _ in DEFECTS].index(defect) * 100
    i += [k for k, *_ in IDENTIFIERS].index(kind)
    [(row, cells)] = [
        (r, c) for r, c in _stored(settings, _zone_of(market, where)) if r.raw.startswith(f"r{i},")
    ]
    assert identifier not in cells and identifier.replace("-", "") not in cells
    assert f"[{entity}:p_" in row.raw  # the zone's keyed pseudonym: found by privacy erase
    # what a person needs to fix the row is kept: file, line, column, reason, the rest of it
    assert row.file == str(path) and row.line == 2 + i // 100 * len(IDENTIFIERS) + i % 100
    assert reason in row.reason
    assert row.raw.startswith(f"r{i},") and f",FN-300,buyer{i}," in row.raw


def test_an_identifier_quoted_in_the_reason_is_redacted(
    quarantined: tuple[Settings, Path],
) -> None:
    settings, _ = quarantined
    [(row, cells)] = [(r, c) for r, c in _stored(settings, "id") if r.raw.startswith("r900,")]
    assert "dewi.lestari" not in cells
    assert row.reason.startswith("time: ") and "[EMAIL:p_" in row.reason


@pytest.mark.parametrize(
    ("reason", "raw", "market", "expected"),
    [
        ("line longer than 1048576 bytes", "r1,2026-10-01,x", None, "line longer than 1048576 bytes"),
        ("time: invalid time '081234567890'", "r1,081234567890,x", "ID", "time: invalid time '[PHONE]'"),
        ("file rejected: from 081234567890", "", "ID", "file rejected: from [PHONE]"),
    ],
)  # fmt: skip
def test_a_reason_loses_the_row_s_values_not_its_own_figures(
    tmp_path: Path, reason: str, raw: str, market: str | None, expected: str
) -> None:
    settings = make_settings(tmp_path, privacy={"mode": "mask"})
    rejection = Rejection.of(
        connector="reviews", file="r.csv", reason=reason, raw=raw, market=market
    )
    [kept] = RedactingPrivacy(settings).redact_rejections("id" if market else "intake", [rejection])
    assert kept.reason == expected


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("mask", "wa aku [PHONE] ya, [EMAIL]"),
        ("drop", "wa aku ya, "),
    ],
)
def test_rejections_follow_the_redaction_mode(tmp_path: Path, mode: str, expected: str) -> None:
    settings = make_settings(tmp_path, privacy={"mode": mode})
    rejection = Rejection.of(
        connector="reviews", file="r.csv", line=3, reason="rating: not a number: 'x'",
        raw="wa aku 0812-3456-7890 ya, dewi@mail.example", market="ID",
    )  # fmt: skip
    [kept] = RedactingPrivacy(settings).redact_rejections("id", [rejection])
    assert kept.raw == expected
    assert (kept.file, kept.line, kept.reason) == ("r.csv", 3, "rating: not a number: 'x'")


# (where the source put it, the voice's fields, the identifier)
FREE_TEXT = [
    ("text", {"text": "wa aku 0812-3456-7890"}, "0812-3456-7890"),
    ("subject", {"metadata": {"subject": "Re: call 0812-3456-7890"}}, "0812-3456-7890"),
    ("title", {"metadata": {"title": "NIK 3171011505901234 salah"}}, "3171011505901234"),
    ("message_id", {"source_id": "dewi.lestari@mail.example"}, "dewi.lestari@mail.example"),
    ("file", {"file": "dewi.lestari@mail.example.eml"}, "dewi.lestari@mail.example"),
]


@pytest.mark.parametrize(("where", "fields", "identifier"), FREE_TEXT)
def test_free_text_of_a_voice_is_redacted_wherever_the_source_put_it(
    tmp_path: Path, where: str, fields: dict[str, Any], identifier: str
) -> None:
    source = SourceRef(
        system="email", file=fields.get("file", "in.mbox"), locator="message 1",
        source_id=fields.get("source_id", "m1"),
    )  # fmt: skip
    voice = Voice(
        id="v1", channel=Channel.EMAIL, market="ID", zone="id", time=datetime(2026, 10, 1, tzinfo=UTC),
        text=fields.get("text", "kipas rusak"), source=source,
        metadata={"attachments": 0, **fields.get("metadata", {})},
    )  # fmt: skip
    [kept] = RedactingPrivacy(make_settings(tmp_path)).process([voice])
    assert isinstance(kept, Voice)
    assert identifier not in kept.model_dump_json()
    assert kept.metadata["pii"] in ("PHONE=1", "NATIONAL_ID=1", "EMAIL=1")
    assert kept.metadata["attachments"] == 0 and kept.source.locator == "message 1"


@pytest.mark.parametrize(
    ("metadata", "source_id"),
    [
        ({"order_id": "577012345678901234"}, "576012345678901234"),  # record ids: not scanned
        ({"has_media": "No", "helpful_votes": "12"}, "IDR700001"),
    ],
)
def test_ids_and_short_tokens_are_kept_as_they_came(
    tmp_path: Path, metadata: dict[str, str], source_id: str
) -> None:
    source = SourceRef(system="tiktok_shop", file="tiktok-id.csv", source_id=source_id)
    voice = Voice(
        id="v1", channel=Channel.REVIEW, market="ID", zone="id", text="kipas bagus",
        time=datetime(2026, 10, 1, tzinfo=UTC), source=source, metadata=dict(metadata),
    )  # fmt: skip
    [kept] = RedactingPrivacy(make_settings(tmp_path)).process([voice])
    assert kept == voice
