"""The demo brand's product catalog: five SKUs with names and an FAQ in en, id, th, zh.

Lumio is fictional; every text here was written for chuhai (see docs/data-cards/demo.md).
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["BRAND_DOMAIN", "PRICES", "PRODUCTS"]

BRAND_DOMAIN: Final = "lumio.example"

# Unit prices per market in local currency (IDR, THB, USD).
PRICES: Final[dict[str, dict[str, float]]] = {
    "FN-300": {"ID": 149000, "TH": 390, "US": 24.99},
    "LB-100": {"ID": 189000, "TH": 490, "US": 29.99},
    "PB-400": {"ID": 219000, "TH": 550, "US": 32.99},
    "NL-200": {"ID": 99000, "TH": 259, "US": 17.99},
    "MH-600": {"ID": 79000, "US": 14.99},
}


def _faq(*entries: tuple[str, str, str]) -> list[dict[str, str]]:
    return [{"lang": lang, "q": q, "a": a} for lang, q, a in entries]


PRODUCTS: Final[list[dict[str, Any]]] = [
    {
        "sku": "FN-300",
        "category": "personal_cooling",
        "markets": ["US", "ID", "TH"],
        "names": {
            "en": "Lumio Breeze Neck Fan",
            "zh": "Lumio 清风挂脖风扇",
            "id": "Kipas Leher Lumio Breeze",
            "th": "พัดลมคล้องคอ Lumio Breeze",
        },
        "attributes": {"battery_mah": 4000, "speeds": 3, "weight_g": 240},
        "faq": _faq(
            (
                "en",
                "How long does the battery last?",
                "6 hours on the highest speed and up to 12 hours on the lowest.",
            ),
            (
                "en",
                "Is it noisy?",
                "About 30 dB on speed 1 and 42 dB on speed 3, quieter than a desk fan.",
            ),
            (
                "en",
                "How long does it take to charge?",
                "About 3 hours with the USB-C cable in the box.",
            ),
            (
                "id",
                "Baterainya tahan berapa lama?",
                "6 jam di kecepatan tertinggi dan sampai 12 jam di kecepatan terendah.",
            ),
            ("id", "Bisa COD?", "Bisa kak, COD tersedia untuk semua kota di Indonesia."),
            (
                "id",
                "Berapa lama ngecasnya?",
                "Sekitar 3 jam pakai kabel USB-C yang ada di dalam kotak.",
            ),
            ("th", "แบตใช้ได้นานแค่ไหนคะ", "ใช้ได้ 6 ชั่วโมงที่ความแรงสูงสุด และสูงสุด 12 ชั่วโมงที่ความแรงต่ำสุดค่ะ"),
            (
                "th",
                "เสียงดังไหมคะ",
                "ระดับ 1 ประมาณ 30 เดซิเบล ระดับ 3 ประมาณ 42 เดซิเบล เงียบกว่าพัดลมตั้งโต๊ะค่ะ",
            ),
            ("th", "มีเก็บเงินปลายทางไหม", "มีค่ะ เก็บเงินปลายทางได้ทั่วประเทศ"),
            ("zh", "电池能用多久？", "最高档约6小时，最低档可达12小时。"),
            ("zh", "噪音大吗？", "一档约30分贝，三档约42分贝，比台式风扇安静。"),
        ),
    },
    {
        "sku": "LB-100",
        "category": "lighting",
        "markets": ["US", "ID", "TH"],
        "names": {
            "en": "Lumio Aurora Rechargeable Desk Lamp",
            "zh": "Lumio 极光充电台灯",
            "id": "Lampu Meja Aurora Lumio",
            "th": "โคมไฟตั้งโต๊ะชาร์จได้ Lumio Aurora",
        },
        "attributes": {"battery_mah": 2000, "color_modes": 3},
        "faq": _faq(
            (
                "en",
                "Can I use it while it is charging?",
                "Yes, it works normally while plugged in.",
            ),
            (
                "en",
                "How many light colours does it have?",
                "Three: warm, neutral and cool white, each dimmable.",
            ),
            ("id", "Bisa dipakai sambil dicas?", "Bisa kak, tetap menyala normal saat dicas."),
            (
                "id",
                "Ada berapa warna lampu?",
                "Ada 3 warna: warm, netral, dan putih, semuanya bisa diredupkan.",
            ),
            ("th", "ชาร์จไปด้วยใช้ไปด้วยได้ไหมคะ", "ได้ค่ะ ใช้งานได้ตามปกติระหว่างชาร์จ"),
            ("th", "มีแสงกี่สีคะ", "มี 3 แสง วอร์ม ธรรมชาติ และขาว ปรับความสว่างได้ทุกแสงค่ะ"),
            ("zh", "可以边充电边用吗？", "可以，充电时正常使用。"),
            ("zh", "有几种灯光颜色？", "暖光、自然光、白光三种，均可调光。"),
        ),
    },
    {
        "sku": "PB-400",
        "category": "mobile_power",
        "markets": ["US", "ID", "TH"],
        "names": {
            "en": "Lumio PowerCube 10000 mAh Power Bank",
            "zh": "Lumio 魔方10000毫安充电宝",
            "id": "Powerbank Lumio PowerCube 10000mAh",
            "th": "พาวเวอร์แบงก์ Lumio PowerCube 10000mAh",
        },
        "attributes": {"battery_mah": 10000, "max_watts": 20},
        "faq": _faq(
            (
                "en",
                "Can I take it on a plane?",
                "Yes. At 37 Wh it is well under the 100 Wh cabin limit.",
            ),
            ("en", "Does it support fast charging?", "Yes, 20 W USB-C Power Delivery."),
            (
                "id",
                "Boleh dibawa ke pesawat?",
                "Boleh kak, 37 Wh masih di bawah batas 100 Wh untuk kabin.",
            ),
            ("id", "Support fast charging?", "Support kak, USB-C Power Delivery 20 W."),
            ("th", "นำขึ้นเครื่องบินได้ไหมคะ", "ได้ค่ะ ความจุ 37 Wh ต่ำกว่าเกณฑ์ 100 Wh"),
            ("th", "ชาร์จเร็วได้ไหม", "ได้ค่ะ รองรับ USB-C PD 20 วัตต์"),
            ("zh", "可以带上飞机吗？", "可以，37瓦时，低于100瓦时的随身携带限制。"),
        ),
    },
    {
        "sku": "NL-200",
        "category": "lighting",
        "markets": ["US", "ID", "TH"],
        "names": {
            "en": "Lumio Moon Night Light",
            "zh": "Lumio 月球小夜灯",
            "id": "Lampu Tidur Bulan Lumio",
            "th": "ไฟกลางคืนรูปดวงจันทร์ Lumio",
        },
        "attributes": {"timer_minutes": [30, 60]},
        "faq": _faq(
            ("en", "Does it have a timer?", "Yes, 30 or 60 minutes."),
            ("id", "Ada timernya?", "Ada kak, 30 atau 60 menit."),
            ("th", "ตั้งเวลาปิดได้ไหมคะ", "ได้ค่ะ 30 หรือ 60 นาที"),
            ("zh", "有定时功能吗？", "有，30分钟或60分钟。"),
        ),
    },
    {
        "sku": "MH-600",
        "category": "phone_accessories",
        "markets": ["US", "ID"],
        "names": {
            "en": "Lumio Grip Magnetic Phone Holder",
            "zh": "Lumio 磁吸手机支架",
            "id": "Holder HP Magnetik Lumio Grip",
        },
        "attributes": {"magnet": "N52"},
        "faq": _faq(
            (
                "en",
                "Does it work with a phone case?",
                "Yes, with cases up to 3 mm thick or any MagSafe case.",
            ),
            (
                "id",
                "Bisa dipakai dengan casing?",
                "Bisa kak, casing sampai 3 mm atau casing MagSafe.",
            ),
            ("zh", "带手机壳能用吗？", "可以，兼容3毫米以内的手机壳或MagSafe手机壳。"),
        ),
    },
]
