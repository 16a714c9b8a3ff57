"""The figures ``chuhai eval`` reports, as tables of small cases: label accuracy counts a
``neu`` answer to a pos/neg item wrong, the score's sign does not look at the label, macro-F1,
reliability bins and the expected calibration error."""

from __future__ import annotations

import pytest

from chuhai_tools.metrics import (
    Bin,
    accuracy,
    confident_accuracy,
    expected_calibration_error,
    label_accuracy,
    macro_f1,
    majority,
    majority_polar,
    neutral_share,
    reliability,
    sign_accuracy,
)


@pytest.mark.parametrize(
    ("gold", "labels", "expected"),
    [
        (["pos", "neg"], ["pos", "neg"], 1.0),
        (["pos", "neg"], ["neu", "neu"], 0.0),  # neutral answers to clear items are wrong
        (["pos", "neg", "pos", "neg"], ["pos", "neu", "neg", "neg"], 0.5),
        (["pos", "neu", "neg"], ["pos", "pos", "neg"], 1.0),  # neutral items are not counted
        (["neu", "neu"], ["neu", "pos"], None),  # no pos/neg item: no figure
        ([], [], None),
    ],
)
def test_label_accuracy(gold: list[str], labels: list[str], expected: float | None) -> None:
    assert label_accuracy(gold, labels) == expected


@pytest.mark.parametrize(
    ("gold", "scores", "expected"),
    [
        (["pos", "neg"], [0.4, -0.2], 1.0),
        (["pos", "neg"], [0.01, -0.01], 1.0),  # the sign is enough, however small
        (["pos", "neg"], [-0.3, 0.3], 0.0),
        (["pos", "neg"], [0.0, 0.0], 0.5),  # zero is not positive
        (["pos", "neu", "neg"], [0.5, 0.9, 0.5], 0.5),
        (["neu"], [0.2], None),
    ],
)
def test_sign_accuracy(gold: list[str], scores: list[float], expected: float | None) -> None:
    assert sign_accuracy(gold, scores) == expected


def test_the_label_and_the_sign_tell_different_stories() -> None:
    """The issue's case: clear items labelled neu while the score leans the right way."""
    gold = ["pos", "pos", "neg", "neg"]
    labels = ["pos", "neu", "neu", "neg"]
    scores = [0.8, 0.2, -0.25, -0.9]
    assert sign_accuracy(gold, scores) == 1.0
    assert label_accuracy(gold, labels) == 0.5
    assert neutral_share(gold, labels) == 0.5


@pytest.mark.parametrize(
    ("gold", "labels", "expected"),
    [
        (["pos", "neg", "neu"], ["neu", "neu", "neu"], 1.0),  # neutral items not counted
        (["pos", "neg", "neg"], ["neu", "neg", "neu"], 2 / 3),
        (["pos", "neg", "neu"], ["pos", "neg", "neu"], 0.0),
        (["pos", "neg"], ["neg", "pos"], 0.0),
        (["neu"], ["neu"], None),
    ],
)
def test_neutral_share(gold: list[str], labels: list[str], expected: float | None) -> None:
    assert neutral_share(gold, labels) == expected


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (["a", "b"], ["a", "b"], 1.0),
        (["a", "b"], ["b", "a"], 0.0),
        # a: p=1, r=1/2, F1=2/3; b: p=1/2, r=1, F1=2/3
        (["a", "a", "b"], ["a", "b", "b"], 2 / 3),
        # always "a": a: p=2/3, r=1, F1=0.8; b: 0 -> mean 0.4
        (["a", "a", "b"], ["a", "a", "a"], 0.4),
        # a label only predicted adds no class: c counts as a miss of a
        (["a", "a"], ["a", "c"], 2 / 3),
        ([], [], 0.0),
    ],
)
def test_macro_f1(gold: list[str], predicted: list[str], expected: float) -> None:
    assert macro_f1(gold, predicted) == pytest.approx(expected)


