"""The audit log's key: HMAC-SHA256 over the chain, kept outside the log, so whoever can
rewrite the log (and its head) still cannot write a chain that verifies.

Where the key comes from, first found wins:

- ``$CHUHAI_AUDIT_KEY``: the key itself (at least 16 bytes);
- ``$CHUHAI_AUDIT_KEY_COMMAND``: a command that prints it (a KMS or vault client), run
  without a shell;
- ``$CHUHAI_AUDIT_KEY_FILE``: a file holding it, created (mode 0600) on first use;
- ``<data_dir>/secrets/audit.key``, next to the zones' pseudonym secrets, created likewise.

The key is named by its id, ``k_`` and 16 hex digits of an HMAC of a fixed label under the
key: it tells keys apart and says nothing of the key.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import shlex
import subprocess
from pathlib import Path
from typing import Final

from chuhai.errors import ConfigError

__all__ = ["AuditKey"]

log = logging.getLogger(__name__)

_ID_LABEL: Final = b"chuhai audit key id"
_COMMAND_TIMEOUT_S: Final = 30


class AuditKey:
    ENV: Final = "CHUHAI_AUDIT_KEY"
    COMMAND_ENV: Final = "CHUHAI_AUDIT_KEY_COMMAND"
    FILE_ENV: Final = "CHUHAI_AUDIT_KEY_FILE"
    WHERE: Final = (
        "$CHUHAI_AUDIT_KEY, $CHUHAI_AUDIT_KEY_COMMAND, $CHUHAI_AUDIT_KEY_FILE "
        "or <data_dir>/secrets/audit.key"
    )

    def __init__(self, secret: bytes, source: str) -> None:
        if len(secret) < 16:
            raise ConfigError(f"the audit key from {source} is shorter than 16 bytes")
        self._secret = secret
        self.source = source  # where it came from: a variable's name or a path, never the key
        self.id = "k_" + hmac.new(secret, _ID_LABEL, hashlib.sha256).hexdigest()[:16]

    def __repr__(self) -> str:
        return f"AuditKey(id={self.id!r}, source={self.source!r})"

    def mac(self, data: bytes) -> str:
        return hmac.new(self._secret, data, hashlib.sha256).hexdigest()

    @classmethod
    def load(cls, data_dir: Path, *, create: bool) -> AuditKey | None:
        """The key in use for ``data_dir``; a missing key file is created when ``create``,
        else None is returned."""
        given = os.environ.get(cls.ENV)
        if given:
            return cls(given.encode("utf-8"), f"${cls.ENV}")
        command = os.environ.get(cls.COMMAND_ENV)
        if command:
            return cls(_run(command), f"${cls.COMMAND_ENV}")
        named = os.environ.get(cls.FILE_ENV)
        path = Path(named).expanduser() if named else data_dir / "secrets" / "audit.key"
        if not path.exists():
            if not create:
                return None
            _create(path)
        try:
            secret = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"cannot read the audit key {path}: {exc.strerror}") from None
        if not secret:
            raise ConfigError(f"the audit key file {path} is empty")
        return cls(secret.encode("utf-8"), str(path))


def _run(command: str) -> bytes:
    """The key a KMS or vault client prints (its first line)."""
    try:
        done = subprocess.run(  # the operator's own command, run without a shell
            shlex.split(command), capture_output=True, timeout=_COMMAND_TIMEOUT_S, check=False
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise ConfigError(f"${AuditKey.COMMAND_ENV} could not run: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(
            f"${AuditKey.COMMAND_ENV} exited with {done.returncode}"
            + (f": {said[-1]}" if said else "")
        )
    lines = done.stdout.decode("utf-8", "replace").strip().splitlines()
    return lines[0].strip().encode("utf-8") if lines else b""


def _create(path: Path) -> None:
    """Write a new key atomically: a temp file hard-linked into place, so a process racing
    us sees no file or the whole key, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    try:
        os.link(temp, path)
        log.info("created the audit key at %s", path)
    except FileExistsError:
        pass  # another process won the race; its key stands
    finally:
        temp.unlink()
