"""E-mail: .eml files, mbox archives, HTML bodies, reply and signature stripping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chuhai.connectors.email_text import html_to_text, strip_reply
from chuhai.records import Rejection, Voice, stable_id
from tests.conftest import FIXTURES, Ingest

Voices = Callable[[str], list[Voice]]
Rejections = Callable[[str | None], list[Rejection]]


def test_plain_eml_goes_to_the_mailbox_market(ingest: Ingest, voices: Voices) -> None:
    report = ingest(FIXTURES / "email/plain.eml")
    assert report.kind == "email" and report.counts.accepted == 1
    [mail] = voices("id")
    assert mail.text == (
        "Pesanan #123456 belum sampai\n\n"
        "Halo kak,\n\nPesanan saya belum sampai juga, resinya tidak update dari tanggal 3.\nTolong dicek ya."
    )
    assert mail.language == "id"
    assert mail.time == datetime(2026, 10, 6, 3, 15, tzinfo=UTC)
    # a Message-ID is written like an address: kept as the zone's pseudonym of it
    assert mail.source.source_id and mail.source.source_id.startswith("[EMAIL:p_")
    assert mail.conversation_id == stable_id("thread", "first-001@mail.example")
    assert mail.metadata == {
        "subject": "Pesanan #123456 belum sampai",
        "attachments": 0,
        "is_reply": True,
        "pii": "EMAIL=1",  # the Message-ID
    }
    assert mail.author and mail.author.startswith("p_") and "budi" not in mail.author


def test_html_mail_becomes_text_without_quotes_scripts_or_signature(
    ingest: Ingest, voices: Voices
) -> None:
    ingest(FIXTURES / "email/html_reply.eml")
    [mail] = voices("us")
    assert mail.text == (
        "Neck fan stopped charging\n\nHi,\n\nMy fan won't charge anymore & the light blinks red.\nOrder #445566."
    )


def test_mbox_skips_staff_and_quarantines_a_message_without_sender(
    ingest: Ingest, voices: Voices, rejections: Rejections
) -> None:
    report = ingest(FIXTURES / "email/support.mbox")
    assert (report.counts.accepted, report.counts.skipped, report.counts.quarantined) == (2, 1, 1)
    assert report.skip_reasons == {"sent by the brand's own staff": 1}
    first, second = voices("us")
    assert first.text == (
        "Where is my order?\n\nMy order hasn't arrived yet.\nFrom what I can see the tracking is stuck."
    )
    assert second.text == "Where is my order?\n\nThanks, still waiting though."
    assert first.author == second.author
    assert second.conversation_id == stable_id("thread", "m2@lumio.example")
    [rejected] = rejections(None)
    assert (rejected.locator, rejected.line) == ("message 3", 23)
    assert rejected.reason == "no sender address (From header); not an e-mail?"


def test_a_mail_to_no_known_mailbox_needs_a_market(
    tmp_path: Path, ingest: Ingest, voices: Voices
) -> None:
    text = (FIXTURES / "email/plain.eml").read_text(encoding="utf-8").replace("cs-id@", "hello@")
    path = tmp_path / "other.eml"
    path.write_text(text, encoding="utf-8")
    assert ingest(path).counts.quarantined == 1
    assert ingest(path, market="TH").counts.accepted == 1
    assert len(voices("th")) == 1


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        (
            "Thanks!\n\nOn Mon, Oct 5, 2026 at 9:00 AM Support <s@x.example> wrote:\n> earlier",
            "Thanks!",
        ),
        (
            "Thanks!\n\nOn Mon, Oct 5, 2026 at 9:00 AM Support <\ns@x.example> wrote:\n> earlier",
            "Thanks!",
        ),
        ("Oke kak\n\nPada Sen, 5 Okt 2026 09.00 Tim <t@x.example> menulis:\n> lama", "Oke kak"),
        ("ได้ค่ะ\n\nเมื่อ 5 ต.ค. 2026 Lumio <t@x.example> เขียนว่า:\n> เก่า", "ได้ค่ะ"),
        ("好的\n\n在 2026年10月5日 客服 <t@x.example> 写道：\n> 旧", "好的"),
        ("Vâng\n\nVào 5 thg 10, 2026 CSKH <t@x.example> đã viết:\n> cũ", "Vâng"),
        ("Gracias\n\nEl lun, 5 oct 2026 Soporte <t@x.example> escribió:\n> antes", "Gracias"),
        (
            "Obrigado\n\nEm seg., 5 de out. de 2026 Suporte <t@x.example> escreveu:\n> antes",
            "Obrigado",
        ),
        ("Ok\n\n-----Original Message-----\nFrom: x", "Ok"),
        ("Ok\n\nFrom: Support <s@x.example>\nSent: Monday\nTo: me\nSubject: Re", "Ok"),
        ("See below\n\n---------- Forwarded message ---------\nFrom: shop", "See below"),
        ("Bye\n-- \nMia\n+1 555", "Bye"),
        ("Bye\n\nSent from my iPhone", "Bye"),
        ("Sip\n\nDikirim dari iPhone saya", "Sip"),
        ("line\n> quoted\nmore", "line\nmore"),
        ("From my point of view the fan is great.", "From my point of view the fan is great."),
    ],
)
def test_strip_reply(body: str, kept: str) -> None:
    assert strip_reply(body) == kept


def test_html_to_text_keeps_structure() -> None:
    html = (
        "<ul><li>One</li><li>Two &amp; three</li></ul><table><tr><td>a</td><td>b</td></tr></table>"
    )
    assert html_to_text(html) == "One\n\nTwo & three\n\na b"


def test_an_oversized_message_is_quarantined_without_holding_it(
    tmp_path: Path, ingest: Ingest, monkeypatch: pytest.MonkeyPatch, rejections: Rejections
) -> None:
    monkeypatch.setattr("chuhai.connectors.email._MAX_MESSAGE_BYTES", 2000)
    mbox = (FIXTURES / "email/support.mbox").read_bytes()
    big = mbox.replace(b"Thanks, still waiting though.", b"Thanks. " + b"x" * 5000)
    path = tmp_path / "big.mbox"
    path.write_bytes(big)
    report = ingest(path)
    assert (report.counts.accepted, report.counts.quarantined) == (1, 2)
    [oversized] = [r for r in rejections(None) if "over the limit" in r.reason]
    assert oversized.locator == "message 4"
    assert len(oversized.raw) < 4100
