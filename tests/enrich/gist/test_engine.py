"""The gist of a comment, per language: what is asked or said, with its colours, sizes,
quantities, numbers, places and the catalog product it names, rendered in Chinese."""

from __future__ import annotations

from typing import Any

import pytest

from chuhai.enrich.gist import Gist, GistEngine, gist_sentences, split_sentences
from chuhai.records import Product
from chuhai.records.annotations import (
    Annotations,
    Judgement,
    LanguageJudgement,
    SentimentJudgement,
    ToxicityJudgement,
)

CATALOG = [
    Product(sku="FN-300", markets=["TH", "ID"], names={"en": "Lumio Breeze Neck Fan", "th": "พัดลมคล้องคอ Lumio Breeze", "zh": "Lumio 清风挂脖风扇"}),
    Product(sku="PB-400", markets=["TH", "ID"], names={"en": "Lumio PowerCube Power Bank", "id": "Powerbank Lumio PowerCube", "zh": "Lumio 魔方充电宝"}),
    Product(sku="TS-01", markets=["TH", "ID", "VN"], names={"en": "Lumio Cotton Tee", "th": "เสื้อยืด Lumio", "vi": "Áo thun Lumio"}),
    Product(sku="TS-02", markets=["TH", "ID", "VN"], names={"en": "Lumio Boxy Tee", "vi": "Áo thun boxy Lumio"}),
]  # fmt: skip


@pytest.fixture(scope="module")
def engine() -> GistEngine:
    return GistEngine(CATALOG)


def _check(gist: Gist, expected: dict[str, Any]) -> None:
    for key, value in expected.items():
        got = getattr(gist, key)
        assert (list(got) if isinstance(got, tuple) else got) == value, (key, gist)


