"""The copilot page's labels: every code the copilot sends has a Chinese and an English
label without underscores, every market's time zone a city, every moderation reason its
Chinese."""

from __future__ import annotations

from typing import get_args

import pytest

from chuhai.enrich.toxicity import Severity
from chuhai.live.display import page_labels, reason_zh
from chuhai.live.labels import EMOTION_ZH, INTENT_ZH, LANGUAGE_ZH
from chuhai.markets import MARKET_INFO


@pytest.mark.parametrize(
    ("table", "codes"),
    [("intent", INTENT_ZH), ("emotion", EMOTION_ZH), ("language", LANGUAGE_ZH),
     ("toxicity", {s: "" for s in get_args(Severity) if s != "none"})],
)  # fmt: skip
def test_every_code_has_two_readable_labels(table: str, codes: dict[str, str]) -> None:
    labels = page_labels()[table]
    for code in codes:
        zh, en = labels[code]
        assert zh and en and "_" not in zh + en, code
        assert not zh.isascii(), code


def test_every_market_zone_has_a_city() -> None:
    cities = page_labels()["city"]
    assert {m.timezone for m in MARKET_INFO.values()} <= set(cities)


@pytest.mark.parametrize(
    ("why", "zh"),
    [
        ("flood: too many comments from one viewer", "刷屏：同一观众评论过多"),
        ("strong language: penipu, anjing", "严重辱骂：penipu, anjing"),
        ("mild language: bodoh", "轻度粗口：bodoh"),
        ("contact details posted in the chat", "在评论区留了联系方式"),
        ("spam or off-topic", "广告或无关内容"),
        ("something new", "已按直播间规则处理"),
    ],
)
def test_moderation_reasons_in_chinese(why: str, zh: str) -> None:
    assert reason_zh(why) == zh
