"""Landed cost by hand (duty on CIF, VAT on CIF + duty, de minimis), tariff what-ifs, HHI
and Monte Carlo losses with known answers; the setup's validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuhai.errors import ConfigError, InputError
from chuhai.supply.landed import landed_cost, margin_change, parse_tariff_change
from chuhai.supply.risk import hhi, market_risk
from chuhai.supply.setup import EXAMPLE_SETUP, RiskMarket, load_setup
from tests.supply.helpers import setup


@pytest.mark.parametrize(
    ("tariff", "units", "duty", "vat"),
    [
        ({"duty_rate": 0.1, "vat_rate": 0.07}, 100, 1.1, (11 + 1.1) * 0.07),
        ({"duty_rate": 0.1, "vat_rate": 0.07, "duty_de_minimis": 50}, 4, 0.0, 11 * 0.07),
        (
            {"duty_rate": 0.1, "vat_rate": 0.07, "duty_de_minimis": 50, "vat_de_minimis": 50},
            4,
            0.0,
            0.0,
        ),
        ({"duty_rate": 0.1, "vat_rate": 0.07, "vat_recoverable": True}, 100, 1.1, 0.0),
        ({"duty_rate": 0.1, "duty_by_category": {"general": 0.3}}, 100, 3.3, 0.0),
    ],
)
def test_landed_cost(tariff: dict, units: int, duty: float, vat: float) -> None:  # type: ignore[type-arg]
    cfg = setup(tariffs=[{"market": "TH", **tariff}])
    cost = landed_cost(cfg, "A", "TH", "air", units)  # 10 product + 1 air = 11 CIF per unit
    assert cost.duty == pytest.approx(duty) and cost.vat == pytest.approx(vat)
    assert cost.total == pytest.approx(11 + duty + vat)


def test_tariff_change_and_margin() -> None:
    cfg = setup(tariffs=[{"market": "TH", "duty_rate": 0.1}])
    assert parse_tariff_change("th:lighting=+0.05") == ("TH", "lighting", "add", 0.05)
    assert parse_tariff_change("TH=0.3") == ("TH", None, "set", 0.3)
    [a, b] = margin_change(cfg, ["TH=+0.2"], "air", 100)
    assert a.landed_before == pytest.approx(12.1) and a.landed_after == pytest.approx(14.3)
    assert a.margin_before == pytest.approx(1 - 12.1 / 20) and b.sku == "B"
    with pytest.raises(InputError, match="expected MARKET"):
        parse_tariff_change("TH+0.1")
    with pytest.raises(InputError, match="no \\[\\[tariffs\\]\\] entry"):
        margin_change(cfg, ["US=+0.1"], "air", 100)


@pytest.mark.parametrize(
    ("revenue", "expected"),
    [({"US": 100}, 10_000), ({"US": 50, "TH": 50}, 5_000), ({"US": 60, "TH": 20, "ID": 20}, 4_400)],
)
def test_hhi(revenue: dict[str, float], expected: float) -> None:
    assert hhi(revenue) == pytest.approx(expected)


def test_monte_carlo_losses_with_known_answers() -> None:
    calm = RiskMarket(market="US", margin=0.2, fx_volatility=0.0)
    banned = RiskMarket(market="ID", margin=0.2, ban_probability=1.0, ban_months=6,
                        fx_volatility=0.0)  # fmt: skip
    shocked = RiskMarket(market="TH", tariff_probability=1.0, tariff_increase=0.1,
                         cost_share=0.5, fx_volatility=0.0)  # fmt: skip
    report = market_risk({"US": 1000, "ID": 1000, "TH": 1000},
                         {"US": calm, "ID": banned, "TH": shocked}, runs=500)  # fmt: skip
    assert report.by_market["US"]["expected_loss"] == 0
    assert report.by_market["ID"]["expected_loss"] == pytest.approx(1000 * 0.2 * 0.5)
    assert report.by_market["TH"]["expected_loss"] == pytest.approx(1000 * 0.5 * 0.1)
    assert report.worst_loss == pytest.approx(150) and report.p95_loss == pytest.approx(150)
    # evenly spread: every move raises the HHI, so none is advised
    assert report.move is None and "No move" in report.suggestions[-1]["en"]
    heavy = market_risk({"US": 1000, "ID": 2000, "TH": 1000},
                        {"US": calm, "ID": banned, "TH": shocked}, runs=500)  # fmt: skip
    # 10 % of ID (200) to the calm US: 20 less lost to the ban, HHI 3,750 -> 3,550
    assert heavy.move is not None
    assert (heavy.move.source, heavy.move.target, heavy.move.amount) == ("ID", "US", 200)
    assert heavy.move.p95_after == pytest.approx(heavy.p95_loss - 20)
    assert heavy.move.hhi_after == pytest.approx(3550)


def test_risk_is_reproducible_and_checked() -> None:
    markets = {m: RiskMarket(market=m) for m in ("US", "TH")}
    one = market_risk({"US": 900, "TH": 100}, markets, runs=1000, seed=3)
    two = market_risk({"US": 900, "TH": 100}, markets, runs=1000, seed=3)
    assert one.as_dict() == two.as_dict() and "highly concentrated" in one.suggestions[0]["en"]
    with pytest.raises(InputError, match="no \\[\\[risk\\]\\] entry for ID"):
        market_risk({"ID": 1}, markets)
    with pytest.raises(InputError, match="negative revenue"):
        market_risk({"US": -1}, markets)


def test_example_setup_loads_and_marks_tariffs_unverified() -> None:
    cfg = load_setup(EXAMPLE_SETUP)
    assert {t.market for t in cfg.tariffs} == {"US", "ID", "TH"}
    assert not any(t.verified for t in cfg.tariffs)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("modes = []", "modes"),
        ("currency = 'usd'", "currency"),
    ],
)
def test_setup_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "supply.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_setup(path)


def test_setup_references_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown factory 'G'"):
        setup(skus=[{"sku": "A", "factory": "G", "unit_cost": 1}])
    with pytest.raises(InputError, match="no such file"):
        load_setup(Path("/nowhere/supply.toml"))
    with pytest.raises(InputError, match="chuhai supply init"):
        load_setup(None)


# -- rebalancing advice and the concentration notice ----------------------------------------

_EXAMPLE_RISK = load_setup(EXAMPLE_SETUP).risk_markets()


@pytest.mark.parametrize(
    "revenue",
    [
        {"ID": 3000, "TH": 4500, "US": 2500},  # the old advice raised both figures here
        {"ID": 4000, "TH": 3300, "US": 2700},
        {"ID": 2400, "TH": 3500, "US": 4100},
        {"ID": 8000, "TH": 1000, "US": 1000},
        {"ID": 1000, "TH": 1000, "US": 1000},  # at the floor: every move raises the HHI
    ],
)
def test_a_move_is_advised_only_when_it_lowers_both_figures(revenue: dict[str, float]) -> None:
    report = market_risk(revenue, _EXAMPLE_RISK, runs=20_000, seed=7)
    move = report.move
    if move is None:
        assert "no move" in report.suggestions[-1]["en"].casefold()
        return
    assert round(move.p95_after) < round(report.p95_loss)
    assert round(move.hhi_after) < round(report.hhi)
    # what the text says is what the figures say
    text = report.suggestions[-1]["en"]
    assert f"{report.p95_loss:,.0f} to {move.p95_after:,.0f}" in text
    assert f"{report.hhi:,.0f} to {move.hhi_after:,.0f}" in text
    assert report.as_dict()["move"] == move.as_dict()


def test_the_move_recomputed_lowers_both() -> None:
    revenue = {"ID": 3000.0, "TH": 4500.0, "US": 2500.0}
    report = market_risk(revenue, _EXAMPLE_RISK, runs=20_000, seed=7)
    assert report.move is not None
    moved = dict(revenue)
    moved[report.move.source] -= report.move.amount
    moved[report.move.target] += report.move.amount
    after = market_risk(moved, _EXAMPLE_RISK, runs=20_000, seed=7)
    assert after.p95_loss < report.p95_loss and after.hhi < report.hhi
    assert after.p95_loss == pytest.approx(report.move.p95_after)


@pytest.mark.parametrize(
    ("revenue", "concentrated", "floor"),
    [
        ({"ID": 3000, "TH": 4500, "US": 2500}, False, 3333.33),  # HHI 3,550, floor 3,333
        ({"US": 550, "TH": 450}, False, 5000.0),  # two markets cannot go below 5,000
        ({"US": 900, "TH": 100}, True, 5000.0),
        ({"ID": 8000, "TH": 1000, "US": 1000}, True, 3333.33),
        ({"US": 1}, True, 10_000.0),  # one market
        ({"US": 20, "TH": 20, "ID": 20, "VN": 20, "MY": 20, "PH": 0}, False, 1666.67),
    ],
)
def test_concentration_is_judged_against_the_floor(
    revenue: dict[str, float], concentrated: bool, floor: float
) -> None:
    markets = {m: RiskMarket(market=m) for m in revenue}
    report = market_risk(revenue, markets, runs=200)
    assert report.hhi_floor == pytest.approx(floor, abs=0.01)
    notes = " ".join(s["en"] for s in report.suggestions)
    assert ("highly concentrated" in notes) is concentrated
