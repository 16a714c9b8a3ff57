"""Which product aspects a text talks about, and where.

Aspects and their words per language live in ``data/aspects.yaml``. A text is cut into
clauses (at sentence punctuation and contrast words such as but / mais / но / ama / tapi /
แต่ / 但是, listed per language in ``_CONTRAST``), so that "battery is great but shipping took
forever" gives battery in one clause and shipping in another; the sentiment of an aspect is
the sentiment of its clause (see :mod:`.analyzer`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any, Final

import yaml

__all__ = ["AspectFinder", "AspectMention", "split_clauses"]

# Contrast words that open a new clause ("but" and its kin), per language: those in
# ``anywhere`` cut at the space before them, those in ``after_comma`` only after a comma, as
# they have other senses too (Russian а "and", Turkish ancak "only", Vietnamese mà "that",
# English though "still"). A space inside one stands for any run of spaces.
_CONTRAST: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "anywhere": {
        "en": ("but", "however"),
        "id": ("tapi", "tetapi", "namun"),
        "es": ("pero", "sin embargo"),
        "pt": ("mas", "porém", "contudo"),
        "vi": ("nhưng",),
        "fr": ("mais", "cependant", "pourtant", "par contre", "néanmoins"),
        "de": ("aber", "jedoch"),
        "nl": ("maar", "echter"),
        "ru": ("но", "однако"),
        "tr": ("ama", "fakat", "lakin"),
        "ar": ("لكن", "ولكن"),
    },
    "after_comma": {
        "en": ("though", "although", "whereas", "except"),
        "id": ("walaupun", "tp"),
        "es": ("aunque",),
        "pt": ("embora",),
        "vi": ("mà",),
        "fr": ("bien que", "quoique"),
        "de": ("obwohl", "sondern"),
        "nl": ("hoewel",),
        "ru": ("а", "зато"),
        "tr": ("ancak",),
    },
}
# Scripts written without spaces: the contrast word itself opens the clause.
_JOINED_CONTRAST: Final = ("但是", "可是", "不过", "แต่")


def _words(*groups: str) -> str:
    words = {w for g in groups for ws in _CONTRAST[g].values() for w in ws}
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=lambda w: (-len(w), w))
    )


# Sentence punctuation, a contrast word after a comma (Latin or Arabic) or after a space, a
# joined-script contrast word, a full-width comma.
_CLAUSE_BREAK: Final = re.compile(
    rf"[.!?;。！？；\n]+|[,،]\s*(?=(?:{_words('anywhere', 'after_comma')})(?!\w))|"
    rf"\s(?=(?:{_words('anywhere')})(?!\w))|(?={'|'.join(_JOINED_CONTRAST)})|，",
    re.IGNORECASE,
)
_SUBSTRING: Final = re.compile(r"[\u0E00-\u0E7F\u4E00-\u9FFF\u0600-\u06FF]")


@dataclass(frozen=True, slots=True)
class AspectMention:
    aspect: str
    keyword: str
    start: int  # character offsets of the keyword in the text
    end: int
    clause: tuple[int, int]  # character offsets of its clause


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Character spans of the clauses of ``text`` (empty ones dropped). A text of one clause
    is that clause whole, its end punctuation included ("Great food." is judged as the whole
    text, not as a clause "Great food" of it)."""
    spans = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = max(start, match.end())
    if start < len(text):
        spans.append((start, len(text)))
    spans = [(a, b) for a, b in spans if text[a:b].strip()]
    return spans if len(spans) > 1 else [(0, len(text))]


class AspectFinder:
    """``find(text, category)`` -> the aspects mentioned, with their keyword and clause."""

    def __init__(self, lexicon: dict[str, dict[str, list[str]]] | None = None) -> None:
        self._lexicon = lexicon if lexicon is not None else _load()

    @property
    def aspects(self) -> list[str]:
        return list(self._lexicon)

    @cached_property
    def _patterns(self) -> list[tuple[str, list[str], re.Pattern[str]]]:
        compiled = []
        for aspect, spec in self._lexicon.items():
            categories = [str(c) for c in spec.get("categories", ["all"])]
            # (substring script?, trailing *?) -> stems
            stems: dict[tuple[bool, bool], set[str]] = {}
            for language, words in spec.items():
                if language == "categories":
                    continue
                for word in words:
                    folded = unicodedata.normalize("NFC", str(word)).casefold()
                    key = (bool(_SUBSTRING.search(folded)), folded.endswith("*"))
                    stems.setdefault(key, set()).add(folded.rstrip("*"))
            parts = [
                _trie(stems[(True, star)]) + (r"\w*" if star else "")
                for star in (False, True)
                if stems.get((True, star))
            ]
            latin = [
                _trie(stems[(False, star)]) + (r"\w*" if star else "")
                for star in (False, True)
                if stems.get((False, star))
            ]
            if latin:  # Indonesian and Malay attach -nya, -lah, -kah to any word
                parts.append(rf"(?<!\w)(?:{'|'.join(latin)})(?:nya|lah|kah)?(?!\w)")
            compiled.append((aspect, categories, re.compile("|".join(parts))))
        return compiled

    def find(self, text: str, category: str | None = None) -> list[AspectMention]:
        folded = unicodedata.normalize("NFC", text).casefold()
        if len(folded) != len(text):  # casefold changed lengths (ß, ﬁ): offsets would drift
            folded = text.lower()
        clauses = split_clauses(text)
        found: list[AspectMention] = []
        for aspect, categories, pattern in self._patterns:
            if category and "all" not in categories and category not in categories:
                continue
            for match in pattern.finditer(folded):
                clause = next((c for c in clauses if c[0] <= match.start() < c[1]), (0, len(text)))
                if any(m.aspect == aspect and m.clause == clause for m in found):
                    continue
                found.append(
                    AspectMention(
                        aspect,
                        text[match.start() : match.end()],
                        match.start(),
                        match.end(),
                        clause,
                    )
                )
        return sorted(found, key=lambda m: m.start)


def _trie(words: set[str]) -> str:
    """One regex for many literal words, branching a character at a time: the engine tries
    only the branches that match where it stands instead of every word in turn (a flat
    alternation of ~2,000 words cost 8 ms on an 80-character comment; this, ~0.3 ms).
    Longer words win, as a longest-first alternation would."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + pattern(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if "" in node:  # a word ends here: the longer ones are optional
            return body + "?" if len(branches) == 1 and len(body) == 1 else f"(?:{body})?"
        return body

    return pattern(root)


def _load() -> dict[str, dict[str, list[str]]]:
    text = (
        resources.files("chuhai.enrich").joinpath("data/aspects.yaml").read_text(encoding="utf-8")
    )
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError("aspects.yaml must map aspects to word lists")
    return data
