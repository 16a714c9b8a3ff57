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

__all__ = [
    "Move",
    "RiskReport",
    "best_move",
    "concentration_note",
    "hhi",
    "market_risk",
    "normalised_hhi",
]

# US DOJ/FTC merger guidelines (2023): above 1,800 a market is highly concentrated. Here it
# applies to the HHI above the floor of n markets (normalised_hhi): two even markets read 5,000
# on the raw scale yet are as spread as two markets can be.
HIGHLY_CONCENTRATED = 1800.0


def hhi(revenue: Mapping[str, float]) -> float:
    """Herfindahl-Hirschman index of revenue shares, 0..10,000 (one market: 10,000)."""
    total = sum(revenue.values())
    if total <= 0:
        raise InputError("revenue must add up to more than zero")
    return float(sum((100 * v / total) ** 2 for v in revenue.values()))


@dataclass(frozen=True)
class Move:
    """Moving ``amount`` of ``source``'s revenue to ``target``, and the figures after it."""

    source: str
    target: str
    share: float
    amount: float
    p95_after: float
    hhi_after: float

    def as_dict(self) -> dict[str, object]:
        return {"from": self.source, "to": self.target, "share": self.share,
                "amount": round(self.amount, 2), "p95_after": round(self.p95_after, 2),
                "hhi_after": round(self.hhi_after, 2)}  # fmt: skip


@dataclass
class RiskReport:
    revenue: dict[str, float]
    hhi: float
    hhi_floor: float  # 10,000 / the number of markets: the lowest HHI they allow
    runs: int
    expected_loss: float
    p95_loss: float  # 1 year in 20 is worse
    p99_loss: float
    worst_loss: float
    by_market: dict[str, dict[str, float]] = field(default_factory=dict)
    suggestions: list[dict[str, str]] = field(default_factory=list)
    move: Move | None = None  # the rebalancing that lowers both figures, if any

    @property
    def hhi_normalised(self) -> float:
        return normalised_hhi(self.hhi, len(self.revenue))

    def as_dict(self) -> dict[str, object]:
        out = dict(self.__dict__)
        out["hhi_normalised"] = self.hhi_normalised
        out["move"] = self.move.as_dict() if self.move else None
        for key in ("hhi", "hhi_floor", "hhi_normalised", "expected_loss", "p95_loss",
                    "p99_loss", "worst_loss"):  # fmt: skip
            out[key] = round(float(out[key]), 2)
        return out


def _unit_losses(
    revenue: Mapping[str, float], markets: Mapping[str, RiskMarket], runs: int, seed: int
) -> dict[str, np.ndarray]:
    """Each market's simulated loss per unit of revenue. A market's loss is proportional to
    its revenue under the same draws, so every rebalancing is judged on the same years."""
    rng = np.random.default_rng(seed)
    out = {}
    for market in revenue:
        m = markets[market]
        ban = rng.random(runs) < m.ban_probability
        shock = rng.random(runs) < m.tariff_probability
        fx = rng.normal(0.0, m.fx_volatility, runs)
        kept = 1 - ban * m.ban_months / 12  # the share of the year still selling
        loss = ban * m.margin * m.ban_months / 12
        loss = loss + shock * m.cost_share * m.tariff_increase * kept
        out[market] = loss - fx * kept  # a weaker currency: fx < 0
    return out


