"""Sign-in and out, who am I, the admin page (users, transfer bases) and the audit log."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from chuhai.access.roles import ROLES, Permission, Principal, Role
from chuhai.access.store import UserInfo
from chuhai.api.access import ANY, PUBLIC, SESSION_COOKIE, AccessControl, principal_of, require
from chuhai.api.deps import settings_of
from chuhai.api.lang import LangDep, lang_cookie
from chuhai.api.models.common import ERRORS, Out
from chuhai.api.models.tools import AuditOut
from chuhai.errors import AuthError, InputError, LoginLockedError
from chuhai.markets import normalize_market
from chuhai.privacy.audit import AuditLog, AuditReport
from chuhai.web.i18n import Translator, pick_lang
from chuhai.web.render import plain_page

__all__ = ["router"]

router = APIRouter(tags=["access"])
# Sign-in is public, the rest per route: any signed-in user, admins, auditors.
OPEN, SIGNED_IN = [require(PUBLIC)], [require(ANY)]
ADMIN, AUDIT = [require(Permission.ADMIN)], [require(Permission.AUDIT)]
DONE = ("user_added", "user_disabled", "basis_added")  # what an admin form reports back


def _control(request: Request) -> AccessControl:
    control: AccessControl | None = request.app.state.access
    if control is None:
        raise InputError("this app runs without sign-in (chuhai serve --no-auth)")
    return control


def _safe_next(target: str) -> str:
    """Only paths of this app: never an open redirect."""
    return target if target.startswith("/") and not target.startswith("//") else "/voc"


@router.get("/login", response_class=HTMLResponse, include_in_schema=False, dependencies=OPEN)
def login_page(request: Request, lang: LangDep, next: str = "/voc") -> HTMLResponse:
    body = plain_page("login.html", lang=lang, next=_safe_next(next), site=[],
                      path="/login", query=dict(request.query_params))  # fmt: skip
    return HTMLResponse(body)


@router.post("/login", include_in_schema=False, dependencies=OPEN)
def login(
    request: Request,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=512)] = "/voc",
    lang: Annotated[str, Form(max_length=5)] = "zh",
) -> Response:
    control = _control(request)
    client = request.client.host if request.client else "unknown"
    chosen = pick_lang(lang)
    try:
        principal = control.store.authenticate(username.strip().lower(), password, client)
    except LoginLockedError as exc:
        control.audit.append("sign_in_locked", user=username, client=client)
        error = Translator(chosen)("login_locked", seconds=exc.retry_after)
        body = plain_page("login.html", lang=chosen, next=_safe_next(next), error=error, site=[])
        return HTMLResponse(body, 429, headers={"Retry-After": str(exc.retry_after)})
    except AuthError:
        control.audit.append("sign_in_failed", user=username, client=client)
        error = Translator(chosen)("login_failed")
        return HTMLResponse(
            plain_page("login.html", lang=chosen, next=_safe_next(next), error=error, site=[]),
            401,
        )
    session, _ = control.store.open_session(principal)
    control.audit.append("sign_in", user=principal.name, role=principal.role.value, client=client)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.headers.append("set-cookie", lang_cookie(chosen))  # the language signed in with
    response.set_cookie(
        SESSION_COOKIE, session, httponly=True, secure=control.secure_cookies, samesite="lax"
    )
    return response


@router.post("/logout", include_in_schema=False, dependencies=SIGNED_IN)
def logout(request: Request) -> Response:
    control = _control(request)
    principal = principal_of(request)
    if principal is not None and principal.session_id:
        control.store.close_session(principal.session_id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


class Me(Out):
    name: str
    role: str
    markets: list[str]
    location: str
    via: str


@router.get("/v1/auth/me", response_model=Me, dependencies=SIGNED_IN)
def me(request: Request) -> dict[str, Any]:
    """Who the request acts for: role, markets (empty: all), where they read from."""
    principal = principal_of(request)
    if principal is None:
        raise AuthError("this app runs without sign-in")
    return {"name": principal.name, "role": principal.role.value,
            "markets": list(principal.markets), "location": principal.location,
            "via": principal.via}  # fmt: skip


def _me(request: Request) -> Principal:
    principal = principal_of(request)
    if principal is None:
        raise AuthError("sign in first")
    return principal


@router.get("/admin", response_class=HTMLResponse, include_in_schema=False, dependencies=ADMIN)
def admin_page(
    request: Request, lang: LangDep, message: str = "", done: str = "", who: str = ""
) -> HTMLResponse:
    control = _control(request)
    if done in DONE:  # what the last form did, in the reader's language
        message = Translator(lang)(f"done_{done}", who=who[:64])
    elif message:
        message = Translator(lang)("not_saved", detail=message)
    body = plain_page(
        "admin.html", lang=lang, user=_me(request), users=control.store.users(),
        transfers=control.store.transfers(), roles=[r.value for r in ROLES], message=message[:200],
        path="/admin", query=dict(request.query_params), current="admin",
    )  # fmt: skip
    return HTMLResponse(body)


class NewUser(BaseModel):
    name: str = Field(min_length=2, max_length=64)
    role: Role
    password: str = Field(min_length=12, max_length=1024)
    markets: list[str] = Field(default_factory=list, max_length=50)
    location: str = Field(default="", max_length=2)


def _add_user(request: Request, new: NewUser) -> UserInfo:
    control = _control(request)
    markets = [normalize_market(m) for m in new.markets]
    info = control.store.add_user(new.name.lower(), new.role, new.password, markets=markets,
                                  location=new.location.upper())  # fmt: skip
    control.audit.append("user_added", user=new.name, role=new.role.value, markets=markets,
                         by=_me(request).name)  # fmt: skip
    return info


@router.post("/admin/users", include_in_schema=False, dependencies=ADMIN)
def add_user_form(
    request: Request,
    name: Annotated[str, Form(max_length=64)],
    role: Annotated[str, Form(max_length=16)],
    password: Annotated[str, Form(max_length=1024)],
    markets: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    try:
        new = NewUser(name=name, role=Role(role), password=password,
                      markets=[m for m in markets.replace(" ", "").split(",") if m])  # fmt: skip
        _add_user(request, new)
    except (InputError, ValueError) as exc:
        message = str(exc).splitlines()[0]
        return RedirectResponse(f"/admin?message={quote(message)}", status_code=303)
    return RedirectResponse(f"/admin?done=user_added&who={quote(name)}", status_code=303)


@router.post("/admin/users/{name}/disable", include_in_schema=False, dependencies=ADMIN)
def disable_user_form(request: Request, name: str) -> Response:
    _control(request).store.disable(name)
    _control(request).audit.append("user_disabled", user=name, by=_me(request).name)
    return RedirectResponse(f"/admin?done=user_disabled&who={quote(name)}", status_code=303)


@router.post("/admin/transfers", include_in_schema=False, dependencies=ADMIN)
def add_transfer_form(
    request: Request,
    source: Annotated[str, Form(max_length=8)],
    to: Annotated[str, Form(max_length=8)],
    mechanism: Annotated[str, Form(min_length=2, max_length=40)],
    reference: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    control = _control(request)
    try:
        from_market, to_country = normalize_market(source), normalize_market(to)
    except InputError as exc:
        return RedirectResponse(f"/admin?message={quote(str(exc))}", status_code=303)
    control.store.add_transfer(from_market, to_country, mechanism, reference, _me(request).name)
    control.audit.append("transfer_basis_added", source=from_market, to=to_country,
                         mechanism=mechanism, by=_me(request).name)  # fmt: skip
    return RedirectResponse("/admin?done=basis_added", status_code=303)


class UserOut(Out):
    name: str
    role: str
    markets: list[str]
    location: str
    disabled: bool


@router.get("/v1/admin/users", response_model=list[UserOut], dependencies=ADMIN)
def list_users(request: Request) -> list[dict[str, Any]]:
    """Every user with role, markets and whether disabled (admins only)."""
    return [{"name": u.name, "role": u.role.value, "markets": list(u.markets),
             "location": u.location, "disabled": u.disabled}
            for u in _control(request).store.users()]  # fmt: skip


@router.post("/v1/admin/users", status_code=201, response_model=UserOut, dependencies=ADMIN)
def add_user(request: Request, new: NewUser) -> dict[str, Any]:
    """Add a user (admins only); local users need their markets."""
    info = _add_user(request, new)
    return {"name": info.name, "role": info.role.value, "markets": list(info.markets),
            "location": info.location, "disabled": False}  # fmt: skip


def _audit_rows(data_dir: Any, limit: int) -> tuple[list[dict[str, Any]], AuditReport]:
    log = AuditLog(data_dir)
    entries = log.entries()[-limit:][::-1]
    return entries, log.verify()


@router.get("/v1/audit", dependencies=AUDIT, response_model=AuditOut, responses=ERRORS)
def audit_json(
    request: Request, limit: Annotated[int, Query(ge=1, le=10_000)] = 200
) -> dict[str, Any]:
    """The newest audit entries (auditors and admins), whether the keyed chain holds, and the
    id of the key it was checked with."""
    entries, report = _audit_rows(settings_of(request).data_dir, limit)
    return {"verified": report.ok, "chain": report.chain, "key": report.key_id,
            "entries": entries}  # fmt: skip


@router.get("/audit", response_class=HTMLResponse, include_in_schema=False, dependencies=AUDIT)
def audit_page(request: Request, lang: LangDep) -> HTMLResponse:
    entries, report = _audit_rows(settings_of(request).data_dir, 500)
    keys = ("seq", "time", "event", "prev", "hash", "key")
    rows = [{"seq": e.get("seq"), "time": e.get("time"), "event": e.get("event"),
             "fields": [(k, v) for k, v in e.items() if k not in keys]}
            for e in entries]  # fmt: skip
    body = plain_page("audit.html", lang=lang, user=_me(request), entries=rows,
                      count=len(rows), verified=report.ok, path="/audit",
                      query=dict(request.query_params), current="audit")  # fmt: skip
    return HTMLResponse(body)
