"""Users, API tokens, sign-in sessions, failed sign-ins and the transfer bases an admin adds,
in ``<data_dir>/access.sqlite3`` (not zone data: names and roles of the company's own staff).

Passwords are hashed with Argon2id (pwdlib); tokens and session ids are stored as SHA-256
digests only, so a copy of the file signs nobody in.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from chuhai.access.roles import Principal, Role
from chuhai.errors import AuthError, InputError, LoginLockedError

__all__ = ["AccessStore", "Lockout", "UserInfo"]

log = logging.getLogger(__name__)

_NAME: Final = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")
_PARTNER: Final = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")  # a partner id (partners.toml)
_USER: Final = "name, role, markets, location, disabled, partner"
MIN_PASSWORD: Final = 12
SESSION_IDLE_S: Final = 8 * 3600
SESSION_MAX_S: Final = 24 * 3600

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, markets TEXT NOT NULL, location TEXT NOT NULL,
    password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
    id TEXT PRIMARY KEY, user TEXT NOT NULL, secret_hash TEXT NOT NULL, label TEXT NOT NULL,
    created_at REAL NOT NULL, last_used REAL, revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL,
    created_at REAL NOT NULL, last_seen REAL NOT NULL);
CREATE TABLE IF NOT EXISTS failures (key TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failures_key ON failures (key, at);
CREATE TABLE IF NOT EXISTS transfers (
    id INTEGER PRIMARY KEY AUTOINCREMENT, from_market TEXT NOT NULL, to_market TEXT NOT NULL,
    mechanism TEXT NOT NULL, reference TEXT NOT NULL, added_by TEXT NOT NULL,
    added_at REAL NOT NULL);
"""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Lockout:
    """Brute-force protection: ``attempts`` failures of one user or one address within
    ``window_s`` lock sign-in for that user or address until the window has passed."""

    attempts: int = 5
    window_s: int = 900


@dataclass(frozen=True)
class UserInfo:
    name: str
    role: Role
    markets: tuple[str, ...]
    location: str
    disabled: bool
    partner: str = ""  # a partner user's partner id


