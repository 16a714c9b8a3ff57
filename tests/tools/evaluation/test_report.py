"""docs/EVALUATION.md from a made-up result: the issue's bars met or missed, and the tables."""

from __future__ import annotations

from typing import Any

import pytest

from chuhai_tools.evaluation.report import check_targets, markdown_table, render_markdown
from chuhai_tools.evaluation.run import EvaluationResult

LABEL = "label accuracy (pos vs neg)"
SIGN = "pos vs neg, sign of score"


def _sentiment(
    name: str, language: str, kind: str, n: int, label: float, f1: float | None = None
) -> dict[str, Any]:
    return {
        "set": name,
        "language": language,
        "kind": kind,
        "n": n,
        LABEL: label,
        SIGN: 0.9,
        "pos/neg answered neu": 0.1,
        "3-class macro-F1": f1,
        "label ECE": 0.05,
        "baseline: majority (pos vs neg)": 0.6,
    }


def _emotion(name: str, language: str, n: int, accuracy: float, base: float) -> dict[str, Any]:
    return {
        "set": name,
        "language": language,
        "n": n,
        "accuracy": accuracy,
        "macro-F1": 0.3,
        "baseline: majority": base,
        "points above majority": round(100 * (accuracy - base), 1),
        "accuracy when confident (>= 0.5)": 0.7,
        "share confident": 0.4,
        "label ECE": 0.1,
    }


def _result() -> EvaluationResult:
    result = EvaluationResult(seconds=12.0)
    result.extras["model_version"] = "test-1"
    result.sections["sentiment"] = [
        _sentiment("zh-online-shopping", "zh", "review", 400, 0.91),
        _sentiment("id-smsa", "id", "review", 500, 0.73, f1=0.70),
        _sentiment("th-wisesight-test", "th", "social post", 2000, 0.86, f1=0.60),
        _sentiment("en-twitch", "en", "live chat", 984, 0.76, f1=0.5),
        _sentiment("xed-heldout", "en", "sentence", 1100, 0.80),
        _sentiment("xed-heldout", "th", "sentence", 25, 0.10),  # too small to hold to a bar
        _sentiment("xed-heldout", "es", "sentence", 300, 0.10),  # not a target language
        _sentiment("xed-heldout", "all", "sentence", 1425, 0.70),
        _sentiment("chuhai-livechat-heldout", "en", "live chat", 40, 0.20),  # no bar
    ]
    result.sections["sentiment calibration"] = [
        {"confidence": "0.5-0.6", "n": 10, "mean confidence": 0.55, "label accuracy": 0.5},
        {"confidence": "all", "n": 10, "mean confidence": 0.55, "label accuracy": 0.5, "ECE": 0.05},
    ]
    result.sections["emotion"] = [
        _emotion("en-goemotions-test", "en", 3000, 0.60, 0.40),
        _emotion("multi-xed-heldout", "zh", 80, 0.10, 0.30),  # a part: no bar of its own
        _emotion("multi-xed-heldout", "all", 900, 0.50, 0.30),
        _emotion("id-emot-test", "id", 440, 0.48, 0.49),
    ]
    result.sections["intent"] = [{"set": "en-bitext-heldout", "n": 100, "accuracy": 0.95}]
    return result


def _targets() -> dict[str, tuple[str, float | None, bool]]:
    return {t.what: (t.needed, t.measured, t.met) for t in check_targets(_result())}


def test_sentiment_label_bars_per_set_and_language() -> None:
    targets = _targets()
    assert targets["sentiment label accuracy, zh-online-shopping (n=400)"] == (
        ">= 0.85",
        0.91,
        True,
    )
    assert targets["sentiment label accuracy, id-smsa (n=500)"][2] is False
    assert targets["sentiment label accuracy, th-wisesight-test (n=2000)"][2] is True
    assert targets["sentiment label accuracy, xed-heldout en (n=1100)"] == (">= 0.85", 0.80, False)
    assert targets["sentiment label accuracy, en-twitch (n=984)"] == (">= 0.75", 0.76, True)
    held = [w for w in targets if "label accuracy" in w]
    assert not [w for w in held if "xed-heldout th" in w or "xed-heldout es" in w]
    assert not [w for w in held if "xed-heldout all" in w or "livechat" in w]
    assert len(held) == 5


def test_three_class_and_other_targets() -> None:
    targets = _targets()
    assert targets["sentiment 3-class macro-F1, id-smsa"] == (">= 0.65", 0.70, True)
    assert targets["sentiment 3-class macro-F1, th-wisesight-test"][2] is False
    assert targets["intent, Bitext held-out"] == (">= 0.92", 0.95, True)
    assert not [w for w in targets if w.startswith(("language ID", "aspect", "PII"))]


@pytest.mark.parametrize(
    ("what", "needed", "met"),
    [
        ("emotion accuracy, en-goemotions-test (n=3000)", ">= 0.550 (majority + 0.15)", True),
        ("emotion accuracy, multi-xed-heldout (n=900)", ">= 0.450 (majority + 0.15)", True),
        ("emotion accuracy, id-emot-test (n=440)", ">= 0.640 (majority + 0.15)", False),
    ],
)
def test_emotion_must_beat_the_majority_by_fifteen_points(
    what: str, needed: str, met: bool
) -> None:
    targets = _targets()
    assert targets[what][0] == needed
    assert targets[what][2] is met
    assert len([w for w in targets if w.startswith("emotion")]) == 3


def test_a_missing_figure_is_a_missed_target() -> None:
    result = _result()
    result.sections["sentiment"][0][LABEL] = None
    [target] = [t for t in check_targets(result) if "zh-online-shopping" in t.what]
    assert target.measured is None and not target.met


def test_render_markdown_shows_label_beside_sign_and_calibration() -> None:
    text = render_markdown(_result(), "chuhai eval --sample 40", "/data")
    assert "`chuhai eval --sample 40`" in text
    assert "models: `test-1`" in text
    assert (
        "| label accuracy (pos vs neg) | pos vs neg, sign of score | pos/neg answered neu |" in text
    )
    assert "| zh-online-shopping | zh | review | 400 | 0.910 | 0.900 | 0.100 | - |" in text
    assert "## Sentiment calibration" in text
    assert "## Emotion, beside the majority class" in text
    assert "| en-goemotions-test | en | 3,000 | 0.600 | 0.300 | 0.400 | +20.0 |" in text
    assert "| -1.0 |" in text  # id-emot: one point below the majority
    assert "**missed**" in text and "| yes |" in text
    assert "sample run" not in text


def test_render_markdown_says_when_it_is_a_sample() -> None:
    result = _result()
    result.extras["sample"] = 40
    assert "**sample run**: at most 40 items per set" in render_markdown(result, "c", "d")


def test_markdown_table_columns_are_the_union_of_the_rows() -> None:
    table = markdown_table([{"a": 1, "b": 0.5}, {"a": 2, "c": None, "points up": 3.26}])
    assert table.splitlines() == [
        "| a | b | c | points up |",
        "|---|---|---|---|",
        "| 1 | 0.500 | - | - |",
        "| 2 | - | - | +3.3 |",
    ]
