"""Chinese labels for the operator, and short reply templates in the viewers' languages for
comments the knowledge base does not answer (greetings, orders)."""

from __future__ import annotations

from typing import Final

from chuhai.records.labels import EMOTION_ZH, INTENT_ZH

__all__ = ["EMOTION_ZH", "INTENT_ZH", "LANGUAGE_ZH", "REPLY_TEMPLATES"]

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
