"""Keep, renegotiate or stop: a verdict per creator with the reasons behind it.

The rules, in order (the first verdict that applies wins; every reason that applies is listed):

- **too few orders** to judge (fewer than ``min_orders``): *keep* on trial;
- **stop** when the creator loses money (net margin <= 0 after commission and landed cost),
  when refunds take ``stop_refund_rate`` of GMV or more, or when ``stop_complaint_rate`` of
  their buyers' voices or more are complaints (with at least ``min_voices`` voices);
- **renegotiate** when the margin rate is under ``target_margin`` (the reason carries the
  commission rate that would reach it), when the samples did not pay back (sample ROI < 0),
  when refunds take ``watch_refund_rate`` or more, or complaints ``watch_complaint_rate``;
- otherwise **keep**.

Creators are ranked by net margin after samples, in a common currency where exchange rates
are configured (else within each currency). Thresholds are planning defaults, to be tuned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from chuhai.creators.analytics import CreatorFigures

__all__ = ["Ranked", "Reason", "Thresholds", "Verdict", "rank"]


class Verdict(StrEnum):
    KEEP = "keep"
    RENEGOTIATE = "renegotiate"
    STOP = "stop"


@dataclass(frozen=True)
class Reason:
    """One reason (a code the page translates) with its figures."""

    code: str
    params: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "params": dict(self.params)}


@dataclass(frozen=True)
class Thresholds:
    min_orders: int = 5
    min_voices: int = 3
    target_margin: Decimal = Decimal("0.15")
    watch_refund_rate: Decimal = Decimal("0.15")
    stop_refund_rate: Decimal = Decimal("0.30")
    watch_complaint_rate: float = 0.3
    stop_complaint_rate: float = 0.5


@dataclass(frozen=True)
class Ranked:
    rank: int
    figures: CreatorFigures
    verdict: Verdict
    reasons: tuple[Reason, ...]
    score: Decimal | None  # net margin after samples in the common currency (None: no rate)

    def as_dict(self) -> dict[str, object]:
        return {
            "rank": self.rank,
            "verdict": self.verdict.value,
            "reasons": [r.as_dict() for r in self.reasons],
            "score": None if self.score is None else str(self.score),
            **self.figures.as_dict(),
        }


def _pct(value: Decimal | float) -> str:
    return f"{float(value) * 100:.1f}%"


def judge(f: CreatorFigures, t: Thresholds | None = None) -> tuple[Verdict, list[Reason]]:
    """The verdict on one creator and every reason that applies."""
    t = t or Thresholds()
    if f.orders < t.min_orders:
        return Verdict.KEEP, [Reason("too_few_orders", {"orders": str(f.orders),
                                                        "min": str(t.min_orders)})]  # fmt: skip
    stop: list[Reason] = []
    watch: list[Reason] = []
    money = {"currency": f.currency}
    if f.net_margin <= 0:
        stop.append(Reason("losing_money", {"net_margin": f"{f.net_margin:,}", **money}))
    refund_rate = f.refund_rate or Decimal(0)
    if refund_rate >= t.stop_refund_rate:
        stop.append(Reason("refunds_high", {"rate": _pct(refund_rate)}))
    elif refund_rate >= t.watch_refund_rate:
        watch.append(Reason("refunds_high", {"rate": _pct(refund_rate)}))
    complaints = f.voc.complaint_rate
    if complaints is not None and f.voc.voices >= t.min_voices:
        if complaints >= t.stop_complaint_rate:
            stop.append(Reason("complaints_high", {"rate": _pct(complaints),
                                                   "voices": str(f.voc.voices)}))  # fmt: skip
        elif complaints >= t.watch_complaint_rate:
            watch.append(Reason("complaints_high", {"rate": _pct(complaints),
                                                    "voices": str(f.voc.voices)}))  # fmt: skip
    margin = f.margin_rate
    if margin is not None and 0 < margin < t.target_margin and f.net_margin > 0:
        watch.append(
            Reason(
                "margin_thin",
                {"margin": _pct(margin), "target": _pct(t.target_margin),
                 "rate": _pct(f.commission_rate), "suggested": _pct(_rate_for(f, t))},
            )
        )  # fmt: skip
    roi = f.sample_roi
    if roi is not None and roi < 0 and f.net_margin > 0:
        cost = f"{f.sample_cost:,}"
        watch.append(Reason("samples_unpaid", {"roi": _pct(roi), "sample_cost": cost, **money}))
    if stop:
        return Verdict.STOP, stop + watch
    if watch:
        return Verdict.RENEGOTIATE, watch
    good = {"margin": _pct(margin or 0), "net_margin": f"{f.net_margin:,}", **money}
    return Verdict.KEEP, [Reason("profitable", good)]


def _rate_for(f: CreatorFigures, t: Thresholds) -> Decimal:
    """The commission rate (on net revenue) that would leave ``target_margin``."""
    payable = f.net_revenue - f.landed_cost - t.target_margin * f.net_revenue
    return max(Decimal(0), payable / f.net_revenue) if f.net_revenue else Decimal(0)


def rank(
    figures: Sequence[CreatorFigures],
    to_common: Callable[[Decimal, str], Decimal | None] | None = None,
    thresholds: Thresholds | None = None,
) -> list[Ranked]:
    """Every creator judged and ranked: best net margin after samples first (in a common
    currency through ``to_common``; creators without a rate after those with one)."""
    convert = to_common or (lambda amount, currency: None)
    scored = []
    for f in figures:
        verdict, reasons = judge(f, thresholds)
        scored.append((f, verdict, tuple(reasons), convert(f.margin_after_samples, f.currency)))
    scored.sort(
        key=lambda s: (s[3] is None, -(s[3] or 0), s[0].currency, -s[0].margin_after_samples)
    )
    return [Ranked(i, f, v, r, score) for i, (f, v, r, score) in enumerate(scored, start=1)]
