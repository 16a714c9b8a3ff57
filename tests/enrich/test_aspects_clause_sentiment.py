"""How an aspect's clause moves its sentence's judgement (``Analyzer._clause_sentiment``).

The heads are replaced by fixed probabilities (neg, neu, pos): the transformer's reading of the
whole text, and the fast head's readings of the whole text and of each clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from chuhai.enrich.analyzer import Analyzer

TEXT = "The food was fine. The service was fine too"


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _heads(
    analyzer: Analyzer,
    monkeypatch: pytest.MonkeyPatch,
    transformer: Sequence[float],
    fast: dict[str, Sequence[float]],
) -> None:
    intents = analyzer.models["intent"].labels

    def classify(rows: list[Any], *, full: bool = True) -> dict[str, npt.NDArray[np.float32]]:
        table = [transformer if full else fast[r.text] for r in rows]
        # intent: a plain "feedback" reading that moves no sentiment
        intent = np.zeros((len(rows), len(intents)), np.float32)
        intent[:, intents.index("feedback")] = 1.0
        return {"sentiment": np.array(table, dtype=np.float32), "intent": intent}

    monkeypatch.setattr(analyzer, "_classify", classify)


@pytest.mark.parametrize(
    ("transformer", "whole_fast", "clause_fast", "label"),
    [
        # the fast head misreads the clause as it misreads the whole: the transformer's stands
        ((0.1, 0.1, 0.8), (0.8, 0.1, 0.1), (0.8, 0.1, 0.1), "pos"),
        # the clause reads much warmer than its sentence to the fast head: it moves it over
        ((0.6, 0.1, 0.3), (0.6, 0.1, 0.3), (0.02, 0.03, 0.95), "pos"),
    ],
)
def test_the_clause_moves_the_sentence_by_how_differently_it_reads(
    analyzer: Analyzer,
    monkeypatch: pytest.MonkeyPatch,
    transformer: tuple[float, ...],
    whole_fast: tuple[float, ...],
    clause_fast: tuple[float, ...],
    label: str,
) -> None:
    clause = TEXT[: TEXT.index(".")]
    _heads(analyzer, monkeypatch, transformer, {TEXT: whole_fast, clause: clause_fast})
    (judged,) = analyzer.sentiment_at([TEXT], [TEXT.index("food")])
    assert judged.label == label


def test_a_one_clause_text_is_judged_whole(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "The food was fine."  # its end punctuation does not make "The food was fine" a clause
    _heads(analyzer, monkeypatch, (0.1, 0.1, 0.8), {text: (0.8, 0.1, 0.1)})
    (judged,) = analyzer.sentiment_at([text], [text.index("food")])
    assert judged.label == "pos"
