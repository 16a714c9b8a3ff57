"""Recommended actions read whole in the operator's language: every alert dimension, the worst
and best aspects, questions and low ratings, in Chinese and in English, with the evidence;
no tag key, market code or English word in the Chinese, no snake_case in the English."""

from __future__ import annotations

import re
from typing import Any

import pytest

from chuhai.voc.actions import Action, recommend
from chuhai.voc.measures import Breakdown, Row, Summary
from chuhai.voc.scope import Scope
from chuhai.voc.trends import Alert
from chuhai.web.i18n import Translator

ZH, EN = Translator("zh"), Translator("en")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")


def _summary(**overrides: Any) -> Summary:
    intents = [Row("complaint_product", 40, None), Row("price_question", 30, None),
               Row("praise", 30, None)]  # fmt: skip
    stars = [Row("1", 20, None), Row("2", 10, None), Row("5", 20, None)]
    values: dict[str, Any] = {
        "zone": "th",
        "scope": Scope.build(market="TH"),
        "total": Row("all", 100, 60, pos=30, neu=10, neg=60),
        "breakdowns": {"intent": Breakdown(intents), "stars": Breakdown(stars)},
        "aspects": [
            {"aspect": "size_fit", "pos": 2, "neu": 0, "neg": 20, "net_sentiment": -81.8},
            {"aspect": "price", "pos": 25, "neu": 0, "neg": 3, "net_sentiment": 78.6},
        ],
        "aspects_suppressed": 0,
        "themes": Breakdown(),
        "min_people": 10,
    }
    return Summary(**(values | overrides))


def _alert(dimension: str, key: str, lift: float | None, label: str = "") -> Alert:
    return Alert(id="a", zone="th", market="TH", week="2026-W48", dimension=dimension,  # type: ignore[arg-type]
                 key=key, direction="up", severity="warning", count=62, people=50, voices=75,
                 share=0.83, baseline_count=7, baseline_voices=23, baseline_share=0.3,
                 lift=lift, p_value=0.001, q_value=0.0025, label=label)  # fmt: skip


@pytest.mark.parametrize(
    ("alert", "zh", "en"),
    [
        (_alert("negative", "all", 2.72), "泰国：负面声音明显上升（2.7 倍）",
         "TH: negative voices up 2.7×"),
        (_alert("intent", "complaint_product", 2.81), "泰国：投诉商品明显上升（2.8 倍）",
         "TH: “product complaint” voices up 2.8×"),
        (_alert("aspect_negative", "battery", 7.67), "泰国：电池续航的负面提及明显上升（7.7 倍）",
         "TH: complaints about battery up 7.7×"),
        (_alert("theme", "t1", None, "ชาร์จไม่เข้า"), "泰国：主题「ชาร์จไม่เข้า」此前没有，本周新出现",
         "TH: the theme “ชาร์จไม่เข้า” new this week"),
    ],
)  # fmt: skip
def test_an_alert_becomes_a_sentence(alert: Alert, zh: str, en: str) -> None:
    (action, *_) = recommend(_summary(), [alert], ZH, EN)
    assert action.zh.startswith(zh) and action.en.startswith(en)
    assert action.proof("zh") == (
        "泰国 2026-W48：75 条声音中 62 条（此前 23 条中 7 条），统计上显著"
    )
    assert action.proof("en") == "TH 2026-W48: 62 of 75 voices (before 7 of 23), q=0.0025"


def _words(action: Action) -> list[str]:
    """English or key-like words left in the Chinese of an action (theme names aside)."""
    chinese = f"{action.zh} {action.proof('zh')}".replace("2026-W48", "")
    return LATIN_WORD.findall(chinese)


def test_every_action_is_whole_chinese_and_english_without_keys() -> None:
    alerts = [_alert("negative", "all", 2.72), _alert("intent", "complaint_product", 2.8),
              _alert("aspect_negative", "size_fit", None)]  # fmt: skip
    actions = recommend(_summary(), alerts, ZH, EN, limit=20)
    kinds = {a.evidence.split(":")[0].split(" ")[0] for a in actions}
    assert {"TH", "aspects", "questions", "ratings"} <= kinds  # alerts, aspects, questions, stars
    for action in actions:
        assert not _words(action), (action.zh, action.proof("zh"))
        english = f"{action.en} {action.proof('en')}"
        assert not SNAKE.search(english), english
    assert any("尺寸/合身的负面提及此前没有" in a.zh for a in actions)
    assert any(a.proof("zh") == "评分分布：5★ 20 · 4★ 0 · 3★ 0 · 2★ 10 · 1★ 20" for a in actions)
    assert any(a.en.startswith("TH: customers praise price most") for a in actions)


def test_a_scope_of_every_market_says_so() -> None:
    actions = recommend(_summary(scope=Scope()), [], ZH, EN)
    assert actions and all(a.zh.startswith("全部市场：") for a in actions)
    assert all(a.en.startswith("all markets: ") for a in actions)