def market_risk(
    revenue: Mapping[str, float],
    markets: Mapping[str, RiskMarket],
    *,
    runs: int = 20_000,
    seed: int = 7,
    shift: float = 0.1,
) -> RiskReport:
    """The risk report. ``shift`` is the share of one market's revenue that a suggested move
    takes to another; a move is advised only where it lowers both the 1-in-20 loss and the
    HHI as shown, else the report says that no move does."""
    if runs < 100:
        raise InputError(f"{runs} runs are too few (at least 100)")
    bad = {m: v for m, v in revenue.items() if v < 0}
    if bad:
        raise InputError(f"negative revenue for {', '.join(bad)}")
    missing = sorted(set(revenue) - set(markets))
    if missing:
        raise InputError(f"no [[risk]] entry for {', '.join(missing)} in the supply setup")
    unit = _unit_losses(revenue, markets, runs, seed)
    losses = {m: unit[m] * revenue[m] for m in revenue}
    total = np.sum(list(losses.values()), axis=0)
    report = RiskReport(
        revenue=dict(revenue),
        hhi=hhi(revenue),
        hhi_floor=10_000 / len(revenue),
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
    report.suggestions = [concentration_note(report)]
    if len(revenue) > 1:
        report.move = best_move(revenue, unit, report, shift)
        report.suggestions.append(_move_note(report, shift))
    return report


def normalised_hhi(value: float, n: int) -> float:
    """The HHI rescaled so that ``n`` equal markets read 0 and one market 10,000: with ``n``
    markets the HHI cannot go below 10,000 / n, so concentration is judged above that."""
    floor = 10_000 / n
    return 10_000.0 if n < 2 else max(0.0, (value - floor) / (10_000 - floor) * 10_000)


def concentration_note(report: RiskReport) -> dict[str, str]:
    n = len(report.revenue)
    top = max(report.revenue, key=lambda m: report.revenue[m])
    share = report.by_market[top]["share"]
    if n < 2:
        return {
            "en": f"Revenue is highly concentrated: all of it is in one market ({top}); only "
            "selling in more markets spreads it.",
            "zh": f"收入高度集中：全部来自一个市场（{top}），只有进入更多市场才能分散。",
        }
    floor, relative = report.hhi_floor, report.hhi_normalised
    if relative > HIGHLY_CONCENTRATED:
        return {
            "en": f"Revenue is highly concentrated: HHI {report.hhi:,.0f}, where {n} markets "
            f"cannot go below {floor:,.0f} ({relative:,.0f} of 10,000 above that floor, over "
            f"{HIGHLY_CONCENTRATED:,.0f}); {top} holds {share:.0%}.",
            "zh": f"收入高度集中：HHI {report.hhi:,.0f}，{n} 个市场的下限是 {floor:,.0f}"
            f"（超出下限部分折合 {relative:,.0f}/10,000，高于 {HIGHLY_CONCENTRATED:,.0f}），"
            f"{top} 占 {share:.0%}。",
        }
    return {
        "en": f"For {n} markets revenue is fairly spread: HHI {report.hhi:,.0f}, "
        f"where {n} markets cannot go below {floor:,.0f} ({relative:,.0f} of 10,000 above that "
        f"floor); {top} holds {share:.0%}. Only selling in more markets lowers the floor.",
        "zh": f"以 {n} 个市场而言收入分布较分散：HHI {report.hhi:,.0f}，{n} 个市场的下限是 "
        f"{floor:,.0f}（超出下限部分折合 {relative:,.0f}/10,000），{top} 占 {share:.0%}。"
        "只有进入更多市场才能降低这个下限。",
    }


def best_move(
    revenue: Mapping[str, float],
    unit: Mapping[str, np.ndarray],
    report: RiskReport,
    shift: float,
) -> Move | None:
    """Of every move of ``shift`` of one market's revenue to another, the one that lowers the
    1-in-20 loss most while also lowering the HHI, as they are shown (rounded); None where no
    move lowers both."""
    total = np.sum([unit[m] * revenue[m] for m in revenue], axis=0)
    best: Move | None = None
    for source in revenue:
        amount = revenue[source] * shift
        if amount <= 0:
            continue
        for target in revenue:
            if target == source:
                continue
            moved = dict(revenue)
            moved[source] -= amount
            moved[target] += amount
            p95 = float(np.quantile(total + amount * (unit[target] - unit[source]), 0.95))
            after = hhi(moved)
            if round(p95) >= round(report.p95_loss) or round(after) >= round(report.hhi):
                continue
            if best is None or p95 < best.p95_after:
                best = Move(source, target, shift, amount, p95, after)
    return best


def _move_note(report: RiskReport, shift: float) -> dict[str, str]:
    move = report.move
    if move is None:
        return {
            "en": f"No move of {shift:.0%} of one market's revenue to another lowers both the "
            "1-in-20-year loss and the HHI.",
            "zh": f"把任一市场 {shift:.0%} 的收入转到另一个市场，都不能同时降低二十年一遇的损失"
            "和 HHI。",
        }
    source, target, amount = move.source, move.target, move.amount
    p95, after = move.p95_after, move.hhi_after
    return {
        "en": f"Moving {shift:.0%} of {source}'s revenue ({amount:,.0f}) to {target} lowers the "
        f"1-in-20-year loss from {report.p95_loss:,.0f} to {p95:,.0f} and the HHI from "
        f"{report.hhi:,.0f} to {after:,.0f}.",
        "zh": f"把 {source} {shift:.0%} 的收入（{amount:,.0f}）转到 {target}："
        f"二十年一遇的损失从 {report.p95_loss:,.0f} 降到 {p95:,.0f}，"
        f"HHI 从 {report.hhi:,.0f} 降到 {after:,.0f}。",
    }
