"""A live replay's platform events (viewers, gifts, likes, joins, types we do not know) reach
the live journal when the replay is imported, with no user and no text; comments are stored
as before, and a second import adds nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chuhai.connectors import IngestOptions
from chuhai.pipeline import Pipeline
from chuhai.settings import Settings
from tests.conftest import make_settings

EVENTS: list[dict[str, Any]] = [
    {"id": "c1", "type": "comment", "text": "ราคาเท่าไหร่คะ", "user": "nok"},
    {"id": "v1", "type": "viewers", "count": 120, "user": "system"},
    {"id": "g1", "type": "gift", "gift": "rose", "count": 3, "value": 15, "unit": "diamonds",
     "user": "pim"},
    {"id": "l1", "type": "like", "count": 40, "user": "may"},
    {"id": "j1", "type": "join", "user": "may"},
    {"id": "j2", "type": "member", "user": "ann"},  # TikTok's name for a join
    {"id": "x1", "type": "poll_vote", "user": "ann"},  # not ours: counted as unknown
    {"id": "c2", "text": "CF 1 ชิ้นค่ะ", "user": "nok"},
]  # fmt: skip


def _replay(path: Path, copies: int = 1) -> Path:
    lines = []
    for n in range(copies):
        for second, event in enumerate(EVENTS):
            lines.append(
                json.dumps(
                    {
                        **event,
                        "id": f"{event['id']}-{n}",
                        "room": "lumio.th",
                        "session_id": "TH-LIVE-01",
                        "time": f"2026-11-08T20:{n % 60:02d}:{second:02d}+07:00",
                    },
                    ensure_ascii=False,
                )
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _settings(tmp_path: Path, *, parallel: bool) -> Settings:
    pipeline = {"workers": 2, "parallel_min_bytes": 0} if parallel else {"workers": 1}
    return make_settings(tmp_path, pipeline={"enrich": [], **pipeline})


@pytest.mark.parametrize("parallel", [False, True], ids=["in-process", "workers"])
def test_platform_events_reach_the_journal(tmp_path: Path, parallel: bool) -> None:
    path = _replay(tmp_path / "TH-LIVE-01.jsonl", copies=3)
    with Pipeline(_settings(tmp_path, parallel=parallel)) as pipeline:
        first = pipeline.ingest([path], kind="live", options=IngestOptions(market="TH")).files[0]
        again = pipeline.ingest([path], kind="live", options=IngestOptions(market="TH")).files[0]
        store = pipeline.router.store("th")
        journal = store.journal(session_id="TH-LIVE-01")
        comments = store.voices()
    assert (first.counts.accepted, first.counts.skipped) == (6, 18)
    assert again.counts.accepted == 0
    assert len(comments) == 6
    assert len(journal) == 18  # once, though imported twice
    kinds: dict[str, list[tuple[int, float]]] = {}
    for entry in journal:
        kinds.setdefault(entry.kind, []).append((entry.count, entry.value))
        assert (entry.room, entry.market, entry.zone, entry.actor) == ("lumio.th", "TH", "th",
                                                                       "system")  # fmt: skip
        assert "nok" not in entry.model_dump_json() and "pim" not in entry.model_dump_json()
    assert kinds == {
        "viewers": [(120, 0.0)] * 3,
        "gift": [(3, 15.0)] * 3,
        "like": [(40, 0.0)] * 3,
        "join": [(1, 0.0)] * 6,
        "unknown": [(1, 0.0)] * 3,
    }
    gift = next(e for e in journal if e.kind == "gift")
    assert gift.detail == {"gift": "rose", "unit": "diamonds"}
    unknown = next(e for e in journal if e.kind == "unknown")
    assert unknown.detail == {"raw_type": "poll_vote"}


def test_the_live_hub_reading_events_keeps_no_journal_in_the_connector(tmp_path: Path) -> None:
    """The copilot's event reader uses the same connector row by row: nothing piles up."""
    from chuhai.live.events import EventReader

    reader = EventReader(_settings(tmp_path, parallel=False), {"lumio.th": "TH"})
    for event in EVENTS:
        reader.read({**event, "room": "lumio.th", "time": "2026-11-08T20:00:00+07:00"})
    assert reader._connector.take_journal() == []
