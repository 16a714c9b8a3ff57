"""The command line: JSON on stdout, messages on stderr, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.store.migrations import load_migrations
from tests.conftest import FIXTURES

runner = CliRunner()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "chuhai.toml"
    path.write_text(
        'data_dir = "data"\nmarkets = ["US", "ID", "TH"]\n[ingest]\nagent_emails = ["@lumio.example"]\n'
        '[ingest.mailboxes]\n"support-us@lumio.example" = "US"\n"cs-id@lumio.example" = "ID"\n',
        encoding="utf-8",
    )
    return path


def run(config: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--config", str(config), *args])
    return result.exit_code, result.stdout, result.stderr


def _commands(
    group: typer.core.TyperGroup, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Any]]:
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, typer.core.TyperGroup):
            yield from _commands(command, (*prefix, name))


def test_every_command_has_help_text() -> None:
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    assert sorted(group.commands) == [
        "aggregate",
        "alerts",
        "analyze",
        "audit",
        "calendar",
        "compliance",
        "config",
        "creators",
        "demo",
        "draft",
        "enrich",
        "eval",
        "export",
        "ingest",
        "live",
        "mappings",
        "migrate",
        "models",
        "partners",
        "privacy",
        "quarantine",
        "report",
        "script",
        "serve",
        "stats",
        "strategy",
        "supply",
        "themes",
        "translate",
        "users",
        "voc",
        "voices",
        "zones",
    ]
    found = dict(_commands(group))
    assert {
        ("privacy", "scan"),
        ("privacy", "export"),
        ("privacy", "erase"),
        ("privacy", "purge"),
        ("compliance", "show"),
        ("compliance", "check"),
        ("script", "check"),
        ("audit", "verify"),
        ("audit", "show"),
        ("live", "replay"),
        ("live", "worker"),
        ("voc", "overview"),
        ("voc", "measures"),
        ("voc", "quotes"),
        ("voc", "journey"),
        ("themes", "discover"),
        ("themes", "define"),
        ("themes", "apply"),
        ("themes", "list"),
        ("themes", "delete"),
        ("themes", "eval"),
        ("supply", "init"),
        ("supply", "forecast"),
        ("supply", "plan"),
        ("supply", "landed"),
        ("supply", "simulate"),
        ("supply", "backtest"),
        ("strategy", "risk"),
    } <= set(found)
    for path, command in found.items():
        assert command.help and len(command.help) > 30, path
        for param in command.params:
            if param.name not in ("ctx",) and isinstance(param, typer.core.TyperOption):
                assert param.help, f"{path} --{param.name} has no help"
        assert runner.invoke(app, [*path, "--help"]).exit_code == 0, path


def test_ingest_json_report(config: Path) -> None:
    code, out, err = run(
        config,
        "ingest",
        str(FIXTURES / "reviews/tiktok_id.csv"),
        "--kind",
        "reviews",
        "--mapping",
        "tiktok-shop-reviews",
        "--market",
        "ID",
        "--json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert (report["accepted"], report["quarantined"], report["duplicates"]) == (4, 3, 0)
    assert report["files"][0]["by_zone"]["id"]["accepted"] == 4
    assert report["by_zone"] == {
        "id": {"accepted": 4, "duplicates": 0, "updated": 0, "quarantined": 3, "skipped": 0}
    }


def test_ingest_table_and_fail_on_quarantine(config: Path) -> None:
    args = [
        "ingest",
        str(FIXTURES / "reviews/tiktok_id.csv"),
        "--kind",
        "reviews",
        "--mapping",
        "tiktok-shop-reviews",
        "--market",
        "ID",
    ]
    code, out, err = run(config, *args)
    assert code == 0
    assert "tiktok_id.csv" in out and "total" in out
    assert "3 row(s) quarantined; see `chuhai quarantine`" in err
    code, out, _ = run(config, *args, "--fail-on-quarantine")
    assert code == 1
    assert "duplicates" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "missing.csv", "--kind", "reviews"], "no such file or directory: missing.csv"),
        (["ingest", str(FIXTURES / "orders/orders.csv")], "cannot tell what orders.csv holds"),
        (
            ["ingest", str(FIXTURES / "orders/orders.csv"), "--kind", "orders", "--market", "XX"],
            "unknown market 'XX'",
        ),
        (
            ["ingest", str(FIXTURES / "orders/orders.csv"), "--kind", "orders", "--market", "GB"],
            "market GB is not enabled",
        ),
        (
            [
                "ingest",
                str(FIXTURES / "orders/orders.csv"),
                "--kind",
                "orders",
                "--mapping",
                "nope",
            ],
            "no mapping file",
        ),
        (
            [
                "ingest",
                str(FIXTURES / "orders/orders.csv"),
                "--kind",
                "orders",
                "--encoding",
                "klingon",
            ],
            "unknown encoding",
        ),
        (
            [
                "ingest",
                str(FIXTURES / "orders/orders.csv"),
                "--kind",
                "orders",
                "--timezone",
                "Mars/Base",
            ],
            "unknown time zone",
        ),
        (
            [
                "ingest",
                str(FIXTURES / "orders/orders.csv"),
                "--kind",
                "orders",
                "--mapping",
                "survey",
            ],
            "unknown field",
        ),
        (["quarantine", "--zone", "atlantis"], "unknown zone 'atlantis'"),
        (["mappings", "nope"], "no mapping file"),
        (["ingest", "missing[draft].csv"], "missing[draft].csv"),  # brackets are not markup
    ],
)
def test_bad_input_exits_2_with_one_line(config: Path, args: list[str], message: str) -> None:
    code, out, err = run(config, *args)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ") and message in err
    assert err.count("\n") == 1


def test_bad_config_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "chuhai.toml"
    broken.write_text('markets = ["XX"]\n', encoding="utf-8")
    code, _, err = run(broken, "stats")
    assert code == 2
    assert "markets: unknown market 'XX'" in err


def test_inspection_commands_as_json(config: Path) -> None:
    run(config, "ingest", str(FIXTURES / "email/support.mbox"))
    run(config, "ingest", str(FIXTURES / "reviews/generic.jsonl"), "--kind", "reviews")
    code, out, _ = run(config, "stats", "--json")
    assert code == 0
    zones = {z["zone"]: z for z in json.loads(out)["zones"]}
    assert zones["us"]["voices"]["email"] == 2 and zones["us"]["voices"]["review"] == 2
    assert zones["id"]["exists"] is False
    code, out, _ = run(config, "quarantine", "--json")
    assert code == 0
    reasons = sorted(r["reason"].split(":")[0] for r in json.loads(out)["rejections"])
    assert reasons == [
        "expected a JSON object",
        "no sender address (From header); not an e-mail?",
        "not JSON",
    ]
    code, out, _ = run(config, "zones", "--json")
    assert [z["zone"] for z in json.loads(out)["zones"]] == ["us", "id", "th"]
    code, out, _ = run(config, "migrate", "--json")
    assert json.loads(out)["zones"]["id"]["schema_version"] == load_migrations()[-1].version
    code, out, _ = run(config, "config", "--json")
    assert json.loads(out)["zone_map"] == {"us": ["US"], "id": ["ID"], "th": ["TH"]}


def test_mappings_listing_and_one_mapping() -> None:
    result = runner.invoke(app, ["mappings", "--json"])
    names = [m["name"] for m in json.loads(result.stdout)["mappings"]]
    assert "tiktok-shop-reviews" in names and "amazon-reviews" in names
    result = runner.invoke(app, ["mappings", "tiktok-shop-reviews"])
    assert 'source_id = "Review ID"' in result.stdout


def test_real_entry_point_keeps_stdout_clean(config: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "chuhai",
            "--config",
            str(config),
            "ingest",
            str(FIXTURES / "calls/call.vtt"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["accepted"] == 2
    version = subprocess.run(
        [sys.executable, "-m", "chuhai", "--version"], capture_output=True, text=True, check=True
    )
    assert version.stdout.startswith("chuhai ")


def test_short_flags_mean_one_thing_everywhere() -> None:
    """-m is --market in every command (ingest's --mapping has no short flag), and no short
    flag names two different options (-o is --out or --output: a file to write either way)."""
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    meaning: dict[str, set[str]] = {}
    for _, command in _commands(group):
        for param in command.params:
            longs = [o.replace("--output", "--out") for o in param.opts if o.startswith("--")]
            for short in (o for o in param.opts if len(o) == 2 and o.startswith("-")):
                meaning.setdefault(short, set()).update(longs)
    assert meaning["-m"] == {"--market"}
    assert all(len(longs) == 1 for longs in meaning.values()), meaning


def test_ingest_takes_the_market_as_m(config: Path, tmp_path: Path) -> None:
    rows = tmp_path / "no-market.jsonl"
    rows.write_text(
        '{"id": "M1", "time": "2026-10-01T10:00:00Z", "rating": 5, "text": "ดีมากค่ะ"}\n',
        encoding="utf-8",
    )
    code, _, err = run(config, "ingest", str(rows), "--kind", "reviews", "-m", "TH")
    assert code == 0, err
    code, out, _ = run(config, "stats", "--json")
    zones = {z["zone"]: z for z in json.loads(out)["zones"]}
    assert zones["th"]["voices"]["review"] == 1
