"""Sign-in, roles and zone scoping for every route of the app (docs/ACCESS.md).

One dependency on the whole app decides each request from ``ROUTE_PERMISSIONS``: public, any
signed-in user, or a permission of the user's role (a route missing from the table is for
admins only). Requests sign in with ``Authorization: Bearer chu_...`` (API tokens) or the
session cookie of ``/login``; a cookie request that changes something must carry the
session's CSRF token (``X-CSRF-Token`` header or ``csrf`` form field). Every refusal is in the
audit log.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import Final, Literal

from fastapi import Request
from starlette.requests import HTTPConnection

from chuhai.access.roles import Permission, Principal
from chuhai.access.store import AccessStore, Lockout
from chuhai.errors import AccessError, AuthError
from chuhai.privacy.audit import AuditLog
from chuhai.settings import Settings

__all__ = [
    "ANY",
    "CSRF_HEADER",
    "PUBLIC",
    "ROUTE_PERMISSIONS",
    "SESSION_COOKIE",
    "AccessControl",
    "authorize",
    "permission_for",
    "principal_of",
]

log = logging.getLogger(__name__)

SESSION_COOKIE: Final = "chuhai_session"
CSRF_HEADER: Final = "X-CSRF-Token"
PUBLIC: Final = "public"
ANY: Final = "signed-in"
Need = Permission | Literal["public", "signed-in"]

# Longest matching prefix wins ("/voc" covers "/voc/market/TH"); "/" alone is exact.
ROUTE_PERMISSIONS: Final[dict[str, Need]] = {
    "/v1/health": PUBLIC,
    "/login": PUBLIC,
    "/static": PUBLIC,
    "/openapi.json": PUBLIC,
    "/docs": PUBLIC,
    "/redoc": PUBLIC,
    "/logout": ANY,
    "/v1/auth/me": ANY,
    "/v1/analyze": Permission.TOOLS,
    "/v1/translation": Permission.TOOLS,
    "/v1/privacy/scan": Permission.TOOLS,
    "/v1/script/check": Permission.TOOLS,
    "/v1/compliance": Permission.RULES,
    "/compliance": Permission.RULES,
    "/": Permission.VOC,
    "/voc": Permission.VOC,
    "/v1/voc": Permission.VOC,
    "/supply": Permission.SUPPLY,
    "/v1/supply": Permission.SUPPLY,
    "/live": Permission.LIVE,
    "/v1/live": Permission.LIVE,
    "/audit": Permission.AUDIT,
    "/v1/audit": Permission.AUDIT,
    "/admin": Permission.ADMIN,
    "/v1/admin": Permission.ADMIN,
}


def permission_for(path: str) -> Need:
    """What a path needs; admin rights for anything the table does not name."""
    if path == "/":
        return ROUTE_PERMISSIONS["/"]
    best = ""
    for prefix in ROUTE_PERMISSIONS:
        if prefix != "/" and (path == prefix or path.startswith(prefix + "/")):
            best = max(best, prefix, key=len)
    return ROUTE_PERMISSIONS[best] if best else Permission.ADMIN


@dataclass
class AccessControl:
    """The app's users and sessions, and where refusals are recorded."""

    store: AccessStore
    audit: AuditLog
    secure_cookies: bool = True

    @classmethod
    def from_settings(cls, settings: Settings) -> AccessControl:
        auth = settings.auth
        lockout = Lockout(auth.lockout_attempts, auth.lockout_window_s)
        store = AccessStore(settings.data_dir / "access.sqlite3", lockout=lockout)
        return cls(store, AuditLog(settings.data_dir), auth.secure_cookies)

    def identify(self, conn: HTTPConnection) -> Principal:
        header = conn.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            return self.store.token(header[7:].strip())
        session = conn.cookies.get(SESSION_COOKIE)
        if not session:
            raise AuthError("sign in first (/login), or send Authorization: Bearer <API token>")
        return self.store.session(session)

    def deny(self, conn: HTTPConnection, who: Principal | None, reason: str) -> None:
        self.audit.append(
            "access_denied",
            user=who.name if who else None,
            role=who.role.value if who else None,
            path=conn.url.path,
            method=conn.scope.get("method", "WEBSOCKET"),
            client=conn.client.host if conn.client else None,
            reason=reason,
        )


async def _csrf_ok(request: Request, principal: Principal) -> bool:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = str((await request.form()).get("csrf") or "")
    return bool(sent) and secrets.compare_digest(sent or "", principal.csrf)


async def authorize(conn: HTTPConnection) -> None:
    """The app-wide dependency: sign-in, role, CSRF. Zone scoping happens where data is read
    (VocService, the supply plan, live rooms) from ``principal_of``."""
    control: AccessControl | None = conn.app.state.access
    if control is None:
        return
    route = conn.scope.get("route")
    path = getattr(route, "path", None) or conn.url.path
    need = permission_for(path)
    if need == PUBLIC:
        return
    try:
        principal = control.identify(conn)
    except AuthError as exc:
        control.deny(conn, None, str(exc))
        raise
    conn.state.principal = principal
    if need != ANY and not principal.can(Permission(need)):
        control.deny(conn, principal, f"role {principal.role} lacks {need}")
        raise AccessError(f"your role ({principal.role}) may not use {path}")
    unsafe = conn.scope.get("method", "GET") not in ("GET", "HEAD", "OPTIONS")
    cookie = principal.via == "session" and isinstance(conn, Request)
    if unsafe and cookie and not await _csrf_ok(conn, principal):  # type: ignore[arg-type]
        control.deny(conn, principal, "missing or wrong CSRF token")
        raise AccessError("missing or wrong CSRF token (reload the page)")


def principal_of(conn: HTTPConnection) -> Principal | None:
    """Who the request acts for (None when the app runs without sign-in)."""
    principal: Principal | None = getattr(conn.state, "principal", None)
    return principal
