"""``GET /v1/live/connections``: the board of ``chuhai live connect`` (``[]`` without one),
scoped to a market team's markets; and ``chuhai live connect --serve`` answers it."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chuhai.api import create_app
from chuhai.cli import app as cli
from chuhai.live.sources import ConnectionBoard, make_source, parse_target
from chuhai.settings import Settings
from tests.conftest import make_settings
from tests.live.sources.conftest import FakeTwitch, ServerThread


def _board() -> ConnectionBoard:
    board = ConnectionBoard()
    for target, market in [("th=tiktok:@lumio_th", "TH"), ("twitch:lumio_live", "US")]:
        board.add(make_source(parse_target(target), market=market))
    board.set("th", "waiting", wait_s=41.5, note="waiting for the sign server, 42 s")
    board.count(
        "twitch:lumio_live", [{"type": "comment"}, {"type": "unknown", "raw_type": "CLEARCHAT"}]
    )
    return board


def test_no_board_no_connections() -> None:
    assert TestClient(create_app()).get("/v1/live/connections").json() == []


def test_each_room_s_connection(tmp_path: Path) -> None:
    rooms = TestClient(create_app(live_sources=_board())).get("/v1/live/connections").json()
    assert [(r["room"], r["platform"], r["target"], r["state"]) for r in rooms] == [
        ("th", "tiktok", "tiktok:@lumio_th", "waiting"),
        ("twitch:lumio_live", "twitch", "twitch:lumio_live", "connecting"),
    ]
    waiting, twitch = rooms
    assert (waiting["wait_s"], waiting["note"]) == (41.5, "waiting for the sign server, 42 s")
    assert twitch["events"] == 2 and twitch["unknown"] == {"CLEARCHAT": 1}
    for key in ("since", "retries", "last_error", "market"):
        assert key in waiting


def test_a_market_team_sees_its_markets_rooms(tmp_path: Path) -> None:
    from chuhai.access.roles import Role
    from chuhai.api.access import AccessControl

    settings: Settings = make_settings(tmp_path, markets=["TH", "US"])
    control = AccessControl.from_settings(settings)
    control.store.add_user("th-team", Role.LOCAL, "a long password!", markets=["TH"])
    token = control.store.create_token("th-team", "t")
    client = TestClient(create_app(settings=settings, access=control, live_sources=_board()))
    seen = client.get("/v1/live/connections", headers={"Authorization": f"Bearer {token}"})
    assert [r["room"] for r in seen.json()] == ["th"]
    assert client.get("/v1/live/connections").status_code == 401


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_connect_serve_shows_the_connection(tmp_path: Path) -> None:
    config = tmp_path / "chuhai.toml"
    config.write_text(f'data_dir = "{tmp_path / "data"}"\nmarkets = ["US"]\n', encoding="utf-8")
    port = _free_port()
    seen: list[Any] = []
    with ServerThread(FakeTwitch([["stay"]])) as twitch:
        done = threading.Event()

        def run() -> None:
            CliRunner().invoke(cli, [
                "-c", str(config), "live", "connect", "twitch:lumio_live", "-m", "US", "--serve",
                "--port", str(port), "--duration", "4", "--base-url", f"twitch={twitch.url}"])  # fmt: skip
            done.set()

        threading.Thread(target=run, daemon=True).start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not done.is_set():
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/v1/live/connections", timeout=2)
            except httpx.HTTPError:
                time.sleep(0.1)
                continue
            seen = answer.json()
            if seen and seen[0]["state"] == "live":
                break
            time.sleep(0.1)
        done.wait(30)
    assert seen and (seen[0]["room"], seen[0]["state"]) == ("twitch:lumio_live", "live")
