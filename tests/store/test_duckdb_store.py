"""DuckDB zone files shared by processes: a store holds its file only while it works (and
``hold`` seconds after), waits up to ``wait`` seconds for another process to let go, and
then says in Chinese and English what to do."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chuhai.errors import ConfigError, StoreBusyError
from chuhai.records import Channel, SourceRef, Voice
from chuhai.store import DuckDBZoneStore, open_store

_HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""
_READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print(con.execute("SELECT count(*) FROM voices").fetchone()[0])
"""


def _voice(n: int) -> Voice:
    return Voice(
        id=f"v{n}", channel=Channel.REVIEW, market="ID", zone="id",
        time=datetime(2026, 10, 1, 12, tzinfo=UTC), text=f"text {n}",
        source=SourceRef(system="test", file="f.csv", locator=f"line {n}", source_id=f"s{n}"),
    )  # fmt: skip


@contextmanager
def held(path: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another process that holds the file for ``seconds`` (or until the test ends)."""
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        try:
            yield holder
        finally:
            holder.kill()


def _read_elsewhere(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _READER, str(path)], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    ("hold", "pause", "readable"),
    [
        ("0", 0.0, True),  # let go as soon as the write is done
        ("0.2", 0.6, True),  # let go after 0.2 s without work
        ("60", 0.0, False),  # still holding: the other process cannot read
    ],
)
def test_a_store_lets_go_of_its_file_when_idle(
    tmp_path: Path, hold: str, pause: float, readable: bool
) -> None:
    path = tmp_path / "id.duckdb"
    with open_store(f"duckdb:///{path}?hold={hold}", zone="id", markets=["ID"]) as store:
        store.add_voices([_voice(1), _voice(2)])
        time.sleep(pause)
        other = _read_elsewhere(path)
        assert (other.returncode == 0) is readable, other.stderr
        if readable:
            assert other.stdout.strip() == "2"
        assert [v.id for v in store.voices()] == ["v1", "v2"]  # and opens again to read


def test_a_store_waits_for_another_process_to_let_go(tmp_path: Path) -> None:
    path = tmp_path / "id.duckdb"
    with open_store(f"duckdb:///{path}?hold=0", zone="id", markets=["ID"]) as store:
        store.add_voices([_voice(1)])
        with held(path, 1.0):
            started = time.monotonic()
            store.add_voices([_voice(2)])  # waits for the holder, then writes
            assert time.monotonic() - started >= 0.5
        assert store.table_counts()["voices"] == 2


def test_a_store_held_past_the_wait_says_what_to_do_in_chinese_and_english(
    tmp_path: Path,
) -> None:
    path = tmp_path / "id.duckdb"
    open_store(f"duckdb:///{path}?hold=0", zone="id", markets=["ID"]).close()
    with held(path, 60) as holder, pytest.raises(StoreBusyError) as raised:
        open_store(f"duckdb:///{path}?wait=0.3", zone="id", markets=["ID"])
    message = str(raised.value)
    assert "\n" not in message and f"PID {holder.pid}" in message
    assert "被另一个进程" in message and "another process" in message
    assert "CHUHAI_DUCKDB_WAIT" in message and "Could not set lock" not in message


def test_an_in_memory_store_keeps_its_data_when_idle() -> None:
    with open_store("duckdb://:memory:?hold=0", zone="id", markets=["ID"]) as store:
        store.add_voices([_voice(1)])
        time.sleep(0.05)
        assert [v.id for v in store.voices()] == ["v1"]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("hold=-1", "bad value for hold"),
        ("wait=soon", "bad value for wait"),
        ("hold=nan", "bad value for hold"),
    ],
)
def test_bad_hold_and_wait_are_config_errors(tmp_path: Path, option: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        DuckDBZoneStore(
            zone="id", markets=["ID"], url=f"duckdb:///{tmp_path / 'x.duckdb'}?{option}"
        )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [("CHUHAI_DUCKDB_HOLD", "-2", "CHUHAI_DUCKDB_HOLD"), ("CHUHAI_DUCKDB_WAIT", "x", "WAIT")],
)
def test_bad_hold_and_wait_in_the_environment_are_config_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=message):
        DuckDBZoneStore(zone="id", markets=["ID"], url=f"duckdb:///{tmp_path / 'x.duckdb'}")
