"""Training data hygiene on a miniature copy of the shared datasets' layout: evaluation texts
never reach training, and folders not marked train-ok are refused."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from chuhai.enrich.lexicon import ChatLexicon
from chuhai.errors import InputError
from chuhai_tools.datasets import (
    _XED_FILES,
    EMOTIONS,
    SENTIMENTS,
    Example,
    emotion_examples,
    intent_examples,
    project_examples,
    sentiment_examples,
    wisesight_test,
)

# Thai posts: the per-class files hold the test posts too, as the real corpus does.
_TRAIN_ONLY = {"pos": ["ดีมาก ชอบ", "สวยมาก"], "neg": ["แย่มาก", "ห่วย"], "neu": ["วันนี้ฝนตก"]}
_TEST = [("ของดี ส่งไว", "pos"), ("ผิดหวัง", "neg"), ("มีสีอื่นไหม", "q"), ("ขึ้น\u2028บรรทัด", "neu")]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def datasets(tmp_path: Path) -> Path:
    root = tmp_path / "datasets"
    wisesight = root / "th-wisesight-sentiment"
    files = {label: list(texts) for label, texts in _TRAIN_ONLY.items()} | {"q": []}
    for text, label in _TEST:
        files[label] += text.splitlines() if "\u2028" in text else [text]
    for label, lines in files.items():
        _write(wisesight / f"{label}.txt", "\n".join(lines) + "\n")
    _write(wisesight / "test.txt", "\n".join(t for t, _ in _TEST) + "\n")
    _write(wisesight / "test_label.txt", "\n".join(lab for _, lab in _TEST) + "\n")
    _write(root / "th-review-shopping" / "review_shopping.csv", "สินค้าดี\tpos\nช้ามาก\tneg\n")
    go = root / "en-goemotions"
    _write(go / "labels.txt", "joy\nanger\nneutral\n")
    _write(go / "train.tsv", "so happy\t0\tid1\nso angry\t1\tid2\nit is a chair\t2\tid3\n")
    rows = ["flags,utterance,category,intent"]
    for i in range(10):
        rows += [
            f"B,I want to cancel order {i},ORDER,cancel_order",
            f"B,Where is my package {i},ORDER,track_order",
        ]
    rows += ["B,Where is my package 0,ORDER,track_order"] * 3  # duplicates, as in Bitext
    _write(root / "en-bitext-customer-support" / "TrainingdatasetBitextsample.csv", "\n".join(rows))
    clinc = {"train": [["hi there", "greeting"]], "oos_train": [["what is love", "oos"]]}
    _write(root / "en-clinc150" / "data_full.json", json.dumps(clinc))
    for name in _XED_FILES.values():
        _write(root / "multi-xed-emotion" / name, "What a lovely day\t5\nGet out of here\t1\n")
    return root


def test_wisesight_test_posts_never_reach_training(datasets: Path) -> None:
    examples = [e for e in sentiment_examples(datasets) if e.source == "wisesight"]
    texts = {e.text for e in examples}
    assert texts == {t for lines in _TRAIN_ONLY.values() for t in lines}
    assert ("ผิดหวัง", "neg") in wisesight_test(datasets)


def test_wisesight_test_keeps_posts_with_line_separators_whole(datasets: Path) -> None:
    assert [t for t, _ in wisesight_test(datasets)] == [t for t, _ in _TEST]


def test_no_held_out_intent_text_is_also_trained_on(datasets: Path) -> None:
    train, held = intent_examples(datasets, holdout=0.5)
    assert held
    trained = {e.text.casefold() for e in train}
    assert not [e.text for e in held if e.text.casefold() in trained]
    assert {e.label for e in held} <= {"order_change", "order_status"}


@pytest.mark.parametrize("folder", ["id-indonlu-smsa", "zh-online-shopping-10cats"])
def test_eval_only_folders_are_refused_for_training(datasets: Path, folder: str) -> None:
    from chuhai_tools.datasets import _require

    (datasets / folder).mkdir()
    with pytest.raises(InputError, match="not marked train-ok"):
        _require(datasets, folder)


def test_project_intent_test_set_is_apart_from_its_training_examples() -> None:
    from chuhai_tools.datasets import INTENTS, project_examples

    trained = {
        " ".join(e.text.split()).casefold()
        for task in ("intents", "corpus")
        for e in project_examples(task)
    }
    test = project_examples("intents_test")
    assert {e.label for e in test} == set(INTENTS)
    assert [e.text for e in test if " ".join(e.text.split()).casefold() in trained] == []


def test_project_review_test_set_is_apart_from_every_training_file() -> None:
    """The held-out reviews: three labels in every market language, none of them a line that
    any sentiment or intent training file (or the corpus the static tier is refined on) also
    holds."""
    from chuhai_tools.datasets import project_examples

    trained = {
        _key(e.text)
        for task in ("sentiment", "sentiment_reviews", "intents", "corpus")
        for e in project_examples(task)
    }
    test = project_examples("sentiment_reviews_test")
    assert {(e.language, e.label) for e in test} == {
        (lang, label)
        for lang in ("zh", "id", "th", "vi", "en", "ms", "tl")
        for label in ("pos", "neg", "neu")
    }
    assert [e.text for e in test if _key(e.text) in trained] == []


# The project's own examples (data/sentiment.yaml, data/emotions.yaml): every market language,
# at least so many lines per label; the five largest markets get more.
_LARGE = ("en", "id", "th", "vi", "zh")
_SENTIMENT_MINIMUM = {
    **{lang: {"pos": 80, "neg": 80, "neu": 50} for lang in _LARGE},
    **{lang: {"pos": 60, "neg": 60, "neu": 40} for lang in ("ms", "tl", "es", "ar", "pt")},
}
_EMOTION_MINIMUM = {
    **dict.fromkeys((*_LARGE, "ms", "tl", "es"), 12),
    "ar": 6,
    "pt": 6,
}


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@functools.cache
def _own(task: str) -> list[Example]:
    return project_examples(task)


def _counts(examples: list[Example]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for e in examples:
        counts[e.language, e.label] = counts.get((e.language, e.label), 0) + 1
    return counts


@pytest.mark.parametrize(
    ("language", "label", "minimum"),
    [
        (lang, label, n)
        for lang, by_label in _SENTIMENT_MINIMUM.items()
        for label, n in by_label.items()
    ],
)
def test_sentiment_examples_cover_every_market_language(
    language: str, label: str, minimum: int
) -> None:
    assert _counts(_own("sentiment")).get((language, label), 0) >= minimum


@pytest.mark.parametrize(
    ("language", "label", "minimum"),
    [(lang, label, n) for lang, n in _EMOTION_MINIMUM.items() for label in EMOTIONS],
)
def test_emotion_examples_cover_every_market_language(
    language: str, label: str, minimum: int
) -> None:
    assert _counts(_own("emotions")).get((language, label), 0) >= minimum


@pytest.mark.parametrize(
    ("task", "labels"),
    [("sentiment", SENTIMENTS), ("emotions", EMOTIONS), ("corpus", SENTIMENTS)],
)
def test_project_examples_are_clean(task: str, labels: tuple[str, ...]) -> None:
    examples = _own(task)
    assert {e.label for e in examples} == set(labels)
    assert all(e.text.strip() == e.text and e.text for e in examples)
    by_text: dict[str, set[str]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for e in examples:
        by_text.setdefault(_key(e.text), set()).add(e.label)
        seen[e.label, e.language, _key(e.text)] = (
            seen.get((e.label, e.language, _key(e.text)), 0) + 1
        )
    assert {t: sorted(ls) for t, ls in by_text.items() if len(ls) > 1} == {}  # never two labels
    assert [k for k, n in seen.items() if n > 1] == []  # no line twice
    held_out = {_key(e.text) for e in project_examples("intents_test")}
    assert [e.text for e in examples if _key(e.text) in held_out] == []


@pytest.mark.parametrize(
    ("task", "neutral", "positive", "negative"),
    [
        ("sentiment", "neu", ("pos",), ("neg",)),
        ("emotions", "neutral", ("joy", "trust"), ("anger", "disgust", "sadness")),
    ],
)
def test_project_examples_agree_with_the_chat_lexicon(
    task: str, neutral: str, positive: tuple[str, ...], negative: tuple[str, ...]
) -> None:
    """A neutral line has no strong chat word; a praising line no clear complaint word, a
    complaining line no clear praise word (or the lexicon, or the line, is wrong)."""
    lexicon = ChatLexicon()
    wrong = []
    for e in _own(task):
        score = lexicon.score(e.text).score
        if (
            (e.label == neutral and abs(score) >= 0.5)
            or (e.label in positive and score <= -0.5)
            or (e.label in negative and score >= 0.5)
        ):
            wrong.append((e.label, e.text, score))
    assert wrong == []


def test_project_examples_are_trained_on(datasets: Path) -> None:
    for examples, task, labels in (
        (emotion_examples(datasets), "emotions", EMOTIONS),
        (sentiment_examples(datasets), "sentiment", SENTIMENTS),
    ):
        own = [e for e in examples if e.source == "chuhai"]
        files = (task, "sentiment_reviews") if task == "sentiment" else (task,)
        assert len(own) == sum(len(project_examples(name)) for name in files)
        assert {e.label for e in own} == set(labels)
        assert {e.language for e in own} >= {"en", "id", "th", "vi", "zh", "ms", "tl", "es"}
    assert {e.source for e in emotion_examples(datasets)} == {"xed", "goemotions", "chuhai"}
