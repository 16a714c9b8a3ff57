"""``chuhai eval``: every model on every evaluation set, beside simple baselines, in one run."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chuhai.enrich.analyzer import CASCADES, Analyzer
from chuhai.enrich.evaluation.sets import (
    AspectItem,
    Item,
    aspect_sets,
    category_sets,
    emotion_sets,
    intent_sets,
    language_set,
    sentiment_sets,
)
from chuhai.enrich.language import LanguageIdentifier
from chuhai.enrich.training.datasets import INTENTS
from chuhai.records.annotations import Annotations

__all__ = ["EvaluationResult", "evaluate"]

log = logging.getLogger(__name__)

# Our Plutchik emotions onto each evaluation set's labels (unmapped labels count as wrong).
_TO_EKMAN = {
    "joy": "joy", "trust": "joy", "anticipation": "joy", "anger": "anger", "disgust": "disgust",
    "fear": "fear", "sadness": "sadness", "surprise": "surprise", "neutral": "neutral",
}  # fmt: skip
# Aspect categories that chuhai's aspect words also cover (sets use the same names for them).
_SHARED_CATEGORIES = ("price", "service")
_TO_EMOT = {
    "joy": "happy", "anticipation": "happy", "surprise": "happy", "trust": "love",
    "anger": "anger", "disgust": "anger", "fear": "fear", "sadness": "sadness",
}  # fmt: skip


@dataclass
class EvaluationResult:
    """Tables for docs/EVALUATION.md; every row has the numbers and the set's size."""

    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def _macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    labels = sorted(set(gold))
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def _accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold) if gold else 0.0


def _binary(items: Sequence[Item], scores: Sequence[float]) -> float:
    """Positive vs negative: the sign of P(pos) - P(neg) on the items that are pos or neg."""
    pairs = [(i.label, s) for i, s in zip(items, scores, strict=True) if i.label in ("pos", "neg")]
    return (
        sum(1 for label, s in pairs if (s > 0) == (label == "pos")) / len(pairs) if pairs else 0.0
    )


def _majority_binary(items: Sequence[Item]) -> float:
    counts = Counter(i.label for i in items if i.label in ("pos", "neg"))
    return max(counts.values()) / sum(counts.values()) if counts else 0.0


def _optional(make: Callable[[], Callable[[str], float]]) -> Callable[[str], float] | None:
    try:
        return make()
    except ImportError:
        return None


