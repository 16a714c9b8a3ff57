"""Chinese names for themes, for an operator who reads none of the markets' languages.

A theme's key terms ("ชาร์จไม่เข้า", "nggak bisa dicas", "không sạc được") are matched to the
phrase bank (``data/phrase_bank.yaml``: what shoppers say, in Chinese and in each market's
language), so a Thai, an Indonesian and a Vietnamese theme about the same thing all read
充不进电. A bank phrase matches when all its words are among the theme's words, in any order
(one may be missing from a phrase of four or more; a Thai phrase also matches inside one Thai
term); a negation must match (nggak berisik is not berisik). When the key terms match
nothing, the theme's voices are matched the same way; then, if an embedder is given, the
terms are compared by meaning with the bank's phrases in every language; then the aspect the
terms name, the theme's aspect or intent. Only a theme that gives none of these gets a
numbered name. A complaint theme is not named by praise nor praise by a complaint; a theme of
questions says what is asked ("问规格：很安静").
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Final, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from chuhai.datafiles import parse_model
from chuhai.enrich.aspects import AspectFinder
from chuhai.enrich.embeddings import Embedder
from chuhai.records.labels import INTENT_ZH, QUESTION_INTENTS
from chuhai.voc.tokens import negators, script_language, stopwords, tokens

__all__ = ["BankEntry", "ChineseName", "PhraseBank", "name_in_chinese", "phrase_bank"]

Source = Literal["phrases", "voices", "meaning", "aspect", "intent", "none"]
REQUIRED_LANGUAGES: Final = ("th", "id", "vi", "en")
MEANING_MIN: Final = 0.9  # cosine to the nearest bank phrase, and its lead over the next entry
MEANING_MARGIN: Final = 0.02
VOICE_SHARE: Final = 0.2  # a bank phrase names a theme from its voices when this many use it
_NOT: Final = "¬"
_LANGUAGES: Final = ("en", "id", "ms", "th", "vi", "tl", "zh")
_SPACE: Final = re.compile(r"\s+")


class BankEntry(BaseModel):
    """One thing shoppers say: its Chinese, its aspect, and its phrases per language."""

    model_config = ConfigDict(frozen=True, extra="allow")

    zh: str = Field(min_length=1, max_length=30)
    aspect: str | None
    polarity: Literal["neg", "pos", "ask"]

    def phrases(self) -> dict[str, list[str]]:
        extra = self.model_extra or {}
        return {lang: [str(p) for p in words] for lang, words in extra.items()}


class PhraseBank(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    aspects: dict[str, str]
    th_words: list[str]
    phrases: list[BankEntry]


@dataclass(frozen=True)
class ChineseName:
    """A theme's Chinese name, how it was found and the original words it stands for."""

    name: str
    source: Source
    terms: list[str] = field(default_factory=list)


@functools.cache
def phrase_bank() -> PhraseBank:
    text = resources.files("chuhai.voc").joinpath("data/phrase_bank.yaml").read_text("utf-8")
    return parse_model("chuhai/voc/data/phrase_bank.yaml", text, PhraseBank)


@functools.cache
def _all_negators() -> tuple[str, ...]:
    found = {n for lang in _LANGUAGES for n in negators(lang)}
    return tuple(sorted(found, key=len, reverse=True))  # ไม่ได้ before ไม่


def _canonical(token: str) -> str:
    """One spelling per word: a negation as ¬ before the word (ไม่เข้า, nggak bisa, ชาร์จไม่ได้,
    sạc không -> ¬เข้า, ¬bisa, ¬ชาร์จ, ¬sạc), the Indonesian -nya left off (baterainya ->
    baterai)."""
    for negator in _all_negators():
        thai = script_language(negator) == "th"
        if token.startswith(negator + ("" if thai else " ")) and len(token) > len(negator) + 1:
            return _NOT + _canonical(token[len(negator) :].strip())
        if token.endswith(("" if thai else " ") + negator) and len(token) > len(negator) + 1:
            return _NOT + _canonical(token[: -len(negator)].strip())
    if token.isascii() and token.endswith("nya") and len(token) > 5:
        return token[:-3]
    return token


@functools.cache
def _all_stopwords() -> frozenset[str]:
    return frozenset().union(*(stopwords(lang) for lang in _LANGUAGES))


