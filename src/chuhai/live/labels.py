"""Chinese labels for the operator, short reply templates in the viewers' languages for
comments the knowledge base does not answer (greetings, orders), and the templates of the
host's reply drafts: a catalog fact (price, stock) said plainly, or, where the catalog has no
such fact, a draft that says so and sends the viewer to the shop (never a made-up figure)."""

from __future__ import annotations

from typing import Final

from chuhai.records.labels import EMOTION_ZH, INTENT_ZH, LANGUAGE_ZH

__all__ = [
    "DRAFT_FLAGS",
    "DRAFT_TEMPLATES",
    "EMOTION_ZH",
    "INTENT_ZH",
    "LANGUAGE_ZH",
    "REPLY_TEMPLATES",
]

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

# {name}: the product's name in the draft's language; {value}: the catalog's figure as written.
DRAFT_TEMPLATES: Final[dict[str, dict[str, str]]] = {
    "price": {
        "en": "{name} is {value}, tap the basket to order 🛒",
        "id": "{name} harganya {value} kak, klik keranjang kuning ya 🛒",
        "th": "{name} ราคา {value} ค่ะ กดตะกร้าได้เลยค่ะ 🛒",
        "vi": "{name} giá {value} nhé, bấm giỏ hàng để đặt 🛒",
        "zh": "{name}的价格是{value}，点小黄车下单 🛒",
        "es": "{name} cuesta {value}, toca la canasta para pedir 🛒",
        "ms": "{name} berharga {value}, tekan bakul untuk beli 🛒",
        "tl": "Ang {name} ay {value} po, i-tap ang basket 🛒",
        "pt": "{name} custa {value}, toque na cesta para comprar 🛒",
    },
    "stock_count": {
        "en": "{name}: {value} left in stock 📦", "id": "{name} stoknya tinggal {value} kak 📦",
        "th": "{name} เหลือ {value} ชิ้นค่ะ 📦", "vi": "{name} còn {value} sản phẩm nhé 📦",
        "zh": "{name}还剩{value}件库存 📦", "es": "{name}: quedan {value} en stock 📦",
        "ms": "{name}: tinggal {value} dalam stok 📦",
        "tl": "{name}: {value} na lang po ang stock 📦",
        "pt": "{name}: restam {value} em estoque 📦",
    },
    "stock_in": {
        "en": "{name} is in stock 📦", "id": "{name} ready stok kak 📦", "th": "{name} มีของค่ะ 📦",
        "vi": "{name} còn hàng nhé 📦", "zh": "{name}有货 📦", "es": "{name} está disponible 📦",
        "ms": "{name} ada stok 📦", "tl": "May stock po ang {name} 📦",
        "pt": "{name} está em estoque 📦",
    },
    "stock_out": {
        "en": "{name} is sold out for now 🙏", "id": "{name} lagi habis kak 🙏",
        "th": "{name} หมดชั่วคราวค่ะ 🙏", "vi": "{name} tạm hết hàng nhé 🙏",
        "zh": "{name}暂时售罄 🙏",
        "es": "{name} está agotado por ahora 🙏", "ms": "{name} habis buat masa ini 🙏",
        "tl": "Sold out po muna ang {name} 🙏", "pt": "{name} está esgotado no momento 🙏",
    },
    "price_unknown": {
        "en": "The current price is shown in the shop, tap the basket to see it 🛒",
        "id": "Harga terbaru ada di keranjang kuning ya kak, cek di sana 🛒",
        "th": "ราคาล่าสุดดูได้ในตะกร้าเลยค่ะ 🛒", "vi": "Giá mới nhất bạn xem trong giỏ hàng nhé 🛒",
        "zh": "最新价格请看小黄车里的标价 🛒",
        "es": "El precio actual aparece en la tienda, toca la canasta 🛒",
        "ms": "Harga terkini ada dalam bakul, sila semak ya 🛒",
        "tl": "Makikita po ang presyo sa basket, i-tap lang 🛒",
        "pt": "O preço atual aparece na loja, toque na cesta 🛒",
    },
    "stock_unknown": {
        "en": "Stock changes fast, please check the shop listing to see what is available 🛒",
        "id": "Stok cepat berubah kak, cek langsung di keranjang kuning ya 🛒",
        "th": "สต็อกเปลี่ยนเร็วมากค่ะ เช็กในตะกร้าได้เลยค่ะ 🛒",
        "vi": "Tồn kho thay đổi nhanh, bạn xem trong giỏ hàng nhé 🛒",
        "zh": "库存变化很快，请在小黄车里查看是否有货 🛒",
        "es": "El stock cambia rápido, revisa la tienda para ver la disponibilidad 🛒",
        "ms": "Stok cepat berubah, sila semak dalam bakul ya 🛒",
        "tl": "Mabilis magbago ang stock po, tingnan sa basket 🛒",
        "pt": "O estoque muda rápido, confira na loja 🛒",
    },
    "holding": {
        "en": "Good question! Let me check and answer you in a moment 🙏",
        "id": "Pertanyaan bagus kak! Aku cek dulu ya, sebentar 🙏",
        "th": "คำถามดีมากค่ะ ขอเช็กแป๊บนึงนะคะ 🙏",
        "vi": "Câu hỏi hay quá! Mình kiểm tra rồi trả lời bạn ngay nhé 🙏",
        "zh": "好问题！我确认一下马上回复你 🙏",
        "es": "¡Buena pregunta! Lo reviso y te respondo enseguida 🙏",
        "ms": "Soalan yang bagus! Saya semak dulu ya 🙏",
        "tl": "Magandang tanong po! Titingnan ko lang saglit 🙏",
        "pt": "Boa pergunta! Vou verificar e já te respondo 🙏",
    },
}  # fmt: skip
# What the host must know about a draft before using it: [zh, en].
DRAFT_FLAGS: Final[dict[str, tuple[str, str]]] = {
    "price_unknown": ("目录中没有价格信息", "no price in the catalog"),
    "stock_unknown": ("目录中没有库存信息", "no stock figure in the catalog"),
    "no_answer": (
        "知识库里没有答案：请主播确认后自己回答",
        "no answer in the knowledge base: answer it yourself",
    ),
    "no_translation": (
        "无法离线翻译：没有中文版本，也没有配置翻译服务（不猜测意思）",
        "no offline translation: no Chinese version and no translation provider (not guessed)",
    ),
}  # fmt: skip
