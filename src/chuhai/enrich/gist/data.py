"""The gist's data files (``gist/data/*.yaml``): a lexicon per language and the Chinese
templates (``zh.yaml``), validated with pydantic. An error names the file, the line and what
is wrong ("th.yaml:41: colours.whyte: no such colour in zh.yaml")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Final, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from chuhai.datafiles import DataFileError, line_in, parse_model
from chuhai.enrich.gist.base import OTHER, Topic

__all__ = [
    "ABOUT",
    "PHRASES",
    "GistData",
    "GistDataError",
    "LanguageLexicon",
    "Templates",
    "load_gist_data",
]

Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
# Letter sizes are rendered as they are ("M码"); other size keys need a Chinese name.
M = TypeVar("M", bound=BaseModel)
LETTER_SIZE: Final = re.compile(r"^(?:[2-6]?X{0,4}[SL]|M|XXS|XS)$")
# The phrases ``render`` composes gists from; zh.yaml must give every one.
# What a review sentence can be about when it states rather than asks ("ราคาแพง", "the battery
# drains"): each has its phrase "about_<topic>" in zh.yaml.
ABOUT: Final = (
    "price", "discount", "battery", "material", "waterproof", "authentic", "spec", "shipping",
    "ship_time", "ship_cost", "free_ship", "stock", "sold_out", "restock",
)  # fmt: skip
PHRASES: Final = (
    *(f"about_{topic}" for topic in ABOUT),
    "price", "price_of", "discount", "stock", "stock_of", "sold_out", "restock", "colour_ask",
    "size_ask", "size_for", "spec", "spec_of", "battery", "material", "waterproof", "authentic",
    "show", "show_of", "ship_time", "ship_time_to", "ship_to", "ship_cost", "free_ship",
    "shipping", "cod", "payment", "want", "cancel", "change", "change_to", "order_status",
    "not_received", "late", "damaged", "broken", "battery_bad", "wrong_item", "missing",
    "poor_quality", "fake",
    "mismatch", "wrong_size", "wrong_colour", "refund", "return", "exchange", "no_reply",
    "greeting", "greeting_from", "praise", "thanks", "unclear", "mentioned", "list_separator",
    "head_separator",
)  # fmt: skip


class GistDataError(DataFileError):
    """A gist data file is broken."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LanguageLexicon(_Strict):
    """The words of one language (``common.yaml``: those of every language) by what they say."""

    language: Annotated[str, Field(pattern=r"^(?:[a-z]{2}|common)$")]
    also: list[str] = Field(default_factory=list, description="lexicons read with this one")
    fold_accents: bool = Field(False, description="also read text typed without accents")
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    colours: dict[str, list[Word]] = Field(default_factory=dict)
    sizes: dict[str, list[Word]] = Field(default_factory=dict)
    size_cues: list[Word] = Field(default_factory=list, description="a size follows")
    numbers: dict[Word, Annotated[int, Field(ge=0, le=1000)]] = Field(default_factory=dict)
    classifiers: list[Word] = Field(default_factory=list, description="'2 ตัว': a quantity")
    each: list[Word] = Field(default_factory=list, description="'อย่างละ 1': so many of each")
    multipliers: dict[Word, Annotated[int, Field(ge=10)]] = Field(default_factory=dict)
    units: dict[str, list[Word]] = Field(default_factory=dict, description="after a number")
    measures: dict[str, list[Word]] = Field(default_factory=dict, description="before one")
    cues: dict[Topic, list[Word]] = Field(default_factory=dict)
    places: dict[str, list[Word]] = Field(default_factory=dict, description="Chinese name: words")
    products: dict[str, list[Word]] = Field(default_factory=dict)
    fillers: list[Word] = Field(default_factory=list, description="read, but say nothing")
    suffixes: list[Word] = Field(default_factory=list, description="may end any word: -nya")
    transparent: list[Word] = Field(
        default_factory=list, description="particles that may stand inside a phrase: po"
    )
    blockers: list[Word] = Field(default_factory=list, description="hide a shorter entry")


class Templates(_Strict):
    """``zh.yaml``: how a gist reads in Chinese."""

    intents: dict[str, str]
    phrases: dict[str, str]
    colours: dict[str, str]
    sizes: dict[str, str]
    units: dict[str, str]
    measures: dict[str, str]
    products: dict[str, str]
    languages: dict[str, str]
    classifier: str = "件"
    size_suffix: str = "码"


@dataclass(frozen=True)
class GistData:
    templates: Templates
    lexicons: dict[str, LanguageLexicon]  # by language; "common" is read with every one


def _check(name: str, lexicon: LanguageLexicon, text: str, t: Templates) -> None:
    """Every key a lexicon uses has its Chinese in zh.yaml, so no gist shows a raw key."""
    known = {
        "colours": t.colours, "units": t.units, "measures": t.measures, "products": t.products,
    }  # fmt: skip
    for section, names in known.items():
        for key in getattr(lexicon, section):
            if key not in names:
                line = line_in(text, (section, key))
                raise GistDataError(name, line, f"{section}.{key}: no such key in zh.yaml")
    for key in lexicon.sizes:
        if key not in t.sizes and not LETTER_SIZE.match(key):
            line = line_in(text, ("sizes", key))
            raise GistDataError(name, line, f"sizes.{key}: not a letter size and not in zh.yaml")


def load_gist_data(folder: Path | None = None) -> GistData:
    """Every data file of ``folder`` (default: the package's), validated together."""
    if folder is None:
        return _packaged()
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}
    return _build(files, str(folder))


@lru_cache(maxsize=1)
def _packaged() -> GistData:
    base = resources.files("chuhai.enrich.gist").joinpath("data")
    files = {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(base.iterdir(), key=lambda p: p.name)
        if p.name.endswith(".yaml")
    }
    return _build(files, "chuhai/enrich/gist/data")


def _build(files: dict[str, str], where: str) -> GistData:
    if "zh.yaml" not in files:
        raise GistDataError(f"{where}/zh.yaml", None, "missing: the Chinese templates")
    templates = parse_model(f"{where}/zh.yaml", files["zh.yaml"], Templates, error=GistDataError)
    for section, required in (("phrases", PHRASES), ("intents", (OTHER,))):
        missing = [k for k in required if k not in getattr(templates, section)]
        if missing:
            line = line_in(files["zh.yaml"], (section,))
            raise GistDataError(f"{where}/zh.yaml", line, f"{section}: missing {missing}")
    lexicons: dict[str, LanguageLexicon] = {}
    for filename, text in files.items():
        if filename == "zh.yaml":
            continue
        name = f"{where}/{filename}"
        lexicon = parse_model(name, text, LanguageLexicon, error=GistDataError)
        if filename != f"{lexicon.language}.yaml":
            raise GistDataError(
                name, line_in(text, ("language",)), "language must match the file name"
            )
        _check(name, lexicon, text, templates)
        lexicons[lexicon.language] = lexicon
    for lexicon in lexicons.values():
        unknown = [code for code in lexicon.also if code not in lexicons]
        if unknown:
            raise GistDataError(
                f"{where}/{lexicon.language}.yaml", None, f"also: no lexicon {unknown}"
            )
    return GistData(templates, lexicons)
