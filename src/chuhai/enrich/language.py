"""Language identification that holds up on live chat.

1. **Script first.** Thai, Hangul, kana, Han, Arabic, Devanagari and Cyrillic letters decide
   alone; Vietnamese is recognised by its own letters (ơ, ư, đ and tone marks on vowels).
2. **A don't-know gate.** Text with too few letters (``ok``, ``brp?``, ``🔥🔥``) is ``und``
   unless a short chat word of a market language is in it (``kak``, ``wkwk``, ``po``, ``ạ``).
3. **A fast identifier** (py3langid, restricted to the languages chuhai serves) for Latin text.
4. **The market as a prior**: the market's languages are favoured, and the pairs the identifier
   cannot tell apart reliably (Indonesian/Malay, Spanish/Portuguese) are settled by the market
   when both are candidates.

The answer is a language code, a confidence in 0..1 and how it was decided.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

from chuhai.markets import market_info

__all__ = ["LANGUAGES", "LanguageGuess", "LanguageIdentifier"]

LANGUAGES: Final = (
    "en", "zh", "id", "ms", "th", "vi", "tl", "es", "pt", "ar",
    "fr", "de", "it", "nl", "ru", "tr", "ja", "ko", "hi",
)  # fmt: skip

Method = Literal["script", "model", "market", "chat-words", "gate"]

_URL: Final = re.compile(r"https?://\S+|www\.\S+|@\w+|#", re.IGNORECASE)
# Letters only Vietnamese uses (â, ê, ô, ã are shared with French and Portuguese).
_VIETNAMESE: Final = re.compile(
    r"[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE
)
# One Han character carries about as much as a short Latin word; Hangul and kana, a syllable.
_SCRIPT_WEIGHT: Final = {"han": 3, "ko": 2, "ja": 2}
# Words typed in live chat that are (nearly) only used in one market language.
_CHAT_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "id": ("kak", "gan", "sis", "brp", "berapa", "wkwk", "wkwkwk", "dong", "deh", "nggak", "gak", "banget", "aja", "mau", "yg", "udah", "sdh", "kok", "ya", "min"),
    "ms": ("tak", "nak", "boleh", "sahaja", "kerana", "lah", "je", "ke", "tu"),
    "tl": ("po", "opo", "ate", "kuya", "magkano", "salamat", "ganda", "naman", "pa", "ba", "sana"),
    "vi": ("shop", "ạ", "nha", "nhé", "ko", "k", "bn", "dc", "đc", "r", "oi", "ơi"),
    "es": ("hola", "gracias", "cuanto", "cuánto", "que", "jaja", "jajaja"),
    "pt": ("oi", "obrigado", "obrigada", "quanto", "kkkk", "kkkkk", "rsrs", "né", "vc"),
    "en": ("hi", "hello", "thanks", "thank", "lol", "lmao", "price", "how", "the", "wow", "omg"),
}  # fmt: skip
_PAIRS: Final = ({"id", "ms"}, {"es", "pt"})
_MIN_LETTERS: Final = 6
_PRIOR: Final = 2.5


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    code: str  # ISO 639-1, or "und"
    confidence: float
    method: Method


def _script_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for char in text:
        cp = ord(char)
        if 0x0E00 <= cp <= 0x0E7F:
            script = "th"
        elif 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF:
            script = "ko"
        elif 0x3040 <= cp <= 0x30FF:
            script = "ja"
        elif 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF:
            script = "han"
        elif 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F:
            script = "ar"
        elif 0x0900 <= cp <= 0x097F:
            script = "hi"
        elif 0x0400 <= cp <= 0x04FF:
            script = "ru"
        elif char.isalpha():
            script = "latin"
        else:
            continue
        counts[script] = counts.get(script, 0) + 1
    return counts


class LanguageIdentifier:
    """``identify(text, market)`` -> :class:`LanguageGuess`."""

    def __init__(
        self, languages: tuple[str, ...] = LANGUAGES, *, min_letters: int = _MIN_LETTERS
    ) -> None:
        from py3langid.langid import MODEL_FILE
        from py3langid.langid import LanguageIdentifier as _Model

        self.languages = languages
        self.min_letters = min_letters
        self._model = _Model.from_model_file(MODEL_FILE, norm_probs=True)
        latin = [
            lang for lang in languages if lang not in ("zh", "th", "ar", "ja", "ko", "hi", "ru")
        ]
        self._model.set_languages(latin)
        # as many as the analyzer's results cache, which answers repeated texts first: more
        # only held texts (a mail can be 50,000 characters) that never came back
        self.identify = lru_cache(maxsize=10_000)(self._identify)

    def _identify(self, text: str, market: str | None = None) -> LanguageGuess:
        cleaned = _URL.sub(" ", unicodedata.normalize("NFC", text))
        scripts = _script_counts(cleaned)
        letters = sum(scripts.values())
        if not letters:
            return LanguageGuess("und", 0.0, "gate")
        weighted = {s: n * _SCRIPT_WEIGHT.get(s, 1) for s, n in scripts.items()}
        script, weight = max(weighted.items(), key=lambda item: item[1])
        if script != "latin" and scripts[script] >= 2 and weight * 2 >= sum(weighted.values()):
            confidence = min(0.99, 0.6 + 0.1 * scripts[script])
            if script == "han":  # kana beside Han characters means Japanese
                script = "ja" if scripts.get("ja", 0) >= 2 else "zh"
            return LanguageGuess(script, confidence, "script")
        if _VIETNAMESE.search(cleaned) and scripts.get("latin", 0) >= 3:
            return LanguageGuess("vi", 0.95, "script")
        words = re.findall(r"[^\W\d_]+", cleaned.lower())
        if letters < self.min_letters or (len(words) < 2 and letters < 2 * self.min_letters):
            return self._chat_words(words, market)
        guess = self._model_guess(cleaned, market)
        if len(words) <= 3 and market and guess.code not in market_info(market).languages:
            # Short text the identifier puts outside the market: the market's chat words decide.
            chat = self._chat_words(words, market)
            if chat.code in market_info(market).languages:
                return chat
        return guess

    def _chat_words(self, words: list[str], market: str | None) -> LanguageGuess:
        """Very short text: only a market language's own chat words are evidence."""
        if not words:
            return LanguageGuess("und", 0.0, "gate")
        preferred = market_info(market).languages if market else ()
        hits = [
            lang for lang, vocabulary in _CHAT_WORDS.items() if any(w in vocabulary for w in words)
        ]
        for lang in preferred:
            if lang in hits:
                return LanguageGuess(lang, 0.6, "chat-words")
        if len(hits) == 1:
            return LanguageGuess(hits[0], 0.5, "chat-words")
        return LanguageGuess("und", 0.0, "gate")

    def _model_guess(self, text: str, market: str | None) -> LanguageGuess:
        ranked = self._model.rank(text)
        probabilities = {lang: float(p) for lang, p in ranked[:5]}
        preferred = set(market_info(market).languages) if market else set()
        if preferred:
            weighted = {
                lang: p * (_PRIOR if lang in preferred else 1.0)
                for lang, p in probabilities.items()
            }
            total = sum(weighted.values()) or 1.0
            probabilities = {lang: p / total for lang, p in weighted.items()}
        best, runner_up = sorted(probabilities, key=probabilities.__getitem__, reverse=True)[:2]
        method: Method = "model"
        for pair in _PAIRS:
            if {best, runner_up} == pair and preferred & pair and best not in preferred:
                best, method = runner_up, "market"
        confidence = probabilities[best]
        if method == "market":
            confidence = probabilities[best] + probabilities[runner_up]
        return LanguageGuess(best, round(min(confidence, 0.99), 3), method)
