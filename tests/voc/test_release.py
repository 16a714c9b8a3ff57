"""Aggregates leaving a zone survive differencing, end to end: over random zones read from a
country without a transfer basis, every group that ``chuhai aggregate`` (every grouping of
one or two keys, and the grand total) and the VOC measures (every scope a reader may ask for,
every breakdown, aspect and theme) show is collected, and for every shown group and every
finer grouping shown, what a reader derives by subtracting (the group minus its shown
sub-groups) is nothing, or describes at least k people."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chuhai.api import create_app
from chuhai.cli import app
from chuhai.errors import InputError
from chuhai.governance.guard import ResidencyGuard
from chuhai.records.theme import Theme
from chuhai.settings import Settings, load_settings
from chuhai.store import ZoneRouter
from chuhai.store.personal import AGGREGATE_KEYS
from chuhai.store.themes import assignments_table
from chuhai.voc.release import FILTERS
from chuhai.voc.scope import Scope
from chuhai.voc.service import VocService
from chuhai.voc.trends import week_label
from tests.store.sql import read_sql
from tests.voc.factory import MONDAY, annotated

K = 3
Cell = frozenset[tuple[str, str | None]]


def _settings(root: Path, k: int = K) -> Settings:
    return load_settings(
        data_dir=root,
        markets=["DE", "FR"],
        zones={"eu": {"markets": ["DE", "FR"]}},
        compliance={"headquarters": "CN", "k_anonymity": k},
    )


def _zone(settings: Settings, seed: int) -> list[dict[str, Any]]:
    """Random voices in the EU zone (few people, skewed, so that many groups are small);
    returns each voice's dimensions as the measures see them."""
    rng = random.Random(seed)
    people = [f"p{n}" for n in range(16)]
    weights = [8, 6, 5, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1]
    truth, voices, members = [], [], []
    for n in range(rng.randint(45, 70)):
        d: dict[str, Any] = {
            "market": rng.choice(["DE", "DE", "FR"]),
            "channel": rng.choice(["review", "review", "email", "survey", "live_comment"]),
            "sku": rng.choice(["PB-400", "PB-400", "FN-300", None]),
            "language": rng.choice(["de", "de", "fr", "en"]),
            "sentiment": rng.choice(["pos", "neg", "neg", "neu"]),
            "emotion": rng.choice(["joy", "anger", "anger", "trust"]),
            "intent": rng.choice(["praise", "complaint_product", "complaint_product", "refund"]),
            "stars": rng.choice([None, "1", "4", "5", "5"]),
            "person": rng.choices(people, weights)[0],
        }
        when = MONDAY + timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 12))
        d["week"] = (when.date() - timedelta(days=when.weekday())).isoformat()
        d["month"] = when.strftime("%Y-%m")
        d["aspect"] = sorted({f"{a}|{rng.choice(['pos', 'neg'])}" for a in ("battery", "price")
                              if rng.random() < 0.5})  # fmt: skip
        d["theme"] = [t for t in ("t1", "t2") if rng.random() < 0.45]
        vid = f"v{n}"
        voices.append(annotated(
            vid, market=d["market"], zone="eu", when=when, channel=d["channel"], sku=d["sku"],
            language=d["language"], sentiment=d["sentiment"], emotion=d["emotion"],
            intent=d["intent"], author=d["person"],
            aspects=[tuple(a.split("|")) for a in d["aspect"]],
            rating=int(d["stars"]) if d["stars"] else None, rating_max=5 if d["stars"] else None,
        ))  # fmt: skip
        members += [(vid, t, d["market"], 1.0) for t in d["theme"]]
        truth.append(d)
    themes = [Theme(id=t, zone="eu", kind="seeded", name=t, seeds=[t]) for t in ("t1", "t2")]
    with ZoneRouter(settings) as router:
        store = router.store("eu")
        store.add_voices(voices)
        store.save_themes(themes, assignments_table("eu", members))
    return truth


@dataclass
class Shown:
    """Every group a reader outside the zone was shown: universe -> cell -> (voices, people)."""

    cells: dict[str, dict[Cell, tuple[int, int | None]]] = field(default_factory=dict)

    def add(
        self, universe: str, cell: dict[str, str | None], voices: int, people: int | None
    ) -> None:
        seen = self.cells.setdefault(universe, {})
        key = frozenset(cell.items())
        if key in seen:  # the same group is the same everywhere
            assert seen[key][0] == voices, (universe, cell)
            people = people if people is not None else seen[key][1]
        seen[key] = (voices, people)


