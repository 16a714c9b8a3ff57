"""The network in ``supply.toml``'s ``[network]`` section, validated: factories in their
industrial belts (产业带), overseas warehouses, lanes between them and into markets, tariff
routes, weekly demand per SKU x market, and the disruption scenarios to re-plan under.

Amounts are floats in the supply setup's currency (as the rest of ``chuhai.supply``); every
tariff route is a planning figure the user maintains (``verified = false`` until checked).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from chuhai.errors import ConfigError

__all__ = [
    "DemandRow",
    "Lane",
    "NetFactory",
    "NetWarehouse",
    "NetworkSetup",
    "Scenario",
    "ScenarioKind",
    "TariffRoute",
    "parse_network",
]

Rate = Annotated[float, Field(ge=0, le=5)]
Market = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
ScenarioKind = Literal["factory_down", "lane_closed", "tariff_jump", "market_ban"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NetFactory(_Model):
    """A factory: where it is, what it makes at what ex-works cost, how much a week."""

    name: str = Field(min_length=1)
    belt: str = Field(default="", description="the industrial belt (产业带), e.g. 深圳 3C 电子")
    city: str = ""
    country: Market = "CN"
    capacity_per_week: int = Field(ge=0, description="units a week over all its SKUs")
    moq: int = Field(default=1, ge=1, description="minimum order quantity per SKU and order")
    order_weeks: int = Field(
        default=1,
        ge=1,
        le=52,
        description="weeks one order covers: a SKU it makes at all, it "
        "makes at least moq / order_weeks a week",
    )
    lead_weeks: int = Field(default=1, ge=0, le=52, description="production, before the lane")
    costs: dict[str, Annotated[float, Field(gt=0)]] = Field(
        min_length=1, description="SKU -> unit cost ex-works"
    )
    defect_rate: float = Field(
        default=0.0,
        ge=0,
        lt=1,
        description="quality record from VOC: share of its units buyers complain about; a good "
        "unit then costs cost / (1 - defect_rate)",
    )


class NetWarehouse(_Model):
    """An overseas warehouse: stock it may hold, what it may receive a week, what it costs."""

    name: str = Field(min_length=1)
    country: Market
    capacity_units: int = Field(ge=0, description="units it may hold at once")
    cover_weeks: float = Field(default=4, gt=0, le=52, description="weeks of stock kept")
    inbound_per_week: int | None = Field(
        default=None, ge=0, description="the quota: units it may receive a week"
    )
    handling_per_unit: float = Field(default=0, ge=0, description="in and out")
    storage_per_unit_week: float = Field(default=0, ge=0)


class Lane(_Model):
    """Factory -> warehouse (line haul) or warehouse -> market (last mile)."""

    origin: str = Field(min_length=1)
    destination: str = Field(min_length=1)
    mode: str = Field(default="sea", min_length=1)
    transit_weeks: float = Field(default=0, ge=0, le=52)
    cost_per_unit: float = Field(ge=0)
    tariff_route: str = Field(default="", description="the duty paid on the way, if any")

    @property
    def key(self) -> str:
        return f"{self.origin}>{self.destination}/{self.mode}"


class TariffRoute(_Model):
    """Duty on the customs value (taken as the ex-works cost) along a route, e.g. CN-US."""

    name: str = Field(min_length=1)
    duty_rate: Rate = 0.0
    duty_by_category: dict[str, Rate] = Field(default_factory=dict)
    verified: bool = False
    source: str = ""

    def duty_for(self, category: str) -> float:
        return self.duty_by_category.get(category, self.duty_rate)


class DemandRow(_Model):
    sku: str = Field(min_length=1)
    market: Market
    units_per_week: float = Field(ge=0)
    price: float = Field(gt=0, description="what a lost sale costs: the unit's price there")
    category: str = "general"


class Scenario(_Model):
    """A disruption: ``factory_down`` (target: factory), ``lane_closed`` (``origin>destination``,
    every mode unless ``mode``), ``tariff_jump`` (a tariff route, ``value`` duty points added),
    ``market_ban`` (a market: nothing may be sold there)."""

    name: str = Field(min_length=1)
    kind: ScenarioKind
    target: str = Field(min_length=1)
    mode: str | None = None
    value: Rate = 0.0


class NetworkSetup(_Model):
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    factories: list[NetFactory] = Field(min_length=1)
    warehouses: list[NetWarehouse] = Field(min_length=1)
    lanes: list[Lane] = Field(min_length=1)
    tariff_routes: list[TariffRoute] = Field(default_factory=list)
    demand: list[DemandRow] = Field(
        default_factory=list, description="empty: the orders in the zone stores"
    )
    scenarios: list[Scenario] = Field(default_factory=list)
    time_limit_s: float = Field(default=55, gt=0, le=3600, description="the solver's limit")

    @model_validator(mode="after")
    def _references(self) -> Self:
        factories = [f.name for f in self.factories]
        warehouses = [w.name for w in self.warehouses]
        routes = [r.name for r in self.tariff_routes]
        for kind, names in (
            ("factory", factories),
            ("warehouse", warehouses),
            ("tariff route", routes),
            ("lane", [lane.key for lane in self.lanes]),
            ("demand row", [f"{d.sku}@{d.market}" for d in self.demand]),
            ("scenario", [s.name for s in self.scenarios]),
        ):
            if len(set(names)) != len(names):
                twice = sorted({n for n in names if names.count(n) > 1})[0]
                raise ValueError(f"{kind} {twice!r} appears twice")
        if both := set(factories) & set(warehouses):
            raise ValueError(f"{sorted(both)[0]!r} is a factory and a warehouse")
        for lane in self.lanes:
            if lane.origin in factories:
                if lane.destination not in warehouses:
                    raise ValueError(
                        f"lane {lane.key}: a factory's lane goes to a warehouse of [[network."
                        "warehouses]]"
                    )
            elif lane.origin in warehouses:
                if not _is_market(lane.destination):
                    raise ValueError(f"lane {lane.key}: a warehouse's lane goes to a market code")
            else:
                raise ValueError(f"lane {lane.key}: unknown origin {lane.origin!r}")
            if lane.tariff_route and lane.tariff_route not in routes:
                raise ValueError(f"lane {lane.key}: unknown tariff route {lane.tariff_route!r}")
        for s in self.scenarios:
            self.check_scenario(s)
        return self

    def check_scenario(self, s: Scenario) -> None:
        """ValueError where the scenario names what the network does not have."""
        factories = {f.name for f in self.factories}
        routes = {r.name for r in self.tariff_routes}
        if s.kind == "factory_down" and s.target not in factories:
            raise ValueError(f"scenario {s.name}: unknown factory {s.target!r}")
        if s.kind == "tariff_jump" and s.target not in routes:
            raise ValueError(f"scenario {s.name}: unknown tariff route {s.target!r}")
        if s.kind == "market_ban" and not _is_market(s.target):
            raise ValueError(f"scenario {s.name}: {s.target!r} is not a market code")
        if s.kind == "lane_closed":
            origin, _, destination = s.target.partition(">")
            if not any(
                lane.origin == origin and lane.destination == destination for lane in self.lanes
            ):
                raise ValueError(f"scenario {s.name}: no lane {s.target!r} (origin>destination)")

    def route(self, name: str) -> TariffRoute | None:
        return next((r for r in self.tariff_routes if r.name == name), None)

    @property
    def markets(self) -> list[str]:
        return sorted({d.market for d in self.demand})


def _is_market(code: str) -> bool:
    return len(code) == 2 and code.isascii() and code.isupper() and code.isalpha()


def parse_network(
    data: dict[str, Any], *, currency: str = "USD", where: str = "network"
) -> NetworkSetup:
    """Validate a ``[network]`` table (``where`` names it in the error)."""
    try:
        return NetworkSetup(**({"currency": currency} | data))
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{where}{'.' + loc if loc else ''}: {first['msg']}") from exc
    except TypeError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
