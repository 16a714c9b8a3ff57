"""The demo's partners (written by the project): an Indonesian live agency, the Thai local
team and a US distributor, their share rules in ``partners.toml``, and refunds and returns of
the demo's orders, so that the last complete month's statements net refunds and claw back
the share of returns of the month before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from chuhai.partners.money import Money
from chuhai.partners.service import statements_from_stores
from chuhai.partners.statement import Statement, period_bounds, shift_period
from chuhai.records import SourceRef
from chuhai.records.partners import OrderLine, Refund
from chuhai.store import ZoneRouter

if TYPE_CHECKING:
    from chuhai.demo.run import DemoResult

__all__ = ["PARTNERS_TOML", "PartnersDemo", "run_partners"]

PARTNERS_TOML = """\
# The demo's partners (made up for chuhai): who shares in a market's profit and how.
# Amounts are in the partner's currency; see docs/PARTNERS.md.
rounding = "half_up"

[[partners]]
id = "nusantara-live"
name = "Nusantara Live (agency)"
name_zh = "努山塔拉直播机构"
kind = "agency"
markets = ["ID"]
[[partners.rules]]
from = "2026-01"
threshold = 1000000          # IDR of net profit the brand keeps first
tiers = [{above = 0, rate = 0.10}, {above = 20000000, rate = 0.15}]
cap = 15000000
clawback = true
clawback_months = 2
fees = {platform_rate = 0.05, per_line = 3000}
mode = "sea"

[[partners]]
id = "siam-team"
name = "Siam local team"
name_zh = "泰国本地团队"
kind = "local_team"
markets = ["TH"]
[[partners.rules]]
from = "2026-01"
threshold = 2000
tiers = [{above = 0, rate = 0.20}]
clawback_months = 2
fees = {platform_rate = 0.06, per_line = 10}
mode = "sea"

[[partners]]
id = "west-coast-dist"
name = "West Coast Distribution"
name_zh = "美西经销商"
kind = "distributor"
markets = ["US"]
[[partners.rules]]
from = "2026-01"
tiers = [{above = 0, rate = 0.08}, {above = 500, rate = 0.12}]
cap = 400
fees = {platform_rate = 0.08, per_line = 0.30}
mode = "air"
shipment_units = 200
"""


@dataclass
class PartnersDemo:
    period: str
    refunds: int
    statements: list[Statement]

    def line(self) -> str:
        """What ``chuhai demo`` prints: each partner's payable for the month."""
        money = Money()
        parts = [
            f"{s.partner.id} {money.text(s.payable, s.currency)} {s.currency}"
            + (f" (clawback {money.text(s.clawback, s.currency)})" if s.clawback else "")
            for s in self.statements
        ]
        return (
            f"Partners, {self.period} payable: {'; '.join(parts)} "
            f"(chuhai partners statement --period {self.period})"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "period": self.period,
            "refunds": self.refunds,
            "statements": {
                s.partner.id: {
                    "currency": s.currency,
                    "share": str(s.share),
                    "clawback": str(s.clawback),
                    "payable": str(s.payable),
                }
                for s in self.statements
            },
        }


def run_partners(result: DemoResult, today: datetime | None = None) -> PartnersDemo:
    """Write partners.toml beside supply.toml, refunds of some demo orders into their zones,
    and compute last month's statements."""
    (result.directory / "partners.toml").write_text(PARTNERS_TOML, encoding="utf-8")
    now = (today or datetime.now(UTC)).astimezone(UTC)
    period = shift_period(f"{now.year:04d}-{now.month:02d}", -1)
    earlier = shift_period(period, -1)
    source = SourceRef(system="demo", file="refunds")
    added = 0
    with ZoneRouter(result.settings) as router:
        for zone in router.zones:
            if not router.exists(zone):
                continue
            store = router.store(zone)
            refunds: list[Refund] = []
            for market in sorted(store.markets):
                start, end = period_bounds(period, market)
                before, _ = period_bounds(earlier, market)
                this = store.order_lines(start=start, end=end)
                last = store.order_lines(start=before, end=start)
                # every 12th order of the month refunded a day later (netted in the month)
                for o in [o for o in this if o.market == market][::12]:
                    refunds.append(_refund(o, "refund", o.time + timedelta(days=1), source))
                # every 15th of the month before returned in this month (clawed back)
                for i, o in enumerate([o for o in last if o.market == market][::15]):
                    refunds.append(
                        _refund(o, "return", start + timedelta(days=1 + i % 20, hours=6), source)
                    )
            added += store.add_refunds(refunds).inserted
        found = statements_from_stores(result.settings, router, period)
    return PartnersDemo(period, added, found)


def _refund(o: OrderLine, kind: str, when: datetime, source: SourceRef) -> Refund:
    return Refund(
        id=f"RF-{o.id[:16]}-{kind}",
        order_id=o.ref or o.id,
        sku=o.sku,
        market=o.market,
        zone=o.zone,
        kind="return" if kind == "return" else "refund",
        quantity=1,
        amount=o.unit_price,
        currency=o.currency,
        time=when,
        reason="demo",
        source=source,
    )
