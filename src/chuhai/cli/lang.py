"""``--lang zh|en`` for the tables the CLI prints for operators: in zh their headers and the
tags in them (intents, emotions, aspects, channels, sentiment, markets) are Chinese words.
``--json`` keeps the keys: it is for machines."""

from __future__ import annotations

from typing import Annotated, Final, Literal

import typer

from chuhai.errors import InputError
from chuhai.markets import MARKET_INFO
from chuhai.records.labels import ASPECT, CHANNEL, DIMENSION, EMOTION, INTENT, SENTIMENT, Pair
from chuhai.records.labels import label as _label

__all__ = ["LangOption", "Words", "words"]

LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        envvar="CHUHAI_LANG",
        help="Language of the table: zh or en (default: CHUHAI_LANG, else en)",
    ),
]
# The tag tables by the name of the breakdown or column that holds their keys.
TAGS: Final[dict[str, dict[str, Pair]]] = {
    "aspect": ASPECT,
    "intent": INTENT,
    "emotion": EMOTION,
    "channel": CHANNEL,
    "sentiment": SENTIMENT,
    "dimension": DIMENSION,
}


class Words:
    """Picks the zh or en word of a pair, names tags and markets."""

    def __init__(self, lang: Literal["zh", "en"]) -> None:
        self.lang: Literal["zh", "en"] = lang

    def __call__(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def tag(self, kind: str, key: str | None) -> str:
        """An intent, emotion, aspect, channel, sentiment or alert dimension; other kinds (a
        SKU, a week) and unknown keys are shown as they are."""
        if kind == "market":
            return self.market(key)
        table = TAGS.get(kind)
        if table is None or self.lang == "en":
            return key or "—"  # English keeps the keys people already script against
        return _label(table, key, self.lang)

    def market(self, code: str | None) -> str:
        if not code:
            return "—"
        info = MARKET_INFO.get(code)
        return info.name_zh if self.lang == "zh" and info else code

    def markets(self, codes: list[str] | tuple[str, ...]) -> str:
        return ("、" if self.lang == "zh" else ",").join(self.market(c) for c in codes)


def words(lang: str) -> Words:
    """The Words of ``--lang`` (bad input: exit 2 with a one-line reason)."""
    value = lang.strip().lower()
    if value not in ("zh", "en"):
        raise InputError(f"--lang must be zh or en, not {lang!r}")
    return Words("zh" if value == "zh" else "en")