def test_three_class_macro_f1_punishes_neutral_everywhere() -> None:
    gold = ["pos"] * 4 + ["neg"] * 4 + ["neu"] * 2
    assert macro_f1(gold, ["neu"] * 10) == pytest.approx((0 + 0 + 2 * 0.2 * 1 / 1.2) / 3)
    assert macro_f1(gold, gold) == 1.0


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [(["a", "b", "c"], ["a", "b", "x"], 2 / 3), ([], [], 0.0), (["a"], ["b"], 0.0)],
)
def test_accuracy(gold: list[str], predicted: list[str], expected: float) -> None:
    assert accuracy(gold, predicted) == pytest.approx(expected)


@pytest.mark.parametrize("function", [accuracy, macro_f1, label_accuracy, neutral_share])
def test_lengths_must_agree(function: object) -> None:
    with pytest.raises(ValueError, match="gold labels"):
        function(["pos", "neg"], ["pos"])  # type: ignore[operator]


@pytest.mark.parametrize(
    ("gold", "expected"),
    [(["joy", "joy", "fear"], 2 / 3), (["a"], 1.0), ([], 0.0)],
)
def test_majority(gold: list[str], expected: float) -> None:
    assert majority(gold) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("gold", "expected"),
    [(["pos", "neu", "neu", "neg", "neg"], 2 / 3), (["neu"], None)],
)
def test_majority_polar(gold: list[str], expected: float | None) -> None:
    assert majority_polar(gold) == (pytest.approx(expected) if expected else None)


@pytest.mark.parametrize(
    ("confidences", "threshold", "expected"),
    [
        ([0.9, 0.8, 0.3, 0.2], 0.5, (0.5, 0.5)),  # the right 0.9 and the wrong 0.8
        ([0.9, 0.8, 0.3, 0.2], 0.9, (1.0, 0.25)),  # >= counts the threshold itself
        ([0.1, 0.1, 0.1, 0.1], 0.5, (None, 0.0)),
    ],
)
def test_confident_accuracy(
    confidences: list[float], threshold: float, expected: tuple[float | None, float]
) -> None:
    gold = ["joy", "anger", "fear", "joy"]
    predicted = ["joy", "joy", "fear", "sadness"]
    assert confident_accuracy(gold, predicted, confidences, threshold) == expected


def test_reliability_bins_answers_by_confidence() -> None:
    confidences = [0.05, 0.15, 0.15, 0.55, 0.95, 1.0]
    correct = [False, True, False, True, True, False]
    table = reliability(confidences, correct, bins=10)
    assert [(b.lower, b.upper, b.n) for b in table] == [
        (0.0, 0.1, 1),
        (0.1, 0.2, 2),
        (0.5, 0.6, 1),
        (0.9, 1.0, 2),  # 1.0 falls in the last bin
    ]
    assert table[1].accuracy == 0.5
    assert table[1].mean_confidence == pytest.approx(0.15)
    assert table[3].mean_confidence == pytest.approx(0.975)
    assert table[3].gap == pytest.approx(0.475)


@pytest.mark.parametrize(
    ("confidences", "correct", "bins", "expected"),
    [
        ([0.8] * 5, [True, True, True, True, False], 10, 0.0),  # perfectly calibrated
        ([0.9, 0.9], [False, False], 10, 0.9),  # sure and always wrong
        ([0.6, 0.6, 0.9, 0.9], [True, False, True, True], 10, (0.1 + 0.1) / 2),
        ([0.6, 0.9], [True, False], 1, abs(0.75 - 0.5)),  # one bin: |mean conf - accuracy|
        ([], [], 10, 0.0),
    ],
)
def test_expected_calibration_error(
    confidences: list[float], correct: list[bool], bins: int, expected: float
) -> None:
    table = reliability(confidences, correct, bins)
    assert expected_calibration_error(table) == pytest.approx(expected)


def test_ece_weights_bins_by_size() -> None:
    table = [Bin(0.5, 0.6, 3, 0.55, 0.55), Bin(0.9, 1.0, 1, 0.95, 0.55)]
    assert expected_calibration_error(table) == pytest.approx(0.4 / 4)


@pytest.mark.parametrize(
    ("confidences", "correct", "bins", "message"),
    [
        ([0.5], [True, False], 10, "outcomes"),
        ([1.5], [True], 10, "outside"),
        ([0.5], [True], 0, "at least 1"),
    ],
)
def test_reliability_refuses_bad_input(
    confidences: list[float], correct: list[bool], bins: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        reliability(confidences, correct, bins)
