"""Training data hygiene on a miniature copy of the shared datasets' layout: evaluation texts
never reach training, and folders not marked train-ok are refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chuhai.enrich.training.datasets import (
    intent_examples,
    sentiment_examples,
    wisesight_test,
)
from chuhai.errors import InputError

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
    from chuhai.enrich.training.datasets import _require

    (datasets / folder).mkdir()
    with pytest.raises(InputError, match="not marked train-ok"):
        _require(datasets, folder)


def test_project_intent_test_set_is_apart_from_its_training_examples() -> None:
    from chuhai.enrich.training.datasets import INTENTS, project_examples

    trained = {" ".join(e.text.split()).casefold() for e in project_examples("intents")}
    test = project_examples("intents_test")
    assert {e.label for e in test} == set(INTENTS)
    assert [e.text for e in test if " ".join(e.text.split()).casefold() in trained] == []
