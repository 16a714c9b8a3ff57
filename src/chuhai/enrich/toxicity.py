"""Profanity and insults in every market language, from the project's own word lists.

Latin-script words match whole tokens after undoing the usual disguises: leetspeak
(``sh1t``, ``@ss``), stretched letters (``fuuuck``) and masking (``f*ck``). Thai and Chinese
entries match inside the text (they are written in forms that do not occur in innocent words).
Entries marked contextual count only when the text is in that language.

Packaged filters were measured and not used: glin-profanity flags "this is great" (``tit``)
and "Dick's Sporting Goods" and costs ~120 µs a call.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Final, Literal

import yaml

__all__ = ["ToxicityResult", "ToxicityScorer"]

Severity = Literal["none", "mild", "strong"]

_LEET: Final = str.maketrans(
    {"1": "i", "!": "i", "3": "e", "4": "a", "@": "a", "0": "o", "$": "s", "5": "s", "7": "t"}
)
_TOKEN: Final = re.compile(r"[\w*@$!]+", re.UNICODE)
_REPEATS: Final = re.compile(r"(.)\1+")
# Scripts written without spaces between words: their entries match inside the text.
_SUBSTRING_SCRIPTS: Final = re.compile(r"[\u0E00-\u0E7F\u4E00-\u9FFF]")
_SCORES: Final = {"mild": 0.5, "strong": 0.9}


@dataclass(frozen=True, slots=True)
class ToxicityResult:
    score: float  # 0..1
    severity: Severity
    terms: tuple[str, ...]  # what matched, as listed

    @property
    def toxic(self) -> bool:
        return self.severity != "none"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _squeeze(word: str) -> str:
    return _REPEATS.sub(r"\1", word)


class ToxicityScorer:
    """``score(text, language)`` -> :class:`ToxicityResult`."""

    def __init__(self, lists: dict[str, dict[str, list[str]]] | None = None) -> None:
        self._lists = lists if lists is not None else _load_lists()

    @cached_property
    def _index(
        self,
    ) -> tuple[
        dict[str, tuple[str, str, str]], list[tuple[re.Pattern[str], str, str, str]], list[str]
    ]:
        """Whole-word entries by squeezed form, phrase and no-space-script entries, allowed
        phrases."""
        words: dict[str, tuple[str, str, str]] = {}
        substrings: list[tuple[re.Pattern[str], str, str, str]] = []
        allow: list[str] = []
        for language, groups in self._lists.items():
            allow.extend(_fold(a) for a in groups.get("allow", []))
            for severity in ("strong", "mild", "contextual"):
                for entry in groups.get(severity, []):
                    level = "strong" if severity == "contextual" else severity
                    context = language if severity == "contextual" else ""
                    folded = _fold(str(entry))
                    if _SUBSTRING_SCRIPTS.search(folded):
                        substrings.append((re.compile(re.escape(folded)), folded, level, context))
                    elif " " in folded:  # a phrase: whole words at both ends
                        pattern = re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")
                        substrings.append((pattern, folded, level, context))
                    else:
                        words.setdefault(_squeeze(folded), (folded, level, context))
        return words, substrings, allow

    def score(self, text: str, language: str = "und") -> ToxicityResult:
        words, substrings, allow = self._index
        folded = _fold(text)
        for phrase in allow:
            folded = folded.replace(phrase, " ")
        found: dict[str, str] = {}
        for token in _TOKEN.findall(folded):
            for form in {token, token.translate(_LEET)}:
                hit = words.get(_squeeze(form)) or self._masked(form, words)
                if hit and (not hit[2] or hit[2] == language):
                    found[hit[0]] = hit[1]
        for pattern, entry, level, context in substrings:
            if (not context or context == language) and pattern.search(folded):
                found[entry] = level
        if not found:
            return ToxicityResult(0.0, "none", ())
        severity: Severity = "strong" if "strong" in found.values() else "mild"
        score = min(0.99, max(_SCORES[s] for s in found.values()) + 0.05 * (len(found) - 1))
        return ToxicityResult(round(score, 2), severity, tuple(sorted(found)))

    @staticmethod
    def _masked(token: str, words: dict[str, tuple[str, str, str]]) -> tuple[str, str, str] | None:
        """``f*ck`` / ``sh**`` against listed words of the same length."""
        if "*" not in token or len(token) < 3 or token.strip("*") == "":
            return None
        pattern = re.compile("^" + re.escape(token).replace(r"\*", ".") + "$")
        for hit in words.values():
            if len(hit[0]) == len(token) and pattern.match(hit[0]):
                return hit
        return None


def _load_lists() -> dict[str, dict[str, list[str]]]:
    text = (
        resources.files("chuhai.enrich").joinpath("data/toxicity.yaml").read_text(encoding="utf-8")
    )
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError("toxicity.yaml must map languages to lists")
    return data