def _rows(universe: str, truth: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What one universe counts: voices, aspect mentions or theme memberships."""
    if universe == "voices":
        return truth
    return [d | {universe[:-1]: value} for d in truth for value in d[universe[:-1]]]


def _collect(settings: Settings, truth: list[dict[str, Any]]) -> Shown:
    shown = Shown()
    with ZoneRouter(settings) as router:
        guard = ResidencyGuard(settings, router)
        for size in (0, 1, 2):
            for by in combinations(AGGREGATE_KEYS, size):
                result = guard.aggregate("eu", "CN", list(by), purpose="probe")
                for row in result.rows:
                    shown.add("voices", {k: row[k] for k in by}, row["voices"], row["people"])
    scopes: list[tuple[dict[str, str | None], dict[str, Any]]] = []
    for market in ("DE", "FR"):
        mine = [d for d in truth if d["market"] == market]
        scopes.append(({"market": market}, {}))
        for name in FILTERS:
            for value in sorted({d[name] for d in mine if d[name] is not None}):
                scopes.append(({"market": market, name: value}, {name: value}))
        for month in sorted({d["month"] for d in mine}):
            scopes.append(({"market": market, "month": month}, {"period": month}))
        for week in sorted({d["week"] for d in mine}):
            label = week_label(MONDAY.date().fromisoformat(week))
            scopes.append(({"market": market, "week": week}, {"period": label}))
    with VocService(settings, reader="CN") as voc:
        for cell, filters in scopes:
            summary = voc.summary(Scope.build(market=str(cell["market"]), **filters))
            assert summary is not None
            if summary.hidden:
                dumped = summary.as_dict()
                assert dumped["people"] is None and dumped["volume"] is None
                continue
            total = summary.total
            shown.add("voices", dict(cell), total.voices, total.people)
            for name, breakdown in summary.breakdowns.items():
                for r in breakdown.rows:
                    value = None if r.key == "-" else r.key
                    shown.add("voices", cell | {name: value}, r.voices, r.people)
            for a in summary.aspects:
                for polarity in ("pos", "neu", "neg"):
                    if a[polarity]:
                        shown.add("aspects", cell | {"aspect": f"{a['aspect']}|{polarity}"},
                                  a[polarity], None)  # fmt: skip
            for r in summary.themes.rows:
                shown.add("themes", cell | {"theme": r.key}, r.voices, r.people)
    return shown


def _differences(shown: Shown, truth: list[dict[str, Any]], k: int) -> int:
    """Check every (shown group, finer grouping) pair; returns how many were checked."""
    checked = 0
    for universe, cells in shown.cells.items():
        rows = _rows(universe, truth)
        groupings: dict[frozenset[str], list[Cell]] = {}
        for cell in cells:
            groupings.setdefault(frozenset(d for d, _ in cell), []).append(cell)
        for coarse, parents in groupings.items():
            for fine, children in groupings.items():
                if not coarse < fine:
                    continue
                for parent in parents:
                    inside = [r for r in rows if all(r[d] == v for d, v in parent)]
                    kids = [c for c in children if parent <= c]
                    left = [
                        r for r in inside if not any(all(r[d] == v for d, v in c) for c in kids)
                    ]
                    derived = cells[parent][0] - sum(cells[c][0] for c in kids)
                    assert derived == len(left), (universe, sorted(parent), sorted(fine))
                    people = {r["person"] for r in left}
                    assert derived == 0 or len(people) >= k, (
                        f"{universe}: {sorted(parent)} minus its shown groups by {sorted(fine)} "
                        f"leaves {derived} voice(s) of {len(people)} people"
                    )
                    checked += 1
    return checked


@pytest.mark.parametrize("seed", [11])
def test_no_hidden_group_is_derivable_from_what_leaves_the_zone(tmp_path: Path, seed: int) -> None:
    settings = _settings(tmp_path / "data")
    truth = _zone(settings, seed)
    shown = _collect(settings, truth)
    assert _differences(shown, truth, K) > 500


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[Settings]:
    """A random zone, and one person's review of a product nobody else mentions."""
    configured = _settings(tmp_path / "data")
    _zone(configured, 5)
    with ZoneRouter(configured) as router:
        lone = annotated("lone", market="FR", zone="eu", sku="LONE-1", author="p-lone",
                         sentiment="neg", rating=1, rating_max=5)  # fmt: skip
        router.store("eu").add_voices([lone])
    yield configured


def test_the_probe_aggregate_by_intent_then_by_intent_and_channel(
    settings: Settings, tmp_path: Path
) -> None:
    """The attack of issue 13: ``--by intent`` minus ``--by intent,channel``."""
    config = tmp_path / "chuhai.toml"
    config.write_text(
        f'data_dir = "{settings.data_dir}"\nmarkets = ["DE", "FR"]\n'
        '[zones.eu]\nmarkets = ["DE", "FR"]\n[compliance]\nheadquarters = "CN"\n'
        f"k_anonymity = {K}\n",
        encoding="utf-8",
    )

    def aggregate(by: str) -> dict[str, Any]:
        result = CliRunner().invoke(
            app, ["--config", str(config), "aggregate", "--zone", "eu", "--by", by, "--json"]
        )
        assert result.exit_code == 0, result.stderr
        return dict(json.loads(result.stdout))

    coarse, fine = aggregate("intent"), aggregate("intent,channel")
    assert fine["suppressed_groups"] > 0  # there are small groups to give away
    with ZoneRouter(settings) as router:
        rows = read_sql(
            router.store("eu"),
            "SELECT a.intent, v.channel, coalesce(v.author, v.id) FROM voices v "
            "LEFT JOIN voice_annotations a ON a.voice_id = v.id",
        )
    for row in coarse["rows"]:
        assert "hidden" not in row and row["people"] >= K
        shown = {r["channel"] for r in fine["rows"] if r["intent"] == row["intent"]}
        derived = row["voices"] - sum(
            r["voices"] for r in fine["rows"] if r["intent"] == row["intent"]
        )
        left = [
            p for intent, channel, p in rows if intent == row["intent"] and channel not in shown
        ]
        assert derived == len(left)
        assert derived == 0 or len(set(left)) >= K


def test_hidden_groups_show_no_figure_on_the_api_and_in_csv(settings: Settings) -> None:
    with TestClient(create_app(settings=settings)) as client:
        body = client.get("/v1/voc/measures", params={"market": "FR", "sku": "LONE-1"}).json()
        assert body["raw_access"] is False and body["hidden"] is True
        assert [body[k] for k in ("volume", "people", "net_sentiment", "rating")] == [None] * 4
        export = client.get("/voc/export/measures.csv", params={"market": "FR", "sku": "LONE-1"})
        lines = list(csv.reader(io.StringIO(export.text.lstrip("\ufeff"))))
        assert lines[1:] == [["FR", "total", "hidden", "", "", "", "", "", "", ""]]
        market = client.get("/v1/voc/measures", params={"market": "FR"}).json()
        assert "LONE-1" not in {r["key"] for r in market["breakdowns"]["sku"]["rows"]}
        for page in ("/voc", "/voc/market/FR", "/voc/product/LONE-1"):
            html = client.get(page, params={"lang": "en", "sku": "LONE-1"})
            assert html.status_code == 200
            assert page == "/voc/product/LONE-1" or "hidden: fewer than 3 people" in html.text
        assert client.get("/voc/themes/t1", params={"market": "FR"}).status_code == 200


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"theme": "t1"}, "not cut by theme or aspect"),
        ({"aspect": "battery"}, "not cut by theme or aspect"),
        ({"period": "2026-10-01..2026-10-10"}, "per calendar month or ISO week"),
        ({"period": "last-8w"}, "per calendar month or ISO week"),
        ({"sku": "PB-400", "channel": "review"}, "one of sku, channel"),
    ],
)
def test_scopes_that_would_allow_differencing_are_refused(
    settings: Settings, filters: dict[str, Any], message: str
) -> None:
    with VocService(settings, reader="CN") as voc, pytest.raises(InputError, match=message):
        voc.summary(Scope.build(market="DE", **filters))
    with VocService(settings, reader="DE") as voc:  # inside the zone: any scope
        assert voc.summary(Scope.build(market="DE", **filters)) is not None


def test_a_hidden_scope_shows_no_figure(settings: Settings) -> None:
    with VocService(settings, reader="CN") as voc:
        summary = voc.summary(Scope.build(market="FR", sku="LONE-1"))
    assert summary is not None and summary.hidden
    assert summary.total.people is None
    dumped = summary.as_dict()
    assert dumped["hidden"] is True
    assert {dumped[k] for k in ("volume", "people", "net_sentiment", "sentiment", "rating")} == {
        None
    }
