"""Chinese labels for the operator, and short reply templates in the viewers' languages for
comments the knowledge base does not answer (greetings, orders)."""

from __future__ import annotations

from typing import Final

__all__ = ["EMOTION_ZH", "INTENT_ZH", "LANGUAGE_ZH", "REPLY_TEMPLATES"]

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
# Written for chuhai; a host edits them before the live (they are suggestions).
REPLY_TEMPLATES: Final[dict[str, dict[str, str]]] = {
    "greeting": {
        "en": "Welcome to the live! 👋", "id": "Selamat datang kak! 👋",
        "th": "ยินดีต้อนรับค่ะ 👋", "vi": "Chào mừng bạn đến với live nha! 👋",
        "zh": "欢迎来到直播间！👋", "es": "¡Bienvenido al live! 👋", "ms": "Selamat datang! 👋",
        "tl": "Welcome po sa live! 👋", "pt": "Bem-vindo à live! 👋",
    },
    "purchase_intent": {
        "en": "Thank you! Tap the basket below to check out 🛒",
        "id": "Terima kasih kak! Klik keranjang kuning ya 🛒",
        "th": "ขอบคุณค่ะ กดตะกร้าด้านล่างได้เลยค่ะ 🛒",
        "vi": "Cảm ơn bạn! Bấm giỏ hàng bên dưới để đặt nhé 🛒",
        "zh": "谢谢支持！点击下方小黄车下单 🛒", "es": "¡Gracias! Toca la canasta para comprar 🛒",
        "ms": "Terima kasih! Tekan bakul di bawah 🛒", "tl": "Salamat po! I-tap ang basket 🛒",
        "pt": "Obrigado! Toque na cesta para comprar 🛒",
    },
}  # fmt: skip
