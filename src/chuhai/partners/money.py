"""Money for statements: Decimal from the stored decimal text, rounded in each currency's minor
units, and exchange through the supply setup's ``[fx]`` rates.

The minor units are a small table (ISO 4217, with IDR and VND at 0 as they are paid in
practice; ``[decimals]`` in partners.toml overrides it): Babel would bring CLDR's whole locale
database for these few numbers, and CLDR lists IDR with 2 digits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Final

from chuhai.errors import InputError

__all__ = ["DECIMALS", "FxTable", "Money", "dec"]

DECIMALS: Final[dict[str, int]] = {
    "IDR": 0, "VND": 0, "JPY": 0, "KRW": 0, "CLP": 0, "ISK": 0, "PYG": 0, "UGX": 0,
    "BHD": 3, "JOD": 3, "KWD": 3, "OMR": 3, "TND": 3,
}  # fmt: skip
"""Minor units where they are not 2."""
_MODES: Final = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}


def dec(value: float | int | str | Decimal) -> Decimal:
    """A Decimal of a stored amount: floats through their shortest text (0.1 -> 0.1)."""
    if isinstance(value, Decimal):
        return value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


@dataclass(frozen=True)
class Money:
    """How one company rounds: minor units per currency and a rounding mode."""

    rounding: str = "half_up"
    decimals: Mapping[str, int] = field(default_factory=dict)

    def places(self, currency: str) -> int:
        return self.decimals.get(currency, DECIMALS.get(currency, 2))

    def round(self, amount: Decimal, currency: str) -> Decimal:
        quantum = Decimal(1).scaleb(-self.places(currency))
        return amount.quantize(quantum, rounding=_MODES[self.rounding])

    def text(self, amount: Decimal, currency: str) -> str:
        return f"{self.round(amount, currency):,.{self.places(currency)}f}"


@dataclass(frozen=True)
class FxTable:
    """``rates``: units of ``base`` per unit of each other currency (supply.toml's [fx])."""

    base: str
    rates: Mapping[str, Decimal]

    def rate(self, source: str, target: str) -> Decimal:
        """Units of ``target`` per unit of ``source``."""
        if source == target:
            return Decimal(1)
        return self._to_base(source) / self._to_base(target)

    def _to_base(self, currency: str) -> Decimal:
        if currency == self.base:
            return Decimal(1)
        if currency not in self.rates:
            raise InputError(
                f"no exchange rate for {currency} in the supply setup's [fx] "
                f"(units of {self.base} per unit of {currency})"
            )
        return self.rates[currency]