@functools.lru_cache(maxsize=65536)
def _terms(text: str, language: str = "und") -> frozenset[str]:
    """The canonical words of ``text``. A theme's terms come without their language, so a
    negator of any market language turns the next word and the stopwords after it are
    skipped: "nggak bisa dicas" and "tidak bisa dicas" are both ¬dicas."""
    negate = set(_all_negators())
    stop = _all_stopwords()
    out: set[str] = set()
    pending = ""
    for token in tokens(text, script_language(text) or language):
        if token in negate:
            pending = token
        elif not (pending and token in stop):
            out.add(_canonical(f"{pending} {token}" if pending else token))
            pending = ""
    return frozenset(out)


@functools.cache
def _bank_terms() -> list[tuple[BankEntry, list[tuple[str, frozenset[str]]]]]:
    out = []
    for entry in phrase_bank().phrases:
        phrases = [(p, _terms(p, lang)) for lang, words in entry.phrases().items() for p in words]
        out.append((entry, [(p, t) for p, t in phrases if t]))
    return out


def _flipped(term: str, have: frozenset[str]) -> bool:
    """``term`` stands in ``have`` turned around (berisik vs ¬berisik)."""
    other = term[1:] if term.startswith(_NOT) else _NOT + term
    return other in have


def _match(
    phrase: str, want: frozenset[str], keywords: Sequence[str], kw_terms: Sequence[frozenset[str]]
) -> tuple[float, list[str]]:
    """How well one bank phrase matches a theme's terms (0: not at all) and which terms."""
    have = frozenset().union(*kw_terms) if kw_terms else frozenset()
    compact = _SPACE.sub("", phrase.casefold())
    inside = [k for k in keywords if script_language(k) == "th" and compact in k.replace(" ", "")]
    if inside:
        return 1.0 + 0.25 * len(want), inside
    common = want & have
    missing = want - have
    if missing and (len(want) < 4 or len(missing) > 1 or any(_flipped(m, have) for m in missing)):
        return 0.0, []
    coverage = len(common) / len(want)
    used = [k for k, t in zip(keywords, kw_terms, strict=True) if t & want]
    return coverage * (1 + 0.25 * (len(want) - 1)), used


def _cover(keyword: str, terms: frozenset[str], want: frozenset[str]) -> float:
    """How much of one keyword a phrase accounts for (all of it when the phrase is inside)."""
    return len(terms & want) / len(terms) if terms & want else 1.0


def _from_bank(keywords: Sequence[str]) -> list[tuple[float, BankEntry, list[str]]]:
    """Bank entries the keywords match, best first; keywords ranked first weigh most."""
    kw_terms = [_terms(k) for k in keywords]
    rank = {k: i for i, k in enumerate(keywords)}
    found: list[tuple[float, BankEntry, list[str]]] = []
    for entry, phrases in _bank_terms():
        best = (0.0, list[str]())
        for phrase, want in phrases:
            quality, used = _match(phrase, want, keywords, kw_terms)
            if quality and used:
                weight = quality * sum(
                    _cover(k, kw_terms[rank[k]], want) / (1 + rank[k]) for k in used
                )
                if weight > best[0]:
                    best = (weight, used)
        if best[0]:
            found.append((best[0], entry, best[1]))
    found.sort(key=lambda f: (-f[0], f[1].zh))
    return found


def _compose(found: Sequence[tuple[float, BankEntry, list[str]]]) -> tuple[str, list[str]]:
    """The best entry, and a second one when it weighs at least half as much and does not
    say the opposite (a theme of praise and complaint about one thing reads as the first)."""
    first = found[0]
    names, terms = [first[1].zh], list(first[2])
    for weight, entry, used in found[1:3]:
        opposite = {entry.polarity, first[1].polarity} == {"pos", "neg"}
        if weight >= first[0] / 2 and not opposite and entry.zh not in names:
            names.append(entry.zh)
            terms += [t for t in used if t not in terms]
            break
    return " · ".join(names), terms


def _from_voices(texts: Sequence[str]) -> list[tuple[float, BankEntry, list[str]]]:
    """Bank entries used by at least a fifth of the texts (at least two), by how many."""
    counts: Counter[str] = Counter()
    entries: dict[str, tuple[BankEntry, str]] = {}
    for text in texts:
        have = _terms(text)
        hit: set[str] = set()
        for entry, phrases in _bank_terms():
            for phrase, want in phrases:
                if want <= have or (script_language(phrase) == "th" and phrase in text):
                    hit.add(entry.zh)
                    entries.setdefault(entry.zh, (entry, phrase))
                    break
        counts.update(hit)
    floor = max(2.0, VOICE_SHARE * len(texts))
    return [
        (float(n), entries[zh][0], [entries[zh][1]]) for zh, n in counts.most_common() if n >= floor
    ]


