"""Data-subject requests inside a zone: one person found across e-mail, live chat, reviews
and quarantine by an identifier or a pseudonym; export gives all of it; erase leaves no
trace in any table of the zone; retention purges old rows; all of it audited."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.connectors import IngestOptions
from chuhai.governance.subjects import SubjectRequests, subject_keys
from chuhai.pipeline import Pipeline
from chuhai.privacy.audit import AuditLog
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from tests.conftest import make_settings
from tests.services import postgres_zones
from tests.store.sql import read_sql

EMAIL = "dewi.lestari@mail.example"
PHONE = "0812-3456-7890"

MAIL = f"""From: Dewi Lestari <{EMAIL}>
To: cs-id@lumio.example
Subject: Kipas rusak
Date: Tue, 06 Oct 2026 10:15:00 +0700
Message-ID: <dewi-001@mail.example>
Content-Type: text/plain; charset="utf-8"

Halo kak, kipas saya rusak. Hubungi saya di {PHONE} ya.
"""
CHAT = [
    {"id": "c1", "room": "lumio.id", "time": "2026-10-07T20:00:05+07:00", "user": "dewi_l",
     "text": f"kak email aku {EMAIL} ya"},
    {"id": "c2", "room": "lumio.id", "time": "2026-10-07T20:00:09+07:00", "user": "budi",
     "text": "harga berapa kak?"},
]  # fmt: skip
REVIEWS = (
    "Review ID,Order ID,Product Name,Seller SKU,Buyer Nickname,Star Rating,Review Content,"
    "Review Time,Has Image/Video\n"
    f'R1,O1,Kipas,FN-300,sari,5,"Teman saya {PHONE} yang rekomendasi, bagus",2026/10/03 14:22:10,No\n'
    'R2,O2,Kipas,FN-300,andi,4,"Lumayan adem",2026/10/03 15:00:00,No\n'
)


@pytest.fixture(params=["duckdb", "postgresql"])
def zone(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Settings, Path]]:
    """Zones in DuckDB files, or in PostgreSQL schemas: erasure must leave no trace in either."""
    with postgres_zones(request.param, ("id", "th")) as stores:
        yield from _zone(tmp_path, stores)


def _zone(tmp_path: Path, stores: dict[str, Any]) -> Iterator[tuple[Settings, Path]]:
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "mail-001.eml").write_text(MAIL, encoding="utf-8")
    lines = [json.dumps(e, ensure_ascii=False) for e in CHAT]
    lines.append('{"id": "c3", "room": "lumio.id", "text": "' + EMAIL + '", "time": ')  # broken
    (inbox / "chat.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (inbox / "reviews.csv").write_text(REVIEWS, encoding="utf-8")
    settings = make_settings(
        tmp_path, markets=["ID", "TH"], pipeline={"privacy": "redact", "enrich": ["multilingual"]},
        compliance={"retention_days": {"ID": 30}}, zones=stores,
    )  # fmt: skip
    with Pipeline(settings) as pipeline:
        pipeline.ingest([inbox / "mail-001.eml"], kind="email")
        pipeline.ingest([inbox / "chat.jsonl"], kind="live", options=IngestOptions(market="ID"))
        pipeline.ingest(
            [inbox / "reviews.csv"], kind="reviews",
            options=IngestOptions(market="ID", mapping="tiktok-shop-reviews"),
        )  # fmt: skip
    yield settings, tmp_path


def _everything(settings: Settings) -> str:
    """Every cell of every table of the ID zone, as one string."""
    with ZoneRouter(settings) as router:
        store = router.store("id")
        tables = [
            r[0]
            for r in read_sql(
                store,
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()",
            )
        ]
        cells = [json.dumps(read_sql(store, f"SELECT * FROM {t}"), default=str) for t in tables]
    return "\n".join(cells)


def test_subject_found_across_channels_and_quarantine(zone: tuple[Settings, Path]) -> None:
    settings, _ = zone
    with ZoneRouter(settings) as router:
        requests = SubjectRequests(settings, router)
        by_email = requests.find("id", EMAIL)
        by_phone = requests.find("id", PHONE)
        pseudonym = requests.secrets.pseudonymizer("id").pseudonym(EMAIL)
        by_pseudonym = requests.find("id", pseudonym)
    assert {v.channel for v in by_email.voices} == {"email", "live_comment"}
    assert len(by_email.rejections) == 1  # the broken chat line holds her address's pseudonym
    assert {v.channel for v in by_phone.voices} == {
        "email",
        "review",
    }  # her mail, a friend's review
    assert {v.id for v in by_pseudonym.voices} == {v.id for v in by_email.voices}
    assert EMAIL not in "\n".join(v.text for v in by_email.voices)  # redacted before storage


def test_export_then_erase_leaves_no_trace(zone: tuple[Settings, Path]) -> None:
    settings, tmp = zone
    with ZoneRouter(settings) as router:
        router.store("id").refresh_analytics()  # the dashboard's copies hold her too
    before = _everything(settings)
    assert EMAIL not in before and "harga berapa" in before  # redacted, quarantine included
    with ZoneRouter(settings) as router:
        requests = SubjectRequests(settings, router)
        exported = requests.export("id", EMAIL, tmp / "dewi.json", requested_by="ticket 42")
        pseudonyms, _ = subject_keys(EMAIL, requests.secrets.pseudonymizer("id").pseudonym)
        marks = ", ".join("?" * len(pseudonyms))
        facts = f"SELECT count(*) FROM voice_facts WHERE person IN ({marks})"
        assert read_sql(router.store("id"), facts, list(pseudonyms))[0][0] > 0
        deleted = requests.erase("id", EMAIL, requested_by="ticket 42")
        deleted_phone = requests.erase("id", PHONE, requested_by="ticket 42")
        assert read_sql(router.store("id"), facts, list(pseudonyms))[0][0] == 0
    document = json.loads((tmp / "dewi.json").read_text("utf-8"))
    assert len(document["voices"]) == len(exported.voices) == 2
    [row] = document["quarantined_rows"]
    assert row["zone"] == "id" and EMAIL not in row["raw"] and "[EMAIL:p_" in row["raw"]
    assert deleted["voices"] == 2 and deleted["quarantine"] == 1
    assert deleted["voice_annotations"] == 2
    assert deleted_phone["voices"] == 1  # the review naming her number
    after = _everything(settings)
    for trace in [EMAIL, "dewi", "0812", "81234567890", *pseudonyms]:
        assert trace not in after.casefold(), trace
    assert "harga berapa" in after and "Lumayan adem" in after  # other people stay
    events = AuditLog(settings.data_dir).entries()
    assert [e["event"] for e in events] == ["subject_export", "subject_erase", "subject_erase"]
    assert EMAIL not in json.dumps(events)  # the log does not keep what was erased
    assert AuditLog(settings.data_dir).verify().ok


def test_purge_by_retention(zone: tuple[Settings, Path]) -> None:
    settings, _ = zone
    with ZoneRouter(settings) as router:
        requests = SubjectRequests(settings, router)
        now = datetime(2026, 10, 5, tzinfo=UTC)  # after the reviews, before mail and chat
        dry = requests.purge(now=now + timedelta(days=30), dry_run=True)
        assert dry == {"id": {"voices": 2, "orders": 0, "quarantine": 0}}
        assert len(router.store("id").voices()) == 5
        done = requests.purge(now=now + timedelta(days=30))
        assert done == dry
        assert {v.channel for v in router.store("id").voices()} == {"email", "live_comment"}
    assert [e["event"] for e in AuditLog(settings.data_dir).entries()] == ["retention_purge"]


def test_cli_export_erase_purge(zone: tuple[Settings, Path]) -> None:
    settings, tmp = zone
    config = tmp / "chuhai.toml"
    config.write_text(
        f'data_dir = "{settings.data_dir}"\nmarkets = ["ID", "TH"]\n'
        "[compliance.retention_days]\nID = 3650\n"
        + "".join(
            f'[zones.{name}]\nmarkets = ["{name.upper()}"]\nstore = "{zone.store}"\n'
            for name, zone in settings.zones.items()
        ),
        encoding="utf-8",
    )
    runner = CliRunner()
    base = ["-c", str(config), "privacy"]
    out = tmp / "export.json"
    exported = runner.invoke(
        app, [*base, "export", "--subject", EMAIL, "-m", "ID", "-o", str(out), "--json"]
    )
    assert exported.exit_code == 0, exported.stderr
    assert json.loads(exported.stdout)["voices"] == 2
    again = runner.invoke(app, [*base, "export", "--subject", EMAIL, "-m", "ID", "-o", str(out)])
    assert again.exit_code == 2 and "exists" in again.stderr
    erased = runner.invoke(
        app, [*base, "erase", "--subject", EMAIL, "--zone", "id", "--yes", "--json"]
    )
    assert erased.exit_code == 0 and json.loads(erased.stdout)["deleted"]["voices"] == 2
    nowhere = runner.invoke(app, [*base, "erase", "--subject", EMAIL, "--yes"])
    assert nowhere.exit_code == 2 and "--zone or --market" in nowhere.stderr
    purge = runner.invoke(app, [*base, "purge", "--dry-run", "--json"])
    assert purge.exit_code == 0 and json.loads(purge.stdout)["dry_run"] is True


INTAKE_ROWS = (
    "id,time,market,sku,author,rating,text\n"
    f'q1,2026-10-03 14:22:10,Narnia,FN-300,dewi_l,4,"wa aku {PHONE} ya"\n'
    f'q2,2026-10-03 14:22:10,ID,FN-300,dewi_l,lots,"wa aku {PHONE} ya"\n'
    'q3,2026-10-03 14:22:10,Narnia,FN-300,budi,4,"harga berapa"\n'
)


@pytest.fixture
def intake(tmp_path: Path) -> Settings:
    """A row of unknown market (kept in the intake store) and a bad row of ID, both hers."""
    (tmp_path / "reviews.csv").write_text(INTAKE_ROWS, encoding="utf-8")
    settings = make_settings(
        tmp_path, markets=["ID", "TH"], compliance={"retention_days": {"ID": 30, "TH": 90}}
    )
    with Pipeline(settings) as pipeline:
        report = pipeline.ingest([tmp_path / "reviews.csv"], kind="reviews")
    assert report.totals.quarantined == 3
    return settings


def _intake_raw(settings: Settings) -> list[str]:
    with ZoneRouter(settings) as router:
        return [r.rejection.raw for r in router.store("intake").rejections()]


@pytest.mark.parametrize("subject", [PHONE, "dewi_l"])
def test_requests_on_a_zone_cover_the_intake_quarantine(
    intake: Settings, tmp_path: Path, subject: str
) -> None:
    assert not any(PHONE in raw for raw in _intake_raw(intake))  # stored redacted
    with ZoneRouter(intake) as router:
        requests = SubjectRequests(intake, router)
        requests.export("id", subject, tmp_path / "out.json", requested_by="ticket 7")
        deleted = requests.erase("id", subject, requested_by="ticket 7")
    document = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert sorted(r["zone"] for r in document["quarantined_rows"]) == ["id", "intake"]
    assert PHONE not in json.dumps(document)
    assert deleted["quarantine"] == 1 and deleted["intake_quarantine"] == 1
    assert [raw.split(",")[0] for raw in _intake_raw(intake)] == ["q3"]  # others stay


def test_cli_erase_in_the_intake_zone_alone(intake: Settings, tmp_path: Path) -> None:
    config = tmp_path / "chuhai.toml"
    config.write_text(f'data_dir = "{intake.data_dir}"\nmarkets = ["ID", "TH"]\n', "utf-8")
    base = ["-c", str(config), "privacy", "erase", "--subject", PHONE, "--yes", "--json"]
    erased = CliRunner().invoke(app, [*base, "--zone", "intake"])
    assert erased.exit_code == 0, erased.stderr
    assert json.loads(erased.stdout) == {
        "zone": "intake",
        "deleted": {"voices": 0, "voice_annotations": 0, "voice_aspects": 0,
                    "voice_themes": 0, "orders": 0, "quarantine": 1},
    }  # fmt: skip
    with ZoneRouter(intake) as router:
        assert len(router.store("id").rejections()) == 1  # the zone's own row is untouched
    unknown = CliRunner().invoke(app, [*base, "--zone", "narnia"])
    assert unknown.exit_code == 2 and "intake" in unknown.stderr


@pytest.mark.parametrize(
    ("days_later", "dry_run", "expected"),
    [
        (29, False, {"id": {"voices": 0, "orders": 0, "quarantine": 0}, "intake": {"quarantine": 0}}),
        (31, True, {"id": {"voices": 0, "orders": 0, "quarantine": 1}, "intake": {"quarantine": 2}}),
        (31, False, {"id": {"voices": 0, "orders": 0, "quarantine": 1}, "intake": {"quarantine": 2}}),
    ],
)  # fmt: skip
def test_purge_keeps_intake_rows_no_longer_than_the_shortest_retention(
    intake: Settings, days_later: int, dry_run: bool, expected: dict[str, dict[str, int]]
) -> None:
    now = datetime.now(UTC) + timedelta(days=days_later)
    with ZoneRouter(intake) as router:
        assert SubjectRequests(intake, router).purge(now=now, dry_run=dry_run) == expected
    left = 2 - (0 if dry_run else expected["intake"]["quarantine"])
    assert len(_intake_raw(intake)) == left
    events = AuditLog(intake.data_dir).entries()
    assert [e["zone"] for e in events] == ([] if dry_run else ["id", "intake"])
