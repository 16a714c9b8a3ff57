"""``chuhai eval``: every model on every evaluation set, beside simple baselines, in one run."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from chuhai.enrich.analyzer import CASCADES, Analyzer
from chuhai.enrich.language import LanguageIdentifier
from chuhai.errors import InputError
from chuhai_tools.datasets import INTENTS
from chuhai_tools.evaluation.affect import (
    Scorer,
    by_market,
    calibration_rows,
    confident_emotion,
    emotion_rows,
    sentiment_rows,
)
from chuhai_tools.evaluation.sets import (
    AspectItem,
    Item,
    aspect_sets,
    category_sets,
    emotion_sets,
    intent_sets,
    language_set,
    limit,
    sentiment_sets,
)
from chuhai_tools.metrics import (
    accuracy,
    label_accuracy,
    macro_f1,
    majority,
    majority_polar,
    sign_accuracy,
)

__all__ = ["SECTIONS", "EvaluationResult", "evaluate"]

log = logging.getLogger(__name__)

# What ``evaluate(only=...)`` accepts; "aspect categories" also writes "aspect detection",
# "sentiment" and "emotion" also write their calibration tables.
SECTIONS: Final = (
    "language", "sentiment", "aspects", "aspect categories", "emotion", "intent", "cascades",
)  # fmt: skip
# Aspect categories that chuhai's aspect words also cover (sets use the same names for them).
_SHARED_CATEGORIES = ("price", "service")


@dataclass
class EvaluationResult:
    """Tables for docs/EVALUATION.md; every row has the numbers and the set's size."""

    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def _optional(make: Callable[[], Scorer]) -> Scorer | None:
    try:
        return make()
    except ImportError:
        return None


def _vader() -> Scorer:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return lambda text: float(analyzer.polarity_scores(text)["compound"])


def _snownlp() -> Scorer:
    from snownlp import SnowNLP

    return lambda text: float(SnowNLP(text).sentiments) - 0.5 if text.strip() else 0.0


def evaluate(
    datasets: Path,
    analyzer: Analyzer,
    *,
    on_section: Callable[[str], None] | None = None,
    sample: int | None = None,
    only: Collection[str] | None = None,
) -> EvaluationResult:
    """Every section (or ``only`` those named), each set cut to ``sample`` items if given."""
    unknown = set(only or ()) - set(SECTIONS)
    if unknown:
        raise InputError(f"unknown section {sorted(unknown)}; sections: {', '.join(SECTIONS)}")
    start = time.perf_counter()
    result = EvaluationResult()
    note = on_section or (lambda name: None)
    wanted = [name for name in SECTIONS if only is None or name in only]
    s = result.sections
    for name in wanted:
        note(name)
        if name == "language":
            s["language"] = _language(datasets, analyzer.languages, sample)
        elif name == "sentiment":
            s["sentiment"], s["sentiment calibration"] = _sentiment(datasets, analyzer, sample)
        elif name == "aspects":
            s["aspects"] = _aspects(datasets, analyzer, sample)
        elif name == "aspect categories":
            s["aspect categories"], s["aspect detection"] = _categories(datasets, analyzer, sample)
        elif name == "emotion":
            s["emotion"], s["emotion calibration"] = _emotion(datasets, analyzer, sample)
        elif name == "intent":
            s["intent"], result.extras["intent_confusion"] = _intent(datasets, analyzer, sample)
        elif name == "cascades":
            s["cascades"] = _cascades(datasets, analyzer, sample)
    result.extras["model_version"] = analyzer.models.version
    if sample is not None:
        result.extras["sample"] = sample
    result.seconds = time.perf_counter() - start
    return result


def _language(
    root: Path, identifier: LanguageIdentifier, sample: int | None
) -> list[dict[str, Any]]:
    from py3langid.langid import MODEL_FILE
    from py3langid.langid import LanguageIdentifier as Raw

    raw = Raw.from_model_file(MODEL_FILE)
    items = limit({"all": language_set(root)}, sample)["all"]
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
                "accuracy": accuracy(gold, plain),
                "accuracy with market prior": accuracy(gold, prior),
                "baseline: py3langid, all 97 languages": accuracy(gold, baseline),
            }
        )
    return rows