# (text, the whole Chinese gist, slots it must carry)
CASES: dict[str, list[tuple[str, str, dict[str, Any]]]] = {
    "th": [
        ("มีสีขาวไหมคะ", "问库存：有白色吗？", {"intent": "stock_question", "colours": ["white"]}),
        ("เอาสีดำไซส์ L 2 ตัวค่ะ", "下单：2件，L码，黑色", {"quantity": 2, "sizes": ["L"]}),
        ("cf สองชิ้น สีชมพู ไซส์เอ็ม", "下单：2件，M码，粉色", {"quantity": 2}),
        ("เอา ๓ ตัว สีกรม XL", "下单：3件，XL码，藏青色", {"quantity": 3, "colours": ["navy"]}),
        ("ได้ของแล้วแตกมา ขอคืนเงินค่ะ", "投诉：收到已损坏，要求退款", {"intent": "complaint_product"}),
        ("ราคาเท่าไหร่คะ 555", "问价格：多少钱？", {"intent": "price_question", "quantity": None}),
        ("ส่งกี่วันถึงกรุงเทพคะ", "问发货：几天到曼谷？", {"place": "曼谷"}),
        ("พัดลมไฟฟ้าสีฟ้าเหลือไหม", "问库存：有浅蓝色Lumio 清风挂脖风扇吗？", {"product": "FN-300"}),
        ("สูง 160 หนัก 50 ใส่ไซส์ไหนคะ", "问规格：身高160，体重50，穿什么尺码？", {"sizes": []}),
        ("เบอร์ 40 มีไหมคะ", "问库存：有40码吗？", {"sizes": ["40"]}),
        ("ดูจากเชียงใหม่ค่ะ", "打招呼：来自清迈", {"intent": "greeting"}),
        ("ยังไม่ได้ของเลย สั่งไป 7 วันแล้ว", "投诉物流：还没收到货（提到：7天）", {}),
        ("ขาวววว 2 ตัวค่า", "下单：2件，白色", {"quantity": 2, "colours": ["white"]}),
        ("ขาว ดำ อย่างละ 2 ตัว", "下单：4件，白色，黑色", {"quantity": 4}),  # 2 of each
    ],
    "id": [
        ("ada warna hitam gak kak", "问库存：有黑色吗？", {"colours": ["black"]}),
        ("ambil 2 pcs ukuran M warna putih", "下单：2件，M码，白色", {"quantity": 2}),
        ("brp hari ke surabaya kak", "问发货：几天到泗水？", {"place": "泗水"}),
        ("mau yg abu2 size XL 3 biji", "下单：3件，XL码，灰色", {"colours": ["grey"]}),
        ("dua yg item satu putih", "下单：3件，黑色，白色", {"quantity": 3}),
        ("hitam putih masing-masing 1", "下单：2件，黑色，白色", {"quantity": 2}),
        (
            "barangnya rusak, minta refund",
            "投诉：收到已损坏，要求退款",
            {"intent": "complaint_product"},
        ),
        ("rp 50.000 bisa kurang?", "问价格：有优惠吗？（提到：5万印尼盾）", {}),
        ("powerbank ready gak?", "问库存：有Lumio 魔方充电宝吗？", {"product": "PB-400"}),
        ("bisa cod?", "问付款：能货到付款吗？", {"intent": "payment"}),
        ("halo kak, salam dari medan", "打招呼：来自棉兰", {"intent": "greeting"}),
    ],
    "vi": [
        ("còn màu đen size M không shop", "问库存：有黑色M码吗？", {"sizes": ["M"]}),
        ("co mau trang ko shop", "问库存：有白色吗？", {"colours": ["white"]}),
        ("chốt 3 cái trắng size S nha", "下单：3件，S码，白色", {"quantity": 3}),
        ("cao 1m60 nặng 50kg mặc size gì", "问规格：身高160厘米，体重50公斤，穿什么尺码？", {}),
        ("ship ra hà nội mấy ngày", "问发货：几天到河内？", {"place": "河内"}),
        ("áo thun lumio giá bao nhiêu", "问价格：T恤多少钱？", {"product": None}),
        ("TS01 còn size L không", "问库存：有L码T恤（TS-01）吗？", {"product": "TS-01"}),
        ("sp bị lỗi không lên nguồn, hoàn tiền giúp em", "投诉：用不了/有故障，要求退款", {}),
    ],
    "en": [
        ("do you have it in white?", "问库存：有白色吗？", {"colours": ["white"]}),
        ("I'll take two black ones, size M", "下单：2件，M码，黑色", {"quantity": 2}),
        ("how long does the battery last?", "问规格：电池能用多久？", {}),
        ("arrived broken, I want a refund", "投诉：收到已损坏，要求退款", {}),
        (
            "how much is the Breeze fan?",
            "问价格：Lumio 清风挂脖风扇多少钱？",
            {"product": "FN-300"},
        ),
    ],
    "ms": [
        ("ada saiz L tak warna hitam", "问库存：有黑色L码吗？", {"sizes": ["L"]}),
        ("nak ambil 2 helai kelabu", "下单：2件，灰色", {"quantity": 2, "colours": ["grey"]}),
        ("caj pos ke sabah berapa", "问发货：能发到沙巴吗？运费多少？", {}),
    ],
    "tl": [
        ("mine po 2 pcs itim", "下单：2件，黑色", {"quantity": 2}),
        ("meron pa po bang puti na medium?", "问库存：有白色M码吗？", {"sizes": ["M"]}),
        ("magkano sf papuntang cebu", "问发货：能发到宿务吗？运费多少？", {}),
    ],
    "es": [("quiero dos negras talla M", "下单：2件，M码，黑色", {"quantity": 2})],
    "pt": [("tem na cor azul marinho tamanho G?", "问库存：有藏青色L码吗？", {"sizes": ["L"]})],
    "ar": [("عندكم اللون الأسود مقاس 40؟", "问库存：有黑色40码吗？", {"sizes": ["40"]})],
}


@pytest.mark.parametrize(
    ("language", "text", "sentence", "slots"),
    [(lang, *case) for lang, cases in CASES.items() for case in cases],
)
def test_gist(
    engine: GistEngine, language: str, text: str, sentence: str, slots: dict[str, Any]
) -> None:
    gist = engine.gist(text)
    assert gist.text == sentence
    assert gist.language in (language, "id" if language == "ms" else language)
    _check(gist, slots)
    assert gist.kind == "gist"


