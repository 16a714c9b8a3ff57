"""The supply setup (``supply.toml``), validated: SKUs, factories, shipping modes, warehouses,
tariffs per market and the risk scenarios. ``chuhai supply init`` writes an example.

Tariff and de minimis figures are the user's to maintain: the example marks every one as
unverified, and chuhai's results from them are planning aids, not customs or legal advice.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from chuhai.errors import ConfigError, InputError

__all__ = [
    "EXAMPLE_SETUP",
    "Factory",
    "Mode",
    "PolicySettings",
    "RiskMarket",
    "SkuSetup",
    "SupplySetup",
    "Tariff",
    "Warehouse",
    "load_setup",
]

EXAMPLE_SETUP = Path(__file__).parent / "data" / "supply.example.toml"
Rate = Annotated[float, Field(ge=0, le=5)]
Share = Annotated[float, Field(ge=0, le=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PolicySettings(_Model):
    service_level: float = Field(default=0.95, gt=0.5, lt=1, description="share of demand served")
    review_periods: int = Field(default=1, ge=1, description="periods between two orders")
    horizon: int = Field(default=12, ge=2, le=104, description="periods forecast and planned")
    holding_rate: Rate = Field(
        default=0.25, description="holding cost per year, share of unit cost"
    )
    salvage_rate: Share = Field(default=0.3, description="what unsold stock fetches, share of cost")
    use_eoq: bool = Field(default=True, description="order at least the economic order quantity")


class Mode(_Model):
    name: str = Field(min_length=1)
    lead_weeks: int = Field(ge=0, le=52, description="door to door, after production")
    cost_per_unit: float = Field(ge=0)
    cost_per_order: float = Field(default=0, ge=0)


class Factory(_Model):
    name: str = Field(min_length=1)
    country: str = Field(pattern=r"^[A-Z]{2}$")
    production_weeks: int = Field(default=1, ge=0, le=52)
    moq: int = Field(default=100, ge=1, description="minimum order quantity per SKU and order")
    case_pack: int = Field(default=1, ge=1, description="orders are whole cases")
    modes: list[str] = Field(min_length=1)


class SkuSetup(_Model):
    sku: str = Field(min_length=1)
    factory: str
    unit_cost: float = Field(gt=0, description="ex-works, in the setup's currency")
    category: str = "general"
    prices: dict[str, float] = Field(default_factory=dict, description="price per market")


class Warehouse(_Model):
    name: str = Field(min_length=1)
    market: str = Field(pattern=r"^[A-Z]{2}$")
    capacity_units: int = Field(ge=1, description="the quota: units it may hold at once")
    modes: list[str] | None = Field(default=None, description="modes that reach it (default: all)")


class Tariff(_Model):
    market: str = Field(pattern=r"^[A-Z]{2}$")
    duty_rate: Rate = 0.0
    duty_by_category: dict[str, Rate] = Field(default_factory=dict)
    vat_rate: Rate = 0.0
    duty_de_minimis: float = Field(
        default=0, ge=0, description="shipment value below which no duty"
    )
    vat_de_minimis: float = Field(default=0, ge=0, description="shipment value below which no VAT")
    vat_recoverable: bool = Field(default=False, description="import VAT reclaimed by the importer")
    verified: bool = False
    source: str = ""
    note: str = ""

    def duty_for(self, category: str) -> float:
        return self.duty_by_category.get(category, self.duty_rate)


class RiskMarket(_Model):
    market: str = Field(pattern=r"^[A-Z]{2}$")
    margin: Share = Field(default=0.25, description="profit share of revenue")
    ban_probability: Share = Field(default=0.0, description="chance a year of a platform ban")
    ban_months: float = Field(default=6, ge=0, le=12)
    tariff_probability: Share = 0.0
    tariff_increase: Rate = Field(default=0.0, description="duty points added in the shock")
    cost_share: Share = Field(default=0.4, description="landed cost share of revenue the duty hits")
    fx_volatility: Rate = Field(default=0.08, description="yearly sd of the currency against ours")


class SupplySetup(_Model):
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    fx: dict[str, float] = Field(
        default_factory=dict, description="units of `currency` per unit of another currency"
    )
    policy: PolicySettings = Field(default_factory=PolicySettings)
    modes: list[Mode] = Field(min_length=1)
    factories: list[Factory] = Field(min_length=1)
    skus: list[SkuSetup] = Field(min_length=1)
    warehouses: list[Warehouse] = Field(min_length=1)
    tariffs: list[Tariff] = Field(default_factory=list)
    risk: list[RiskMarket] = Field(default_factory=list)
    network: dict[str, Any] | None = Field(
        default=None,
        description="[network]: factories in belts, warehouses, lanes; validated by "
        "chuhai.supply.network when planned (docs/SUPPLY.md)",
    )

    @model_validator(mode="after")
    def _references(self) -> Self:
        modes = {m.name for m in self.modes}
        factories = {f.name for f in self.factories}
        for f in self.factories:
            if unknown := set(f.modes) - modes:
                raise ValueError(f"factory {f.name}: unknown mode(s) {', '.join(sorted(unknown))}")
        for s in self.skus:
            if s.factory not in factories:
                raise ValueError(f"sku {s.sku}: unknown factory {s.factory!r}")
        for w in self.warehouses:
            if unknown := set(w.modes or ()) - modes:
                raise ValueError(f"warehouse {w.name}: unknown mode(s) {', '.join(unknown)}")
        for kind, names in (
            ("sku", [s.sku for s in self.skus]),
            ("warehouse market", [w.market for w in self.warehouses]),
            ("tariff market", [t.market for t in self.tariffs]),
        ):
            if len(set(names)) != len(names):
                raise ValueError(f"a {kind} appears twice")
        return self

    def sku(self, sku: str) -> SkuSetup:
        for s in self.skus:
            if s.sku == sku:
                return s
        raise InputError(f"unknown SKU {sku!r}: not in the supply setup's [[skus]]")

    def factory(self, name: str) -> Factory:
        return next(f for f in self.factories if f.name == name)

    def mode(self, name: str) -> Mode:
        return next(m for m in self.modes if m.name == name)

    def warehouse_for(self, market: str) -> Warehouse:
        for w in self.warehouses:
            if w.market == market:
                return w
        raise InputError(f"no warehouse for market {market} in the supply setup")

    def tariff(self, market: str) -> Tariff:
        for t in self.tariffs:
            if t.market == market:
                return t
        raise InputError(f"no tariff for market {market} in the supply setup's [[tariffs]]")

    def to_currency(self, amount: float, currency: str) -> float:
        if currency == self.currency:
            return amount
        if currency not in self.fx:
            raise InputError(f"no exchange rate for {currency} in the supply setup's [fx]")
        return amount * self.fx[currency]

    def risk_markets(self) -> dict[str, RiskMarket]:
        return {r.market: r for r in self.risk}

    def check_skus(self, skus: set[str]) -> None:
        """Every SKU of the demand must be set up (cost, factory)."""
        unknown = sorted(skus - {s.sku for s in self.skus})
        if unknown:
            shown = ", ".join(unknown[:8]) + (" ..." if len(unknown) > 8 else "")
            raise InputError(f"{len(unknown)} unknown SKU(s) not in the supply setup: {shown}")


def load_setup(path: Path | None) -> SupplySetup:
    if path is None:
        raise InputError(
            "no supply setup: pass --setup supply.toml or set [supply] setup in chuhai.toml "
            "(chuhai supply init writes an example)"
        )
    if not path.is_file():
        raise InputError(f"{path}: no such file (chuhai supply init writes an example)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        return SupplySetup(**data)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {where + ': ' if where else ''}{first['msg']}") from exc
