"""Reply drafts for the host's queue: each names what it rests on (an FAQ entry, a catalog
fact), says in Chinese what it says, and never gives a price or a stock figure the catalog
does not have."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pytest

from chuhai.enrich.translation import GlossaryTranslator, Translator
from chuhai.live.drafts import DraftMaker, catalog_fact
from chuhai.records import Product
from tests.live.conftest import PRODUCTS

PRICED = Product(
    sku="PB-200", markets=["ID", "TH"], names={"en": "Power Bank", "zh": "充电宝", "id": "Powerbank"},
    attributes={"price": {"ID": "Rp 149.000"}, "price_th": 390, "currency_th": "฿", "stock": 12},
)  # fmt: skip
SOLD_OUT = Product(sku="SO-1", markets=["ID"], names={"en": "Fan"}, attributes={"in_stock": False})
SHOP = [*PRODUCTS, PRICED, SOLD_OUT]
FAQ_ANSWER: dict[str, Any] = {
    "text": "Sampai 12 jam di kecepatan terendah, kak.", "language": "id", "source": "faq",
    "sku": "FN-300", "question": "Baterainya tahan berapa lama?", "score": 0.93,
    "answer_zh": "最低档可用12小时。", "answer_zh_kind": "faq",
}  # fmt: skip


def q(intent: str, language: str = "id", answer: Any = None, skus: Sequence[str] = ()) -> Any:
    return {"text": "?", "intent": intent, "language": language, "answer": answer, "skus": skus}


@pytest.mark.parametrize(
    ("question", "market", "pinned", "expected"),
    [
        # the FAQ entry the copilot matched: its product and question, its Chinese twin
        (q("spec_question", answer=FAQ_ANSWER), "ID", [],
         {"source": "faq", "sku": "FN-300", "question": "Baterainya tahan berapa lama?",
          "text": FAQ_ANSWER["text"], "text_zh": "最低档可用12小时。", "text_zh_kind": "faq",
          "flag": None}),
        # a price the catalog has, for the market, for the product on screen
        (q("price_question"), "ID", ["PB-200"],
         {"source": "fact", "sku": "PB-200", "fact": "price", "value": "Rp 149.000",
          "text": "Powerbank harganya Rp 149.000 kak, klik keranjang kuning ya 🛒",
          "text_zh": "充电宝的价格是Rp 149.000，点小黄车下单 🛒", "flag": None}),
        # the market's own price key and currency; the product the viewer named beats the pin
        (q("price_question", "th", skus=["PB-200"]), "TH", ["FN-300"],
         {"source": "fact", "sku": "PB-200", "value": "฿ 390", "language": "th"}),
        # the catalog's price beats an FAQ answer
        (q("price_question", answer=FAQ_ANSWER | {"sku": "PB-200"}), "ID", [],
         {"source": "fact", "value": "Rp 149.000"}),
        # no price in the catalog: the shop's price, never a figure; flagged in Chinese
        (q("price_question"), "ID", ["FN-300"],
         {"source": "unknown", "flag": "price_unknown", "flag_zh": "目录中没有价格信息",
          "text": "Harga terbaru ada di keranjang kuning ya kak, cek di sana 🛒",
          "text_zh": "最新价格请看小黄车里的标价 🛒", "text_zh_kind": "template"}),
        (q("price_question"), "ID", [],
         {"source": "unknown", "flag": "price_unknown", "sku": None}),
        (q("stock_question", "en"), "ID", ["PB-200"],
         {"source": "fact", "text": "Power Bank: 12 left in stock 📦", "text_zh": "充电宝还剩12件库存 📦"}),
        (q("stock_question", "en"), "ID", ["SO-1"],
         {"source": "fact", "text": "Fan is sold out for now 🙏", "value": "False"}),
        (q("stock_question", "en"), "ID", ["LB-100"],
         {"source": "unknown", "flag": "stock_unknown", "flag_zh": "目录中没有库存信息"}),
        # nothing to rest on: a holding reply, the host answers
        (q("shipping_question", "vi"), "ID", [],
         {"source": "none", "flag": "no_answer", "language": "vi",
          "text_zh": "好问题！我确认一下马上回复你 🙏"}),
        # a language without templates gets English; an unknown one the market's
        (q("shipping_question", "ar"), "ID", [], {"language": "en"}),
        (q("shipping_question", "und"), "TH", [], {"language": "th"}),
    ],
)  # fmt: skip
def test_drafts_rest_on_the_faq_or_the_catalog(
    question: Any, market: str, pinned: list[str], expected: dict[str, Any]
) -> None:
    draft = DraftMaker(SHOP).draft(question, market, pinned)
    assert {k: draft.get(k) for k in expected} == expected
    assert draft["text_zh"]  # every template and FAQ entry here has its Chinese


@pytest.mark.parametrize("intent", ["price_question", "stock_question"])
@pytest.mark.parametrize("language", ["en", "id", "th", "vi", "zh", "es", "ms", "tl", "pt"])
def test_no_figure_without_a_catalog_fact(intent: str, language: str) -> None:
    draft = DraftMaker(PRODUCTS).draft(q(intent, language), "ID", ["FN-300"])
    assert draft["source"] == "unknown"
    assert not re.search(r"\d", draft["text"] + draft["text_zh"])  # no price, no count


class _Chinese(Translator):
    name = "fake"

    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]:
        return [f"【中】{t}" for t in texts]


def test_a_draft_without_chinese_says_so_or_uses_the_copilots_translation() -> None:
    answer = FAQ_ANSWER | {"answer_zh": None, "answer_zh_kind": None}
    bare = DraftMaker(SHOP).draft(q("spec_question", answer=answer), "ID", [])
    assert (bare["text_zh"], bare["text_zh_kind"], bare["flag"]) == (None, "none", "no_translation")
    assert bare["flag_zh"].startswith("无法离线翻译")
    translator = GlossaryTranslator(_Chinese())
    maker = DraftMaker(SHOP, translator)
    assert maker.draft(q("spec_question", answer=answer), "ID", [])["text_zh"] is None
    translator.translate([answer["text"]], "zh", "id")  # what the copilot translated back
    done = maker.draft(q("spec_question", answer=answer), "ID", [])
    assert (done["text_zh"], done["text_zh_kind"], done["flag"]) == (
        f"【中】{answer['text']}", "translation", None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("attributes", "kind", "market", "value"),
    [
        ({"price": 9.5, "currency": "USD"}, "price", "US", "USD 9.5"),
        ({"price": {"TH": "฿390"}}, "price", "ID", None),
        ({"price": ""}, "price", "ID", None),
        ({"price": [1, 2]}, "price", "ID", None),
        ({"stock_id": 3, "stock": 9}, "stock", "ID", 3),
        ({"in_stock": True}, "stock", "ID", True),
        ({"battery_mah": 2000}, "price", "ID", None),
    ],
)
def test_catalog_facts(attributes: dict[str, Any], kind: str, market: str, value: Any) -> None:
    product = Product(sku="X-1", markets=["ID", "US"], names={"en": "X"}, attributes=attributes)
    assert catalog_fact(product, kind, market) == value
