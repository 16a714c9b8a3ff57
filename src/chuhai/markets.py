"""Markets are ISO 3166-1 alpha-2 country codes (GB for the UK).

This module knows which codes exist, which belong to the EU, and a few defaults per market
(local time zone, main languages, names in English and Chinese) that other parts of chuhai
use as priors. It holds no legal facts: those live in the compliance rule packs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from chuhai.errors import InputError

__all__ = [
    "EU_MEMBERS",
    "ISO_CODES",
    "MARKET_INFO",
    "MarketInfo",
    "expand_markets",
    "is_market_code",
    "market_info",
    "normalize_market",
]

# All officially assigned ISO 3166-1 alpha-2 codes.
ISO_CODES: Final[frozenset[str]] = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
    """.split()
)

EU_MEMBERS: Final[frozenset[str]] = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)

# Names people commonly type instead of the code.
_ALIASES: Final[dict[str, str]] = {
    "UK": "GB",
    "USA": "US",
    "UNITED STATES": "US",
    "UNITED KINGDOM": "GB",
    "GREAT BRITAIN": "GB",
    "INDONESIA": "ID",
    "THAILAND": "TH",
    "VIETNAM": "VN",
    "VIET NAM": "VN",
    "MALAYSIA": "MY",
    "PHILIPPINES": "PH",
    "SINGAPORE": "SG",
    "BRAZIL": "BR",
    "MEXICO": "MX",
    "SAUDI ARABIA": "SA",
    "CHINA": "CN",
    "SPAIN": "ES",
    "GERMANY": "DE",
    "FRANCE": "FR",
    "ITALY": "IT",
}


@dataclass(frozen=True, slots=True)
class MarketInfo:
    """Defaults for one market; used as priors, never as legal facts."""

    code: str
    name_en: str
    name_zh: str
    timezone: str
    languages: tuple[str, ...]
    currency: str


MARKET_INFO: Final[dict[str, MarketInfo]] = {
    m.code: m
    for m in (
        MarketInfo("US", "United States", "美国", "America/New_York", ("en", "es"), "USD"),
        MarketInfo("GB", "United Kingdom", "英国", "Europe/London", ("en",), "GBP"),
        MarketInfo("DE", "Germany", "德国", "Europe/Berlin", ("de", "en"), "EUR"),
        MarketInfo("FR", "France", "法国", "Europe/Paris", ("fr", "en"), "EUR"),
        MarketInfo("ES", "Spain", "西班牙", "Europe/Madrid", ("es", "en"), "EUR"),
        MarketInfo("IT", "Italy", "意大利", "Europe/Rome", ("it", "en"), "EUR"),
        MarketInfo("IE", "Ireland", "爱尔兰", "Europe/Dublin", ("en",), "EUR"),
        MarketInfo("CN", "China", "中国", "Asia/Shanghai", ("zh",), "CNY"),
        MarketInfo("ID", "Indonesia", "印度尼西亚", "Asia/Jakarta", ("id", "en"), "IDR"),
        MarketInfo("TH", "Thailand", "泰国", "Asia/Bangkok", ("th", "en"), "THB"),
        MarketInfo("VN", "Vietnam", "越南", "Asia/Ho_Chi_Minh", ("vi", "en"), "VND"),
        MarketInfo("MY", "Malaysia", "马来西亚", "Asia/Kuala_Lumpur", ("ms", "en", "zh"), "MYR"),
        MarketInfo("PH", "Philippines", "菲律宾", "Asia/Manila", ("tl", "en"), "PHP"),
        MarketInfo("SG", "Singapore", "新加坡", "Asia/Singapore", ("en", "zh", "ms"), "SGD"),
        MarketInfo("BR", "Brazil", "巴西", "America/Sao_Paulo", ("pt",), "BRL"),
        MarketInfo("MX", "Mexico", "墨西哥", "America/Mexico_City", ("es",), "MXN"),
        MarketInfo("SA", "Saudi Arabia", "沙特阿拉伯", "Asia/Riyadh", ("ar", "en"), "SAR"),
        MarketInfo("AE", "United Arab Emirates", "阿联酋", "Asia/Dubai", ("ar", "en"), "AED"),
    )
}


def is_market_code(code: str) -> bool:
    """True when ``code`` is an assigned ISO 3166-1 alpha-2 code (upper case)."""
    return code in ISO_CODES


def normalize_market(value: str) -> str:
    """Turn ``"id"``, ``" ID "``, ``"UK"`` or ``"Indonesia"`` into an ISO code.

    Raises :class:`InputError` when the value names no market.
    """
    key = value.strip().upper()
    key = _ALIASES.get(key, key)
    if key not in ISO_CODES:
        raise InputError(f"unknown market {value!r}: use an ISO 3166-1 alpha-2 code such as ID")
    return key


def expand_markets(values: list[str]) -> list[str]:
    """Normalise codes and expand the group ``EU`` into its member states, keeping order."""
    out: list[str] = []
    for value in values:
        items = sorted(EU_MEMBERS) if value.strip().upper() == "EU" else [normalize_market(value)]
        out.extend(code for code in items if code not in out)
    return out


def market_info(code: str) -> MarketInfo:
    """Defaults for ``code``; markets without curated defaults get UTC and English."""
    info = MARKET_INFO.get(code)
    if info is not None:
        return info
    return MarketInfo(code, code, code, "UTC", ("en",), "USD")
