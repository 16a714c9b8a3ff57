"""Words on screen: every tag, market, filter and audit event has a Chinese and an English
label (no key with underscores reaches a page), and the language is chosen once."""

from __future__ import annotations

import re

import pytest

from chuhai.live.labels import EMOTION_ZH, INTENT_ZH
from chuhai.records import Channel
from chuhai.web.i18n import Translator, pick_lang
from chuhai.web.labels import ASPECT, AUDIT_EVENT, FILTER

ZH, EN = Translator("zh", {"th": ("TH",), "eu": ("DE", "FR")}), Translator("en")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("kind", "keys"),
    [("intent", list(INTENT_ZH)), ("emotion", list(EMOTION_ZH)), ("aspect", list(ASPECT)),
     ("channel", [c.value for c in Channel]), ("sentiment", ["pos", "neu", "neg"]),
     ("event", list(AUDIT_EVENT))],
)  # fmt: skip
def test_every_tag_has_words_in_both_languages(kind: str, keys: list[str]) -> None:
    for key in keys:
        zh, en = getattr(ZH, kind)(key), getattr(EN, kind)(key)
        assert CJK.search(zh), (kind, key, zh)
        assert "_" not in en and en != "—", (kind, key, en)


@pytest.mark.parametrize(
    ("call", "zh", "en"),
    [
        (lambda t: t.intent("complaint_product"), "投诉商品", "product complaint"),
        (lambda t: t.channel("user_test"), "用户测试", "user test"),
        (lambda t: t.aspect("size_fit"), "尺寸/合身", "size and fit"),
        (lambda t: t.intent("a_new_intent"), "a new intent", "a new intent"),
        (lambda t: t.market("TH"), "泰国", "TH"),
        (lambda t: t.markets(["TH", "ID"]), "泰国、印度尼西亚", "TH, ID"),
        (lambda t: t.lift(2.72), "2.7 倍", "2.7×"),
        (lambda t: t.lift(None), "新出现", "new"),
        (lambda t: t.significance(0.0023), "很显著", "strong"),
        (lambda t: t.chip("aspect", "battery"), "方面：电池续航", "aspect: battery"),
        (lambda t: t.chip("market", "TH"), "市场：泰国", "market: TH"),
        (lambda t: t.chip("sentiment", "neg"), "情感：负面", "sentiment: negative"),
        (lambda t: t.dimension("intent", "complaint_product"), "意图：投诉商品",
         "intent: product complaint"),
        (lambda t: t.dimension("theme", "t-1"), "主题：未命名主题", "theme: unnamed theme"),
        (lambda t: t.mechanism("scc"), "标准合同条款（SCC）", "standard contractual clauses (SCC)"),
        (lambda t: t.role("hq"), "总部", "headquarters"),
    ],
)  # fmt: skip
def test_labels(call: object, zh: str, en: str) -> None:
    assert call(ZH) == zh  # type: ignore[operator]
    assert call(EN) == en  # type: ignore[operator]


def test_a_zone_is_named_by_its_countries_in_chinese() -> None:
    assert ZH.zone("eu") == "数据存放地：德国、法国"
    assert EN.zone("eu") == "zone eu"
    assert ZH.refusal("no transfer basis recorded for DE -> CN", "eu", "CN") == (
        "未登记从德国、法国到中国的数据出境依据"
    )


def test_every_filter_chip_is_in_words() -> None:
    for key in FILTER:
        zh, en = ZH.chip(key, "x"), EN.chip(key, "x")
        assert CJK.search(zh) and zh.endswith("：x"), zh
        assert "_" not in en and en.endswith(": x"), en


@pytest.mark.parametrize(
    ("query", "cookie", "chosen"),
    [(None, None, "zh"), ("en", None, "en"), (None, "en", "en"), ("zh", "en", "zh"),
     ("xx", "en", "en"), ("xx", "yy", "zh")],
)  # fmt: skip
def test_the_url_wins_then_the_remembered_choice(
    query: str | None, cookie: str | None, chosen: str
) -> None:
    assert pick_lang(query, cookie) == chosen
