"""Call transcripts: customer turns become voices, agent turns are skipped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chuhai.records import Rejection, Voice, stable_id
from tests.conftest import FIXTURES, Ingest

Voices = Callable[[str], list[Voice]]
Rejections = Callable[[str | None], list[Rejection]]


def test_webvtt_with_voice_tags_and_note_metadata(
    ingest: Ingest, voices: Voices, rejections: Rejections
) -> None:
    report = ingest(FIXTURES / "calls/call.vtt")
    assert report.kind == "calls"
    assert (report.counts.accepted, report.counts.skipped, report.counts.quarantined) == (2, 2, 1)
    first, second = voices("us")
    # cues 2 and 3 are one customer turn
    assert first.text == "Hi, my neck fan only lasts two hours now. It used to last six."
    assert first.time == datetime(2026, 10, 3, 14, 15, 3, 500000, tzinfo=UTC)
    assert second.text == "Great, thank you!"
    assert (first.sku, first.channel.value, first.conversation_id) == (
        "FN-300",
        "call",
        stable_id("call", "US-C1"),
    )
    assert first.metadata == {"turn": 2, "offset_seconds": 3.5, "speaker_role": "customer"}
    assert first.author == second.author  # the customer's phone number, pseudonymised
    assert "415" not in str(first.model_dump())
    [rejected] = rejections("us")
    assert (rejected.line, rejected.reason) == (26, "malformed cue timing")  # the timing line


def test_srt_with_sidecar_metadata(ingest: Ingest, voices: Voices) -> None:
    report = ingest(FIXTURES / "calls/call.srt")
    assert (report.counts.accepted, report.counts.skipped) == (2, 2)
    texts = [v.text for v in voices("id")]
    assert texts == ["Kipas saya tidak mau menyala.", "Oke, makasih."]
    assert voices("id")[0].time == datetime(2026, 10, 4, 7, 0, 3, 500000, tzinfo=UTC)


def test_text_transcript_with_header_and_continuation_lines(ingest: Ingest, voices: Voices) -> None:
    report = ingest(FIXTURES / "calls/call.txt", "calls")
    assert (report.counts.accepted, report.counts.skipped) == (2, 2)
    first, second = voices("th")
    assert first.text == "สั่งโคมไฟไปแต่ได้สีผิดค่ะ สั่งสีขาวแต่ได้สีดำ"
    assert first.time == datetime(2026, 10, 5, 4, 0, 5, tzinfo=UTC)
    assert second.text == "ขอบคุณมากค่ะ"


def test_unlabelled_speakers_reject_the_file_with_advice(
    ingest: Ingest, rejections: Rejections
) -> None:
    report = ingest(FIXTURES / "calls/unlabelled.txt", "calls", market="US")
    assert report.status == "rejected"
    assert "name the agents" in (report.rejection_reason or "")
    assert len(rejections("us")) == 1


def test_named_agents_in_the_header_tell_the_roles_apart(
    tmp_path: Path, ingest: Ingest, voices: Voices
) -> None:
    path = tmp_path / "named.txt"
    path.write_text(
        "# started: 2026-10-05T11:00:00-05:00\n# agents: Maria\nMaria: Hello?\nJose: My fan is broken.\n",
        encoding="utf-8",
    )
    assert ingest(path, "calls", market="US").counts.accepted == 1
    assert [v.text for v in voices("us")] == ["My fan is broken."]


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("客服小王", "agent"),
        ("CS Budi", "agent"),
        ("Marcus", "customer"),
        ("Khách hàng", "customer"),
    ],
)
def test_speaker_markers(
    tmp_path: Path, ingest: Ingest, voices: Voices, label: str, role: str
) -> None:
    other = "Customer" if role == "agent" else "Agent"
    path = tmp_path / "call.txt"
    path.write_text(
        f"# started: 2026-10-05T11:00:00Z\n{label}: first line\n{other}: second line\n",
        encoding="utf-8",
    )
    ingest(path, "calls", market="US")
    said = [v.text for v in voices("us")]
    assert said == (["second line"] if role == "agent" else ["first line"])


def test_missing_start_time_falls_back_to_file_time_with_a_warning(
    tmp_path: Path, ingest: Ingest
) -> None:
    path = tmp_path / "nostart.txt"
    path.write_text("Agent: hi\nCustomer: hello\n", encoding="utf-8")
    report = ingest(path, "calls", market="US")
    assert report.counts.accepted == 1
    assert report.warnings == ["no call start time; using the file's modification time"]


def test_reimport_of_calls_adds_nothing(ingest: Ingest) -> None:
    ingest(FIXTURES / "calls/call.vtt")
    again = ingest(FIXTURES / "calls/call.vtt")
    assert (again.counts.accepted, again.counts.duplicates) == (0, 2)
