"""What the copilot page shows the operator for each code it receives: a label in Chinese and
in English for every intent, emotion, language and toxicity level, the moderation reasons in
Chinese, and the cities that name the markets' time zones. The page gets these tables with
its HTML (:func:`page_labels`), so no raw code reaches the screen in either language."""

from __future__ import annotations

import re
from typing import Any, Final

from chuhai.live.labels import EMOTION_ZH, INTENT_ZH, LANGUAGE_ZH
from chuhai.markets import MARKET_INFO

__all__ = ["INTENT_EN", "OPERATOR_TIMEZONE", "page_labels", "reason_zh"]

INTENT_EN: Final = {
    "greeting": "greeting / chat", "price_question": "asks the price",
    "shipping_question": "asks about shipping", "order_status": "order status",
    "spec_question": "asks about specs", "stock_question": "asks about stock",
    "purchase_intent": "wants to buy", "order_change": "change / cancel order",
    "payment": "payment", "refund_return": "refund / return",
    "complaint_product": "product complaint", "complaint_delivery": "delivery complaint",
    "complaint_service": "service complaint", "praise": "praise", "account": "account",
    "contact_agent": "wants an agent", "feedback": "suggestion",
    "spam_offtopic": "spam / off-topic",
}  # fmt: skip
EMOTION_EN: Final = {
    "anger": "angry", "anticipation": "expectant", "disgust": "disgusted", "fear": "worried",
    "joy": "happy", "sadness": "disappointed", "surprise": "surprised", "trust": "trusting",
    "neutral": "calm",
}  # fmt: skip
LANGUAGE_EN: Final = {
    "en": "English", "id": "Indonesian", "ms": "Malay", "th": "Thai", "vi": "Vietnamese",
    "tl": "Tagalog", "es": "Spanish", "pt": "Portuguese", "ar": "Arabic", "zh": "Chinese",
    "und": "unknown language",
}  # fmt: skip
TOXICITY: Final = {"mild": ("轻度粗口", "mild language"), "strong": ("严重辱骂", "abuse")}
# The operator works on Beijing time unless the page is told otherwise (?tz=).
OPERATOR_TIMEZONE: Final = "Asia/Shanghai"
CITY: Final = {
    "Asia/Shanghai": ("北京", "Beijing"), "Asia/Bangkok": ("曼谷", "Bangkok"),
    "Asia/Jakarta": ("雅加达", "Jakarta"), "Asia/Ho_Chi_Minh": ("胡志明市", "Ho Chi Minh City"),
    "Asia/Kuala_Lumpur": ("吉隆坡", "Kuala Lumpur"), "Asia/Manila": ("马尼拉", "Manila"),
    "Asia/Singapore": ("新加坡", "Singapore"), "America/New_York": ("纽约", "New York"),
    "Europe/London": ("伦敦", "London"), "Europe/Berlin": ("柏林", "Berlin"),
    "Europe/Paris": ("巴黎", "Paris"), "Europe/Madrid": ("马德里", "Madrid"),
    "Europe/Rome": ("罗马", "Rome"), "Europe/Dublin": ("都柏林", "Dublin"),
    "America/Sao_Paulo": ("圣保罗", "São Paulo"),
    "America/Mexico_City": ("墨西哥城", "Mexico City"),
    "Asia/Riyadh": ("利雅得", "Riyadh"), "Asia/Dubai": ("迪拜", "Dubai"), "UTC": ("UTC", "UTC"),
}  # fmt: skip

# The copilot's moderation reasons (English, in the API) and their Chinese; the terms after
# the colon are the viewer's words and stay as written.
_REASONS: Final = (
    (re.compile(r"^flood\b"), "刷屏：同一观众评论过多"),
    (re.compile(r"^strong language: ?(.*)$"), "严重辱骂：{0}"),
    (re.compile(r"^mild language: ?(.*)$"), "轻度粗口：{0}"),
    (re.compile(r"^contact details"), "在评论区留了联系方式"),
    (re.compile(r"^spam or off-topic"), "广告或无关内容"),
)


def reason_zh(why: str) -> str:
    """The Chinese of a moderation reason ("strong language: x" -> "严重辱骂：x")."""
    for pattern, zh in _REASONS:
        match = pattern.match(why)
        if match:
            return zh.format(*match.groups())
    return "已按直播间规则处理"


def page_labels() -> dict[str, Any]:
    """Every label the page needs, as ``{table: {code: [zh, en]}}``."""

    def pair(zh: dict[str, str], en: dict[str, str]) -> dict[str, list[str]]:
        return {code: [zh.get(code, en[code]), en[code]] for code in en}

    return {
        "intent": pair(INTENT_ZH, INTENT_EN),
        "emotion": pair(EMOTION_ZH, EMOTION_EN),
        "language": pair(LANGUAGE_ZH, LANGUAGE_EN),
        "toxicity": {k: list(v) for k, v in TOXICITY.items()},
        "city": {k: list(v) for k, v in CITY.items()},
        "market": {code: [m.name_zh, m.name_en] for code, m in MARKET_INFO.items()},
        "operator_timezone": OPERATOR_TIMEZONE,
    }
