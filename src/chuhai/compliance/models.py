"""Rule packs and claim rules as validated data (pydantic): what a pack file must hold."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from chuhai.compliance.sources import Change, Source
from chuhai.markets import EU_MEMBERS, is_market_code

__all__ = [
    "DISCLAIMER",
    "DISCLAIMER_ZH",
    "Breach",
    "Children",
    "ClaimRule",
    "ClaimSet",
    "Duty",
    "Fact",
    "Law",
    "Penalties",
    "RulePack",
    "Sensitive",
    "Topic",
    "Transfer",
    "Verification",
]

DISCLAIMER = (
    "Rule packs are screening aids, not legal advice: check unverified facts against the "
    "primary law and ask counsel before relying on them."
)
DISCLAIMER_ZH = "规则包仅供合规筛查参考，不构成法律意见；未经核实的条目请对照法律原文并咨询律师。"

Verification = Literal["verified", "partial", "unverified", "company"]
Confidence = Literal["high", "medium", "low"]
Severity = Literal["critical", "high", "medium", "low"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Chinese texts (``*_zh``) sit beside the English ones they translate; where one is missing the
# pages show the English, marked as not yet translated, and tests/compliance require them all.
ZhText = str | None
TOPICS = ("transfer", "breach", "children", "sensitive", "marketing", "penalties")


class Fact(_Strict):
    """What every fact of a pack carries: when it was last reviewed, its sources with their
    kind, and how far it was checked. ``verified`` needs a source that is the law or the
    regulator (a law firm's note or a secondary summary makes a fact ``partial`` at most)."""

    reviewed: dt.date = Field(description="when someone last checked the fact against its sources")
    sources: list[Source] = Field(default_factory=list)
    verified: Verification

    @field_validator("verified")
    @classmethod
    def _verified_needs_primary(cls, value: str, info: ValidationInfo) -> str:
        sources = info.data.get("sources")
        if value == "verified" and sources is not None and not any(s.primary for s in sources):
            raise ValueError(
                "a 'verified' fact needs a source of kind law (statute/regulation text) or "
                "regulator (regulator guidance); mark it 'partial' or 'unverified' otherwise"
            )
        return value

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(s.url for s in self.sources)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of its sources, strongest first, each once."""
        order = ("law", "regulator", "law_firm", "secondary")
        return tuple(k for k in order if any(s.kind == k for s in self.sources))

    @property
    def secondary_only(self) -> bool:
        """Sourced, but only by secondary texts (news, vendors, aggregators, wikis)."""
        return bool(self.sources) and all(s.kind == "secondary" for s in self.sources)


class Law(Fact):
    name: str = Field(min_length=3)
    name_zh: ZhText = Field(default=None, min_length=2)
    citation: str | None = None
    in_force: str | None = None
    in_force_zh: ZhText = Field(default=None, min_length=2)


class Topic(Fact):
    """One topic of a pack: a readable summary, the research's details, sources, and how far
    the facts were checked."""

    summary: str = Field(min_length=3)
    summary_zh: ZhText = Field(default=None, min_length=2)
    confidence: Confidence | None = None
    details: dict[str, Any] = Field(default_factory=dict)


class Duty(Topic):
    """A duty beyond the six standard topics (a data protection officer, data portability)."""

    name: str = Field(min_length=3)
    name_zh: ZhText = Field(default=None, min_length=2)
    in_force: str | None = None
    in_force_zh: ZhText = Field(default=None, min_length=2)


class Transfer(Topic):
    basis_required: bool = Field(
        description="personal data may leave the market only on a recorded legal basis"
    )
    mechanisms: list[str] = Field(default_factory=list, description="bases the law knows")
    restricted_destinations: list[str] = Field(
        default_factory=list, description="countries some data may not go to at all"
    )
    localisation: bool | Literal["partial", "sectoral"] = False

    @field_validator("restricted_destinations")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if not is_market_code(c)]
        if bad:
            raise ValueError(f"not ISO 3166 codes: {bad}")
        return value


class Breach(Topic):
    regulator_hours: int | None = Field(default=None, ge=1, le=24 * 90)
    clock_from: Literal["awareness", "knowledge", "assessment", "discovery"] | None = Field(
        default=None,
        description="what starts the regulator_hours clock: becoming aware of the breach, "
        "knowledge or reasonable belief of it, the assessment that it must be notified, or its "
        "discovery",
    )
    individuals: str | None = None


class Children(Topic):
    parental_consent_below_age: int | None = Field(default=None, ge=0, le=21)


class Sensitive(Topic):
    categories: list[str] = Field(default_factory=list)
    categories_zh: list[str] = Field(default_factory=list, description="one per category")

    @model_validator(mode="after")
    def _one_zh_per_category(self) -> Self:
        if self.categories_zh and len(self.categories_zh) != len(self.categories):
            raise ValueError(
                f"categories_zh has {len(self.categories_zh)} entries for "
                f"{len(self.categories)} categories"
            )
        return self


class Penalties(Topic):
    items: list[str] = Field(default_factory=list)


class RulePack(_Strict):
    id: str = Field(pattern=r"^[A-Z]{2}(-[A-Z]{2})?$")
    name: str
    name_zh: ZhText = Field(default=None, min_length=2)
    markets: list[str] = Field(min_length=1)
    scope: str | None = None
    scope_zh: ZhText = Field(default=None, min_length=2)
    laws: list[Law] = Field(min_length=1)
    transfer: Transfer
    breach: Breach
    children: Children
    sensitive: Sensitive
    marketing: Topic
    penalties: Penalties
    duties: list[Duty] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    changelog: list[Change] = Field(default_factory=list, description="newest first")

    @field_validator("markets")
    @classmethod
    def _markets(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if not is_market_code(c)]
        if bad:
            raise ValueError(f"not ISO 3166 codes: {bad}")
        return value

    def facts(self) -> list[tuple[str, Fact]]:
        """Every fact of the pack with where it sits (``laws[0]``, ``breach``, ``duties[1]``)."""
        out: list[tuple[str, Fact]] = [(f"laws[{n}]", law) for n, law in enumerate(self.laws)]
        out += [(topic, getattr(self, topic)) for topic in TOPICS]
        out += [(f"duties[{n}]", duty) for n, duty in enumerate(self.duties)]
        return out

    @property
    def unverified(self) -> int:
        """How many of its facts nobody has re-read in the primary text."""
        return sum(fact.verified in ("unverified", "partial") for _, fact in self.facts())


class ClaimRule(_Strict):
    """A banned or risky claim: patterns that find it, why it is a problem, a safer wording."""

    id: str = Field(pattern=r"^[A-Z0-9-]+$")
    category: str
    severity: Severity
    action: str
    languages: list[str] = Field(min_length=1)
    why: str = Field(min_length=10)
    why_zh: ZhText = Field(default=None, min_length=5)
    patterns: list[str] = Field(min_length=1)
    requires: list[str] = Field(
        default_factory=list,
        description="a disclosure that must appear in the script when a pattern matches",
    )
    requires_when: list[str] = Field(
        default_factory=list, description="what makes the disclosure necessary (default: patterns)"
    )
    suggestion: str = Field(min_length=5)
    suggestion_zh: str = Field(min_length=2)
    suggestions: dict[str, str] = Field(
        default_factory=dict,
        description="safer wording per script language (ISO 639-1 code -> text), beside the "
        "English 'suggestion' and the Chinese 'suggestion_zh'",
    )
    categories: list[str] = Field(
        default_factory=list,
        description="product categories the rule applies to (chuhai.compliance.categories); "
        "empty: every category",
    )
    claim_class: str | None = Field(
        default=None,
        description="the kind of claim across markets (safety, discount, superlative, health, "
        "certification, redirect, ...), for scoring and grouping; 'category' stays the "
        "rule pack's own label",
    )
    note: str | None = None
    sources: list[str] = Field(min_length=1)

    @field_validator("suggestions")
    @classmethod
    def _suggestion_languages(cls, value: dict[str, str]) -> dict[str, str]:
        bad = [k for k, v in value.items() if not re.fullmatch(r"[a-z]{2,3}", k) or len(v) < 2]
        if bad:
            raise ValueError(f"suggestions need ISO 639 language keys and a text: {bad}")
        return value

    @field_validator("categories")
    @classmethod
    def _known_categories(cls, value: list[str]) -> list[str]:
        from chuhai.compliance.categories import known_categories

        return known_categories(value)

    @field_validator("patterns", "requires", "requires_when")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from exc
        return value


class ClaimSet(_Strict):
    set: str
    platform: str | None = None
    markets: list[str] = Field(min_length=1, description="ISO codes, 'EU', or '*' for every one")
    rules: list[ClaimRule] = Field(min_length=1)

    @field_validator("markets")
    @classmethod
    def _markets(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if c not in ("*", "EU") and not is_market_code(c)]
        if bad:
            raise ValueError(f"not ISO 3166 codes: {bad}")
        return value

    def covers(self, market: str) -> bool:
        return (
            "*" in self.markets
            or market in self.markets
            or ("EU" in self.markets and market in EU_MEMBERS)
        )
