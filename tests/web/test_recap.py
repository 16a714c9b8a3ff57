"""The 直播复盘 as a page, as JSON over HTTP and from the command line: every section in
Chinese and English, the exit codes, the access rules of the live pages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chuhai.access.roles import Role
from chuhai.api import create_app
from chuhai.api.access import AccessControl
from chuhai.cli import app
from chuhai.live.recap import recap
from chuhai.settings import Settings, load_settings
from chuhai.voc.service import VocService
from chuhai.web.recap import render_recap
from tests.live.test_recap import config, populate

SECTIONS = ["summary", "actions", "timeline", "viewers", "spikes", "temperature", "revenue",
            "by-host", "activity", "questions", "slowest", "complaints", "products",
            "moderation", "compare"]  # fmt: skip
WORDS = {
    "zh": ["直播复盘", "下一场的建议", "评论高峰", "情绪温度", "成交额", "提问与回答", "主要投诉",
           "商品：提及与置顶", "评论管理", "礼物与互动", "与本直播间此前场次对比", "在线人数"],
    "en": ["Live recap", "For the next session", "Comment spikes", "Temperature", "GMV",
           "Questions and answers", "Top complaints", "Products: mentioned vs pinned",
           "Moderation", "Gifts and engagement", "earlier sessions",
           "Viewers"],
}  # fmt: skip
runner = CliRunner()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Settings]:
    path = config(tmp_path_factory.mktemp("recap-web"))
    settings = load_settings(path)
    populate(settings)
    return path, settings


def _ids(html: str) -> set[str]:
    return set(re.findall(r'id="([^"]+)"', html))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_section_in_both_languages(world: tuple[Path, Settings], lang: Any) -> None:
    _, settings = world
    with VocService(settings) as svc:
        html = render_recap(svc, recap(svc, "TH-2"), lang=lang, standalone=True)
    assert set(SECTIONS) <= _ids(html)
    for word in WORDS[lang]:
        assert word in html, word
    assert "<link" not in html and "<script" not in html  # one file that works offline
    assert "I want two" in html and "<svg" in html
    assert 'class="spike"' in html  # the spike is marked on the timeline
    if lang == "zh":
        assert "要点" in html  # the Chinese gist beside the quotes


def test_an_aggregates_only_page_says_so_and_quotes_nothing(world: tuple[Path, Settings]) -> None:
    _, settings = world
    with VocService(settings) as svc:
        html = render_recap(svc, recap(svc, "US-2"), lang="en", standalone=True)
    assert 'id="recap-aggregates"' in html and "I want two" not in html
    assert "hidden (fewer than 10 people)" in html


@pytest.fixture
def client(world: tuple[Path, Settings]) -> Iterator[TestClient]:
    with TestClient(create_app(settings=world[1])) as client:
        yield client


@pytest.mark.parametrize(
    ("url", "status", "found"),
    [
        ("/live/recap", 200, ["TH-2", "US-1", "/live/recap/TH-2"]),
        ("/live/recap/TH-2", 200, ["直播复盘", 'id="compare"', "site-bar"]),
        ("/live/recap/TH-2?lang=en", 200, ["Live recap", "For the next session"]),
        ("/live/recap/nope", 404, ["chuhai live recap --list"]),
        ("/v1/live/sessions", 200, ['"id":"TH-2"', "/v1/live/sessions/TH-2/recap"]),
        ("/v1/live/sessions/TH-2/recap", 200, ['"raw":true', '"spike_rule"']),
        ("/v1/live/sessions/nope/recap", 404, ["no live session"]),
    ],
)
def test_routes(client: TestClient, url: str, status: int, found: list[str]) -> None:
    response = client.get(url)
    assert response.status_code == status
    for text in found:
        assert text in response.text, text


def test_the_json_is_the_recap(client: TestClient, world: tuple[Path, Settings]) -> None:
    body = client.get("/v1/live/sessions/TH-2/recap").json()
    with VocService(world[1]) as svc:
        expected = recap(svc, "TH-2").model_dump(mode="json")
    body.pop("generated_at"), expected.pop("generated_at")
    assert body == expected
    schema = client.get("/openapi.json").json()
    assert "Recap" in schema["components"]["schemas"]


def test_signed_in_routes_follow_the_live_permission(world: tuple[Path, Settings]) -> None:
    settings = world[1]
    control = AccessControl.from_settings(settings)
    control.store.add_user("team", Role.LOCAL, "correct horse battery", markets=["US"])
    local = control.store.create_token("team", "t")
    control.store.add_user("auditor", Role.AUDITOR, "correct horse battery")
    auditor = control.store.create_token("auditor", "t")
    with TestClient(create_app(settings=settings, access=control)) as client:
        assert client.get("/v1/live/sessions/TH-2/recap").status_code == 401
        mine = {"Authorization": f"Bearer {local}"}
        listed = client.get("/v1/live/sessions", headers=mine).json()["sessions"]
        assert {s["market"] for s in listed} == {"US"}  # a market team: its markets only
        assert client.get("/v1/live/sessions/TH-2/recap", headers=mine).status_code == 404
        assert client.get("/v1/live/sessions/US-2/recap", headers=mine).status_code == 200
        other = {"Authorization": f"Bearer {auditor}"}
        assert client.get("/v1/live/sessions/US-2/recap", headers=other).status_code == 403


def _run(path: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["-c", str(path), "live", "recap", *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_json_and_html(world: tuple[Path, Settings], tmp_path: Path) -> None:
    path, _ = world
    code, stdout, _ = _run(path, "TH-2", "--json")
    assert code == 0
    printed = json.loads(stdout)
    assert printed["session"]["id"] == "TH-2" and printed["comments"] == 80
    code, _, stderr = _run(path, "TH-2", "--out", str(tmp_path / "r.html"), "--lang", "en")
    assert code == 0 and "wrote html" in stderr
    assert "Live recap" in (tmp_path / "r.html").read_text(encoding="utf-8")
    code, stdout, _ = _run(path, "--list", "--json")
    listed = [s["id"] for s in json.loads(stdout)]
    assert code == 0 and set(listed) == {f"{m}-{s}" for m in ("TH", "US")
                                         for s in ("1", "2", "other")}  # fmt: skip
    assert listed.index("TH-2") < listed.index("TH-1")  # newest first


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "no live session 'nope'"),
        ([], "name a session"),
        (["TH-2", "--out", "recap.pdf"], "--out must be an .html file"),
    ],
)
def test_cli_bad_input_exits_2_with_one_line(
    world: tuple[Path, Settings], args: list[str], message: str
) -> None:
    code, _, stderr = _run(world[0], *args)
    assert code == 2
    assert message in stderr and len(stderr.strip().splitlines()) == 1
