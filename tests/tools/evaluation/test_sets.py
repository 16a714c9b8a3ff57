"""The sentiment sets added for label accuracy, on a miniature XED folder: only held-out
sentences, only rows whose labels all say one polarity; the project's live chat from its
intents; quick runs cut each set (each language of a multi-language set)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from chuhai_tools.datasets import xed_held_out
from chuhai_tools.evaluation.sets import (
    MARKETS,
    SENTIMENT_KINDS,
    Item,
    limit,
    livechat_sentiment,
    xed_sentiment,
)

# XED's numbering: 1 anger, 2 anticipation, 3 disgust, 4 fear, 5 joy, 6 sadness, 7 surprise,
# 8 trust.
_FILES = (
    "en-annotated.tsv", "zh-projections.tsv", "cn-projections.tsv", "id-projections.tsv",
    "ms-projections.tsv", "vi-projections.tsv", "th-projections.tsv", "es-projections.tsv",
    "pt-projections.tsv", "ar-projections.tsv", "fr-projections.tsv", "tr-projections2.tsv",
)  # fmt: skip


def _texts(held_out: bool, n: int, stem: str) -> list[str]:
    """``n`` sentences that the training split does (not) hold out."""
    found: list[str] = []
    i = 0
    while len(found) < n:
        text = f"{stem} sentence number {i}"
        if xed_held_out(text) == held_out:
            found.append(text)
        i += 1
    return found


@pytest.fixture
def datasets(tmp_path: Path) -> Path:
    folder = tmp_path / "multi-xed-emotion"
    folder.mkdir(parents=True)
    for name in _FILES:
        (folder / name).write_text("", encoding="utf-8")
    held = _texts(True, 8, "held")
    trained = _texts(False, 1, "trained")
    rows = {
        "en-annotated.tsv": [
            f"{held[0]}\t5",  # joy -> pos
            f"{held[1]}\t1, 6",  # anger and sadness agree -> neg
            f"{held[2]}\t5, 1",  # joy and anger disagree: left out
            f"{held[3]}\t2",  # anticipation says neither: left out
            f"{trained[0]}\t5",  # trained on: never measured
        ],
        "vi-projections.tsv": [f"{held[4]}\t8"],  # trust -> pos
        "zh-projections.tsv": [f"{held[5]}\t4", f"{held[6]}\t5"],  # fear -> neg
        "cn-projections.tsv": [f"{held[6]}\t3"],  # the same text labelled neg: left out
        "es-projections.tsv": [f"{held[7]}\t5"],  # not a market language here
    }
    for name, lines in rows.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_xed_sentiment_maps_emotions_to_polarity_on_held_out_rows(datasets: Path) -> None:
    held = _texts(True, 8, "held")
    items = xed_sentiment(datasets)
    assert sorted((i.language, i.text, i.label, i.market) for i in items) == sorted(
        [
            ("en", held[0], "pos", "US"),
            ("en", held[1], "neg", "US"),
            ("vi", held[4], "pos", "VN"),
            ("zh", held[5], "neg", "CN"),
        ]
    )


def test_xed_sentiment_languages_can_be_chosen(datasets: Path) -> None:
    assert {i.language for i in xed_sentiment(datasets, ("es", "en"))} == {"es", "en"}


def test_livechat_sentiment_comes_from_complaints_and_praise() -> None:
    items = livechat_sentiment()
    assert items
    assert {i.label for i in items} == {"pos", "neg"}
    assert {i.language for i in items} <= set(MARKETS)
    assert all(i.market == MARKETS[i.language] for i in items)
    counts = Counter(i.label for i in items)
    assert counts["neg"] > counts["pos"]  # three complaint intents, one praise
    assert SENTIMENT_KINDS["chuhai-livechat-heldout"] == "live chat"


def test_limit_cuts_each_language_and_keeps_the_order() -> None:
    items = [Item(f"en {i}", "pos", "en") for i in range(10)] + [Item("th 0", "neg", "th")]
    cut = limit({"s": items, "small": items[:2]}, 3)
    assert [i.language for i in cut["s"]] == ["en", "en", "en", "th"]
    assert cut["s"] == sorted(cut["s"], key=items.index)
    assert cut["small"] == items[:2]
    assert limit({"s": items}, 3)["s"] == cut["s"]  # seeded: the same cut every time
    assert limit({"s": items}, None)["s"] is items
