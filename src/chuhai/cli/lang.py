"""``--lang zh|en`` for the tables the CLI prints for operators: in zh their headers and the
tags in them (intents, emotions, aspects, channels, sentiment, markets) are Chinese words.
``--json`` keeps the keys: it is for machines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

import typer

from chuhai.cli.choices import Lang
from chuhai.markets import MARKET_INFO

if TYPE_CHECKING:
    from chuhai.records.labels import Pair

__all__ = ["Lang", "LangOption", "Words", "words"]

LangOption = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="CHUHAI_LANG",
        case_sensitive=False,
        help="Language of the table",
    ),
]


def _tags(kind: str) -> dict[str, Pair] | None:
    """The tag table of a breakdown or column (imported on use: chuhai.records is pydantic)."""
    from chuhai.records.labels import ASPECT, CHANNEL, DIMENSION, EMOTION, INTENT, SENTIMENT

    tables = {
        "aspect": ASPECT,
        "intent": INTENT,
        "emotion": EMOTION,
        "channel": CHANNEL,
        "sentiment": SENTIMENT,
        "dimension": DIMENSION,
    }
    return tables.get(kind)


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
        table = _tags(kind) if self.lang == "zh" else None
        if table is None:
            return key or "—"  # English keeps the keys people already script against
        from chuhai.records.labels import label

        return label(table, key, self.lang)

    def market(self, code: str | None) -> str:
        if not code:
            return "—"
        info = MARKET_INFO.get(code)
        return info.name_zh if self.lang == "zh" and info else code

    def markets(self, codes: list[str] | tuple[str, ...]) -> str:
        return ("、" if self.lang == "zh" else ",").join(self.market(c) for c in codes)


def words(lang: Lang) -> Words:
    """The Words of ``--lang`` (click has refused other values)."""
    return Words("zh" if lang == Lang.ZH else "en")