class AccessStore:
    def __init__(self, path: Path, *, lockout: Lockout | None = None) -> None:
        from pwdlib import PasswordHash

        self.path = path
        self.lockout = lockout or Lockout()
        self._hasher = PasswordHash.recommended()
        self._dummy = self._hasher.hash(secrets.token_hex(16))  # same work for unknown users
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(_SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(users)")}
            if "partner" not in columns:  # files written before partner users
                db.execute("ALTER TABLE users ADD COLUMN partner TEXT NOT NULL DEFAULT ''")

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            db = sqlite3.connect(self.path, timeout=10)
            try:
                with db:
                    yield db
            finally:
                db.close()

    # -- users ------------------------------------------------------------------------------

    def add_user(
        self,
        name: str,
        role: Role | str,
        password: str,
        *,
        markets: Sequence[str] = (),
        location: str = "",
        partner: str = "",
    ) -> UserInfo:
        role = self.check_new_user(name, role, markets, partner)
        self._check_password(password)
        scoped = role in (Role.LOCAL, Role.PARTNER) and markets
        location = (location or (markets[0] if scoped else "")).upper()
        try:
            with self._db() as db:
                db.execute(
                    "INSERT INTO users (name, role, markets, location, password_hash, disabled, "
                    "created_at, partner) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
                    (name, role.value, ",".join(markets), location,
                     self._hasher.hash(password), time.time(), partner),
                )  # fmt: skip
        except sqlite3.IntegrityError:
            raise InputError(f"user {name!r} exists") from None
        log.info("user %s added as %s", name, role)
        return UserInfo(name, role, tuple(markets), location, False, partner)

    def check_new_user(
        self, name: str, role: Role | str, markets: Sequence[str] = (), partner: str = ""
    ) -> Role:
        """The role, if a user ``name`` with these markets may be added; else InputError (so a
        command can refuse before it asks for a password)."""
        try:
            role = Role(role)
        except ValueError:
            roles = ", ".join(r.value for r in Role)
            raise InputError(f"unknown role {role!r} (roles: {roles})") from None
        if not _NAME.match(name):
            raise InputError(
                f"user name {name!r}: 2-64 of a-z 0-9 . _ @ -, starting with a letter or digit"
            )
        if role is Role.LOCAL and not markets:
            raise InputError("a local user needs the markets (or zone) of the team (--market TH)")
        if role not in (Role.LOCAL, Role.PARTNER) and markets:
            raise InputError(f"only local users and partners are scoped to markets, not {role}")
        if role is Role.PARTNER and not _PARTNER.match(partner):
            raise InputError("a partner user needs the partner's id in partners.toml (--partner)")
        if role is not Role.PARTNER and partner:
            raise InputError(f"only partner users belong to a partner, not {role}")
        with self._db() as db:
            if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
                raise InputError(f"user {name!r} exists")
        return role

    @staticmethod
    def _check_password(password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise InputError(f"the password needs at least {MIN_PASSWORD} characters")

    def set_password(self, name: str, password: str) -> None:
        self._check_password(password)
        with self._db() as db:
            changed = db.execute(
                "UPDATE users SET password_hash = ? WHERE name = ?",
                (self._hasher.hash(password), name),
            ).rowcount
            db.execute("DELETE FROM sessions WHERE user = ?", (name,))
        if not changed:
            raise InputError(f"no user {name!r}")

    def disable(self, name: str) -> None:
        """Sign the user out everywhere and refuse their sessions and tokens from now on."""
        with self._db() as db:
            changed = db.execute("UPDATE users SET disabled = 1 WHERE name = ?", (name,)).rowcount
            db.execute("DELETE FROM sessions WHERE user = ?", (name,))
            db.execute("UPDATE tokens SET revoked = 1 WHERE user = ?", (name,))
        if not changed:
            raise InputError(f"no user {name!r}")

    def users(self) -> list[UserInfo]:
        with self._db() as db:
            rows = db.execute(f"SELECT {_USER} FROM users ORDER BY name").fetchall()
        return [_user(r) for r in rows]

    def _principal(self, db: sqlite3.Connection, name: str, via: str, **more: Any) -> Principal:
        row = db.execute(f"SELECT {_USER} FROM users WHERE name = ?", (name,)).fetchone()
        if row is None or row[4]:
            raise AuthError("the user is unknown or disabled")
        user = _user(row)
        return Principal(
            user.name, user.role, user.markets, user.location, via, partner=user.partner, **more
        )

    # -- passwords and brute force ------------------------------------------------------------

    def authenticate(self, name: str, password: str, client: str) -> Principal:
        """The user, if the password is right and neither the user nor the address is locked
        out; every failure counts against both."""
        now = time.time()
        keys = (f"user:{name}", f"addr:{client}")
        with self._db() as db:
            since = now - self.lockout.window_s
            db.execute("DELETE FROM failures WHERE at < ?", (since,))
            for key in keys:
                rows = db.execute(
                    "SELECT count(*), min(at) FROM failures WHERE key = ? AND at >= ?", (key, since)
                ).fetchone()
                if rows[0] >= self.lockout.attempts:
                    wait = int(rows[1] + self.lockout.window_s - now) + 1
                    raise LoginLockedError(f"too many failed sign-ins; try again in {wait} s", wait)
            row = db.execute(
                "SELECT password_hash, disabled FROM users WHERE name = ?", (name,)
            ).fetchone()
            valid = self._hasher.verify(password, row[0] if row else self._dummy)
            if row and valid and not row[1]:
                db.execute("DELETE FROM failures WHERE key = ?", (keys[0],))
                return self._principal(db, name, "session")
        with self._db() as db:  # committed on its own: the failure must count
            db.executemany("INSERT INTO failures VALUES (?, ?)", [(k, now) for k in keys])
        raise AuthError("wrong user name or password")

    # -- sessions ----------------------------------------------------------------------------

    def open_session(self, principal: Principal) -> tuple[str, str]:
        """A new session id (for the cookie) and its CSRF token."""
        session, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
        now = time.time()
        with self._db() as db:
            db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                (_digest(session), principal.name, csrf, now, now),
            )
        return session, csrf

    def session(self, session: str) -> Principal:
        now = time.time()
        with self._db() as db:
            row = db.execute(
                "SELECT user, csrf, created_at, last_seen FROM sessions WHERE id_hash = ?",
                (_digest(session),),
            ).fetchone()
            if row is None:
                raise AuthError("not signed in (or the session ended)")
            if now - row[3] > SESSION_IDLE_S or now - row[2] > SESSION_MAX_S:
                db.execute("DELETE FROM sessions WHERE id_hash = ?", (_digest(session),))
                raise AuthError("the session expired; sign in again")
            db.execute(
                "UPDATE sessions SET last_seen = ? WHERE id_hash = ?", (now, _digest(session))
            )
            return self._principal(db, row[0], "session", csrf=row[1], session_id=session)

    def close_session(self, session: str) -> None:
        with self._db() as db:
            db.execute("DELETE FROM sessions WHERE id_hash = ?", (_digest(session),))

    # -- API tokens --------------------------------------------------------------------------

    def create_token(self, name: str, label: str) -> str:
        """A new token for ``name``: shown once, stored as a digest."""
        token_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
        with self._db() as db:
            if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone() is None:
                raise InputError(f"no user {name!r}")
            db.execute(
                "INSERT INTO tokens VALUES (?, ?, ?, ?, ?, NULL, 0)",
                (token_id, name, _digest(secret), label, time.time()),
            )
        return f"chu_{token_id}_{secret}"

    def token(self, token: str) -> Principal:
        prefix, _, rest = token.partition("_")
        token_id, _, secret = rest.partition("_")
        if prefix != "chu" or not token_id or not secret:
            raise AuthError("not a chuhai API token")
        with self._db() as db:
            row = db.execute(
                "SELECT user, secret_hash, revoked FROM tokens WHERE id = ?", (token_id,)
            ).fetchone()
            if row is None or row[2] or not secrets.compare_digest(row[1], _digest(secret)):
                raise AuthError("the API token is unknown or revoked")
            db.execute("UPDATE tokens SET last_used = ? WHERE id = ?", (time.time(), token_id))
            return self._principal(db, row[0], "token")

    def revoke_token(self, token_id: str) -> None:
        with self._db() as db:
            if not db.execute("UPDATE tokens SET revoked = 1 WHERE id = ?", (token_id,)).rowcount:
                raise InputError(f"no token {token_id!r}")

    def tokens(self) -> list[dict[str, Any]]:
        with self._db() as db:
            rows = db.execute(
                "SELECT id, user, label, created_at, last_used, revoked FROM tokens ORDER BY id"
            ).fetchall()
        keys = ("id", "user", "label", "created_at", "last_used", "revoked")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # -- transfer bases ----------------------------------------------------------------------

    def add_transfer(
        self, from_market: str, to_market: str, mechanism: str, reference: str, added_by: str
    ) -> None:
        with self._db() as db:
            db.execute(
                "INSERT INTO transfers (from_market, to_market, mechanism, reference, added_by, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?)",
                (from_market, to_market, mechanism, reference, added_by, time.time()),
            )

    def transfers(self) -> list[dict[str, str]]:
        with self._db() as db:
            rows = db.execute(
                "SELECT from_market, to_market, mechanism, reference, added_by FROM transfers "
                "ORDER BY id"
            ).fetchall()
        keys = ("from", "to", "mechanism", "reference", "added_by")
        return [dict(zip(keys, r, strict=True)) for r in rows]


def _user(row: Sequence[Any]) -> UserInfo:
    markets = tuple(m for m in str(row[2]).split(",") if m)
    return UserInfo(str(row[0]), Role(row[1]), markets, str(row[3]), bool(row[4]), str(row[5]))
