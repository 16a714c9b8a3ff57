"""The access store on its own: what it accepts, how it hashes, when sign-in locks, and when
sessions and tokens stop working."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from chuhai.access.roles import Permission, Principal, Role
from chuhai.access.store import SESSION_IDLE_S, SESSION_MAX_S, AccessStore, Lockout
from chuhai.errors import AuthError, InputError, LoginLockedError

PASSWORD = "correct horse battery"


class Clock:
    """Stands in for the store's ``time`` module: sign-in windows and session ages in tests."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr("chuhai.access.store.time", SimpleNamespace(time=fake.time))
    return fake


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> AccessStore:
    store = AccessStore(tmp_path / "access.sqlite3", lockout=Lockout(attempts=3, window_s=60))
    store.add_user("th-ops", Role.LOCAL, PASSWORD, markets=["TH"])
    store.add_user("boss", Role.ADMIN, PASSWORD)
    return store


@pytest.mark.parametrize(
    ("name", "role", "password", "markets", "reason"),
    [
        ("Bad Name", Role.HQ, PASSWORD, [], "user name"),
        ("x", Role.HQ, PASSWORD, [], "user name"),
        ("team", Role.LOCAL, PASSWORD, [], "needs the markets"),
        ("hq2", Role.HQ, PASSWORD, ["TH"], "only local users"),
        ("hq2", Role.HQ, "short", [], "at least 12"),
        ("boss", Role.ADMIN, PASSWORD, [], "exists"),
    ],
)
def test_add_user_refuses(
    store: AccessStore, name: str, role: Role, password: str, markets: list[str], reason: str
) -> None:
    with pytest.raises(InputError, match=reason):
        store.add_user(name, role, password, markets=markets)


def test_only_hashes_are_stored(store: AccessStore) -> None:
    token = store.create_token("boss", "ci")
    session, _ = store.open_session(store.authenticate("boss", PASSWORD, "10.0.0.1"))
    raw = store.path.read_bytes()
    assert b"$argon2id$" in raw
    for secret in (PASSWORD, token.rsplit("_", 1)[1], session):
        assert secret.encode() not in raw


@pytest.mark.parametrize(
    ("name", "password", "signs_in"),
    [
        ("th-ops", PASSWORD, True),
        ("th-ops", PASSWORD + "!", False),
        ("th-ops", "", False),
        ("nobody", PASSWORD, False),
    ],
)
def test_authenticate(store: AccessStore, name: str, password: str, signs_in: bool) -> None:
    if signs_in:
        principal = store.authenticate(name, password, "10.0.0.1")
        assert principal == Principal("th-ops", Role.LOCAL, ("TH",), "TH", "session")
    else:
        with pytest.raises(AuthError):
            store.authenticate(name, password, "10.0.0.1")


def test_lockout_by_user_and_by_address_lifts_after_the_window(
    store: AccessStore, clock: Clock
) -> None:
    for client in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):  # one user, guessed from three places
        with pytest.raises(AuthError):
            store.authenticate("th-ops", "wrong password!", client)
    with pytest.raises(LoginLockedError) as locked:  # even the right password now waits
        store.authenticate("th-ops", PASSWORD, "10.0.0.9")
    assert 0 < locked.value.retry_after <= 61
    store.authenticate("boss", PASSWORD, "10.0.0.9")  # other users are not locked out
    clock.now += 61
    assert store.authenticate("th-ops", PASSWORD, "10.0.0.9").name == "th-ops"


def test_one_address_guessing_many_users_is_locked_out(store: AccessStore) -> None:
    for name in ("a-user", "b-user", "c-user"):
        with pytest.raises(AuthError):
            store.authenticate(name, "wrong password!", "10.9.9.9")
    with pytest.raises(LoginLockedError):
        store.authenticate("boss", PASSWORD, "10.9.9.9")
    assert store.authenticate("boss", PASSWORD, "10.0.0.1").name == "boss"