def _sentiment(
    root: Path, analyzer: Analyzer, sample: int | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    baselines = {}
    for name, language, make in (("VADER", "en", _vader), ("snownlp", "zh", _snownlp)):
        scorer = _optional(make)
        if scorer is not None:
            baselines[name] = (language, scorer)
    rows, outcomes = sentiment_rows(limit(sentiment_sets(root), sample), analyzer, baselines)
    return rows, calibration_rows(outcomes)


def _emotion(
    root: Path, analyzer: Analyzer, sample: int | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows, outcomes = emotion_rows(limit(emotion_sets(root), sample), analyzer, confident_emotion())
    return rows, calibration_rows(outcomes)


def _target_at(item: AspectItem) -> int:
    return max(0, item.text.find(item.target))


def _aspects(root: Path, analyzer: Analyzer, sample: int | None) -> list[dict[str, Any]]:
    rows = []
    for name, items in limit(aspect_sets(root), sample).items():
        # what chuhai reports for an aspect: its clause's sentiment, the sentence as context
        clause = analyzer.sentiment_at([i.text for i in items], [_target_at(i) for i in items])
        sentence = analyzer.analyze([i.text for i in items])
        gold = [i.label for i in items]
        rows.append(
            {
                "set": name,
                "n": len(items),
                "pos vs neg, sign of score (aspect)": sign_accuracy(
                    gold, [r.score for r in clause]
                ),
                "label accuracy (aspect, pos vs neg)": label_accuracy(
                    gold, [r.label for r in clause]
                ),
                "3-class accuracy (aspect)": accuracy(gold, [r.label for r in clause]),
                "pos vs neg, sign of score (whole sentence)": sign_accuracy(
                    gold, [r.sentiment.score for r in sentence]
                ),
                "baseline: majority (pos vs neg)": majority_polar(gold),
            }
        )
    return rows


def _categories(
    root: Path, analyzer: Analyzer, sample: int | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Polarity per category (the clause where chuhai finds that aspect, else the sentence),
    and how well chuhai's aspect words find the categories it shares with the set."""
    polarity_rows, detection_rows = [], []
    for name, items in limit(category_sets(root), sample).items():
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
        polarity_rows.append(
            {
                "set": name,
                "n": len(gold_pn),
                "pos vs neg, sign of score": sign_accuracy(gold_pn, predicted_score),
                "judged on the aspect's clause": located / len(gold_pn) if gold_pn else 0.0,
                "baseline: majority (pos vs neg)": majority_polar(gold_pn),
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


def _intent(
    root: Path, analyzer: Analyzer, sample: int | None
) -> tuple[list[dict[str, Any]], dict[str, dict[str, int]]]:
    rows = []
    confusion: dict[str, dict[str, int]] = {}
    for name, items in limit(intent_sets(root), sample).items():
        predicted = [r.intent.label for r in by_market(analyzer, items)]
        gold = [i.label for i in items]
        if name == "en-bitext-heldout":
            for g, p in zip(gold, predicted, strict=True):
                confusion.setdefault(g, {}).setdefault(p, 0)
                confusion[g][p] += 1
        rows.append(
            {
                "set": name,
                "n": len(items),
                "accuracy": accuracy(gold, predicted),
                "macro-F1": macro_f1(gold, predicted),
                "baseline: majority": majority(gold),
            }
        )
    assert set(confusion) <= set(INTENTS)
    return rows, confusion


def _shares(tiers: Counter[str]) -> str:
    total = sum(tiers.values())
    return ", ".join(f"{t} {n / total:.2f}" for t, n in sorted(tiers.items())) if total else "-"


def _cascades(root: Path, analyzer: Analyzer, sample: int | None) -> list[dict[str, Any]]:
    """What each cascade costs in label accuracy on chat and reviews (its speed:
    docs/BENCHMARKS.md), and which tier answered how much."""
    sentiment = limit(sentiment_sets(root), sample)
    intents = limit(intent_sets(root), sample)
    rows = []
    for cascade in CASCADES:
        judge = Analyzer(analyzer.models, embedder=analyzer.embedder, cascade=cascade)
        row: dict[str, Any] = {"cascade": cascade}
        tiers: Counter[str] = Counter()
        for name, items in sentiment.items():
            results = by_market(judge, items)
            tiers.update(r.tier for r in results)
            row[f"{name} label accuracy"] = label_accuracy(
                [i.label for i in items], [r.sentiment.label for r in results]
            )
        for name in ("en-bitext-heldout", "chuhai-livechat-heldout"):
            items = intents[name]
            results = by_market(judge, items)
            tiers.update(r.tier for r in results)
            row[f"intent {name}"] = accuracy(
                [i.label for i in items], [r.intent.label for r in results]
            )
        row["share full (transformer)"] = tiers["full"] / sum(tiers.values())
        row["tiers"] = _shares(tiers)
        rows.append(row)
    return rows
