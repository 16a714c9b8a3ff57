"""Landed cost: product + freight + duty + import VAT/GST per unit, per market and mode, with
de minimis thresholds; and what a tariff change does to each SKU's margin.

The tariff tables are the user's (``[[tariffs]]`` in supply.toml); results are planning
figures, not a customs ruling.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from chuhai.errors import InputError
from chuhai.supply.setup import SupplySetup, Tariff

__all__ = ["LandedCost", "MarginChange", "landed_cost", "margin_change", "parse_tariff_change"]


@dataclass(frozen=True)
class LandedCost:
    sku: str
    market: str
    mode: str
    units: int
    product: float  # per unit
    freight: float
    duty: float
    vat: float
    total: float
    duty_rate: float
    vat_rate: float
    de_minimis: bool  # the shipment was under the duty threshold
    verified: bool  # whether the market's tariff figures are marked verified

    def as_dict(self) -> dict[str, object]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


def landed_cost(
    setup: SupplySetup,
    sku: str,
    market: str,
    mode: str,
    units: int = 1,
    tariff: Tariff | None = None,
) -> LandedCost:
    """Per-unit landed cost of a shipment of ``units``. Duty is on the customs value
    (product + freight, CIF) unless the shipment is under the duty de minimis; VAT on value
    + duty unless under the VAT de minimis, and left out when the importer reclaims it."""
    if units < 1:
        raise InputError(f"units {units} must be at least 1")
    item = setup.sku(sku)
    tariff = tariff or setup.tariff(market)
    freight = setup.mode(mode).cost_per_unit
    customs_value = (item.unit_cost + freight) * units
    duty_rate = tariff.duty_for(item.category)
    under_duty = customs_value <= tariff.duty_de_minimis
    duty = 0.0 if under_duty else customs_value * duty_rate
    under_vat = customs_value <= tariff.vat_de_minimis
    vat = 0.0 if under_vat or tariff.vat_recoverable else (customs_value + duty) * tariff.vat_rate
    per = 1 / units
    return LandedCost(
        sku=sku,
        market=market,
        mode=mode,
        units=units,
        product=item.unit_cost,
        freight=freight,
        duty=duty * per,
        vat=vat * per,
        total=item.unit_cost + freight + (duty + vat) * per,
        duty_rate=duty_rate,
        vat_rate=tariff.vat_rate,
        de_minimis=under_duty,
        verified=tariff.verified,
    )


@dataclass(frozen=True)
class MarginChange:
    sku: str
    market: str
    price: float
    landed_before: float
    landed_after: float
    margin_before: float  # share of the price
    margin_after: float

    def as_dict(self) -> dict[str, object]:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in asdict(self).items()}


def parse_tariff_change(text: str) -> tuple[str, str | None, str, float]:
    """``TH=+0.10`` (all categories, points added), ``US:electronics=0.25`` (set) ->
    (market, category, op, value)."""
    target, sep, value = text.partition("=")
    if not sep:
        raise InputError(f"tariff change {text!r}: expected MARKET[:CATEGORY]=[+|-]RATE")
    market, _, category = target.partition(":")
    op = "add" if value[:1] in "+-" else "set"
    try:
        number = float(value)
    except ValueError:
        raise InputError(f"tariff change {text!r}: {value!r} is not a rate") from None
    return market.strip().upper(), category.strip() or None, op, number


def _changed(tariff: Tariff, category: str | None, op: str, value: float) -> Tariff:
    def apply(rate: float) -> float:
        new = rate + value if op == "add" else value
        if not 0 <= new <= 5:
            raise InputError(f"duty rate {new:g} for {tariff.market} is out of range 0..5")
        return new

    if category is None:
        by_category = {c: apply(r) for c, r in tariff.duty_by_category.items()}
        return tariff.model_copy(
            update={"duty_rate": apply(tariff.duty_rate), "duty_by_category": by_category}
        )
    by_category = dict(tariff.duty_by_category)
    by_category[category] = apply(tariff.duty_for(category))
    return tariff.model_copy(update={"duty_by_category": by_category})


def margin_change(
    setup: SupplySetup, changes: list[str], mode: str, units: int
) -> list[MarginChange]:
    """Margin per SKU x market before and after the tariff changes, for shipments of
    ``units`` by ``mode``. SKUs without a price in a market are skipped."""
    parsed = [parse_tariff_change(c) for c in changes]
    out = []
    for item in setup.skus:
        for market, price in sorted(item.prices.items()):
            before = setup.tariff(market)
            after = before
            for m, category, op, value in parsed:
                if m == market:
                    after = _changed(after, category, op, value)
            old = landed_cost(setup, item.sku, market, mode, units, before).total
            new = landed_cost(setup, item.sku, market, mode, units, after).total
            out.append(
                MarginChange(item.sku, market, price, old, new, 1 - old / price, 1 - new / price)
            )
    known = {t.market for t in setup.tariffs}
    if missing := sorted({m for m, *_ in parsed} - known):
        raise InputError(f"tariff change for {', '.join(missing)}: no [[tariffs]] entry")
    return out
