"""Where the audit key comes from (environment, a KMS command, a key file), and that it is
named by an id that tells keys apart without showing them."""

from __future__ import annotations

import shlex
import stat
import sys
from pathlib import Path

import pytest

from chuhai.errors import ConfigError
from chuhai.privacy.audit_key import AuditKey

SECRET = "an audit key of more than 16 bytes"
PRINTS_SECRET = shlex.join([sys.executable, "-c", f"print({SECRET!r})"])


@pytest.fixture(autouse=True)
def _no_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (AuditKey.ENV, AuditKey.COMMAND_ENV, AuditKey.FILE_ENV):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("variable", "value", "source"),
    [
        ("CHUHAI_AUDIT_KEY", SECRET, "$CHUHAI_AUDIT_KEY"),
        ("CHUHAI_AUDIT_KEY_COMMAND", PRINTS_SECRET, "$CHUHAI_AUDIT_KEY_COMMAND"),
    ],
)
def test_a_key_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, source: str
) -> None:
    monkeypatch.setenv(variable, value)
    key = AuditKey.load(tmp_path, create=True)
    assert key is not None and key.source == source
    assert key.id == AuditKey(SECRET.encode(), "same").id
    assert not (tmp_path / "secrets").exists()


@pytest.mark.parametrize("named", [False, True])
def test_a_key_file_is_created_private_on_first_use_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, named: bool
) -> None:
    path = (
        tmp_path / "elsewhere" / "chuhai-audit.key" if named else tmp_path / "secrets" / "audit.key"
    )
    if named:
        monkeypatch.setenv("CHUHAI_AUDIT_KEY_FILE", str(path))
    assert AuditKey.load(tmp_path, create=False) is None
    key = AuditKey.load(tmp_path, create=True)
    assert key is not None and key.source == str(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = AuditKey.load(tmp_path, create=True)
    assert again is not None and again.id == key.id


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("CHUHAI_AUDIT_KEY", "short", "shorter than 16 bytes"),
        (
            "CHUHAI_AUDIT_KEY_COMMAND",
            shlex.join([sys.executable, "-c", "import sys; sys.exit('vault is sealed')"]),
            "exited with 1: vault is sealed",
        ),
        ("CHUHAI_AUDIT_KEY_COMMAND", "/no/such/kms-client get", "could not run"),
        ("CHUHAI_AUDIT_KEY_FILE", "{empty}", "is empty"),
    ],
)
def test_an_unusable_key_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    if value == "{empty}":
        value = str(tmp_path / "empty.key")
        Path(value).write_text("\n", encoding="utf-8")
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=message):
        AuditKey.load(tmp_path, create=True)


def test_the_id_tells_keys_apart_and_shows_nothing_of_the_key() -> None:
    key, other = AuditKey(SECRET.encode(), "a"), AuditKey(b"another key of 16+ bytes", "b")
    assert key.id != other.id and key.id.startswith("k_") and len(key.id) == 18
    assert SECRET not in repr(key) and SECRET.encode().hex()[:16] not in key.id
