"""Every route for every role: allowed or refused as its dependency says (and the prefix table
of docs/ACCESS.md with it; a route that declares nothing is for admins only); sign-in,
sessions with CSRF, brute-force lockout, denied access in the audit log, and no raw text of
another zone in anything a market team receives."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from chuhai.access.roles import PERMISSIONS, Permission, Role
from chuhai.api import create_app
from chuhai.api.access import (
    ANY,
    PUBLIC,
    ROUTE_PERMISSIONS,
    AccessControl,
    permission_for,
    require,
    route_needs,
)
from chuhai.privacy.audit import AuditLog
from chuhai.settings import Settings
from tests.voc.factory import populate, two_zone_settings

PASSWORD = "correct horse battery"
US_TEXTS = ("battery died fast", "great price", "slow shipping")
PATH_VALUES = {"market": "TH", "product": "PB-400", "theme_id": "nothing", "room": "shop.th",
               "name": "nobody", "session": "nothing", "question_id": "nothing",
               "entry_id": "nothing"}  # fmt: skip
USERS = {
    "boss": (Role.ADMIN, []),
    "hq": (Role.HQ, []),
    "th": (Role.LOCAL, ["TH"]),
    "us": (Role.LOCAL, ["US"]),
    "audit": (Role.AUDITOR, []),
}


@pytest.fixture(scope="module")
def world(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Settings, AccessControl, dict[str, str]]:
    root = tmp_path_factory.mktemp("access")
    settings = two_zone_settings(root / "data", live={"rooms": {"shop.th": "TH", "shop.us": "US"}})
    populate(settings, weeks=3, per_week=30)
    control = AccessControl.from_settings(settings)
    control.secure_cookies = False  # the test client speaks http://testserver
    tokens = {}
    for name, (role, markets) in USERS.items():
        control.store.add_user(name, role, PASSWORD, markets=markets)
        tokens[name] = control.store.create_token(name, "tests")
    return settings, control, tokens


@pytest.fixture
def app(world: tuple[Settings, AccessControl, dict[str, str]]) -> Iterator[FastAPI]:
    settings, control, _ = world
    yield create_app(settings=settings, access=control)


def _routes(app: FastAPI) -> list[tuple[str, str]]:
    found = []
    for route in app.routes:
        routes = getattr(getattr(route, "original_router", None), "routes", [route])
        for r in routes:
            if isinstance(r, APIRoute):
                found += [(m, r.path) for m in sorted((r.methods or set()) - {"HEAD"})]
    return sorted(set(found))


def _url(path: str, market: str = "TH") -> str:
    """The path with its parameters filled in (a market team's own market: zones are tested
    apart from roles)."""
    values = {**PATH_VALUES, "market": market, "room": f"shop.{market.lower()}"}
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def test_every_route_is_in_the_permission_table(app: FastAPI) -> None:
    for _, path in _routes(app):
        need = permission_for(path)
        named = path == "/" or any(
            path == p or path.startswith(p + "/") for p in ROUTE_PERMISSIONS if p != "/"
        )
        assert named, f"{path} falls back to admin-only: add it to ROUTE_PERMISSIONS ({need})"


def test_the_table_says_what_the_dependencies_require(app: FastAPI) -> None:
    needs = route_needs(app.routes)
    assert len(needs) > 50 and needs["/v1/health"] == PUBLIC and needs["/v1/voc/quotes"] == "voc"
    differ = {p: (n, permission_for(p)) for p, n in needs.items() if n != permission_for(p)}
    assert not differ, f"dependency vs ROUTE_PERMISSIONS: {differ}"


@pytest.mark.parametrize(
    ("declared", "user", "status"),
    [
        (None, "hq", 403),  # a route that declares nothing: admins only
        (None, "boss", 200),
        (require(Permission.VOC), "hq", 200),
        (require(Permission.VOC), "audit", 403),
        (require(PUBLIC), None, 200),
        (require(ANY), "audit", 200),
        (require(ANY), None, 401),
    ],
)
def test_a_route_needs_what_its_dependency_declares(
    world: tuple[Settings, AccessControl, dict[str, str]],
    declared: Any,
    user: str | None,
    status: int,
) -> None:
    settings, control, tokens = world
    app = create_app(settings=settings, access=control)
    app.get("/v1/new", dependencies=[declared] if declared else [])(lambda: {"ok": True})
    headers = {"Authorization": f"Bearer {tokens[user]}"} if user else {}
    with TestClient(app) as client:
        assert client.get("/v1/new", headers=headers).status_code == status


@pytest.mark.parametrize("user", list(USERS))
def test_each_role_is_allowed_exactly_what_the_table_says(
    app: FastAPI, world: tuple[Settings, AccessControl, dict[str, str]], user: str
) -> None:
    _, _, tokens = world
    role, markets = USERS[user]
    market = markets[0] if markets else "TH"
    checked = 0
    needs = route_needs(app.routes)
    with TestClient(app) as client:
        headers = {"Authorization": f"Bearer {tokens[user]}"}
        for method, path in _routes(app):
            if path in ("/v1/live/rooms/{room}/stream",):
                continue  # endless by design; its check is the same as /events
            need = needs[path]
            allowed = need in (PUBLIC, ANY) or need in PERMISSIONS[role]
            body: dict[str, Any] = {"json": {}} if method == "POST" else {}
            response = client.request(method, _url(path, market), headers=headers, **body)
            refused = response.status_code in (401, 403)
            assert refused != allowed, (
                user,
                method,
                path,
                response.status_code,
                response.text[:200],
            )
            checked += 1
    assert checked > 40


def test_without_sign_in_only_public_routes_answer(app: FastAPI) -> None:
    with TestClient(app) as client:
        for method, path in _routes(app):
            if path == "/v1/live/rooms/{room}/stream":
                continue
            response = client.request(method, _url(path), follow_redirects=False)
            if route_needs(app.routes)[path] == PUBLIC:
                assert response.status_code not in (401, 403), path
            else:
                assert response.status_code == 401, (path, response.status_code)
        page = client.get("/voc", headers={"accept": "text/html"}, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login?next=/voc"


def test_session_sign_in_csrf_and_sign_out(app: FastAPI) -> None:
    with TestClient(app) as client:
        signed = client.post("/login", data={"username": "hq", "password": PASSWORD,
                                             "next": "/voc"}, follow_redirects=False)  # fmt: skip
        assert signed.status_code == 303 and signed.headers["location"] == "/voc"
        cookie = signed.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert client.get("/v1/auth/me").json()["role"] == "hq"
        assert client.get("/voc").status_code == 200
        # a cookie request that changes something needs the session's CSRF token
        refused = client.post("/v1/script/check", json={"text": "x", "market": "US"})
        assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
        page = client.get("/login")  # any signed-in page would do: take the token from /admin?
        assert page.status_code == 200
        assert client.post("/logout", follow_redirects=False).status_code == 403  # no CSRF
        redirect = "//evil.example/"
        elsewhere = client.post("/login", data={"username": "hq", "password": PASSWORD,
                                                "next": redirect}, follow_redirects=False)  # fmt: skip
        assert elsewhere.headers["location"] == "/voc"  # never an open redirect


def test_csrf_token_from_the_page_lets_a_form_through(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.post("/login", data={"username": "boss", "password": PASSWORD})
        admin = client.get("/admin")
        token = re.search(r'name="csrf" value="([^"]+)"', admin.text)
        assert admin.status_code == 200 and token
        added = client.post("/admin/users", data={"csrf": token.group(1), "name": "id-team",
                            "role": "local", "markets": "ID", "password": PASSWORD},
                            follow_redirects=False)  # fmt: skip
        where = added.headers["location"]
        assert added.status_code == 303 and where == "/admin?done=user_added&who=id-team"
        assert "已添加用户 id-team" in client.get(where).text
        out = client.post("/logout", data={"csrf": token.group(1)}, follow_redirects=False)
        assert out.status_code == 303
        assert client.get("/v1/auth/me").status_code == 401


def test_brute_force_is_locked_out_and_audited(
    world: tuple[Settings, AccessControl, dict[str, str]], tmp_path: Path
) -> None:
    # its own users and lockout state: the test client's one address stays locked afterwards
    settings = world[0].model_copy(update={"data_dir": tmp_path})
    control = AccessControl.from_settings(settings)
    control.store.add_user("victim", Role.HQ, PASSWORD)
    with TestClient(create_app(settings=settings, access=control)) as client:
        for _ in range(5):
            wrong = client.post("/login", data={"username": "victim", "password": "guess" * 3})
            assert wrong.status_code == 401
        locked = client.post("/login", data={"username": "victim", "password": PASSWORD})
        assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    events = [e["event"] for e in AuditLog(settings.data_dir).entries()]
    assert events.count("sign_in_failed") >= 5 and "sign_in_locked" in events


def test_denied_access_is_in_the_audit_log(
    app: FastAPI, world: tuple[Settings, AccessControl, dict[str, str]]
) -> None:
    settings, _, tokens = world
    before = len(AuditLog(settings.data_dir).entries())
    with TestClient(app) as client:
        response = client.get("/v1/voc/measures", params={"market": "US"},
                              headers={"Authorization": f"Bearer {tokens['audit']}"})  # fmt: skip
        shown = client.get("/v1/audit", headers={"Authorization": f"Bearer {tokens['audit']}"})
    assert response.status_code == 403
    last = AuditLog(settings.data_dir).entries()[before:]
    assert any(e["event"] == "access_denied" and e["user"] == "audit" for e in last)
    key = AuditLog(settings.data_dir).key(create=False)
    assert key is not None
    assert shown.json()["verified"] and shown.json()["key"] == key.id


def _get_everything(client: TestClient, app: FastAPI, headers: dict[str, str]) -> list[str]:
    """Every GET route, for every market and zone, with the filters that reach raw text."""
    bodies = []
    variants = [{"market": m, "zone": z, "person": p, "aspect": "battery", "period": ""}
                for m, z, p in (("US", "us", "US-p1"), ("TH", "th", "TH-p1"))]  # fmt: skip
    for method, path in _routes(app):
        if method != "GET" or path == "/v1/live/rooms/{room}/stream":
            continue
        for values in variants:
            url = _url(path, values["market"])
            response = client.get(url, params=values, headers=headers)
            bodies.append(response.text)
    return bodies


def test_a_market_team_never_receives_another_zones_raw_text(
    app: FastAPI, world: tuple[Settings, AccessControl, dict[str, str]]
) -> None:
    _, _, tokens = world
    with TestClient(app) as client:
        theirs = _get_everything(client, app, {"Authorization": f"Bearer {tokens['th']}"})
        us = _get_everything(client, app, {"Authorization": f"Bearer {tokens['us']}"})
    leaked = [b for b in theirs if any(t in b for t in US_TEXTS)]
    assert not leaked, leaked[0][:300]
    assert any("แบตหมดเร็วมาก" in b for b in theirs)  # their own zone's quotes do arrive
    assert any(t in b for b in us for t in US_TEXTS)  # and the check could have failed


def test_admin_api_and_tokens(
    app: FastAPI, world: tuple[Settings, AccessControl, dict[str, str]]
) -> None:
    _, control, tokens = world
    with TestClient(app) as client:
        admin = {"Authorization": f"Bearer {tokens['boss']}"}
        created = client.post("/v1/admin/users", headers=admin, json={
            "name": "vn-team", "role": "local", "password": PASSWORD, "markets": ["VN"]})  # fmt: skip
        assert created.status_code == 201 and created.json()["location"] == "VN"
        short = client.post("/v1/admin/users", headers=admin,
                            json={"name": "x1", "role": "hq", "password": "short"})  # fmt: skip
        assert short.status_code == 422
        token = control.store.create_token("vn-team", "t")
        control.store.revoke_token(token.split("_")[1])
        revoked = client.get("/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert revoked.status_code == 401
        assert (
            client.get("/v1/auth/me", headers={"Authorization": "Bearer nonsense"}).status_code
            == 401
        )
    listed = {u.name for u in control.store.users()}
    assert {"boss", "hq", "th", "audit", "vn-team"} <= listed


def test_users_cli(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from chuhai.cli import app as cli

    config = tmp_path / "chuhai.toml"
    config.write_text(f'data_dir = "{tmp_path}"\nmarkets = ["TH", "US"]\n', encoding="utf-8")
    runner = CliRunner()
    added = runner.invoke(cli, ["-c", str(config), "users", "add", "ops", "--role", "local",
                                "--zone", "th", "--password-stdin", "--json"], input=PASSWORD + "\n")  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert json.loads(added.stdout) == {"name": "ops", "role": "local", "markets": ["TH"]}
    short = runner.invoke(cli, ["-c", str(config), "users", "add", "x2", "--role", "hq",
                                "--password-stdin"], input="short\n")  # fmt: skip
    assert short.exit_code == 2 and "12 characters" in short.stderr
    token = runner.invoke(cli, ["-c", str(config), "users", "token", "ops", "--json"])
    assert json.loads(token.stdout)["token"].startswith("chu_")
    listed = runner.invoke(cli, ["-c", str(config), "users", "list", "--json"])
    assert json.loads(listed.stdout)["users"][0]["location"] == "TH"


def test_pages_show_who_is_signed_in_and_refuse_in_html(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.post("/login", data={"username": "th", "password": PASSWORD})
        page = client.get("/voc/market/TH", headers={"accept": "text/html"})
        assert page.status_code == 200 and 'id="sign-out"' in page.text and "th · " in page.text
        refused = client.get("/voc/market/US", headers={"accept": "text/html"})
        assert refused.status_code == 403 and 'id="refused"' in refused.text
        assert "您的账号（本地团队）无权打开此页面或其中的数据：/voc/market/US" in refused.text
        english = client.get("/voc/market/US?lang=en", headers={"accept": "text/html"})
        assert "outside your team" in english.text
