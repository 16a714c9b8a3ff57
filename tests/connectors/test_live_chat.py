from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from chuhai.pipeline import LiveFeed, Pipeline
from chuhai.records import Rejection, Voice
from tests.conftest import FIXTURES, Ingest

Voices = Callable[[str], list[Voice]]
Rejections = Callable[[str | None], list[Rejection]]


def test_replay_file(ingest: Ingest, voices: Voices, rejections: Rejections) -> None:
    report = ingest(FIXTURES / "live/chat.jsonl", "live", market="TH")
    assert (report.counts.accepted, report.counts.skipped, report.counts.quarantined) == (3, 2, 2)
    assert report.skip_reasons == {
        "type = 'gift' is not kept by mapping live-jsonl": 1,
        "type = 'like' is not kept by mapping live-jsonl": 1,
    }
    comments = voices("th")
    assert [v.text for v in comments] == ["ราคาเท่าไหร่คะ", "CF 1 ชิ้นค่ะ 🔥", "มีสีขาวไหมคะ"]
    assert comments[1].time == datetime(2026, 11, 8, 13, 0, 10, tzinfo=UTC)  # epoch seconds
    assert {v.conversation_id for v in comments} == {"TH-LIVE-01"}
    assert comments[0].metadata == {"room": "lumio.th"}
    assert comments[0].author == comments[1].author != comments[2].author
    assert [(r.line, r.reason.split(":")[0]) for r in rejections("th")] == [
        (4, "no text in 'text' and no rating"),
        (5, "not JSON"),
    ]


def test_market_comes_from_the_stored_session_of_the_room(
    ingest: Ingest, voices: Voices, rejections: Rejections
) -> None:
    ingest(FIXTURES / "sessions/sessions.csv", "sessions")
    report = ingest(FIXTURES / "live/chat.jsonl", "live")  # no --market
    assert report.counts.accepted == 3
    assert len(voices("th")) == 3
    # the truncated line has no readable room: it waits in the intake store
    assert [r.line for r in rejections("intake")] == [5]


def test_push_api(pipeline: Pipeline, voices: Voices) -> None:
    with LiveFeed(pipeline, market="TH", flush_every=2) as feed:
        event = {"room": "r1", "time": "2026-11-08T20:00:05+07:00", "user": "nok", "text": "กี่บาทคะ"}
        assert feed.push(event).status == "queued"
        assert feed.push({**event, "type": "gift"}).status == "skipped"
        bad = feed.push({"room": "r1", "user": "x", "text": "no time"})
        assert (bad.status, bad.reason) == ("quarantined", "time: missing time")
        assert feed.push(event).status == "queued"  # same content: a duplicate at flush
    assert feed.counts.accepted == 1
    assert feed.counts.duplicates == 1
    assert feed.counts.quarantined == 1
    assert feed.counts.skipped == 1
    assert [v.text for v in voices("th")] == ["กี่บาทคะ"]