def _from_meaning(keywords: Sequence[str], embedder: Embedder) -> tuple[str, list[str]] | None:
    """The bank entry whose phrase (in any language) is nearest the key terms, when it is
    near enough and clearly nearer than any other entry's."""
    phrases = [(entry, p) for entry, items in _bank_terms() for p, _ in items]
    vectors = _bank_vectors(embedder)
    query = embedder.embed([" ".join(keywords[:3])])[0]
    scores = vectors @ query
    best: dict[str, float] = {}
    for (entry, _), score in zip(phrases, scores, strict=True):
        best[entry.zh] = max(best.get(entry.zh, -1.0), float(score))
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < MEANING_MIN:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < MEANING_MARGIN:
        return None
    return ranked[0][0], list(keywords[:3])


_VECTORS: dict[int, np.ndarray[tuple[int, int], np.dtype[np.float32]]] = {}


def _bank_vectors(embedder: Embedder) -> np.ndarray[tuple[int, int], np.dtype[np.float32]]:
    key = id(embedder)
    if key not in _VECTORS:
        phrases = [p for _, items in _bank_terms() for p, _ in items]
        _VECTORS.clear()  # one embedder at a time: a run uses one
        _VECTORS[key] = np.asarray(embedder.embed(phrases), np.float32)
    return _VECTORS[key]


def _aspect_of(keywords: Sequence[str]) -> tuple[str, list[str]] | None:
    finder = _finder()
    counts: Counter[str] = Counter()
    used: dict[str, list[str]] = {}
    for keyword in keywords:
        for mention in finder.find(keyword):
            counts[mention.aspect] += 1
            used.setdefault(mention.aspect, []).append(keyword)
    if not counts:
        return None
    aspect = counts.most_common(1)[0][0]
    return aspect, used[aspect]


@functools.cache
def _finder() -> AspectFinder:
    return AspectFinder()


def _aspect_name(aspect: str, sentiment: float | None) -> str:
    label = phrase_bank().aspects.get(aspect, aspect)
    if sentiment is not None and sentiment <= -20:
        return f"{label}差评"
    if sentiment is not None and sentiment >= 20:
        return f"{label}好评"
    return f"{label}相关"


def name_in_chinese(
    keywords: Sequence[str],
    *,
    texts: Sequence[str] = (),
    aspect: str | None = None,
    intent: str | None = None,
    sentiment: float | None = None,
    embedder: Embedder | None = None,
    number: int | None = None,
) -> ChineseName:
    """The Chinese name of a theme with these key terms (best first), voices, aspect,
    intent and net sentiment; ``number`` numbers a theme nothing else names."""
    keywords = [k for k in keywords if k.strip()]
    asking = intent in QUESTION_INTENTS
    # A theme of complaints is not named by praise, nor praise by a complaint; questions
    # carry the words of both ("nggak berisik kan?"), and say they ask.
    unlike = "pos" if sentiment is not None and sentiment <= -30 else None
    unlike = "neg" if sentiment is not None and sentiment >= 30 else unlike
    unlike = None if asking else unlike
    found = [f for f in _from_bank(keywords) if f[1].polarity != unlike] if keywords else []
    source: Source = "phrases"
    if not found and texts:
        found = [f for f in _from_voices(texts) if f[1].polarity != unlike]
        source = "voices"
    if found:
        name, terms = _compose(found)
        if asking and found[0][1].polarity != "ask" and intent in INTENT_ZH:
            name = f"{INTENT_ZH[intent]}：{name}"
        return ChineseName(name, source, terms)
    meaning = _from_meaning(keywords, embedder) if keywords and embedder is not None else None
    if meaning:
        return ChineseName(meaning[0], "meaning", meaning[1])
    named = _aspect_of(keywords)
    if named or aspect:
        which, terms = named or (str(aspect), [])
        return ChineseName(_aspect_name(which, sentiment), "aspect", terms)
    if intent and intent in INTENT_ZH:
        return ChineseName(INTENT_ZH[intent], "intent", [])
    suffix = f" #{number}" if number is not None else ""
    return ChineseName(f"其他话题{suffix}", "none", list(keywords[:3]))
