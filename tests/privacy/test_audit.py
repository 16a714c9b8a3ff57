"""The audit log's keyed chain finds any edited, deleted, reordered, forged or cut-off line,
even when the forger rewrites the whole log and its head, as long as they lack the key."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.privacy.audit import AuditKey, AuditLog

KEY_VARIABLES = ("CHUHAI_AUDIT_KEY", "CHUHAI_AUDIT_KEY_COMMAND", "CHUHAI_AUDIT_KEY_FILE")


@pytest.fixture(autouse=True)
def _no_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in KEY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


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
    body = {k: v for k, v in entry.items() if k not in ("hash", "prev", "key")}
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
    "sequence not a number": lambda lines: [*lines[:3], '{"seq": "x"}', *lines[4:]],
}


def test_an_untouched_log_verifies(log: AuditLog) -> None:
    report = log.verify()
    assert report.ok and report.entries == 5


@pytest.mark.parametrize("writers", [2, 4])
def test_writers_side_by_side_keep_one_chain(log: AuditLog, writers: int) -> None:
    """Each writer its own AuditLog, as each process has: the lock file serialises them."""
    key = log.key(create=False)

    def write(n: int) -> None:
        mine = AuditLog(log.data_dir, key)
        for i in range(10):
            mine.append("export", zone="th", purpose=f"writer {n} line {i}")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = log.verify()
    assert report.ok, report.problems
    assert report.entries == 5 + 10 * writers


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


# -- the key -------------------------------------------------------------------------------


def _canonical(previous: str, body: dict[str, Any]) -> bytes:
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (previous + text).encode()


def _rechain(
    lines: list[str], link: Callable[[str, dict[str, Any]], dict[str, str]], **change: str
) -> str:
    """Rewrites every line with ``change``, and the whole chain with ``link``; returns the new
    last hash."""
    previous = "0" * 64
    for n, raw in enumerate(lines):
        body = {k: v for k, v in json.loads(raw).items() if k not in ("hash", "prev", "key")}
        body.update(change)
        extra = link(previous, body)
        lines[n] = json.dumps({**body, "prev": previous, **extra}, sort_keys=True)
        previous = extra["hash"]
    return previous


def _plain(previous: str, body: dict[str, Any]) -> dict[str, str]:
    return {"hash": hashlib.sha256(_canonical(previous, body)).hexdigest()}


def _forge(log: AuditLog, how: str) -> None:
    lines = _lines(log)
    own = AuditKey(b"the forger's own key, not ours", "forger")
    if how == "plain SHA-256 chain, legacy head":
        last = _rechain(lines, _plain, purpose="nothing to see")
        head = f"{len(lines)} {last}"
    elif how == "plain SHA-256 chain, key ids kept":
        key_id = json.loads(lines[0])["key"]
        last = _rechain(lines, lambda p, b: {**_plain(p, b), "key": key_id}, purpose="x")
        head = f"{len(lines)} {last} {key_id} {'0' * 64}"
    elif how == "chain under the forger's own key":
        mac = own.mac
        last = _rechain(
            lines, lambda p, b: {"hash": mac(_canonical(p, b)), "key": own.id}, zone="x"
        )
        head = f"{len(lines)} {last} {own.id} {own.mac(f'head {len(lines)} {last}'.encode())}"
    elif how == "cut off, head rewritten":
        lines = lines[:-2]
        head = f"{len(lines)} {json.loads(lines[-1])['hash']}"
    elif how == "head replaced by garbage":
        head = "\x00 not a head"
    else:  # cut off, an earlier head replayed under the real key id but an old MAC
        lines, key_id = lines[:-2], json.loads(lines[0])["key"]
        head = f"{len(lines)} {json.loads(lines[-1])['hash']} {key_id} {'f' * 64}"
    _write(log, lines)
    log.head_path.write_text(head + "\n", encoding="ascii")


FORGERIES = (
    "plain SHA-256 chain, legacy head",
    "plain SHA-256 chain, key ids kept",
    "chain under the forger's own key",
    "cut off, head rewritten",
    "cut off, head with a made-up MAC",
    "head replaced by garbage",
)


@pytest.mark.parametrize("how", FORGERIES)
def test_rewriting_the_whole_log_and_head_without_the_key_fails(log: AuditLog, how: str) -> None:
    _forge(log, how)
    report = AuditLog(log.data_dir).verify()
    assert not report.ok, how


def test_lines_carry_the_key_id_and_a_mac_under_the_key(log: AuditLog) -> None:
    key = log.key(create=False)
    assert key is not None and key.source == str(log.data_dir / "secrets" / "audit.key")
    first = log.entries()[0]
    body = {k: v for k, v in first.items() if k not in ("hash", "prev", "key")}
    expected = hmac.new(
        (log.data_dir / "secrets" / "audit.key").read_bytes().strip(),
        _canonical(first["prev"], body),
        hashlib.sha256,
    ).hexdigest()
    assert first["key"] == key.id and first["hash"] == expected


@pytest.mark.parametrize(
    ("verify_with", "message"),
    [
        ("another key of 16+ bytes", "but the key in use is"),
        (None, "but no audit key is set"),
    ],
)
def test_verifying_with_the_wrong_key_fails_clearly(
    log: AuditLog, verify_with: str | None, message: str
) -> None:
    (log.data_dir / "secrets" / "audit.key").unlink()
    key = AuditKey(verify_with.encode(), "test") if verify_with else None
    report = AuditLog(log.data_dir, key=key).verify()
    assert not report.ok
    assert len(report.problems) == 1, "a wrong key is said once, not per line"
    assert message in report.problems[0].reason
    assert report.problems[0].reason.startswith(f"keyed with audit key {log.entries()[0]['key']}")


def _legacy(tmp_path: Path, events: int) -> AuditLog:
    """A log as written before keying: plain SHA-256 lines and a two-field head."""
    log = AuditLog(tmp_path)
    log.folder.mkdir(parents=True)
    lines = [json.dumps({"seq": n + 1, "time": "2025-01-01T00:00:00.000+00:00",
                         "event": "refused", "zone": "th"}) for n in range(events)]  # fmt: skip
    last = _rechain(lines, _plain)
    _write(log, lines)
    log.head_path.write_text(f"{events} {last}\n", encoding="ascii")
    return log


def test_a_legacy_log_verifies_as_unkeyed_and_the_next_line_seals_it(tmp_path: Path) -> None:
    log = _legacy(tmp_path, 3)
    report = log.verify()
    assert report.ok and report.chain == "unkeyed, legacy" and report.key_id is None
    log.append("erase", zone="th")
    report = AuditLog(tmp_path).verify()
    assert report.ok and (report.legacy, report.keyed) == (3, 1)
    legacy, keyed = _lines(log)[:3], _lines(log)[3:]
    _rechain(legacy, _plain, zone="us")  # a forger re-chains the legacy part ...
    _write(log, [*legacy, *keyed])
    assert not AuditLog(tmp_path).verify().ok  # ... and breaks the keyed line after it


def test_a_legacy_log_with_a_key_in_use_fails_until_sealed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path)
    _legacy(tmp_path, 2)
    monkeypatch.setenv("CHUHAI_AUDIT_KEY", "a key given by the environment")
    runner = CliRunner()
    failed = runner.invoke(app, ["-c", str(config), "audit", "verify"])
    assert failed.exit_code == 1 and "chuhai audit seal" in failed.stdout
    sealed = runner.invoke(app, ["-c", str(config), "audit", "seal", "--json"])
    assert sealed.exit_code == 0, sealed.output
    assert json.loads(sealed.stdout)["chain"] == "keyed, after 2 unkeyed legacy line(s)"
    assert runner.invoke(app, ["-c", str(config), "audit", "verify"]).exit_code == 0


def test_seal_refuses_a_broken_legacy_log(tmp_path: Path) -> None:
    log = _legacy(tmp_path, 3)
    _write(log, _edit(_lines(log)))
    result = CliRunner().invoke(app, ["-c", str(_config(tmp_path)), "audit", "seal"])
    assert result.exit_code == 1 and "not sealed" in result.stderr
    assert AuditLog(tmp_path).verify().keyed == 0


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "chuhai.toml"
    config.write_text(f'data_dir = "{tmp_path}"\nmarkets = ["TH"]\n', encoding="utf-8")
    return config


def test_cli_verify_names_the_key_never_the_key_itself(log: AuditLog, tmp_path: Path) -> None:
    secret = (tmp_path / "secrets" / "audit.key").read_text().strip()
    key = log.key(create=False)
    assert key is not None
    runner = CliRunner()
    text = runner.invoke(app, ["-c", str(_config(tmp_path)), "audit", "verify"])
    assert text.exit_code == 0
    assert key.id in text.stdout and "HMAC-SHA256" in text.stdout
    as_json = runner.invoke(app, ["-c", str(_config(tmp_path)), "audit", "verify", "--json"])
    report = json.loads(as_json.stdout)
    assert report["key"] == {"id": key.id, "source": key.source}
    assert report["chain"] == "keyed"
    assert secret not in text.stdout + as_json.stdout


def test_cli_verify_with_the_wrong_key_says_so(
    log: AuditLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHUHAI_AUDIT_KEY", "not the key this log was written with")
    result = CliRunner().invoke(app, ["-c", str(_config(tmp_path)), "audit", "verify"])
    assert result.exit_code == 1
    assert "wrong key" in result.stdout and "$CHUHAI_AUDIT_KEY" in result.stdout