def test_a_success_clears_the_users_failures(store: AccessStore) -> None:
    for round_ in range(3):  # 2 failures + 1 success, three times: never 3 failures in a row
        for _ in range(2):
            with pytest.raises(AuthError):
                store.authenticate("boss", "wrong password!", f"10.1.{round_}.1")
        store.authenticate("boss", PASSWORD, f"10.2.{round_}.1")


@pytest.mark.parametrize(
    ("elapsed", "active_every", "alive"),
    [
        (60.0, 60.0, True),
        (SESSION_IDLE_S + 1, None, False),  # idle too long
        (SESSION_MAX_S + 1, SESSION_IDLE_S / 2, False),  # busy, but older than the limit
    ],
)
def test_sessions_expire(
    store: AccessStore, clock: Clock, elapsed: float, active_every: float | None, alive: bool
) -> None:
    session, csrf = store.open_session(store.authenticate("th-ops", PASSWORD, "10.0.0.1"))
    end = clock.now + elapsed
    while active_every and clock.now + active_every < end:
        clock.now += active_every
        store.session(session)
    clock.now = end
    if alive:
        principal = store.session(session)
        assert (principal.name, principal.csrf, principal.via) == ("th-ops", csrf, "session")
    else:
        with pytest.raises(AuthError, match="expired"):
            store.session(session)


def close_session(store: AccessStore, session: str) -> None:
    store.close_session(session)


def change_password(store: AccessStore, session: str) -> None:
    store.set_password("th-ops", "a new password of mine")


def disable_user(store: AccessStore, session: str) -> None:
    store.disable("th-ops")


@pytest.mark.parametrize("end", [close_session, change_password, disable_user])
def test_what_ends_a_session(store: AccessStore, end: Callable[[AccessStore, str], None]) -> None:
    session, _ = store.open_session(store.authenticate("th-ops", PASSWORD, "10.0.0.1"))
    end(store, session)
    with pytest.raises(AuthError):
        store.session(session)


def test_tokens(store: AccessStore) -> None:
    token = store.create_token("th-ops", "dashboard")
    principal = store.token(token)
    assert (principal.name, principal.via, principal.markets) == ("th-ops", "token", ("TH",))
    token_id = token.split("_")[1]
    assert [(t["id"], t["user"], t["revoked"]) for t in store.tokens()] == [(token_id, "th-ops", 0)]
    for forged in (token[:-1] + ("A" if token[-1] != "A" else "B"), "chu_x", "abc_def_ghi", ""):
        with pytest.raises(AuthError):
            store.token(forged)
    store.revoke_token(token_id)
    with pytest.raises(AuthError, match="revoked"):
        store.token(token)
    with pytest.raises(InputError):
        store.revoke_token("no-such-token")
    with pytest.raises(InputError):
        store.create_token("nobody", "x")


def test_disabling_revokes_tokens_and_refuses_sign_in(store: AccessStore) -> None:
    token = store.create_token("th-ops", "ci")
    store.disable("th-ops")
    with pytest.raises(AuthError):
        store.token(token)
    with pytest.raises(AuthError):
        store.authenticate("th-ops", PASSWORD, "10.0.0.1")
    assert [u.disabled for u in store.users() if u.name == "th-ops"] == [True]


@pytest.mark.parametrize(
    ("role", "markets", "permission", "market", "can", "sees"),
    [
        (Role.LOCAL, ("TH",), Permission.LIVE, "TH", True, True),
        (Role.LOCAL, ("TH",), Permission.VOC, "ID", True, False),
        (Role.LOCAL, ("TH",), Permission.ADMIN, "TH", False, True),
        (Role.HQ, (), Permission.LIVE, "ID", False, True),
        (Role.HQ, (), Permission.VOC, "ID", True, True),
        (Role.AUDITOR, (), Permission.AUDIT, "ID", True, True),
        (Role.AUDITOR, (), Permission.VOC, "ID", False, True),
        (Role.ADMIN, (), Permission.ADMIN, "ID", True, True),
    ],
)
def test_principal(
    role: Role,
    markets: tuple[str, ...],
    permission: Permission,
    market: str,
    can: bool,
    sees: bool,
) -> None:
    principal = Principal("someone", role, markets)
    assert (principal.can(permission), principal.sees_market(market)) == (can, sees)
