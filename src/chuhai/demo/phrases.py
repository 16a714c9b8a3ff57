"""Text material for the demo sample, written for chuhai in English, Indonesian, Thai and Chinese.

Reviews are assembled from aspect phrases (positive / negative) so that sentiment, aspects and
star ratings agree with each other, the way real reviews mostly do.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ASPECTS_BY_CATEGORY",
    "CLOSERS",
    "EMOJI",
    "LIVE_CHAT",
    "REVIEW_PHRASES",
    "SURVEY_ANSWERS",
    "USER_TEST_NOTES",
]

# aspect -> language -> (positive phrases, negative phrases)
REVIEW_PHRASES: Final[dict[str, dict[str, tuple[list[str], list[str]]]]] = {
    "quality": {
        "en": (
            [
                "Feels really solid and well made.",
                "Build quality is great for the price.",
                "Sturdy, no rattles, nice finish.",
            ],
            [
                "The plastic feels cheap and the clip broke after a week.",
                "Mine arrived with a crack in the housing.",
                "Stopped working after 10 days.",
            ],
        ),
        "id": (
            [
                "Barangnya bagus, bahannya kokoh.",
                "Kualitas oke banget untuk harga segini.",
                "Rapi, nggak ada yang longgar.",
            ],
            [
                "Bahannya tipis, jepitnya patah seminggu dipakai.",
                "Barang datang sudah retak.",
                "Baru 10 hari sudah mati total.",
            ],
        ),
        "th": (
            ["ของดีมาก วัสดุแข็งแรง", "คุณภาพดีเกินราคา", "งานเนียน ประกอบมาดีมาก"],
            ["วัสดุดูบอบบาง คลิปหักหลังใช้ได้อาทิตย์เดียว", "ของมาถึงมีรอยร้าว", "ใช้ได้สิบวันก็เสียแล้ว"],
        ),
    },
    "battery": {
        "en": (
            [
                "Battery easily lasts a full workday.",
                "Charges fast with USB-C.",
                "Still at half charge after a whole afternoon.",
            ],
            [
                "Battery dies after two hours on high.",
                "Stopped holding a charge after a month.",
                "Takes forever to charge.",
            ],
        ),
        "id": (
            [
                "Baterainya awet, seharian masih nyala.",
                "Ngecasnya cepat pakai USB-C.",
                "Dipakai dari siang sampai sore baterai masih setengah.",
            ],
            [
                "Baterai cepat habis, dua jam sudah mati.",
                "Baru sebulan sudah nggak bisa dicas.",
                "Ngecasnya lama banget.",
            ],
        ),
        "th": (
            ["แบตอึดมาก ใช้ได้ทั้งวัน", "ชาร์จเร็วด้วย USB-C", "ใช้ทั้งบ่ายแบตยังเหลือครึ่ง"],
            ["แบตหมดเร็วมาก ใช้ได้แค่สองชั่วโมง", "ใช้ไปเดือนเดียวชาร์จไม่เข้าแล้ว", "ชาร์จนานมาก"],
        ),
    },
    "shipping": {
        "en": (
            ["Arrived two days early.", "Fast shipping and well packed."],
            ["Took almost three weeks to arrive.", "Tracking didn't update for 10 days."],
        ),
        "id": (
            ["Pengiriman cepat, dua hari sampai.", "Packing rapi, aman sampai tujuan."],
            [
                "Pengirimannya lama banget, hampir dua minggu.",
                "Resi nggak update 10 hari, kurirnya lambat.",
            ],
        ),
        "th": (
            ["ส่งไวมาก สองวันได้ของ", "แพ็คมาดี ของไม่เสียหาย"],
            ["ส่งช้ามาก รอเกือบสองอาทิตย์", "เลขพัสดุไม่อัปเดตเลยสิบวัน"],
        ),
    },
    "price": {
        "en": (
            ["Great value for the money.", "Cheaper than the big brands and just as good."],
            ["Overpriced for what you get."],
        ),
        "id": (
            ["Harga murah tapi kualitas nggak murahan.", "Worth it banget sama harganya."],
            ["Kemahalan untuk kualitas segini."],
        ),
        "th": (["ราคาคุ้มค่ามาก", "ถูกกว่ายี่ห้อดังแต่ดีไม่แพ้กัน"], ["แพงไปสำหรับคุณภาพแบบนี้"]),
    },
    "packaging": {
        "en": (["Nice gift box packaging."], ["Box was crushed when it arrived."]),
        "id": (["Kemasannya cantik, cocok buat kado."], ["Kardusnya penyok waktu sampai."]),
        "th": (["กล่องสวย เหมาะเป็นของขวัญ"], ["กล่องบุบมาเลย"]),
    },
    "service": {
        "en": (
            ["Customer service replaced mine without any hassle."],
            ["Emailed support twice and got no answer."],
        ),
        "id": (["Seller ramah dan fast respon."], ["Chat ke seller nggak dibalas-balas."]),
        "th": (["แม่ค้าตอบไวและใจดีมาก"], ["ทักแชทไปไม่มีใครตอบเลย"]),
    },
    "noise": {
        "en": (["Super quiet even on the highest setting."], ["Way too loud on level 3."]),
        "id": (["Kipasnya adem dan nggak berisik."], ["Suaranya berisik kalau di level 3."]),
        "th": (["ลมแรงแต่เสียงเงียบมาก"], ["เสียงดังมากตอนเปิดระดับสาม"]),
    },
    "brightness": {
        "en": (
            ["Bright light, and the warm mode is easy on the eyes."],
            ["Flickers at the lowest brightness."],
        ),
        "id": (
            ["Lampunya terang, mode warm enak buat baca."],
            ["Lampunya kedip-kedip di mode redup."],
        ),
        "th": (["ไฟสว่างดี โหมดแสงวอร์มถนอมสายตา"], ["ไฟกะพริบตอนหรี่แสงสุด"]),
    },
    "fit": {
        "en": (
            [
                "Light and comfortable around the neck.",
                "Holds my phone firmly, even with the case on.",
            ],
            ["Too heavy to wear for long.", "The magnet is too weak with my case."],
        ),
        "id": (
            [
                "Ringan dan nyaman dipakai di leher.",
                "Magnetnya kuat, HP nempel walau pakai casing.",
            ],
            ["Terlalu berat kalau dipakai lama.", "Magnetnya lemah kalau pakai casing."],
        ),
        "th": (
            ["เบาและใส่สบายคอ", "แม่เหล็กแน่นมาก ใส่เคสก็ยังติด"],
            ["หนักไปหน่อยถ้าใส่นานๆ", "แม่เหล็กไม่แน่นถ้าใส่เคส"],
        ),
    },
}

ASPECTS_BY_CATEGORY: Final[dict[str, list[str]]] = {
    "personal_cooling": [
        "quality",
        "battery",
        "noise",
        "fit",
        "shipping",
        "price",
        "packaging",
        "service",
    ],
    "lighting": ["quality", "battery", "brightness", "shipping", "price", "packaging", "service"],
    "mobile_power": ["quality", "battery", "shipping", "price", "packaging", "service"],
    "phone_accessories": ["quality", "fit", "shipping", "price", "packaging", "service"],
}

CLOSERS: Final[dict[str, tuple[list[str], list[str]]]] = {
    "en": (
        ["Would buy again.", "Highly recommend!", "My kids love it."],
        ["Disappointed.", "Would not recommend."],
    ),
    "id": (
        ["Mantap, bakal order lagi.", "Recommended seller!", "Makasih kak!", "Sesuai deskripsi."],
        ["Kecewa berat.", "Nggak recommended."],
    ),
    "th": (["จะกลับมาซื้ออีกแน่นอน", "แนะนำเลยค่ะ", "ขอบคุณร้านค้านะคะ"], ["ผิดหวังมาก", "ไม่แนะนำค่ะ"]),
}

EMOJI: Final = (["👍", "😍", "🔥", "🥰", "💯"], ["😡", "😭", "👎", "😤"])

# Live chat: kind -> language -> lines. Kinds follow the live-commerce intents.
LIVE_CHAT: Final[dict[str, dict[str, list[str]]]] = {
    "greeting": {
        "id": ["halo kak", "hai kak, baru join", "malam kak 🙏", "salam dari Surabaya"],
        "th": ["สวัสดีค่ะ", "มาแล้วค่ะแม่ค้า", "หวัดดีจ้า", "ดูจากเชียงใหม่ค่ะ"],
        "en": ["hi from Texas!", "hello 👋", "just joined"],
    },
    "price": {
        "id": ["berapa harganya kak?", "harga kipas berapa?", "ada promo nggak kak?", "brp kak"],
        "th": ["ราคาเท่าไหร่คะ", "พัดลมราคาเท่าไหร่", "มีโปรไหมคะ", "กี่บาทคะ"],
        "en": ["how much is the fan?", "price?", "is there a discount code?"],
    },
    "shipping": {
        "id": ["bisa COD kak?", "kirim ke Medan berapa hari?", "ongkirnya gratis?"],
        "th": ["มีเก็บเงินปลายทางไหมคะ", "ส่งกี่วันถึงคะ", "ส่งฟรีไหม"],
        "en": ["do you ship to Alaska?", "how long is shipping?"],
    },
    "spec": {
        "id": [
            "baterainya tahan berapa jam?",
            "berisik nggak kak?",
            "bisa sambil dicas?",
            "boleh dibawa ke pesawat?",
        ],
        "th": ["แบตใช้ได้กี่ชั่วโมงคะ", "เสียงดังไหมคะ", "ชาร์จไปด้วยใช้ไปด้วยได้ไหม", "เอาขึ้นเครื่องบินได้ไหมคะ"],
        "en": [
            "how long does the battery last?",
            "is it loud?",
            "can I take the power bank on a plane?",
        ],
    },
    "stock": {
        "id": ["warna putih ada kak?", "masih ready stok?", "yang pink habis ya?"],
        "th": ["มีสีขาวไหมคะ", "ของพร้อมส่งไหม", "สีชมพูหมดหรือยังคะ"],
        "en": ["is the white one in stock?", "sold out already?"],
    },
    "purchase": {
        "id": ["mau 1 kak", "checkout 2 ya", "udah co kak!", "aku ambil yang biru"],
        "th": ["CF 1 ชิ้นค่ะ", "เอา 2 ค่ะ", "กดสั่งแล้วค่ะ", "รับสีฟ้า 1"],
        "en": ["just ordered one!", "added to cart", "I'll take two"],
    },
    "praise": {
        "id": ["bagus banget kak 😍", "keren!", "kipasnya lucu 🥰"],
        "th": ["สวยมาก 😍", "น่ารักมากค่ะ", "ของดีจริง ใช้อยู่ค่ะ"],
        "en": ["love it 😍", "so cute!", "I have one, it's great"],
    },
    "complaint": {
        "id": [
            "pesanan minggu lalu belum sampai kak",
            "kipas saya mati setelah seminggu",
            "kok chat nggak dibalas",
        ],
        "th": ["ของที่สั่งรอบก่อนยังไม่ได้เลย", "พัดลมที่ซื้อไปเสียแล้วค่ะ", "ทักแชทไม่มีคนตอบ"],
        "en": ["my order from last week never arrived", "mine broke after a week"],
    },
    "chitchat": {
        "id": ["🔥🔥🔥", "wkwk", "❤️❤️", "lanjut kak"],
        "th": ["55555", "🔥🔥🔥", "❤️❤️", "ไลฟ์สนุกมาก"],
        "en": ["lol", "🔥🔥", "❤️"],
    },
    # viewers who post their contact details: the privacy stage redacts them before storage
    "contact": {
        "id": [
            "wa aku 0812-3456-7890 ya kak",
            "kak chat aku di 081298765432",
            "nama saya Dewi Lestari, kirim ke Jl. Melati No. 7",
        ],
        "th": ["โทรหาหนูได้ที่ 081 234 5678 ค่ะ", "ชื่อ สมศรี ค่ะ เบอร์ 089-765-4321", "ไลน์ 0812345678 นะคะ"],
        "en": [
            "text me at (415) 555-0132",
            "my email is sam.rivera@example.com, dm me",
            "I'm Jordan Lee, call 212-555-0175",
        ],
    },
    "spam": {
        "id": ["follow balik ya kak", "cek toko aku juga ya"],
        "th": ["ฟอลกลับด้วยนะ", "แวะดูร้านเราด้วยค่ะ"],
        "en": ["follow me for free gift cards", "check my page"],
    },
}

# Post-purchase survey: language -> (liked most, to improve)
SURVEY_ANSWERS: Final[dict[str, tuple[list[str], list[str]]]] = {
    "en": (
        ["The battery life.", "How quiet it is.", "Easy to carry.", "The design looks premium."],
        ["Faster shipping.", "Include a carrying pouch.", "Clearer instructions.", ""],
    ),
    "id": (
        ["Baterainya awet.", "Nggak berisik.", "Ringan dibawa ke mana-mana.", "Desainnya cakep."],
        ["Pengiriman lebih cepat.", "Tambahin tas kecil.", "Manual pakai bahasa Indonesia.", ""],
    ),
    "th": (
        ["แบตใช้ได้นาน", "เสียงเงียบ", "พกพาง่าย", "ดีไซน์สวย"],
        ["ส่งให้เร็วกว่านี้", "แถมถุงผ้าใส่", "คู่มือภาษาไทย", ""],
    ),
}

# Notes written in Chinese by the (fictional) Shenzhen product team during user tests abroad.
USER_TEST_NOTES: Final[list[tuple[str, str, str]]] = [
    ("开箱", "参与者找不到风扇的开关，按了三次才开机。", "high"),
    ("开箱", "说明书只有中英文，泰国参与者看不懂。", "medium"),
    ("佩戴", "佩戴20分钟后说脖子有点累，觉得风扇偏重。", "medium"),
    ("佩戴", "长发参与者说头发被卷进风扇一次。", "high"),
    ("充电", "参与者以为充电灯变绿是没电了，其实是充满。", "low"),
    ("充电", "没有附带充电头，参与者问是否可以用手机充电器。", "low"),
    ("使用", "三档风力很受欢迎，但参与者觉得三档噪音偏大。", "medium"),
    ("使用", "台灯暖光模式获得好评，称适合夜间阅读。", "low"),
    ("使用", "最低亮度下台灯轻微闪烁，参与者拍视频时明显。", "high"),
    ("购买", "参与者表示如果直播间有优惠券会马上下单。", "low"),
    ("购买", "价格对比后认为比本地品牌便宜，但担心售后。", "medium"),
    ("售后", "参与者问保修期多长，页面上没有写清楚。", "medium"),
]
