"""What the model's tags (intents, emotions, aspects, channels, sentiment) and alert
dimensions are called in Chinese and English. Pure data at the bottom layer, so the web pages,
reports and the CLI's tables all name a tag the same way and no internal key
(``complaint_product``, ``user_test``) reaches an operator."""

from __future__ import annotations

from typing import Final, Literal

__all__ = [
    "ASPECT",
    "CHANNEL",
    "DIMENSION",
    "EMOTION",
    "EMOTION_ZH",
    "INTENT",
    "INTENT_ZH",
    "LANGUAGE_ZH",
    "QUESTION_INTENTS",
    "SENTIMENT",
    "Pair",
    "label",
]

Pair = tuple[str, str]  # (zh, en)

INTENT_ZH: Final = {
    "greeting": "打招呼/闲聊", "price_question": "问价格", "shipping_question": "问物流",
    "order_status": "查订单", "spec_question": "问规格", "stock_question": "问库存",
    "purchase_intent": "想购买", "order_change": "改/取消订单", "payment": "支付问题",
    "refund_return": "退换货", "complaint_product": "投诉商品", "complaint_delivery": "投诉物流",
    "complaint_service": "投诉服务", "praise": "夸赞", "account": "账号问题",
    "contact_agent": "找客服", "feedback": "建议", "spam_offtopic": "广告/无关",
}  # fmt: skip
EMOTION_ZH: Final = {
    "anger": "愤怒", "anticipation": "期待", "disgust": "反感", "fear": "担心", "joy": "开心",
    "sadness": "失望", "surprise": "惊讶", "trust": "信任", "neutral": "平静",
}  # fmt: skip
LANGUAGE_ZH: Final = {
    "en": "英语", "id": "印尼语", "ms": "马来语", "th": "泰语", "vi": "越南语", "tl": "他加禄语",
    "es": "西班牙语", "pt": "葡萄牙语", "ar": "阿拉伯语", "zh": "中文", "und": "未识别",
}  # fmt: skip
# Intents that ask the host or the shop something (the live question queue, theme names).
QUESTION_INTENTS: Final = frozenset(
    {
        "price_question",
        "shipping_question",
        "spec_question",
        "stock_question",
        "order_status",
        "payment",
        "refund_return",
        "account",
        "contact_agent",
    }
)
ASPECT: Final[dict[str, Pair]] = {
    "quality": ("质量", "quality"),
    "price": ("价格", "price"),
    "shipping": ("物流", "shipping"),
    "packaging": ("包装", "packaging"),
    "service": ("服务", "service"),
    "battery": ("电池续航", "battery"),
    "noise": ("噪音", "noise"),
    "performance": ("性能", "performance"),
    "size_fit": ("尺寸/合身", "size and fit"),
    "appearance": ("外观", "appearance"),
    "usability": ("易用性", "ease of use"),
    "authenticity": ("正品/真伪", "authenticity"),
}
_INTENT_EN: Final = {
    "greeting": "greeting / chat", "price_question": "price question",
    "shipping_question": "shipping question", "order_status": "order status",
    "spec_question": "spec question", "stock_question": "stock question",
    "purchase_intent": "wants to buy", "order_change": "order change", "payment": "payment",
    "refund_return": "refund or return", "complaint_product": "product complaint",
    "complaint_delivery": "delivery complaint", "complaint_service": "service complaint",
    "praise": "praise", "account": "account", "contact_agent": "asks for an agent",
    "feedback": "feedback", "spam_offtopic": "spam / off-topic",
}  # fmt: skip
INTENT: Final[dict[str, Pair]] = {k: (INTENT_ZH[k], en) for k, en in _INTENT_EN.items()}
EMOTION: Final[dict[str, Pair]] = {k: (zh, k) for k, zh in EMOTION_ZH.items()}
CHANNEL: Final[dict[str, Pair]] = {
    "review": ("商品评价", "review"),
    "email": ("邮件", "e-mail"),
    "call": ("电话", "call"),
    "survey": ("问卷", "survey"),
    "user_test": ("用户测试", "user test"),
    "live_comment": ("直播评论", "live comment"),
}
SENTIMENT: Final[dict[str, Pair]] = {
    "pos": ("正面", "positive"),
    "neu": ("中性", "neutral"),
    "neg": ("负面", "negative"),
}
# What a week-over-week alert counts (voc.trends.Alert.dimension).
DIMENSION: Final[dict[str, Pair]] = {
    "aspect_negative": ("负面提及", "negative mentions of"),
    "intent": ("意图", "intent"),
    "theme": ("主题", "theme"),
    "negative": ("负面声音", "negative voices"),
}


def label(table: dict[str, Pair], key: str | None, lang: Literal["zh", "en"]) -> str:
    """The word for ``key`` in ``lang``; a key the table does not know is shown as it is."""
    if not key:
        return "—"
    pair = table.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]