def _annotations(intent: str, language: str) -> Annotations:
    return Annotations(
        language=LanguageJudgement(code=language, confidence=0.9, method="script"),
        sentiment=SentimentJudgement(label="neu", score=0.0, confidence=0.5),
        emotion=Judgement(label="neutral", confidence=0.5),
        intent=Judgement(label=intent, confidence=0.8),
        toxicity=ToxicityJudgement(score=0.0, severity="none"),
        tier="fast",
        model_version="test",
    )


@pytest.mark.parametrize(
    ("text", "intent", "sentence", "understood"),
    [
        # no cue in the text: the enrich stage's intent heads the gist, less surely
        ("ฝากติดตามด้วยนะ", "feedback", "反馈：未能概括（泰语）", False),
        # a cue in the text outranks the enrich stage (its FAQ match said "light colours")
        ("มีสีขาวไหมคะ", "spec_question", "问库存：有白色吗？", True),
    ],
)
def test_the_enrich_stage_fills_in(
    engine: GistEngine, text: str, intent: str, sentence: str, understood: bool
) -> None:
    gist = engine.gist(text, annotations=_annotations(intent, "th"))
    assert gist.text == sentence
    assert gist.understood is understood
    assert gist.confidence < 0.8 if not understood else gist.confidence >= 0.8


def test_nothing_understood_says_so(engine: GistEngine) -> None:
    gist = engine.gist("ฝากติดตามด้วยนะ")
    assert (gist.intent, gist.text) == ("other", "其他：未能概括（泰语）")
    assert gist.confidence <= 0.2


@pytest.mark.parametrize(
    ("text", "pinned", "product"),
    [
        ("áo thun còn size L không", (), None),  # two tees: which one is not guessed
        ("áo thun còn size L không", ("TS-02",), "TS-02"),  # the pinned one settles it
        ("TS02 còn size L không", (), "TS-02"),  # the SKU, hyphen or not
        ("boxy còn không", (), "TS-02"),  # a name word only one product has
        ("lumio còn không", (), None),  # the brand names no single product
    ],
)
def gist_catalog_products(
    engine: GistEngine, text: str, pinned: tuple[str, ...], product: str | None
) -> None:
    assert engine.gist(text, pinned=pinned).product == product


def test_market_sets_the_currency(engine: GistEngine) -> None:
    assert engine.gist("50k ok không", market="VN").numbers == ("5万越南盾",)
    assert engine.gist("50k ok?", market="PH").numbers == ("5万比索",)


def test_gist_of_each_sentence() -> None:
    review = "Kipasnya bagus banget. Tapi baterainya cepat habis!\nMinta tukar baru ya kak"
    assert split_sentences(review) == [
        "Kipasnya bagus banget.",
        "Tapi baterainya cepat habis!",
        "Minta tukar baru ya kak",
    ]
    gists = gist_sentences(review, market="ID")
    assert [g.text for _, g in gists] == [
        "夸赞：很喜欢（提到：风扇）",
        "投诉：电池不耐用/有故障",
        "退换货：要求换货",
    ]


@pytest.mark.parametrize(
    ("text", "live", "review"),
    [
        # in live chat a price named is a price asked; in a review it is something said
        ("ราคาแพงไปหน่อย", "问价格：多少钱？", "反馈：价格"),
        (
            "The shipping took 2 weeks.",
            "问发货：怎么发货？（提到：2周）",
            "反馈：物流（提到：2周）",
        ),
        (
            "แบตหมดเร็วมาก #3",
            "投诉：电池不耐用/有故障",
            "投诉：电池不耐用/有故障",
        ),  # "#3" names, counts nothing
        ("ราคาดีมาก", "夸赞：很喜欢", "夸赞：很喜欢"),
        ("ราคาเท่าไหร่คะ", "问价格：多少钱？", "问价格：多少钱？"),  # a question stays one
    ],
)
def test_review_sentences_state_what_live_chat_asks(
    engine: GistEngine, text: str, live: str, review: str
) -> None:
    assert engine.gist(text).text == live
    assert engine.gist(text, statement=True).text == review


def test_gist_texts_is_a_translator_fallback(engine: GistEngine) -> None:
    """The shape of ``build_translator(gist=...)``: a gist where one was read, else None."""
    assert engine.gist_texts(["มีสีขาวไหมคะ", "ฝากติดตามด้วยนะ"], "th") == ["问库存：有白色吗？", None]