def _vader() -> Callable[[str], float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return lambda text: float(analyzer.polarity_scores(text)["compound"])


def _snownlp() -> Callable[[str], float]:
    from snownlp import SnowNLP

    return lambda text: float(SnowNLP(text).sentiments) - 0.5 if text.strip() else 0.0


def evaluate(
    datasets: Path, analyzer: Analyzer, *, on_section: Callable[[str], None] | None = None
) -> EvaluationResult:
    start = time.perf_counter()
    result = EvaluationResult()
    note = on_section or (lambda name: None)
    note("language")
    result.sections["language"] = _language(datasets, analyzer.languages)
    note("sentiment")
    result.sections["sentiment"] = _sentiment(datasets, analyzer)
    note("aspects")
    result.sections["aspects"] = _aspects(datasets, analyzer)
    note("aspect categories")
    result.sections["aspect categories"], result.sections["aspect detection"] = _categories(
        datasets, analyzer
    )
    note("emotion")
    result.sections["emotion"] = _emotion(datasets, analyzer)
    note("intent")
    result.sections["intent"], result.extras["intent_confusion"] = _intent(datasets, analyzer)
    note("cascades")
    result.sections["cascades"] = _cascades(datasets, analyzer)
    result.extras["model_version"] = analyzer.models.version
    result.seconds = time.perf_counter() - start
    return result


def _language(root: Path, identifier: LanguageIdentifier) -> list[dict[str, Any]]:
    from py3langid.langid import MODEL_FILE
    from py3langid.langid import LanguageIdentifier as Raw

    raw = Raw.from_model_file(MODEL_FILE)
    items = language_set(root)
    by_language: dict[str, list[Item]] = {}
    for item in items:
        by_language.setdefault(item.label, []).append(item)
    rows = []
    for language, group in [*sorted(by_language.items()), ("all", items)]:
        gold = [i.label for i in group]
        plain = [identifier.identify(i.text).code for i in group]
        prior = [identifier.identify(i.text, i.market).code for i in group]
        baseline = [
            {"fil": "tl"}.get(raw.classify(i.text)[0], raw.classify(i.text)[0]) for i in group
        ]
        rows.append(
            {
                "set": "NTREX-128" if language == "all" else f"NTREX-128 {language}",
                "n": len(group),
                "accuracy": _accuracy(gold, plain),
                "accuracy with market prior": _accuracy(gold, prior),
                "baseline: py3langid, all 97 languages": _accuracy(gold, baseline),
            }
        )
    return rows


def _sentiment(root: Path, analyzer: Analyzer) -> list[dict[str, Any]]:
    vader, snownlp = _optional(_vader), _optional(_snownlp)
    rows = []
    for name, items in sentiment_sets(root).items():
        markets = {i.market for i in items}
        results = analyzer.analyze(
            [i.text for i in items], markets.pop() if len(markets) == 1 else None
        )
        scores = [r.sentiment.score for r in results]
        labels = [r.sentiment.label for r in results]
        gold = [i.label for i in items]
        row: dict[str, Any] = {
            "set": name,
            "n": len(items),
            "pos vs neg accuracy": _binary(items, scores),
            "3-class macro-F1": _macro_f1(gold, labels) if "neu" in gold else None,
            "baseline: majority (pos vs neg)": _majority_binary(items),
        }
        if vader and items[0].language == "en":
            row["baseline: VADER"] = _binary(items, [vader(i.text) for i in items])
        if snownlp and items[0].language == "zh":
            row["baseline: snownlp"] = _binary(items, [snownlp(i.text) for i in items])
        rows.append(row)
    return rows


def _target_at(item: AspectItem) -> int:
    return max(0, item.text.find(item.target))


def _aspects(root: Path, analyzer: Analyzer) -> list[dict[str, Any]]:
    rows = []
    for name, items in aspect_sets(root).items():
        # what chuhai reports for an aspect: its clause's sentiment, the sentence as context
        clause = analyzer.sentiment_at([i.text for i in items], [_target_at(i) for i in items])
        sentence = analyzer.analyze([i.text for i in items])
        as_items = [Item(i.text, i.label, i.language) for i in items]
        rows.append(
            {
                "set": name,
                "n": len(items),
                "pos vs neg accuracy (aspect)": _binary(as_items, [r.score for r in clause]),
                "3-class accuracy (aspect)": _accuracy(
                    [i.label for i in items], [r.label for r in clause]
                ),
                "pos vs neg accuracy (whole sentence)": _binary(
                    as_items, [r.sentiment.score for r in sentence]
                ),
                "baseline: majority (pos vs neg)": _majority_binary(as_items),
            }
        )
    return rows


def _categories(
    root: Path, analyzer: Analyzer
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Polarity per category (the clause where chuhai finds that aspect, else the sentence),
    and how well chuhai's aspect words find the categories it shares with the set."""
    polarity_rows, detection_rows = [], []
    for name, items in category_sets(root).items():
        results = analyzer.analyze(
            [i.text for i in items], "ID" if name.startswith("id-") else "US"
        )
        gold_pn: list[str] = []
        predicted_score: list[float] = []
        located = 0
        for item, result in zip(items, results, strict=True):
            found = {a.aspect: a for a in result.aspects}
            for category, polarity in item.categories.items():
                if polarity not in ("pos", "neg"):
                    continue
                gold_pn.append(polarity)
                if category in found:
                    located += 1
                    predicted_score.append(found[category].score)
                else:
                    predicted_score.append(result.sentiment.score)
        as_items = [Item("", g, "") for g in gold_pn]
        polarity_rows.append(
            {
                "set": name,
                "n": len(gold_pn),
                "pos vs neg accuracy": _binary(as_items, predicted_score),
                "judged on the aspect's clause": located / len(gold_pn) if gold_pn else 0.0,
                "baseline: majority (pos vs neg)": _majority_binary(as_items),
            }
        )
        for aspect in _SHARED_CATEGORIES:
            gold = [aspect in i.categories and i.categories[aspect] != "neu" for i in items]
            if "semeval14" in name:  # a category is listed there only when it is talked about
                gold = [aspect in i.categories for i in items]
            if not any(gold):
                continue
            said = [any(a.aspect == aspect for a in r.aspects) for r in results]
            tp = sum(1 for g, s in zip(gold, said, strict=True) if g and s)
            precision = tp / sum(said) if any(said) else 0.0
            recall = tp / sum(gold)
            f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
            detection_rows.append(
                {
                    "set": f"{name}: {aspect}",
                    "n": len(items),
                    "mentioned": sum(gold),
                    "precision": precision,
                    "recall": recall,
                    "F1": f1,
                }
            )
    return polarity_rows, detection_rows


def _emotion(root: Path, analyzer: Analyzer) -> list[dict[str, Any]]:
    rows = []
    for name, items in emotion_sets(root).items():
        mapping = (
            _TO_EKMAN if "goemotions" in name else _TO_EMOT if "emot" in name else None
        )  # XED is labelled with Plutchik's emotions, as we are
        results = analyzer.analyze([i.text for i in items], items[0].market)
        predicted = [
            mapping.get(r.emotion.label, "-") if mapping else r.emotion.label for r in results
        ]
        gold = [i.label for i in items]
        majority = Counter(gold).most_common(1)[0][1] / len(gold)
        rows.append(
            {
                "set": name,
                "n": len(items),
                "accuracy (mapped labels)": _accuracy(gold, predicted),
                "macro-F1 (mapped labels)": _macro_f1(gold, predicted),
                "baseline: majority": majority,
            }
        )
    return rows


def _by_market(analyzer: Analyzer, items: Sequence[Item]) -> list[Annotations]:
    """Each item analysed with its own market (as the live room would), in the items' order."""
    groups: dict[str | None, list[int]] = {}
    for index, item in enumerate(items):
        groups.setdefault(item.market, []).append(index)
    out: list[Annotations | None] = [None] * len(items)
    for market, indices in groups.items():
        for index, result in zip(
            indices, analyzer.analyze([items[i].text for i in indices], market), strict=True
        ):
            out[index] = result
    return [r for r in out if r is not None]


def _intent(
    root: Path, analyzer: Analyzer
) -> tuple[list[dict[str, Any]], dict[str, dict[str, int]]]:
    rows = []
    confusion: dict[str, dict[str, int]] = {}
    for name, items in intent_sets(root).items():
        predicted = [r.intent.label for r in _by_market(analyzer, items)]
        gold = [i.label for i in items]
        if name == "en-bitext-heldout":
            for g, p in zip(gold, predicted, strict=True):
                confusion.setdefault(g, {}).setdefault(p, 0)
                confusion[g][p] += 1
        majority = Counter(gold).most_common(1)[0][1] / len(gold)
        rows.append(
            {
                "set": name,
                "n": len(items),
                "accuracy": _accuracy(gold, predicted),
                "macro-F1": _macro_f1(gold, predicted),
                "baseline: majority": majority,
            }
        )
    assert set(confusion) <= set(INTENTS)
    return rows, confusion


def _cascades(root: Path, analyzer: Analyzer) -> list[dict[str, Any]]:
    """What each cascade costs in accuracy on chat and reviews (its speed: docs/BENCHMARKS.md)."""
    sentiment = sentiment_sets(root)
    intents = intent_sets(root)
    rows = []
    for cascade in CASCADES:
        judge = Analyzer(analyzer.models, embedder=analyzer.embedder, cascade=cascade)
        row: dict[str, Any] = {"cascade": cascade}
        tiers: Counter[str] = Counter()
        for name, items in sentiment.items():
            results = _by_market(judge, items)
            tiers.update(r.tier for r in results)
            row[f"{name} pos vs neg"] = _binary(items, [r.sentiment.score for r in results])
        for name in ("en-bitext-heldout", "chuhai-livechat-heldout"):
            items = intents[name]
            results = _by_market(judge, items)
            tiers.update(r.tier for r in results)
            row[f"intent {name}"] = _accuracy(
                [i.label for i in items], [r.intent.label for r in results]
            )
        row["share embedded"] = tiers["full"] / sum(tiers.values())
        rows.append(row)
    return rows
