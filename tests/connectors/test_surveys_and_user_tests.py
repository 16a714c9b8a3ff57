from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from chuhai.records import Rejection, Voice
from tests.conftest import FIXTURES, Ingest

Voices = Callable[[str], list[Voice]]
Rejections = Callable[[str | None], list[Rejection]]


def test_survey_gives_one_voice_per_answered_question(
    ingest: Ingest, voices: Voices, rejections: Rejections
) -> None:
    report = ingest(FIXTURES / "surveys/survey.csv", "surveys")
    assert (report.counts.accepted, report.counts.quarantined) == (4, 1)
    id_answers = voices("id")
    assert [(v.metadata["question"], v.text) for v in id_answers] == [
        ("liked_most", "Baterainya awet."),
        ("to_improve", "Pengiriman lebih cepat."),
    ]
    assert {v.conversation_id for v in id_answers} == {"S1"}  # one response, two answers
    assert all((v.rating, v.rating_max, v.channel.value) == (9, 10, "survey") for v in id_answers)
    assert [v.text for v in voices("us")] == ["Easy to carry."]
    th = voices("th")
    assert [(v.text, v.rating) for v in th] == [("", 8)]  # a score with no words still counts
    assert [r.reason for r in rejections("th")] == ["rating 11 is above the scale maximum 10"]


def test_user_test_notes_in_utf8(ingest: Ingest, voices: Voices, rejections: Rejections) -> None:
    report = ingest(FIXTURES / "user-tests/notes.csv", "user-tests")
    assert (report.counts.accepted, report.counts.quarantined) == (2, 1)
    notes = sorted(voices("th"), key=lambda v: v.source.source_id or "")
    assert [(v.language, v.metadata["task"], v.metadata["severity"]) for v in notes] == [
        ("zh", "开箱", "high"),
        ("zh", "佩戴", "medium"),
    ]
    assert [r.reason for r in rejections("id")] == ["no text in 'note' and no rating"]


def test_user_test_notes_saved_by_excel_in_gbk(
    tmp_path: Path, ingest: Ingest, voices: Voices
) -> None:
    path = tmp_path / "notes-gbk.csv"
    path.write_bytes((FIXTURES / "user-tests/notes.csv").read_text(encoding="utf-8").encode("gbk"))
    report = ingest(path, "user-tests")
    assert report.counts.accepted == 2
    assert report.warnings == [
        "3 line(s) decoded as gb18030 (guessed; pass --encoding to override)"
    ]
    assert {v.text for v in voices("th")} == {
        "参与者找不到风扇的开关，按了三次才开机。",
        "佩戴20分钟后说脖子有点累。",
    }


def test_forced_encoding_is_used_and_not_guessed(
    tmp_path: Path, ingest: Ingest, voices: Voices
) -> None:
    path = tmp_path / "notes-gbk.csv"
    path.write_bytes((FIXTURES / "user-tests/notes.csv").read_text(encoding="utf-8").encode("gbk"))
    report = ingest(path, "user-tests", encoding="gbk")
    assert report.counts.accepted == 2
    assert report.warnings == ["4 line(s) decoded as gbk"]
    assert {v.text for v in voices("th")} == {
        "参与者找不到风扇的开关，按了三次才开机。",
        "佩戴20分钟后说脖子有点累。",
    }
