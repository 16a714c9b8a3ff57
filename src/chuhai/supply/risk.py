"""Market risk: how concentrated revenue is across markets (HHI), and what platform bans,
tariff shocks and currency moves cost over Monte Carlo runs, with suggestions to rebalance.

Each run draws, per market and for one year: a ban (probability ``ban_probability``, losing
``ban_months`` of profit), a tariff shock (probability ``tariff_probability``, the duty rise
hitting ``cost_share`` of revenue), and a currency move (normal, sd ``fx_volatility``, on the
whole revenue). The loss is profit lost against the plan; a gain from a currency move counts
as a negative loss.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from chuhai.errors import InputError
from chuhai.supply.setup import RiskMarket

__all__ = ["RiskReport", "hhi", "market_risk"]

# US DOJ/FTC merger guidelines (2023): above 1,800 a market is highly concentrated
HIGHLY_CONCENTRATED = 1800.0


def hhi(revenue: Mapping[str, float]) -> float:
    """Herfindahl-Hirschman index of revenue shares, 0..10,000 (one market: 10,000)."""
    total = sum(revenue.values())
    if total <= 0:
        raise InputError("revenue must add up to more than zero")
    return float(sum((100 * v / total) ** 2 for v in revenue.values()))


@dataclass
class RiskReport:
    revenue: dict[str, float]
    hhi: float
    runs: int
    expected_loss: float
    p95_loss: float  # 1 year in 20 is worse
    p99_loss: float
    worst_loss: float
    by_market: dict[str, dict[str, float]] = field(default_factory=dict)
    suggestions: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        out = dict(self.__dict__)
        for key in ("hhi", "expected_loss", "p95_loss", "p99_loss", "worst_loss"):
            out[key] = round(float(out[key]), 2)
        return out


def _losses(
    revenue: Mapping[str, float], markets: Mapping[str, RiskMarket], runs: int, seed: int
) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    out = {}
    for market, amount in revenue.items():
        m = markets[market]
        profit = amount * m.margin
        ban = rng.random(runs) < m.ban_probability
        shock = rng.random(runs) < m.tariff_probability
        fx = rng.normal(0.0, m.fx_volatility, runs)
        loss = ban * profit * m.ban_months / 12
        loss = loss + shock * amount * m.cost_share * m.tariff_increase * (
            1 - ban * m.ban_months / 12
        )
        loss = loss - fx * amount * (1 - ban * m.ban_months / 12)  # a weaker currency: fx < 0
        out[market] = loss
    return out


def market_risk(
    revenue: Mapping[str, float],
    markets: Mapping[str, RiskMarket],
    *,
    runs: int = 20_000,
    seed: int = 7,
    shift: float = 0.1,
) -> RiskReport:
    """The risk report; ``shift`` is the share of the riskiest market's revenue that the
    suggestions move to the safest one to show what rebalancing buys."""
    if runs < 100:
        raise InputError(f"{runs} runs are too few (at least 100)")
    bad = {m: v for m, v in revenue.items() if v < 0}
    if bad:
        raise InputError(f"negative revenue for {', '.join(bad)}")
    missing = sorted(set(revenue) - set(markets))
    if missing:
        raise InputError(f"no [[risk]] entry for {', '.join(missing)} in the supply setup")
    losses = _losses(revenue, markets, runs, seed)
    total = sum(losses.values())
    assert isinstance(total, np.ndarray)
    report = RiskReport(
        revenue=dict(revenue),
        hhi=hhi(revenue),
        runs=runs,
        expected_loss=float(total.mean()),
        p95_loss=float(np.quantile(total, 0.95)),
        p99_loss=float(np.quantile(total, 0.99)),
        worst_loss=float(total.max()),
    )
    share = sum(revenue.values())
    for market, loss in losses.items():
        report.by_market[market] = {
            "share": round(revenue[market] / share, 4),
            "expected_loss": round(float(loss.mean()), 2),
            "p95_loss": round(float(np.quantile(loss, 0.95)), 2),
            "loss_per_revenue": round(float(loss.mean()) / revenue[market], 4)
            if revenue[market]
            else 0.0,
        }
    report.suggestions = _suggestions(revenue, markets, report, losses, seed, shift)
    return report


def _suggestions(
    revenue: Mapping[str, float],
    markets: Mapping[str, RiskMarket],
    report: RiskReport,
    losses: Mapping[str, np.ndarray],
    seed: int,
    shift: float,
) -> list[dict[str, str]]:
    out = []
    if report.hhi > HIGHLY_CONCENTRATED:
        top = max(revenue, key=lambda m: revenue[m])
        out.append(
            {
                "en": f"Revenue is highly concentrated (HHI {report.hhi:,.0f} > 1,800); "
                f"{top} holds {report.by_market[top]['share']:.0%}.",
                "zh": f"收入高度集中（HHI {report.hhi:,.0f} > 1,800），{top} 占 "
                f"{report.by_market[top]['share']:.0%}。",
            }
        )
    if len(revenue) < 2:
        return out
    tail = {m: float(np.quantile(v, 0.95)) / revenue[m] for m, v in losses.items() if revenue[m]}
    riskiest, safest = max(tail, key=lambda m: tail[m]), min(tail, key=lambda m: tail[m])
    if riskiest == safest:
        return out
    moved = dict(revenue)
    amount = revenue[riskiest] * shift
    moved[riskiest] -= amount
    moved[safest] += amount
    after = sum(_losses(moved, markets, report.runs, seed).values())
    assert isinstance(after, np.ndarray)
    p95 = float(np.quantile(after, 0.95))
    out.append(
        {
            "en": f"Moving {shift:.0%} of {riskiest}'s revenue ({amount:,.0f}) to {safest} "
            f"changes the 1-in-20-year loss from {report.p95_loss:,.0f} to {p95:,.0f} and the "
            f"HHI from {report.hhi:,.0f} to {hhi(moved):,.0f}.",
            "zh": f"把 {riskiest} {shift:.0%} 的收入（{amount:,.0f}）转到 {safest}："
            f"二十年一遇的损失从 {report.p95_loss:,.0f} 变为 {p95:,.0f}，"
            f"HHI 从 {report.hhi:,.0f} 变为 {hhi(moved):,.0f}。",
        }
    )
    return out
