"""Words and key phrases of short multilingual text, for naming themes.

Emoji count as words: in live chat they are most of what people say (🔥, 😍, 😡).

Chinese has no spaces and Thai no spaces between words: Chinese is cut with jieba (rjieba,
the Rust port, dictionary in the wheel) and Thai with PyThaiNLP's dictionary-based ``newmm``.
Other scripts split on word characters. Redaction placeholders, links, handles, numbers and
stopwords are not words of a theme.
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

__all__ = ["negators", "phrases", "script_language", "stopwords", "tokens"]

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
def _cutter(script: str) -> Callable[[str], list[str]]:
    if script == "zh":
        import rjieba

        return lambda run: list(rjieba.cut(run))
    from pythainlp.tokenize import word_tokenize

    return lambda run: list(word_tokenize(run, engine="newmm", keep_whitespace=False))


def _split_runs(text: str, run: re.Pattern[str], script: str) -> list[str]:
    """Cut each run of the script with its segmenter; other parts split on word characters."""
    out: list[str] = []
    position = 0
    for match in run.finditer(text):
        out += _WORD.findall(text[position : match.start()])
        out += [w for w in _cutter(script)(match.group()) if w.strip()]
        position = match.end()
    out += _WORD.findall(text[position:])
    return out


def tokens(text: str, language: str = "und") -> list[str]:
    """The content words of ``text``, lower-cased, stopwords of its languages removed."""
    clean = _REPEAT.sub(r"\1\1", _NOISE.sub(" ", text))
    script = script_language(clean)
    if script == "th":
        words = _split_runs(clean, _THAI_RUN, "th")
    elif script in ("zh", "ja"):
        words = _split_runs(clean, _HAN_RUN, "zh")
    else:
        words = _WORD.findall(clean)
    languages = {language, "en", *([script] if script else [])}
    stop = frozenset().union(*(stopwords(lang) for lang in languages))
    negate = frozenset().union(*(negators(lang) for lang in languages))
    kept: list[str] = []
    negation = ""
    if not clean.isascii():
        kept += _emoji(clean)
    for word in words:
        lower = word.lower().replace("’", "'").replace("'", "")
        if lower in negate:
            negation = lower
            continue
        if lower in stop or not any(ch.isalpha() for ch in lower):
            continue
        if lower.isascii() and len(lower) < MIN_LATIN_CHARS:
            continue
        kept.append(negation + _joiner(lower) + lower if negation else lower)
        negation = ""
    return kept


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
