"""The audit log's hash chain finds any edited, deleted, reordered, forged or cut-off line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.privacy.audit import AuditLog


@pytest.fixture
def log(tmp_path: Path) -> AuditLog:
    audit = AuditLog(tmp_path)
    for n in range(5):
        audit.append("cross_zone_read", zone="th", reader="CN", purpose=f"report {n}")
    return audit


def _lines(log: AuditLog) -> list[str]:
    return log.path.read_text("utf-8").splitlines()


def _write(log: AuditLog, lines: list[str]) -> None:
    log.path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")


def _edit(lines: list[str]) -> list[str]:
    entry = json.loads(lines[2])
    entry["reader"] = "US"
    return [*lines[:2], json.dumps(entry, sort_keys=True), *lines[3:]]


def _rehash_edit(lines: list[str]) -> list[str]:
    """A forger who recomputes the edited line's own hash still breaks the next link."""
    import hashlib

    entry = json.loads(lines[2])
    entry["purpose"] = "nothing to see"
    body = {k: v for k, v in entry.items() if k not in ("hash", "prev")}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    entry["hash"] = hashlib.sha256((entry["prev"] + canonical).encode()).hexdigest()
    return [*lines[:2], json.dumps(entry, sort_keys=True), *lines[3:]]


TAMPERING: dict[str, Callable[[list[str]], list[str]]] = {
    "edited line": _edit,
    "edited and re-hashed line": _rehash_edit,
    "deleted middle line": lambda lines: [*lines[:1], *lines[2:]],
    "deleted last line": lambda lines: lines[:-1],
    "deleted everything": lambda lines: [],
    "reordered lines": lambda lines: [lines[1], lines[0], *lines[2:]],
    "garbage line": lambda lines: [*lines[:3], "{not json", *lines[3:]],
}


def test_an_untouched_log_verifies(log: AuditLog) -> None:
    report = log.verify()
    assert report.ok and report.entries == 5


@pytest.mark.parametrize("how", TAMPERING)
def test_tampering_is_detected(log: AuditLog, how: str) -> None:
    _write(log, TAMPERING[how](_lines(log)))
    report = log.verify()
    assert not report.ok, how
    assert report.problems[0].line >= 0


def test_appending_after_verification_keeps_the_chain(log: AuditLog) -> None:
    log.append("refused", zone="us", reader="CN")
    assert log.verify().ok
    assert [e["seq"] for e in log.entries()] == [1, 2, 3, 4, 5, 6]


def test_cli_verify_exit_codes(log: AuditLog, tmp_path: Path) -> None:
    config = tmp_path / "chuhai.toml"
    config.write_text(f'data_dir = "{tmp_path}"\nmarkets = ["TH"]\n', encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["-c", str(config), "audit", "verify", "--json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["entries"] == 5
    _write(log, _edit(_lines(log)))
    broken = runner.invoke(app, ["-c", str(config), "audit", "verify"])
    assert broken.exit_code == 1
    assert "line 3" in broken.stdout
