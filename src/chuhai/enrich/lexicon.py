"""Emoji, livestream emotes and chat slang (``data/chat_lexicon.yaml``).

Sentence models read words; live chat is often nothing but 🔥🔥, ``PogChamp`` or ``555``.
The lexicon gives such messages a sentiment and an emotion, says how much of a message it
covers (a message it covers entirely needs no model at all), and nudges the models' verdict
on mixed messages.

Entries are single tokens, or phrases of a few words ("ang ganda", "ga nyesel": the phrase
wins over its words). Thai and Chinese are written without spaces, so a run of Thai or Han
letters is searched for the entries it contains ("แม่ค้าปังมาก", "主播笑死我了"), a match
right after a negation ("ไม่", "不", "没") left out; such a run counts as covered only in the
share of its letters the entries cover.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Final

import yaml

__all__ = ["ChatLexicon", "LexiconHit"]

# Combining marks belong to their word: Thai vowels and tones ("ปัง" is one word, not "ป" +
# "ง"), decomposed Latin accents, Arabic harakat.
_MARKS: Final = "\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u064b-\u065f\u0670"
# Emoticons first (":D" is not the word "D"); one must not run into a word ("Note:Price").
_TOKENS: Final = re.compile(
    r"(?:</?3|[:;]-?'?[()DPO]|D:)(?![^\W_])"
    rf"|(?:[^\W_]|[{_MARKS}])+"
    r"|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2764\uFE0F]",
    re.UNICODE,
)
_WORD: Final = re.compile(rf"(?:[^\W_]|[{_MARKS}])+")
# Scripts written without spaces between words: entries are looked for inside their tokens.
_UNSPACED: Final = re.compile(r"[\u0e00-\u0e7f\u3400-\u4dbf\u4e00-\u9fff]")
_NEGATIONS: Final = ("ไม่", "不", "没", "別", "别")
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
# A channel emote: a lower-case prefix (letters, digits) and a capitalised suffix ("sodaLUL").
_CHANNEL_EMOTE: Final = re.compile(r"[a-z][a-z0-9]{1,11}([A-Z][A-Za-z0-9]*)")
_EMOJI: Final = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2764]")


@dataclass(frozen=True, slots=True)
class LexiconHit:
    score: float  # mean sentiment of the hits, -1..1 (0 without hits)
    emotion: str | None  # the most voted emotion
    hits: int
    coverage: float  # share of the message's tokens the lexicon knows
    emotes: int = 0  # how many of the hits are livestream emotes (not emoji or words)


class ChatLexicon:
    def __init__(self, data: dict[str, object] | None = None) -> None:
        self._data = data if data is not None else _load()

    @cached_property
    def _phrases(self) -> dict[tuple[str, ...], tuple[float, str | None]]:
        """Slang entries of more than one token, by their casefolded tokens."""
        slang = self._data.get("slang", {})
        assert isinstance(slang, dict)
        phrases: dict[tuple[str, ...], tuple[float, str | None]] = {}
        for words in slang.values():
            for key, (score, emotion) in words.items():
                tokens = tuple(t.casefold() for t in _TOKENS.findall(str(key)))
                if len(tokens) > 1:
                    phrases.setdefault(tokens, (float(score), emotion))
        return phrases

    @cached_property
    def _inner(self) -> dict[str, list[str]]:
        """Entries that may stand inside an unspaced token, by their first letter, longest
        first: Thai and Han words of two letters or more ("牛" alone would find beef), digit
        runs ("555", "666") and Latin chat words of four letters or more ("yyds", "haha")."""
        by_first: dict[str, list[str]] = {}
        for key in self._entries:
            unspaced = len(key) >= 2 and _UNSPACED.search(key) is not None
            latin = (key.isdigit() and len(key) >= 3) or (len(key) >= 4 and key.isascii())
            if (unspaced or latin) and _WORD.fullmatch(key) and key.casefold() == key:
                by_first.setdefault(key[0], []).append(key)
        for keys in by_first.values():
            keys.sort(key=len, reverse=True)
        return by_first

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
                if len(_TOKENS.findall(str(key))) <= 1:
                    entries.setdefault(str(key).casefold(), (float(score), emotion))
        return entries

    def without_entries(self, text: str) -> str:
        """The text with the emoji, emotes and emoticons the lexicon knows taken out: what is
        left says which language it is ("LUL this is so bad" is English, not Indonesian).
        Chat words stay, in scripts without case too ("ปังมาก", "哈哈" say Thai, Chinese)."""
        entries = self._entries
        kept = [
            token
            for token in _TOKENS.findall(text.replace("\ufe0f", ""))
            if not (token in entries and not _is_word(token))
        ]
        return " ".join(kept)

    def score(self, text: str) -> LexiconHit:
        tokens = _TOKENS.findall(unicodedata.normalize("NFC", text).replace("\ufe0f", ""))
        if not tokens:
            return LexiconHit(0.0, None, 0, 0.0)
        entries = self._entries
        folded = [t.casefold() for t in tokens]
        hits: list[tuple[float, str | None]] = []
        covered = 0.0
        emotes = 0
        i = 0
        while i < len(tokens):
            n = self._phrase_at(folded, i)
            if n:
                hits.append(self._phrases[tuple(folded[i : i + n])])
                covered += n
                i += n
                continue
            token, fold = tokens[i], folded[i]
            i += 1
            hit = entries.get(token) or entries.get(fold)
            if hit is None and len(token) > 1 and _EMOJI.match(token[0]):
                hit = entries.get(token[0])
            if hit is None and len(token) > 3:
                hit = entries.get(_unstretched(token))
            if hit is None:
                hit = self._emote_variant(token)
                emotes += hit is not None
            elif token in self._emotes:
                emotes += 1
            if hit is not None:
                hits.append(hit)
                covered += 1
            elif _UNSPACED.search(token):
                inner, letters = self._inside(fold)
                hits += inner
                covered += letters / len(token)
        if not hits:
            return LexiconHit(0.0, None, 0, 0.0)
        emotions = Counter(emotion for _, emotion in hits if emotion)
        emotion = emotions.most_common(1)[0][0] if emotions else None
        score = sum(s for s, _ in hits) / len(hits)
        return LexiconHit(score, emotion, len(hits), covered / len(tokens), emotes)

    @cached_property
    def _emotes(self) -> dict[str, tuple[float, str | None]]:
        emotes = self._data.get("emotes", {})
        assert isinstance(emotes, dict)
        return {str(k): (float(s), e) for k, (s, e) in emotes.items()}

    @cached_property
    def _suffixes(self) -> dict[str, tuple[float, str | None]]:
        suffixes = self._data.get("emote_suffixes", {})
        assert isinstance(suffixes, dict)
        return {str(k): (float(s), e) for k, (s, e) in suffixes.items()}

    @cached_property
    def _suffixes_any_case(self) -> dict[str, tuple[float, str | None]]:
        """Suffixes, then emotes of three letters or more, by their upper case: channels
        write their suffixes in any case ("moon2CUTE", "scarraGASM", "moon2POG")."""
        emotes = {k.upper(): v for k, v in self._emotes.items() if len(k) >= 3}
        return emotes | {k.upper(): v for k, v in self._suffixes.items()}

    def _emote_variant(self, token: str) -> tuple[float, str | None] | None:
        """A variant of a known emote: wide ("WutFaceW" is WutFace) or a channel's own
        ("sodaLUL" is LUL, "forsenPls" dances), read by its suffix."""
        emotes = self._emotes
        if len(token) > 2 and token.endswith("W") and token[:-1] in emotes:
            return emotes[token[:-1]]
        match = _CHANNEL_EMOTE.fullmatch(token)
        if match is None:
            return None
        suffix = match.group(1)
        hit = self._suffixes.get(suffix)
        if hit is None and len(suffix) >= 2:
            hit = emotes.get(suffix) or self._suffixes_any_case.get(suffix.upper())
        return hit

    def _phrase_at(self, folded: list[str], i: int) -> int:
        """How many tokens from ``i`` on make up the longest known phrase (0: none)."""
        for n in range(min(self._longest_phrase, len(folded) - i), 1, -1):
            if tuple(folded[i : i + n]) in self._phrases:
                return n
        return 0

    @cached_property
    def _longest_phrase(self) -> int:
        return max((len(p) for p in self._phrases), default=0)

    def _inside(self, token: str) -> tuple[list[tuple[float, str | None]], int]:
        """The entries inside an unspaced token (longest match first, left to right) and how
        many of its letters they cover. A match right after a negation is left out; digits
        must not run on into other digits ("555" laughs, "1555" is a price)."""
        hits: list[tuple[float, str | None]] = []
        letters = 0
        at = 0
        while at < len(token):
            key = next((k for k in self._inner.get(token[at], ()) if token.startswith(k, at)), None)
            if key is None or (
                key.isdigit()
                and (
                    token[at - 1 : at].isdigit()
                    or token[at + len(key) : at + len(key) + 1].isdigit()
                )
            ):
                at += 1
                continue
            if not token[:at].endswith(_NEGATIONS):
                hits.append(self._entries[key])
                letters += len(key)
            at += len(key)
        return hits, letters


def _is_word(token: str) -> bool:
    """A written word (lower case where the script has case), not an emote, emoji, emoticon or
    digit run."""
    return bool(_WORD.fullmatch(token)) and token == token.casefold() and not token.isdigit()


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
