"""Emoji, livestream emotes and chat slang (``data/chat_lexicon.yaml``).

Sentence models read words; live chat is often nothing but 🔥🔥, ``PogChamp`` or ``555``.
The lexicon gives such messages a sentiment and an emotion, says how much of a message it
covers (a message it covers entirely needs no model at all), and nudges the models' verdict
on mixed messages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Final

import yaml

__all__ = ["ChatLexicon", "LexiconHit"]

# Emoticons first (":D" is not the word "D"); one must not run into a word ("Note:Price").
_TOKENS: Final = re.compile(
    r"(?:</?3|[:;]-?'?[()DPO]|D:)(?![^\W_])|[^\W_]+"
    r"|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2764\uFE0F]",
    re.UNICODE,
)
# Chat stretches words ("loooool", "hahahaha", "55555"): the stretched forms of known entries.
_STRETCHED: Final = (
    (re.compile(r"(?:ha){2,}h?", re.IGNORECASE), "haha"),
    (re.compile(r"(?:he){2,}h?", re.IGNORECASE), "hehe"),
    (re.compile(r"(?:ja){2,}j?", re.IGNORECASE), "jaja"),
    (re.compile(r"(?:wk){2,}w?", re.IGNORECASE), "wkwk"),
    (re.compile(r"l+m+f*a+o+", re.IGNORECASE), "lmao"),
    (re.compile(r"l+o+l+", re.IGNORECASE), "lol"),
    (re.compile(r"5{3,}"), "555"),
    (re.compile(r"k{3,}", re.IGNORECASE), "kkkk"),
)
_REPEATS: Final = re.compile(r"(.)\1{2,}")
_EMOJI: Final = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2764]")


@dataclass(frozen=True, slots=True)
class LexiconHit:
    score: float  # mean sentiment of the hits, -1..1 (0 without hits)
    emotion: str | None  # the most voted emotion
    hits: int
    coverage: float  # share of the message's tokens the lexicon knows


class ChatLexicon:
    def __init__(self, data: dict[str, object] | None = None) -> None:
        self._data = data if data is not None else _load()

    @cached_property
    def _entries(self) -> dict[str, tuple[float, str | None]]:
        entries: dict[str, tuple[float, str | None]] = {}
        emoji = self._data.get("emoji", {})
        emotes = self._data.get("emotes", {})
        slang = self._data.get("slang", {})
        assert isinstance(emoji, dict) and isinstance(emotes, dict) and isinstance(slang, dict)
        for key, (score, emotion) in emoji.items():
            entries[str(key).replace("\ufe0f", "")] = (float(score), emotion)
        for key, (score, emotion) in emotes.items():
            entries[str(key)] = (float(score), emotion)  # emotes are case-sensitive (LUL, not lul)
        for words in slang.values():
            for key, (score, emotion) in words.items():
                entries.setdefault(str(key).casefold(), (float(score), emotion))
        return entries

    def without_entries(self, text: str) -> str:
        """The text with the emoji, emotes and emoticons the lexicon knows taken out: what is
        left says which language it is ("LUL this is so bad" is English, not Indonesian)."""
        entries = self._entries
        kept = [
            token
            for token in _TOKENS.findall(text.replace("\ufe0f", ""))
            if not (token in entries and (not token.isalpha() or not token.islower()))
        ]
        return " ".join(kept)

    def score(self, text: str) -> LexiconHit:
        tokens = _TOKENS.findall(text.replace("\ufe0f", ""))
        if not tokens:
            return LexiconHit(0.0, None, 0, 0.0)
        entries = self._entries
        scores: list[float] = []
        emotions: Counter[str] = Counter()
        covered = 0
        for token in tokens:
            hit = entries.get(token) or entries.get(token.casefold())
            if hit is None and len(token) > 1 and _EMOJI.match(token[0]):
                hit = entries.get(token[0])
            if hit is None and len(token) > 3:
                hit = entries.get(_unstretched(token))
            if hit is None:
                continue
            covered += 1
            scores.append(hit[0])
            if hit[1]:
                emotions[hit[1]] += 1
        if not scores:
            return LexiconHit(0.0, None, 0, 0.0)
        emotion = emotions.most_common(1)[0][0] if emotions else None
        return LexiconHit(sum(scores) / len(scores), emotion, len(scores), covered / len(tokens))


def _unstretched(token: str) -> str:
    """The dictionary form of a stretched chat word: "Hahahaha" -> "haha", "yesss" -> "yes"."""
    for pattern, form in _STRETCHED:
        if pattern.fullmatch(token):
            return form
    return _REPEATS.sub(r"\1", token).casefold()


def _load() -> dict[str, object]:
    text = (
        resources.files("chuhai.enrich")
        .joinpath("data/chat_lexicon.yaml")
        .read_text(encoding="utf-8")
    )
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError("chat_lexicon.yaml must be a mapping")
    return data
