"""``chuhai serve`` and the CLI on the same DuckDB zone files at once: while the dashboard is
up and being read, ``chuhai stats`` and ``chuhai live replay`` (which writes) work, and the
dashboard sees what the replay stored."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from chuhai.cli import app
from tests.conftest import FIXTURES

RECORDING = FIXTURES / "live" / "chat.jsonl"
REVIEWS = (
    '{"id": "R1", "time": "2026-10-01T10:00:00Z", "market": "TH", "rating": 5, "text": "ดีมาก"}\n'
    '{"id": "R2", "time": "2026-10-02T10:00:00Z", "market": "US", "rating": 4, "text": "good"}\n'
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as exc:
        return exc.code


def _chuhai(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chuhai", "-c", str(config), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _wait_until_up(server: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(encoding="utf-8")
        try:
            if _get(f"{base}/v1/health") == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"chuhai serve did not start: {log.read_text(encoding='utf-8')}")


def _zones(result: subprocess.CompletedProcess[str]) -> dict[str, dict[str, object]]:
    assert result.returncode == 0, result.stderr
    return {z["zone"]: z for z in json.loads(result.stdout)["zones"]}


def test_stats_and_replay_work_while_serve_runs_on_the_same_zones(tmp_path: Path) -> None:
    config = tmp_path / "chuhai.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\nmarkets = ["TH", "US"]\n'
        '[live.rooms]\n"lumio.th" = "TH"\n',
        encoding="utf-8",
    )
    reviews = tmp_path / "reviews.jsonl"
    reviews.write_text(REVIEWS, encoding="utf-8")
    done = CliRunner().invoke(app, ["-c", str(config), "ingest", str(reviews), "--kind", "reviews"])
    assert done.exit_code == 0, done.stderr
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    polled: list[int] = []
    stop = threading.Event()

    def read_the_dashboard() -> None:  # an operator clicking about while the CLI runs
        while not stop.is_set():
            polled.append(_get(f"{base}/v1/voc/overview"))
            time.sleep(0.1)

    with (
        log.open("wb") as sink,
        subprocess.Popen(
            [sys.executable, "-m", "chuhai", "-c", str(config), "serve", "--no-auth",
             "--port", str(port)],
            stdout=sink, stderr=sink, env={**os.environ, "CHUHAI_DUCKDB_THREADS": "1"},
        ) as server,
    ):  # fmt: skip
        try:
            _wait_until_up(server, base, log)
            assert _get(f"{base}/v1/voc/overview") == 200  # the server has opened the zones
            reader = threading.Thread(target=read_the_dashboard, daemon=True)
            reader.start()
            before = _chuhai(config, "stats", "--json")
            replay = _chuhai(
                config, "live", "replay", str(RECORDING), "--speed", "0", "--market", "TH",
                "--json",
            )  # fmt: skip
            after = _chuhai(config, "stats", "--json")
            stop.set()
            reader.join(timeout=120)
            assert _get(f"{base}/v1/voc/overview") == 200
        finally:
            stop.set()
            server.terminate()
            server.wait(timeout=60)
    assert _zones(before)["th"]["voices_by_market"] == {"TH": 1}
    assert replay.returncode == 0, replay.stderr
    comments = [line for line in map(json.loads, replay.stdout.splitlines())
                if line["kind"] == "comment"]  # fmt: skip
    assert comments and "Could not set lock" not in replay.stderr
    th = _zones(after)["th"]["voices"]
    assert isinstance(th, dict) and th["live_comment"] == len(comments) and th["review"] == 1
    assert polled and set(polled) == {200}, polled
