"""Loading ``partners.toml`` and computing statements over the zone stores, with landed cost
and exchange rates from ``supply.toml`` (docs/PARTNERS.md)."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from chuhai.errors import ConfigError, InputError
from chuhai.partners.ledger import Ledger, StoreLedger
from chuhai.partners.money import FxTable, Money, dec
from chuhai.partners.statement import LandedCosts, Statement, compute_statement
from chuhai.records.partners import PartnersSetup, ShareRule
from chuhai.supply.landed import landed_cost
from chuhai.supply.setup import SupplySetup, load_setup

if TYPE_CHECKING:
    from chuhai.settings import Settings
    from chuhai.store import ZoneRouter

__all__ = [
    "fx_of",
    "landed_of",
    "load_partners",
    "money_of",
    "partners_path",
    "statements",
    "statements_from_stores",
]


def partners_path(settings: Settings, given: Path | None = None) -> Path:
    """``--setup``, else partners.toml beside the supply setup (the config's folder)."""
    if given is not None:
        return given
    if settings.supply.setup is not None:
        return settings.supply.setup.parent / "partners.toml"
    return Path("partners.toml")


def load_partners(path: Path) -> PartnersSetup:
    if not path.is_file():
        raise InputError(f"{path}: no such file (docs/PARTNERS.md shows one)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        return PartnersSetup.model_validate(data)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: {where + ': ' if where else ''}{first['msg']}") from exc


def money_of(setup: PartnersSetup) -> Money:
    return Money(setup.rounding, dict(setup.decimals))


def fx_of(supply: SupplySetup) -> FxTable:
    return FxTable(supply.currency, {c: dec(r) for c, r in supply.fx.items()})


def landed_of(supply: SupplySetup) -> LandedCosts:
    """Landed cost per unit in the supply setup's currency, by the rule's mode (default: the
    first mode) and shipment size."""
    found: dict[tuple[str, str, str, int], Decimal] = {}

    def landed(sku: str, market: str, rule: ShareRule) -> tuple[Decimal, str]:
        mode = rule.mode or supply.modes[0].name
        if mode not in {m.name for m in supply.modes}:
            raise InputError(f"share rule from {rule.start}: unknown shipping mode {mode!r}")
        key = (sku, market, mode, rule.shipment_units)
        if key not in found:
            cost = landed_cost(supply, sku, market, mode, rule.shipment_units)
            found[key] = dec(round(cost.total, 6))
        return found[key], supply.currency

    return landed


def statements(
    setup: PartnersSetup,
    supply: SupplySetup,
    ledger: Ledger,
    period: str,
    partner_ids: Sequence[str] = (),
) -> list[Statement]:
    """Statements of the partners asked for (all when none), in the setup's order."""
    chosen = list(setup.partners)
    if partner_ids:
        unknown = sorted(set(partner_ids) - {p.id for p in chosen})
        if unknown:
            known = ", ".join(p.id for p in chosen) or "none"
            raise InputError(f"unknown partner {unknown[0]!r} (partners: {known})")
        chosen = [p for p in chosen if p.id in partner_ids]
    money, fx, landed = money_of(setup), fx_of(supply), landed_of(supply)
    return [
        compute_statement(p, period, ledger=ledger, landed=landed, fx=fx, money=money)
        for p in chosen
    ]


def statements_from_stores(
    settings: Settings,
    router: ZoneRouter,
    period: str,
    partner_ids: Sequence[str] = (),
    setup_path: Path | None = None,
) -> list[Statement]:
    setup = load_partners(partners_path(settings, setup_path))
    supply = load_setup(settings.supply.setup)
    return statements(setup, supply, StoreLedger(router), period, partner_ids)
