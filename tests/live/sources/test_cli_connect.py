"""``chuhai live connect``: the help names the three platforms, bad targets exit 2 with a
reason, and a run against a local Twitch server prints each comment's result as JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from tests.live.sources.conftest import FakeTwitch, ServerThread

runner = CliRunner()
REDIS_URL = os.environ.get("CHUHAI_TEST_REDIS", "redis://127.0.0.1:6379/15")  # before the fixture
TS = "tmi-sent-ts=1777636800000"


def _config(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "chuhai.toml"
    path.write_text(
        f'data_dir = "{tmp_path / "data"}"\nmarkets = ["US", "TH"]\n{extra}', encoding="utf-8"
    )
    return path


def test_help_lists_the_three_platforms_with_examples() -> None:
    result = runner.invoke(app, ["live", "connect", "--help"])
    assert result.exit_code == 0
    for example in ("tiktok:@handle", "youtube:VIDEO_OR_CHANNEL", "twitch:channel",
                    "chuhai live connect tiktok:@lumio_th", "chuhai live connect youtube:@LumioShop",
                    "chuhai live connect twitch:lumio_live"):  # fmt: skip
        assert example in result.stdout
    assert "connect" in runner.invoke(app, ["live", "--help"]).stdout


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["instagram:@shop"], "bad live target 'instagram:@shop'"),
        (["tiktok:@no spaces"], "bad tiktok target"),
        (["--room", "youtube:short"], "bad youtube target"),
        (["twitch:shop_live", "twitch:shop_live"], "room named twice: twitch:shop_live"),
        ([], "name a room"),
        (["twitch:shop_live", "--base-url", "myspace=http://x"], "bad --base-url"),
        (["twitch:shop_live", "--market", "Atlantis"], "Atlantis"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: list[str], reason: str) -> None:
    result = runner.invoke(app, ["-c", str(_config(tmp_path)), "live", "connect", *args])
    assert result.exit_code == 2, result.output
    assert reason in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def _chat(n: int, text: str, who: str = "amy") -> str:
    return f"@id=m{n};{TS};user-id={n} :{who}!{who}@{who}.tmi.twitch.tv PRIVMSG #shop_live :{text}"


def test_a_run_against_a_local_twitch_server_prints_comment_results(tmp_path: Path) -> None:
    lines = [_chat(1, "How long does the battery last?"), _chat(2, "love this fan", "bob"),
             f"@msg-id=raid;msg-param-login=fox;msg-param-viewerCount=12;id=r1;{TS} :tmi.twitch.tv USERNOTICE #shop_live",
             "stay"]  # fmt: skip
    with ServerThread(FakeTwitch([lines])) as server:
        result = runner.invoke(
            app,
            ["-c", str(_config(tmp_path)), "live", "connect", "twitch:shop_live", "--market", "US",
             "--session", "s-0501", "--json", "--duration", "3", "--base-url", f"twitch={server.url}"],
        )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    results = [json.loads(line) for line in result.stdout.splitlines()]
    comments = [r for r in results if r["kind"] == "comment"]
    assert [c["text"] for c in comments] == ["How long does the battery last?", "love this fan"]
    assert {c["room"] for c in comments} == {"twitch:shop_live"} and comments[0]["market"] == "US"
    assert comments[0]["intent"]  # the copilot read it
    raid = next(r for r in results if r["kind"] == "skipped")
    assert raid["type"] == "raid"
    assert "twitch:shop_live: live" in result.stderr
    assert "twitch:shop_live: 3 events" in result.stderr
    assert server.received[0][-1] == "JOIN #shop_live"


def test_rooms_from_settings(tmp_path: Path) -> None:
    with ServerThread(FakeTwitch([[_chat(1, "hello from the settings"), "stay"]])) as server:
        extra = (f'[live.connect]\nrooms = ["us-main=twitch:shop_live"]\nmarket = "US"\n'
                 f'base_urls = {{twitch = "{server.url}"}}\n')  # fmt: skip
        result = runner.invoke(
            app,
            ["-c", str(_config(tmp_path, extra)), "live", "connect", "--json", "--duration", "2"],
        )
    assert result.exit_code == 0, result.stderr
    comment = next(json.loads(line) for line in result.stdout.splitlines())
    assert (comment["room"], comment["text"]) == ("us-main", "hello from the settings")


def test_ctrl_c_stops_cleanly_and_stores(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    config = _config(tmp_path)
    with ServerThread(FakeTwitch([[_chat(1, "is there a warranty?"), "stay"]])) as server:
        process = subprocess.Popen(
            [sys.executable, "-m", "chuhai", "-c", str(config), "live", "connect",
             "twitch:shop_live", "-m", "US", "--json", "--base-url", f"twitch={server.url}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={k: v for k, v in os.environ.items() if not k.startswith("CHUHAI_")},
        )  # fmt: skip
        assert process.stdout is not None
        first = process.stdout.readline()  # the comment's result: the room is read
        process.send_signal(signal.SIGINT)
        try:
            _, errors = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0, errors
    assert json.loads(first)["text"] == "is there a warranty?"
    assert "twitch:shop_live: 1 events" in errors and "Traceback" not in errors
    assert "twitch:shop_live: stopped" in errors


def test_with_redis_the_events_go_to_the_stream_for_workers(tmp_path: Path) -> None:
    import uuid

    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("CHUHAI_REQUIRE_REDIS"):
            pytest.fail(f"Redis is required here but unreachable: {exc}")
        pytest.skip(f"no Redis: {exc}")
    prefix = f"test:connect:{uuid.uuid4().hex[:8]}"
    try:
        with ServerThread(FakeTwitch([[_chat(1, "sent to the workers"), "stay"]])) as server:
            result = runner.invoke(app, [
                "-c", str(_config(tmp_path)), "live", "connect", "twitch:shop_live", "-m", "US",
                "--redis", REDIS_URL, "--prefix", prefix, "--json",
                "--duration", "2", "--base-url", f"twitch={server.url}"])  # fmt: skip
        assert result.exit_code == 0, result.stderr
        queued = [json.loads(fields[b"event"]) for _, fields in client.xrange(f"{prefix}:in")]
        assert [e["text"] for e in queued] == ["sent to the workers"]
        assert queued[0]["platform"] == "twitch" and queued[0]["market"] == "US"
        assert json.loads(result.stdout.splitlines()[0]) == queued[0]  # --json: what was sent
    finally:
        client.delete(f"{prefix}:in")
        client.close()
