"""Product categories: the vocabulary claim rules and certifications refer to, how a catalog's
free-text category maps onto it, the certifications a category needs per market (validated
YAML with sources and verified flags) and the certificates a product has on file.

A screening aid: a certification listed here is a lead for a person to check, not legal advice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from chuhai.markets import is_market_code

__all__ = [
    "CATEGORIES",
    "CATEGORY_NAMES_ZH",
    "Certification",
    "CertificationTable",
    "certificates_on_file",
    "certification_table",
    "certifications",
    "certifications_for",
    "claimed_certifications",
    "held_certifications",
    "known_categories",
    "normalise_category",
]

# The vocabulary (English key -> Chinese name). "general": no category known; rules without a
# category list apply to every category, and a script of unknown category is judged by them all.
CATEGORY_NAMES_ZH: Final[dict[str, str]] = {
    "electronics": "电子产品（含充电宝、小家电）",
    "cosmetics": "化妆品与护肤品",
    "food_supplements": "食品与保健品",
    "apparel": "服装鞋包",
    "toys": "玩具与母婴",
    "home": "家居用品",
    "general": "通用（未分类）",
}
CATEGORIES: Final = tuple(CATEGORY_NAMES_ZH)

# Words a catalog's free-text category may use, per vocabulary key (matched as lower-case
# substrings; English and Chinese, the catalog's two operator languages).
_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "electronics": (
        "electronic", "power bank", "powerbank", "charger", "cable", "battery", "phone",
        "earbud", "headphone", "speaker", "appliance", "gadget", "充电", "电子", "数码",
        "电池", "耳机", "家电", "手机",
    ),
    "cosmetics": (
        "cosmetic", "skin", "beauty", "makeup", "make-up", "serum", "cream", "lotion",
        "perfume", "hair care", "化妆", "护肤", "美妆", "彩妆", "精华", "面霜", "香水",
    ),
    "food_supplements": (
        "food", "supplement", "vitamin", "snack", "drink", "beverage", "tea", "coffee",
        "nutrition", "食品", "保健", "营养", "零食", "饮料", "茶", "咖啡",
    ),
    "apparel": (
        "apparel", "clothing", "clothes", "fashion", "shoe", "bag", "dress", "shirt",
        "服装", "衣", "鞋", "包", "服饰",
    ),
    "toys": ("toy", "baby", "kid", "child", "infant", "玩具", "母婴", "儿童", "婴"),
    "home": (
        "home", "kitchen", "household", "furniture", "cookware", "bedding", "decor",
        "家居", "厨房", "家具", "床品",
    ),
}  # fmt: skip


def normalise_category(value: str | None) -> str:
    """The vocabulary key for a catalog category ("Power banks" -> "electronics"); "general"
    when it is empty or unknown."""
    if not value:
        return "general"
    text = value.strip().lower().replace("-", "_")
    if text in CATEGORY_NAMES_ZH:
        return text
    text = text.replace("_", " ")
    for key, words in _ALIASES.items():
        if any(word in text for word in words):
            return key
    return "general"


Verification = Literal["verified", "partial", "unverified"]


class Certification(BaseModel):
    """One mark or registration a category needs (or commonly carries) in a market."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[A-Z0-9-]+$", description="short code: TIS, SNI, PSE, FCC, CE")
    name: str = Field(min_length=2)
    name_zh: str = Field(min_length=2)
    markets: list[str] = Field(min_length=1)
    categories: list[str] = Field(min_length=1)
    mandatory: bool | Literal["some_products"] = Field(
        description="True: every product of the category; 'some_products': listed products only"
    )
    aliases: list[str] = Field(
        default_factory=list,
        description="how a script or a catalog names it (regular expressions, case-insensitive)",
    )
    note: str | None = None
    note_zh: str | None = None
    verified: Verification
    sources: list[str] = Field(min_length=1)

    @field_validator("markets")
    @classmethod
    def _markets(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if c != "EU" and not is_market_code(c)]
        if bad:
            raise ValueError(f"not ISO 3166 codes: {bad}")
        return value

    @field_validator("categories")
    @classmethod
    def _categories(cls, value: list[str]) -> list[str]:
        return known_categories(value)

    @field_validator("aliases")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"alias {pattern!r} does not compile: {exc}") from exc
        return value

    def covers(self, market: str) -> bool:
        from chuhai.markets import EU_MEMBERS

        return market in self.markets or ("EU" in self.markets and market in EU_MEMBERS)

    def span_in(self, text: str) -> tuple[int, int] | None:
        """Where ``text`` names this certification (its id or one of its aliases), if it does."""
        patterns = [rf"(?<![A-Za-z]){re.escape(self.id)}(?![A-Za-z])", *self.aliases]
        for pattern in patterns:
            match = re.search(pattern, text, re.IGNORECASE)
            if match and match.end() > match.start():
                return match.start(), match.end()
        return None


class CertificationTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    disclaimer: str = Field(min_length=10)
    claim_cues: dict[str, str] = Field(
        min_length=1, description="per language: words that make a mention of a mark a claim"
    )
    certifications: list[Certification] = Field(min_length=1)

    @field_validator("claim_cues")
    @classmethod
    def _cues_compile(cls, value: dict[str, str]) -> dict[str, str]:
        for lang, pattern in value.items():
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"claim cue of {lang} does not compile: {exc}") from exc
        return value


CERTIFICATIONS_FILE: Final = Path(str(resources.files("chuhai.compliance"))) / "certifications.yaml"


@cache
def certification_table(path: Path | None = None) -> CertificationTable:
    """The shipped table (or ``path``), validated."""
    from chuhai.compliance.loader import load_model

    return load_model(path or CERTIFICATIONS_FILE, CertificationTable)


def certifications(path: Path | None = None) -> tuple[Certification, ...]:
    """Every certification in the shipped table (or ``path``)."""
    return tuple(certification_table(path).certifications)


@cache
def _cues() -> re.Pattern[str]:
    joined = "|".join(f"(?:{p})" for p in certification_table().claim_cues.values())
    return re.compile(joined, re.IGNORECASE)


def claimed_certifications(text: str, market: str) -> list[tuple[Certification, int, int]]:
    """The marks of ``market`` that ``text`` claims the product holds (named beside a claim
    word: "has TIS", "sudah SNI", "FCC certified"), with the span of the name."""
    if not _cues().search(text):
        return []
    found = []
    for cert in certifications():
        if not cert.covers(market):
            continue
        span = cert.span_in(text)
        if span is not None:
            found.append((cert, *span))
    return found


def held_certifications(on_file: Iterable[str], market: str) -> set[str]:
    """The ids of ``market``'s marks that certificates on file name ("มอก. 2879" -> TIS)."""
    raw = [str(item) for item in on_file]
    return {
        c.id
        for c in certifications()
        if c.covers(market) and any(_first_word(r) == c.id or c.span_in(r) for r in raw)
    }


def known_categories(value: list[str]) -> list[str]:
    """``value`` when every name is in the vocabulary (the validator of rules and marks)."""
    bad = [c for c in value if c not in CATEGORY_NAMES_ZH]
    if bad:
        raise ValueError(f"unknown product categories {bad}; known: {list(CATEGORY_NAMES_ZH)}")
    return value


def certifications_for(market: str, category: str) -> list[Certification]:
    """The certifications ``category`` needs or carries in ``market``."""
    key = normalise_category(category)
    return [c for c in certifications() if c.covers(market) and key in c.categories]


def certificates_on_file(
    attributes: Mapping[str, Any] | None, market: str | None = None
) -> set[str]:
    """The certificates a product's catalog attributes hold, as written there, read from
    ``certificates`` or ``certifications``: a list (["TIS", "CE"]), a string ("TIS, CE"), or a
    mapping per market ({"TH": ["TIS 2879-2560"], "US": "FCC"}; only ``market``'s entry then,
    or every entry without a market). :func:`held_certifications` says which marks they are."""
    found: set[str] = set()
    for key in ("certificates", "certifications", "certificate"):
        value = (attributes or {}).get(key)
        if value is None:
            continue
        if isinstance(value, Mapping):
            chosen: Iterable[Any] = (
                [value.get(market), value.get(market.lower())] if market else value.values()
            )
            for item in chosen:
                found |= _codes(item)
        else:
            found |= _codes(value)
    return found


def _first_word(text: str) -> str:
    return re.split(r"[\s:#(]", text.strip(), maxsplit=1)[0].upper()


def _codes(value: Any) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        items: list[Any] = re.split(r"[,;/]", value)
    elif isinstance(value, Iterable):
        items = list(value)
    else:
        items = [value]
    out = set()
    for item in items:
        text = str(item).strip()
        if text:
            out.add(text)
    return out
