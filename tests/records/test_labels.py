"""The bottom layer's tag tables agree with each other: every question intent and every
intent or emotion in Chinese is a tag the model gives, and the languages are named in Chinese."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from chuhai.records.labels import (
    EMOTION,
    EMOTION_ZH,
    INTENT,
    INTENT_ZH,
    LANGUAGE_ZH,
    QUESTION_INTENTS,
)


@pytest.mark.parametrize(
    ("keys", "known"),
    [
        (QUESTION_INTENTS, INTENT),
        (INTENT_ZH, INTENT),
        (EMOTION_ZH, EMOTION),
    ],
    ids=["question intents", "intents in Chinese", "emotions in Chinese"],
)
def test_keys_are_known_tags(keys: Iterable[str], known: dict[str, tuple[str, str]]) -> None:
    assert set(keys) <= set(known)


@pytest.mark.parametrize(
    ("intent", "asks"),
    [("price_question", True), ("refund_return", True), ("praise", False), ("greeting", False)],
)
def test_question_intents(intent: str, asks: bool) -> None:
    assert (intent in QUESTION_INTENTS) is asks


@pytest.mark.parametrize(("code", "zh"), [("en", "英语"), ("th", "泰语"), ("und", "未识别")])
def test_languages_in_chinese(code: str, zh: str) -> None:
    assert LANGUAGE_ZH[code] == zh
