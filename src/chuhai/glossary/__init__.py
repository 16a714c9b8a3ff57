"""Glossaries and brand voice per brand and market, as validated data (``glossary.toml``).

A brand says which names are never translated (``keep``), which terms are always put one
way in each language (``terms``: the Chinese term and its fixed rendering per language),
which words it never uses (``banned``, with what to say instead) and its voice per market:
the register, the Thai polite particle (ค่ะ / ครับ), how a customer is addressed
(Indonesian "kak" in live rooms and replies, "Anda" in e-mail), pronouns to avoid, and how
many emoji a text may carry. ``[brands.X.markets.TH]`` adds to or overrides the brand's
values for one market; the shipped ``voice.toml`` gives every market its default voice.

It sits at the bottom of the layers: translation (enrich), the live room and the drafting
assistants all read it.

The same glossary is handed to translation (:meth:`Glossary.translation_terms` for
:class:`chuhai.enrich.translation.GlossaryTranslator`), to the drafting assistants' prompts
and to the checker (:mod:`chuhai.assist.voice`) every draft passes before it is shown.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from chuhai.errors import ConfigError
from chuhai.markets import is_market_code

__all__ = [
    "CHANNELS",
    "BannedWord",
    "BrandGlossary",
    "Glossary",
    "GlossaryFile",
    "MarketGlossary",
    "Term",
    "Voice",
    "load_glossary",
    "translation_terms",
]

Channel = Literal["copy", "script", "reply", "email", "factory"]
CHANNELS: tuple[str, ...] = ("copy", "script", "reply", "email", "factory")
Lang = Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Term(_Strict):
    """A term put one way: its Chinese (the brief's word) and its rendering per language."""

    zh: str = Field(min_length=1)
    renderings: dict[Lang, Annotated[str, Field(min_length=1)]] = Field(min_length=1)
    note: str | None = None


class BannedWord(_Strict):
    """A word the brand never uses in ``languages`` (empty: every language)."""

    text: str = Field(min_length=1)
    languages: list[Lang] = Field(default_factory=list)
    instead: str | None = None
    why: str | None = None


class Voice(_Strict):
    """How the brand speaks in a market (every field optional: unset keeps the default)."""

    tone: Literal["formal", "friendly"] | None = None
    particle: list[str] | None = Field(
        default=None, description="Thai: ค่ะ and/or ครับ; a reply or script carries one of them"
    )
    address: str | None = Field(default=None, description="how a customer is addressed: kak")
    address_by_channel: dict[Channel, str] = Field(default_factory=dict)
    avoid: list[str] | None = Field(default=None, description="pronouns the brand never uses")
    emoji: Literal["none", "sparing", "free"] | None = None
    max_emoji: int | None = Field(default=None, ge=0, le=50)

    def over(self, base: Voice) -> Voice:
        """These values on top of ``base``."""
        mine = self.model_dump(exclude_unset=True, exclude_defaults=True)
        merged = base.model_dump() | mine
        merged["address_by_channel"] = base.address_by_channel | self.address_by_channel
        return Voice.model_validate(merged)

    def address_for(self, channel: str) -> str | None:
        for key, value in self.address_by_channel.items():
            if key == channel:
                return value
        return self.address

    @property
    def emoji_limit(self) -> int | None:
        """At most this many emoji in one text (None: no limit)."""
        if self.max_emoji is not None:
            return self.max_emoji
        return {"none": 0, "sparing": 3, "free": None}.get(self.emoji or "free")


class MarketGlossary(_Strict):
    """What a brand adds for one market."""

    keep: list[str] = Field(default_factory=list)
    terms: list[Term] = Field(default_factory=list)
    banned: list[BannedWord] = Field(default_factory=list)
    voice: Voice = Field(default_factory=Voice)


class BrandGlossary(MarketGlossary):
    name: str = Field(min_length=1)
    markets: dict[str, MarketGlossary] = Field(default_factory=dict)

    @field_validator("markets")
    @classmethod
    def _codes(cls, value: dict[str, MarketGlossary]) -> dict[str, MarketGlossary]:
        bad = [code for code in value if not is_market_code(code)]
        if bad:
            raise ValueError(f"not ISO 3166 market codes: {bad}")
        return value


class GlossaryFile(_Strict):
    """``glossary.toml``: ``[brands.<id>]`` tables (and the shipped ``[markets.<code>]``)."""

    brands: dict[str, BrandGlossary] = Field(default_factory=dict)
    markets: dict[str, Voice] = Field(default_factory=dict)


class Glossary:
    """One brand's glossary and voice for one market, the shipped defaults under it."""

    def __init__(
        self,
        market: str,
        brand: str | None = None,
        keep: list[str] | None = None,
        terms: list[Term] | None = None,
        banned: list[BannedWord] | None = None,
        voice: Voice | None = None,
    ) -> None:
        self.market = market
        self.brand = brand
        self.keep = list(dict.fromkeys(keep or []))
        self.terms = list(terms or [])
        self.banned = list(banned or [])
        self.voice = voice or Voice()

    def rendering(self, term: Term, language: str) -> str | None:
        return term.renderings.get(language)

    def translation_terms(self, target: str) -> tuple[list[str], dict[str, str]]:
        """For the translator: names kept as they are, and fixed renderings into ``target``
        (the Chinese term and every rendering of it in another language map to it)."""
        fixed: dict[str, str] = {}
        for term in self.terms:
            wanted = term.zh if target == "zh" else term.renderings.get(target)
            if not wanted:
                continue
            for said in (term.zh, *term.renderings.values()):
                if said != wanted:
                    fixed.setdefault(said, wanted)
        return self.keep, fixed

    def prompt_lines(self, language: str, channel: str) -> list[str]:
        """The glossary and voice as instructions for a model writing in ``language``."""
        lines = []
        if self.keep:
            lines.append("Never translate or change these names: " + ", ".join(self.keep) + ".")
        fixed = [
            f"{t.zh} -> {t.renderings[language]}" for t in self.terms if language in t.renderings
        ]
        if fixed:
            lines.append("Always use these translations: " + "; ".join(fixed) + ".")
        banned = [b for b in self.banned if not b.languages or language in b.languages]
        if banned:
            said = ", ".join(
                f'"{b.text}"' + (f' (say "{b.instead}")' if b.instead else "") for b in banned
            )
            lines.append(f"Never use these words: {said}.")
        voice = self.voice
        if voice.tone:
            lines.append(f"Tone: {voice.tone}.")
        if voice.particle and language == "th":
            lines.append("End sentences politely with " + " or ".join(voice.particle) + ".")
        address = voice.address_for(channel)
        if address and channel in ("script", "reply", "email"):
            lines.append(f"Address the customer as '{address}'.")
        if voice.avoid:
            lines.append("Never use the pronouns: " + ", ".join(voice.avoid) + ".")
        limit = voice.emoji_limit
        if limit == 0:
            lines.append("Use no emoji.")
        elif limit is not None:
            lines.append(f"Use at most {limit} emoji.")
        return lines


@cache
def _shipped() -> GlossaryFile:
    path = Path(str(resources.files("chuhai.glossary").joinpath("voice.toml")))
    return _read(path)


def _read(path: Path) -> GlossaryFile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    try:
        return GlossaryFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        raise ConfigError(f"{path}: {where}: {first['msg']}") from None


def load_glossary(market: str, brand: str | None = None, path: Path | None = None) -> Glossary:
    """The glossary of ``brand`` in ``market`` from ``path`` over the shipped market voice.
    Without ``brand`` a file of one brand gives that one; an unknown brand is an error."""
    shipped = _shipped()
    voice = shipped.markets.get(market, Voice())
    if path is None:
        return Glossary(market, voice=voice)
    if not path.is_file():
        raise ConfigError(f"{path}: no such glossary file (docs/ASSIST.md)")
    company = _read(path)
    if brand is None and len(company.brands) == 1:
        brand = next(iter(company.brands))
    if company.markets.get(market):
        voice = company.markets[market].over(voice)
    if brand is None:
        return Glossary(market, voice=voice)
    if brand not in company.brands:
        known = ", ".join(sorted(company.brands)) or "none"
        raise ConfigError(f"{path}: no brand {brand!r} (brands: {known})")
    found = company.brands[brand]
    local = found.markets.get(market, MarketGlossary())
    voice = local.voice.over(found.voice.over(voice))
    return Glossary(
        market,
        brand=found.name,
        keep=[*found.keep, *local.keep],
        terms=[*found.terms, *local.terms],
        banned=[*found.banned, *local.banned],
        voice=voice,
    )


def translation_terms(path: Path | None) -> tuple[list[str], dict[str, dict[str, str]]]:
    """Every brand's names kept as they are and fixed renderings per target language, from a
    ``glossary.toml`` (all brands and markets: a translator serves them all). None: none."""
    if path is None:
        return [], {}
    if not path.is_file():
        raise ConfigError(f"{path}: no such glossary file (docs/ASSIST.md)")
    company = _read(path)
    keep: list[str] = []
    terms: list[Term] = []
    for brand in company.brands.values():
        keep += brand.keep
        terms += brand.terms
        for local in brand.markets.values():
            keep += local.keep
            terms += local.terms
    targets = {"zh"} | {lang for term in terms for lang in term.renderings}
    fixed = {
        target: Glossary("", terms=terms).translation_terms(target)[1] for target in sorted(targets)
    }
    return list(dict.fromkeys(keep)), {lang: found for lang, found in fixed.items() if found}
