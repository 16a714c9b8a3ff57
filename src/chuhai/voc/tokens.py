"""Words and key phrases of short multilingual text, for naming themes.

Emoji count as words: in live chat they are most of what people say (🔥, 😍, 😡).

Chinese has no spaces and Thai no spaces between words: Chinese is cut with jieba (rjieba,
the Rust port, dictionary in the wheel) and Thai with PyThaiNLP's dictionary-based ``newmm``,
its dictionary topped up with the shopping compounds of the phrase bank (ชาร์จไม่เข้า, ไม่ตรงปก)
that it would otherwise cut apart. Other scripts split on word characters. Redaction
placeholders, links, handles, numbers and stopwords are not words of a theme.

Key terms (:func:`key_terms`) pair only words that stand next to each other: never across a
space, a punctuation mark or a word left out, so "ส่งไวมาก สองวัน" gives ส่งไว, not ไวสอง.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from importlib import resources
from typing import Final

import yaml

__all__ = ["key_terms", "negators", "phrases", "script_language", "stopwords", "tokens"]

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_NOISE = re.compile(
    r"\[[A-Z_]{2,20}\]"  # redaction placeholders: [PHONE], [PERSON]
    r"|https?://\S+|www\.\S+|@\w+|#"  # links, handles, the hash of hashtags
    r"|:[A-Za-z0-9_+-]{2,30}:"  # :emote_codes:
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_REPEAT = re.compile(r"(.)\1{2,}")  # "sooooo" -> "soo", "555555" -> "55"
MIN_LATIN_CHARS: Final = 2


@functools.cache
def stopwords(language: str) -> frozenset[str]:
    """The stopwords of a language (base subtag), empty when chuhai has none."""
    return _stopword_table().get(language.split("-", maxsplit=1)[0].lower(), frozenset())


@functools.cache
def negators(language: str) -> frozenset[str]:
    """Words that turn the next one around ("not", "ไม่", "tidak"); they join it."""
    return _word_table("negators").get(language.split("-", maxsplit=1)[0].lower(), frozenset())


@functools.cache
def _stopword_table() -> dict[str, frozenset[str]]:
    return _word_table(None)


@functools.cache
def _word_table(section: str | None) -> dict[str, frozenset[str]]:
    text = resources.files("chuhai.voc").joinpath("data/stopwords.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if section is not None:
        data = data[section]
    return {
        lang: frozenset(str(words).split())
        for lang, words in data.items()
        if isinstance(words, str)
    }


def script_language(text: str) -> str | None:
    """zh / th / ja where the script says so, else None (the caller's language stands)."""
    if _THAI.search(text):
        return "th"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "zh"
    return None


@functools.cache
def thai_compounds() -> frozenset[str]:
    """Thai shopping compounds newmm's dictionary lacks (``th_words`` of the phrase bank)."""
    text = resources.files("chuhai.voc").joinpath("data/phrase_bank.yaml").read_text("utf-8")
    return frozenset(str(w) for w in yaml.safe_load(text).get("th_words", []))


@functools.cache
def _cutter(script: str) -> Callable[[str], list[str]]:
    if script == "zh":
        import rjieba

        return lambda run: list(rjieba.cut(run))
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import Trie

    words = Trie(set(thai_words()) | thai_compounds())
    return lambda run: list(
        word_tokenize(run, custom_dict=words, engine="newmm", keep_whitespace=False)
    )


_BREAK: Final = ""  # between words that do not stand next to each other


def _split_runs(text: str, run: re.Pattern[str], script: str) -> list[str]:
    """Cut each run of the script with its segmenter; other parts split on word characters.
    A break marks each gap between runs and words (a space, punctuation)."""
    out: list[str] = []
    position = 0
    for match in run.finditer(text):
        out += _latin_words(text[position : match.start()])
        out += [w for w in _cutter(script)(match.group()) if w.strip()]
        out.append(_BREAK)
        position = match.end()
    out += _latin_words(text[position:])
    return out


def _latin_words(text: str) -> list[str]:
    """Words split on word characters, a break where more than a space parts them."""
    out: list[str] = [_BREAK]
    position = 0
    for match in _WORD.finditer(text):
        if text[position : match.start()].strip():
            out.append(_BREAK)
        out.append(match.group())
        position = match.end()
    out.append(_BREAK)
    return out


def _words(text: str, language: str) -> list[str]:
    """The content words of ``text`` in order, with a break where a word was left out."""
    clean = _REPEAT.sub(r"\1\1", _NOISE.sub(" ", text))
    script = script_language(clean)
    if script == "th":
        words = _split_runs(clean, _THAI_RUN, "th")
    elif script in ("zh", "ja"):
        words = _split_runs(clean, _HAN_RUN, "zh")
    else:
        words = _latin_words(clean)
    languages = {language, "en", *([script] if script else [])}
    stop = frozenset().union(*(stopwords(lang) for lang in languages))
    negate = frozenset().union(*(negators(lang) for lang in languages))
    kept: list[str] = []
    negation = ""
    if not clean.isascii():
        kept += [*_emoji(clean), _BREAK]
    for word in words:
        if not word:  # a break ends a pending negation: "sạc không vào, pin" is not "không pin"
            _attach(kept, negation)
            negation = ""
            kept.append(_BREAK)
            continue
        lower = word.lower().replace("’", "'").replace("'", "")
        if lower in negate:
            negation = lower
            continue
        if lower in stop and negation and _THAI.match(lower):
            negation += lower  # ไม่มี + ใคร: "nobody", not ไม่ใคร
            continue
        if lower in stop or not any(ch.isalpha() for ch in lower):
            if not negation:  # a pending negation reaches over ("not the battery")
                kept.append(_BREAK)
            continue
        if lower.isascii() and len(lower) < MIN_LATIN_CHARS:
            kept.append(_BREAK)
            continue
        kept.append(negation + _joiner(lower) + lower if negation else lower)
        negation = ""
    _attach(kept, negation)
    return kept


def _attach(kept: list[str], negation: str) -> None:
    """A negation with no word after it turns the word before ("ชาร์จไม่ได้", "sạc không
    được": cannot charge); with none before either, it is dropped."""
    if negation and kept and kept[-1] and not _emoji(kept[-1]):
        kept[-1] += _joiner(kept[-1]) + negation


def tokens(text: str, language: str = "und") -> list[str]:
    """The content words of ``text``, lower-cased, stopwords of its languages removed."""
    return [w for w in _words(text, language) if w]


def key_terms(text: str, language: str = "und") -> list[str]:
    """Words and pairs of words that stand next to each other in ``text`` (for naming);
    a Thai compound of the phrase bank is a term of its own and pairs with nothing."""
    words = _words(text, language)
    compounds = thai_compounds()
    grams = [w for w in words if w]
    for first, second in itertools.pairwise(words):
        if first and second and first != second and not {first, second} & compounds:
            grams.append(first + _joiner(second) + second)
    return grams


def _emoji(text: str) -> list[str]:
    """The distinct pictographs of ``text`` in order (skin tones and joiners dropped)."""
    seen: list[str] = []
    for char in text:
        if unicodedata.category(char) == "So" and char not in seen:
            seen.append(char)
    return seen


def _joiner(word: str) -> str:
    return "" if _HAN.match(word) or _THAI.match(word) else " "


def phrases(words: Sequence[str]) -> list[str]:
    """Unigrams and adjacent bigrams (joined without a space in Chinese and Thai)."""
    grams = list(words)
    for first, second in itertools.pairwise(words):
        if first != second:
            grams.append(first + _joiner(second) + second)
    return grams
