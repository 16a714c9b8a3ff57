"""The residency guard, property-based: over random records, zones, transfer bases and
readers, no raw text or identifier of a market is ever readable from elsewhere without a
recorded basis, and aggregates never carry text, pseudonyms or groups of fewer than k."""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chuhai.errors import InputError, ResidencyError
from chuhai.governance.guard import ResidencyGuard
from chuhai.privacy.audit import AuditLog
from chuhai.records import Channel, SourceRef, Voice
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from tests.conftest import make_settings

MARKETS = ["US", "ID", "TH", "DE", "FR"]
READERS = ["CN", "US", "ID", "TH", "DE", "FR", "SG"]
ZONES = {"us": ["US"], "id": ["ID"], "th": ["TH"], "eu": ["DE", "FR"]}


def _settings(root: Path, bases: list[tuple[str, str]], k: int = 3) -> Settings:
    return make_settings(
        root,
        markets=MARKETS,
        zones={"eu": {"markets": ["DE", "FR"]}},
        compliance={
            "transfers": [{"from": m, "to": r, "mechanism": "scc"} for m, r in bases],
            "k_anonymity": k,
        },
    )


def _voice(market: str, n: int, author: int, settings: Settings) -> Voice:
    return Voice(
        id=f"{market}-{n}",
        channel=Channel.REVIEW,
        market=market,
        zone=settings.zone_of(market),
        time=datetime(2026, 10, 1, tzinfo=UTC) + timedelta(hours=n),
        author=f"p_{market.lower()}{author:022d}",
        text=f"secret-{market}-{n} great lamp",
        rating=5,
        source=SourceRef(system="test"),
    )


records = st.lists(st.tuples(st.sampled_from(MARKETS), st.integers(0, 6)), min_size=1, max_size=40)
bases = st.lists(st.tuples(st.sampled_from(MARKETS), st.sampled_from(READERS)), max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=records,
    routes=bases,
    reader=st.sampled_from(READERS),
    zone=st.sampled_from(list(ZONES)),
)
def test_raw_data_leaves_a_zone_only_with_a_basis(
    records: list[tuple[str, int]], routes: list[tuple[str, str]], reader: str, zone: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        config = _settings(Path(tmp), routes)
        with ZoneRouter(config) as router:
            by_zone: dict[str, list[Voice]] = {}
            for n, (market, author) in enumerate(records):
                voice = _voice(market, n, author, config)
                by_zone.setdefault(voice.zone, []).append(voice)
            for name, voices in by_zone.items():
                router.store(name).add_voices(voices)
            guard = ResidencyGuard(config, router)
            inside = all(m == reader or {m, reader} <= {"DE", "FR"} for m in ZONES[zone])
            covered = all(
                (m, reader) in routes or m == reader or {m, reader} <= {"DE", "FR"}
                for m in ZONES[zone]
            )
            secrets_elsewhere = {
                v.text.split()[0] for name, vs in by_zone.items() if name != zone for v in vs
            }
            try:
                got = guard.voices(zone, reader, purpose="test")
            except ResidencyError:
                assert not covered
                got = None
            if got is not None:
                assert covered
                assert {v.market for v in got} <= set(ZONES[zone])  # never another zone's data
                assert not {v.text.split()[0] for v in got} & secrets_elsewhere
            result = guard.aggregate(zone, reader, ["market", "channel"], purpose="test")
            dumped = json.dumps(result.rows)
            assert "secret-" not in dumped and "p_" not in dumped
            assert all(row["people"] >= 3 for row in result.rows)
            log = AuditLog(config.data_dir).entries()
            if inside:
                assert log == []
            else:
                assert log and log[0]["event"] == ("cross_zone_read" if covered else "refused")
                assert all(e["zone"] == zone and e["reader"] == reader for e in log)
            assert AuditLog(config.data_dir).verify().ok


def test_eu_zone_is_one_jurisdiction_and_unknown_zones_are_refused(tmp_path: Path) -> None:
    config = _settings(tmp_path, [])
    with ZoneRouter(config) as router:
        router.store("eu").add_voices([_voice("FR", 1, 1, config)])
        guard = ResidencyGuard(config, router)
        assert guard.access("eu", "DE").local
        assert not guard.access("eu", "CN").allowed
        assert "DE, FR -> CN" in guard.access("eu", "CN").reason
        with pytest.raises(InputError, match="unknown zone 'mars'"):
            guard.access("mars", "CN")


def test_export_writes_only_where_allowed(tmp_path: Path) -> None:
    config = _settings(tmp_path, [("TH", "CN")])
    with ZoneRouter(config) as router:
        router.store("th").add_voices([_voice("TH", 1, 1, config)])
        router.store("us").add_voices([_voice("US", 2, 1, config)])
        guard = ResidencyGuard(config, router)
        assert guard.export("th", "CN", tmp_path / "th.jsonl", purpose="report") == 1
        with pytest.raises(ResidencyError, match="no transfer basis recorded for US -> CN"):
            guard.export("us", "CN", tmp_path / "us.jsonl", purpose="report")
    assert not (tmp_path / "us.jsonl").exists()
    events = [e["event"] for e in AuditLog(config.data_dir).entries()]
    assert events == ["export", "refused"]


@pytest.mark.parametrize(
    ("others", "shown", "suppressed"),
    [
        # one person's e-mail; shown reviews would give it away (all voices minus reviews)
        ({Channel.EMAIL: [77]}, [], 2),
        # e-mails of two people and surveys of two others: four people together, so the
        # reviews may be shown; neither small group is
        ({Channel.EMAIL: [77, 78], Channel.SURVEY: [80, 81]}, [("review", 8, 4)], 2),
        # a survey of three people is shown; then one e-mail alone would be reviews + surveys
        # short of the total: the smaller of those is hidden with it
        ({Channel.EMAIL: [77], Channel.SURVEY: [80, 81, 82]}, [("review", 8, 4)], 2),
    ],
)
def test_aggregates_hide_small_groups_and_what_would_give_them_away(
    tmp_path: Path,
    others: dict[Channel, list[int]],
    shown: list[tuple[str, int, int]],
    suppressed: int,
) -> None:
    config = _settings(tmp_path, [], k=3)
    with ZoneRouter(config) as router:
        voices = [_voice("ID", n, n % 4, config) for n in range(8)]  # 4 people
        for channel, authors in others.items():
            voices += [
                _voice("ID", 100 + a, a, config).model_copy(update={"channel": channel})
                for a in authors
            ]
        router.store("id").add_voices(voices)
        result = ResidencyGuard(config, router).aggregate("id", "CN", ["channel"], purpose="t")
    assert [(r["channel"], r["voices"], r["people"]) for r in result.rows] == shown
    # five-star ratings: a star mean, and no 0-10 score
    assert all((r["mean_stars"], r["mean_score_10"]) == (5.0, None) for r in result.rows)
    assert result.suppressed_groups == suppressed


@pytest.mark.parametrize(
    ("by", "message"),
    [(["text"], "cannot group by"), (["market", "channel", "sku", "intent"], "at most 3")],
)
def test_aggregates_refuse_what_they_cannot_release(
    tmp_path: Path, by: list[str], message: str
) -> None:
    config = _settings(tmp_path, [], k=3)
    with pytest.raises(InputError, match=message), ZoneRouter(config) as router:
        ResidencyGuard(config, router).aggregate("id", "CN", by, purpose="t")
