"""Sign-in, roles and zone scoping for every route of the app (docs/ACCESS.md).

Each router (or route) declares what it needs as a dependency, ``require(Permission.VOC)``:
public, any signed-in user, or a permission of the user's role. The app-wide dependency
``authorize`` keeps a route that declares nothing for admins only. ``ROUTE_PERMISSIONS`` is
the same rule as a prefix table, for people (docs/ACCESS.md); a test checks that it says what
the dependencies do (``route_needs``). Requests sign in with ``Authorization: Bearer chu_...``
(API tokens) or the session cookie of ``/login``; a cookie request that changes something
must carry the session's CSRF token (``X-CSRF-Token`` header or ``csrf`` form field).
Every refusal is in the audit log.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final, Literal

from fastapi import Depends, Request
from fastapi.params import Depends as DependsParam
from fastapi.routing import APIRoute, APIWebSocketRoute
from starlette.requests import HTTPConnection
from starlette.routing import BaseRoute

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
    "Requirement",
    "api_routes",
    "authorize",
    "need_of",
    "permission_for",
    "principal_of",
    "require",
    "route_needs",
]

log = logging.getLogger(__name__)

SESSION_COOKIE: Final = "chuhai_session"
CSRF_HEADER: Final = "X-CSRF-Token"
PUBLIC: Final = "public"
ANY: Final = "signed-in"
Need = Permission | Literal["public", "signed-in"]

# What the routes' dependencies require, as prefixes (docs/ACCESS.md); tests/access checks
# that both agree. Longest matching prefix wins ("/voc" covers "/voc/market/TH"); "/" is exact.
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
    "/v1/draft": Permission.TOOLS,
    "/draft": Permission.TOOLS,
    "/v1/compliance": Permission.RULES,
    "/compliance": Permission.RULES,
    "/": Permission.VOC,
    "/voc": Permission.VOC,
    "/v1/voc": Permission.VOC,
    "/supply": Permission.SUPPLY,
    "/v1/supply": Permission.SUPPLY,
    "/creators": Permission.VOC,
    "/v1/creators": Permission.VOC,
    "/calendar": Permission.TOOLS,
    "/v1/calendar": Permission.TOOLS,
    "/live": Permission.LIVE,
    "/v1/live": Permission.LIVE,
    "/partners": Permission.PARTNERS,
    "/v1/partners": Permission.PARTNERS,
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


@dataclass(frozen=True)
class Requirement:
    """The dependency a router or route declares: sign-in, role, CSRF. Zone scoping happens
    where data is read (VocService, the supply plan, live rooms) from ``principal_of``."""

    need: Need

    async def __call__(self, conn: HTTPConnection) -> None:
        await _check(conn, self.need)


def require(need: Need) -> DependsParam:
    """``APIRouter(dependencies=[require(Permission.VOC)])``: what its routes need."""
    depends: DependsParam = Depends(Requirement(need))
    return depends


def need_of(route: BaseRoute) -> Need | None:
    """What a route requires (None: it declares nothing, so only admins may use it)."""
    deps: Iterable[DependsParam] = getattr(route, "dependencies", ())
    found = {d.dependency.need for d in deps if isinstance(d.dependency, Requirement)}
    if len(found) > 1:
        raise ValueError(f"{getattr(route, 'path', route)} requires {sorted(found)} at once")
    return found.pop() if found else None


def api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute | APIWebSocketRoute]:
    """The app's API routes, through the routers it includes (none with a prefix)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from api_routes(included.routes)
        elif isinstance(route, APIRoute | APIWebSocketRoute):
            yield route


def route_needs(routes: Iterable[BaseRoute]) -> dict[str, Need]:
    """Each API route's path and what it requires (admin where it declares nothing); the
    methods of one path require the same, as the prefix table can only say that."""
    needs: dict[str, Need] = {}
    for route in api_routes(routes):
        need = need_of(route) or Permission.ADMIN
        if needs.setdefault(route.path, need) != need:
            raise ValueError(f"{route.path} requires {needs[route.path]} and {need}")
    return needs


async def authorize(conn: HTTPConnection) -> None:
    """The app-wide dependency: a route that declares no requirement is for admins only."""
    route = conn.scope.get("route")
    if route is None or need_of(route) is None:
        await _check(conn, Permission.ADMIN)


async def _check(conn: HTTPConnection, need: Need) -> None:
    control: AccessControl | None = conn.app.state.access
    if control is None or need == PUBLIC:
        return
    route = conn.scope.get("route")
    path = getattr(route, "path", None) or conn.url.path
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
