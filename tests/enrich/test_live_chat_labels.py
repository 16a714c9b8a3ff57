"""Live chat labels: the label users see on emote-heavy chat (stop 24, issue 12).

The table ``data/live_chat_labels.tsv`` is written for the project; it holds emotes, channel
emotes ("sodaLUL"), wide emotes ("WutFaceW"), chat verdicts ("W", "big L"), stretched words
and messages whose words are flat but whose emotes are not."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from chuhai.enrich.analyzer import Analyzer
from chuhai.enrich.decisions import LEXICON_POLAR, lean_to_lexicon, sentiment_label
from chuhai.enrich.lexicon import ChatLexicon

_TABLE = Path(__file__).parent / "data" / "live_chat_labels.tsv"


def _rows() -> list[tuple[str, str, str]]:
    lines = [line for line in _TABLE.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return [(r["text"], r["market"], r["label"]) for r in csv.DictReader(lines, delimiter="\t")]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.mark.parametrize(("text", "market", "label"), _rows())
def test_live_chat_label(analyzer: Analyzer, text: str, market: str, label: str) -> None:
    a = analyzer.analyze_one(text, market)
    assert a.sentiment.label == label
    # label and score agree; the lexicon tier is never neutral with a clear score
    assert (a.sentiment.score > 0) == (label == "pos")
    if a.tier == "lexicon" and abs(a.sentiment.score) > 0.3:
        assert a.sentiment.label != "neu"


def test_table_covers_both_sides() -> None:
    labels = [label for _, _, label in _rows()]
    assert labels.count("pos") >= 10 and labels.count("neg") >= 10


@pytest.mark.parametrize(
    ("token", "sign"),
    [
        ("sodaLUL", 1),  # a channel's LUL
        ("forsenPls", 1),  # a channel's dance
        ("rooEZ", 1),
        ("streamerSad", -1),
        ("WutFaceW", -1),  # wide WutFace
        ("KEKW", 1),
    ],
)
def test_emote_variants_read_by_their_known_part(token: str, sign: int) -> None:
    hit = ChatLexicon().score(token)
    assert hit.hits == 1 and hit.coverage == 1.0
    assert np.sign(hit.score) == sign


@pytest.mark.parametrize(
    "text", ["iPhone case", "eBay order", "aspect ratio", "a mid-size clutch", "goat milk soap"]
)
def test_ordinary_words_are_not_emotes(text: str) -> None:
    assert ChatLexicon().score(text).hits == 0


def test_clear_lexicon_lean_moves_a_neutral_row() -> None:
    flat = np.array([0.15, 0.7, 0.15], dtype=np.float32)
    assert sentiment_label(flat, 0.6) == "neu"
    assert sentiment_label(lean_to_lexicon(flat, 0.5, 0.6), 0.6) == "pos"
    assert sentiment_label(lean_to_lexicon(flat, -0.5, 0.6), 0.6) == "neg"
    # a weak lean says nothing: the row stays neutral
    weak = LEXICON_POLAR - 0.1
    assert sentiment_label(lean_to_lexicon(flat, weak, 0.6), 0.6) == "neu"


def test_lexicon_lean_leaves_a_decided_row() -> None:
    negative = np.array([0.7, 0.2, 0.1], dtype=np.float32)
    assert np.array_equal(lean_to_lexicon(negative, 0.8, 0.6), negative)


def test_heads_leaning_the_other_way_can_overrule_the_lexicon() -> None:
    # P(neu) just above the threshold, the heads leaning negative: the lexicon's pull moves
    # the neutral mass but the negative side still wins
    row = np.array([0.31, 0.67, 0.02], dtype=np.float32)
    assert sentiment_label(row, 0.6) == "neu"
    assert sentiment_label(lean_to_lexicon(row, 0.4, 0.6), 0.6) == "neg"


@pytest.mark.parametrize("text", ["when will size L be restocked?", "W x H: 20 x 30 cm"])
def test_sizes_are_not_chat_verdicts(text: str) -> None:
    assert ChatLexicon().score(text).hits == 0
