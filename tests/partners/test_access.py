"""Roles: a partner user reads only its own statements (API, CSV, page) and nothing else of
the app; headquarters and admins read every partner's; a market team reads none."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chuhai.access.roles import Role
from chuhai.api import create_app
from chuhai.api.access import AccessControl
from chuhai.store import ZoneRouter
from tests.conftest import make_settings
from tests.partners.cases import ledger
from tests.partners.test_store import _store_orders

PASSWORD = "correct horse battery staple"
SUPPLY_TOML = """
currency = "USD"
[fx]
IDR = 0.0000625
THB = 0.025
[[modes]]
name = "sea"
lead_weeks = 5
cost_per_unit = 0.5
[[factories]]
name = "ningbo"
country = "CN"
modes = ["sea"]
[[skus]]
sku = "FN-300"
factory = "ningbo"
unit_cost = 3.0
[[warehouses]]
name = "jkt"
market = "ID"
capacity_units = 5000
[[tariffs]]
market = "ID"
duty_rate = 0.10
[[tariffs]]
market = "TH"
"""
PARTNERS_TOML = """
[[partners]]
id = "nusa-live"
name = "Nusa Live Agency"
kind = "agency"
markets = ["ID"]
[[partners.rules]]
from = "2026-01"
threshold = 1000000
tiers = [{above = 0, rate = 0.10}, {above = 2000000, rate = 0.20}]
cap = 250000
fees = {platform_rate = 0.05, per_line = 2000}

[[partners]]
id = "siam-team"
name = "Siam local team"
kind = "local_team"
markets = ["TH"]
[[partners.rules]]
from = "2026-01"
tiers = [{above = 0, rate = 0.5}]
"""
USERS = {
    "boss": (Role.ADMIN, [], ""),
    "hq": (Role.HQ, [], ""),
    "th": (Role.LOCAL, ["TH"], ""),
    "nusa": (Role.PARTNER, ["ID"], "nusa-live"),
    "siam": (Role.PARTNER, ["TH"], "siam-team"),
}


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TestClient]:
    root: Path = tmp_path_factory.mktemp("partners")
    (root / "supply.toml").write_text(SUPPLY_TOML, encoding="utf-8")
    (root / "partners.toml").write_text(PARTNERS_TOML, encoding="utf-8")
    settings = make_settings(root, supply={"setup": str(root / "supply.toml")})
    with ZoneRouter(settings) as router:
        for zone in ("id", "th"):
            router.store(zone).add_orders([o for o in _store_orders() if o.zone == zone])
        router.store("id").add_refunds(ledger().refund_list)
    control = AccessControl.from_settings(settings)
    control.secure_cookies = False
    app = create_app(settings=settings, access=control)
    out = {}
    for name, (role, markets, partner) in USERS.items():
        control.store.add_user(name, role, PASSWORD, markets=markets, partner=partner)
        token = control.store.create_token(name, "tests")
        out[name] = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    return out


def _ids(client: TestClient, query: str = "") -> list[str]:
    answer = client.get(f"/v1/partners/statements?period=2026-11{query}")
    assert answer.status_code == 200, answer.text
    return [s["partner"]["id"] for s in answer.json()["statements"]]


def test_a_partner_sees_only_its_own_statement(clients: dict[str, TestClient]) -> None:
    nusa = clients["nusa"]
    assert _ids(nusa) == ["nusa-live"]
    assert _ids(clients["siam"]) == ["siam-team"]
    assert nusa.get("/v1/partners/statements?period=2026-11&partner=siam-team").status_code == 403
    csv_text = nusa.get("/partners/statements.csv?period=2026-11").text
    assert "nusa-live" in csv_text and "siam-team" not in csv_text
    page = nusa.get("/partners?period=2026-11&lang=en").text
    assert "Nusa Live Agency" in page and "Siam" not in page
    # test_statement.py's case without creators' orders here (no commissions): October's net
    # 2,423,000 -> share 142,300; November's share capped at 250,000; clawback 300,000 x
    # 142,300 / 2,423,000 = 17,618.65 -> 17,619; payable 232,381
    assert "232,381" in page


def test_a_partner_reads_nothing_else(clients: dict[str, TestClient]) -> None:
    nusa = clients["nusa"]
    for path in ("/v1/voc/overview", "/supply", "/v1/supply/plan", "/live", "/audit", "/admin"):
        assert nusa.get(path).status_code == 403, path


def test_headquarters_and_admins_see_every_partner_a_market_team_none(
    clients: dict[str, TestClient],
) -> None:
    assert _ids(clients["hq"]) == ["nusa-live", "siam-team"]
    assert _ids(clients["boss"], "&partner=siam-team") == ["siam-team"]
    assert clients["th"].get("/v1/partners/statements?period=2026-11").status_code == 403
    payable = clients["hq"].get("/v1/partners/statements?period=2026-11").json()
    assert payable["statements"][0]["payable"] == "232381"


def test_a_partner_user_needs_its_partner(tmp_path: Path) -> None:
    from chuhai.errors import InputError

    store = AccessControl.from_settings(make_settings(tmp_path)).store
    with pytest.raises(InputError, match="--partner"):
        store.check_new_user("p1", Role.PARTNER, ["ID"])
    with pytest.raises(InputError, match="only partner users"):
        store.check_new_user("p2", Role.HQ, [], "nusa-live")
