"""docs/EVALUATION.md from an :class:`EvaluationResult`: tables, and each target met or missed."""

from __future__ import annotations

import platform
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from chuhai.enrich.evaluation.run import EvaluationResult

__all__ = ["Target", "check_targets", "markdown_table", "render_markdown"]


@dataclass(frozen=True)
class Target:
    what: str
    needed: str
    measured: float | None
    met: bool


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _table(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return "(no rows)\n"
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(r.get(c)) for c in columns) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def _value(rows: list[dict[str, Any]], name: str, column: str) -> float | None:
    for row in rows:
        if row["set"] == name:
            value = row.get(column)
            return float(value) if value is not None else None
    return None


def check_targets(result: EvaluationResult) -> list[Target]:
    """The targets the multilingual-understanding issue sets, against this run."""
    s = result.sections
    targets = []
    language = _value(s["language"], "NTREX-128", "accuracy with market prior")
    targets.append(Target("language ID, NTREX-128 (market prior)", ">= 0.97", language,
                          language is not None and language >= 0.97))  # fmt: skip
    names = ("zh-online-shopping", "id-smsa", "th-wisesight-test", "en-twitch")
    binary = [_value(s["sentiment"], n, "pos vs neg accuracy") for n in names]
    known = [b for b in binary if b is not None]
    average = sum(known) / len(known) if known else None
    targets.append(Target("sentiment pos vs neg, average of 4 sets", ">= 0.88", average,
                          average is not None and average >= 0.88))  # fmt: skip
    lowest = min(known) if known else None
    targets.append(Target("sentiment pos vs neg, lowest set", ">= 0.80", lowest,
                          lowest is not None and lowest >= 0.80))  # fmt: skip
    for name in ("th-wisesight-test", "id-smsa"):
        f1 = _value(s["sentiment"], name, "3-class macro-F1")
        targets.append(Target(f"sentiment 3-class macro-F1, {name}", ">= 0.65", f1,
                              f1 is not None and f1 >= 0.65))  # fmt: skip
    semeval = [
        float(r["pos vs neg accuracy (aspect)"])
        for r in s["aspects"]
        if str(r["set"]).startswith("semeval16-")
    ]
    aspect = sum(semeval) / len(semeval) if semeval else None
    targets.append(Target("aspect polarity, SemEval-16 average", ">= 0.85", aspect,
                          aspect is not None and aspect >= 0.85))  # fmt: skip
    intent = _value(s["intent"], "en-bitext-heldout", "accuracy")
    targets.append(Target("intent, Bitext held-out", ">= 0.92", intent,
                          intent is not None and intent >= 0.92))  # fmt: skip
    if "pii presidio" in s:
        targets += _pii_targets(s)
    return targets


def _pii_targets(s: dict[str, list[dict[str, Any]]]) -> list[Target]:
    """F1 over the types both systems look for, throughput, and the identifier set."""
    overall = {
        r["system"]: float(r["F1"]) for r in s["pii presidio"] if r["type"] == "all shared types"
    }
    speed = {r["system"]: float(r["texts/s"]) for r in s["pii speed"]}
    presidio = next((name for name in overall if name.startswith("Presidio")), None)
    targets = []
    for name in (n for n in overall if n.startswith("chuhai")):
        if presidio is None:
            continue
        f1, ratio = overall[name], speed[name] / speed[presidio]
        targets.append(Target(f"PII F1 vs Presidio ({overall[presidio]:.3f}), {name}",
                              ">= Presidio", f1, f1 >= overall[presidio]))  # fmt: skip
        targets.append(Target(f"PII throughput vs Presidio, {name} (x)", ">= 5", ratio,
                              ratio >= 5))  # fmt: skip
    total = next(r for r in s["pii identifiers"] if r["identifier"] == "all markets")
    recall = total["recall"]
    targets.append(Target("identifier set recall, all markets", ">= 0.95", recall,
                          recall is not None and recall >= 0.95))  # fmt: skip
    wrong = float(total["invalid reported as an ID"])
    targets.append(Target("invalid identifiers reported as IDs", "0", wrong, wrong == 0))
    return targets


def render_markdown(result: EvaluationResult, command: str, datasets: str) -> str:
    """The whole of docs/EVALUATION.md."""
    targets = check_targets(result)
    parts = [
        "# Evaluation\n",
        "Every model on the evaluation sets of the shared datasets folder, beside simple "
        "baselines measured in the same run. Written by `chuhai eval`; do not edit by hand.\n",
        f"- command: `{command}`",
        f"- datasets: `{datasets}` (see its README for each set's licence and role)",
        f"- models: `{result.extras.get('model_version', '?')}`",
        f"- machine: {platform.machine()}, {platform.system()}, Python "
        f"{platform.python_version()}; run took {result.seconds:.0f} s",
        f"- date: {datetime.now(UTC):%Y-%m-%d}\n",
        "Pos vs neg accuracy is the sign of P(pos) - P(neg) on the items labelled pos or neg. "
        "Sets we train on (train-ok) are only measured on parts held out of training.\n",
        "## Targets\n",
        _table(
            [
                {
                    "target": t.what,
                    "needed": t.needed,
                    "measured": t.measured,
                    "met": "yes" if t.met else "**missed**",
                }
                for t in targets
            ]
        ),
    ]
    titles = {
        "language": "Language identification",
        "sentiment": "Sentiment (sentence level)",
        "aspects": "Aspect-term polarity",
        "aspect categories": "Aspect categories: polarity",
        "aspect detection": "Aspect categories: detection by chuhai's aspect words",
        "emotion": "Emotion",
        "intent": "Intent",
        "cascades": "Cascades: accuracy of each speed setting",
        "pii presidio": "PII: presidio-research synthetic set, token level, beside Presidio",
        "pii speed": "PII: throughput on the same 1,500 sentences (one process)",
        "pii identifiers": "PII: the project's identifier set, every market",
    }
    for key, rows in result.sections.items():
        parts += [f"## {titles.get(key, key)}\n", _table(rows)]
    confusion: dict[str, dict[str, int]] = result.extras.get("intent_confusion", {})
    if confusion:
        labels = sorted(set(confusion) | {p for row in confusion.values() for p in row})
        rows = [
            {"gold \\ predicted": g, **{p: confusion[g].get(p, 0) for p in labels}}
            for g in sorted(confusion)
        ]
        parts += ["## Intent confusion (Bitext held-out)\n", _table(rows)]
    notes = result.extras.get("notes")
    if notes:
        parts += ["## Notes\n", str(notes)]
    return "\n".join(parts)


def markdown_table(rows: Sequence[dict[str, Any]]) -> str:
    """A Markdown table with a column per key (numbers formatted for reading)."""
    return _table(rows)
