"""Reply drafts for the host's question queue: each says what it rests on and what it says in
Chinese, and none makes up a figure.

What a draft rests on, in order:

* price and stock questions: the catalog's fact (``Product.attributes``: ``price``,
  ``price_<market>``, ``stock``, ``in_stock``... a number, a string or a per-market table);
  without one, the FAQ answer the copilot found; without that, a draft that sends the viewer
  to the shop and a flag "目录中没有价格信息" (never a price the catalog does not have);
* other questions: the FAQ entry the copilot matched (product SKU and the FAQ question);
* nothing: a holding reply, flagged for the host to answer.

The Chinese back-translation is the FAQ's Chinese twin, the template's Chinese, a provider's
translation the copilot already made (the translator's cache: the hub never waits on a
provider), or, when there is none, a line that says so in Chinese rather than a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from chuhai.enrich.translation import GlossaryTranslator
from chuhai.live.labels import DRAFT_FLAGS, DRAFT_TEMPLATES
from chuhai.markets import market_info
from chuhai.records import Product

__all__ = ["DraftMaker", "catalog_fact"]

FACT_KEYS = {"price": ("price",), "stock": ("stock", "in_stock")}
FACT_INTENTS = {"price_question": "price", "stock_question": "stock"}


def catalog_fact(product: Product, kind: str, market: str) -> Any:
    """The catalog's price or stock of ``product`` in ``market`` (None: the catalog has none).
    ``price_th`` beats ``price``; a table by market gives the market's entry."""
    attributes = product.attributes
    for key in FACT_KEYS[kind]:
        for name in (f"{key}_{market.lower()}", key):
            value = attributes.get(name)
            if isinstance(value, dict):
                value = value.get(market)
            if value is None or value == "" or isinstance(value, list | dict):
                continue
            if kind == "price" and isinstance(value, int | float) and not isinstance(value, bool):
                currency = attributes.get(f"currency_{market.lower()}") or attributes.get(
                    "currency"
                )
                if isinstance(currency, dict):
                    currency = currency.get(market)
                return f"{currency} {value:g}" if isinstance(currency, str) else f"{value:g}"
            return value
    return None


class DraftMaker:
    def __init__(
        self, products: Sequence[Product], translator: GlossaryTranslator | None = None
    ) -> None:
        self.products = {p.sku: p for p in products}
        self.translator = translator

    def draft(
        self, question: Mapping[str, Any], market: str, pinned: Sequence[str] = ()
    ) -> dict[str, Any]:
        """The draft for one question of the room's queue (as :meth:`RoomState.snapshot`
        lists them: text, intent, language, the copilot's ``answer``, the ``skus`` named),
        with its flag said in Chinese and English (``flag_zh``, ``flag_en``)."""
        draft = self._draft(question, market, pinned)
        zh, en = DRAFT_FLAGS.get(draft["flag"] or "", (None, None))
        return {**draft, "flag_zh": zh, "flag_en": en}

    def _draft(
        self, question: Mapping[str, Any], market: str, pinned: Sequence[str]
    ) -> dict[str, Any]:
        language = str(question.get("language") or "und")
        if language == "und":
            language = market_info(market).languages[0] if market else "en"
        answer = question.get("answer") or None
        product = self._product(question, answer, market, pinned)
        kind = FACT_INTENTS.get(str(question.get("intent") or ""))
        if kind is not None and product is not None:
            value = catalog_fact(product, kind, market)
            if value is not None:
                return self._fact(kind, value, product, language)
        if answer is not None and answer.get("source") == "faq":
            return self._faq(answer, language)
        if kind is not None:
            draft = self._template(f"{kind}_unknown", language, product, None)
            return draft | {"source": "unknown", "flag": f"{kind}_unknown"}
        draft = self._template("holding", language, product, None)
        return draft | {"source": "none", "flag": "no_answer"}

    def _product(
        self,
        question: Mapping[str, Any],
        answer: Mapping[str, Any] | None,
        market: str,
        pinned: Sequence[str],
    ) -> Product | None:
        """The product asked about: one the viewer named, the FAQ entry's, the one on screen."""
        named = [str(s) for s in question.get("skus") or ()]
        faq = [str(answer["sku"])] if answer and answer.get("sku") else []
        for sku in [*named, *faq, *pinned]:
            product = self.products.get(sku)
            if product is not None and (not market or market in product.markets):
                return product
        return None

    def _fact(self, kind: str, value: Any, product: Product, language: str) -> dict[str, Any]:
        key = "price"
        if kind == "stock":
            key = "stock_count"
            if isinstance(value, bool):
                key = "stock_in" if value else "stock_out"
            elif isinstance(value, int | float) and value <= 0:
                key = "stock_out"
        shown = (
            value if isinstance(value, str) else f"{value:g}" if not isinstance(value, bool) else ""
        )
        draft = self._template(key, language, product, shown)
        return draft | {"source": "fact", "sku": product.sku, "fact": kind, "value": str(value)}

    def _template(
        self, key: str, language: str, product: Product | None, value: str | None
    ) -> dict[str, Any]:
        templates = DRAFT_TEMPLATES[key]
        used = language if language in templates else "en"

        def fill(lang: str) -> str:
            name = product.name(lang) if product is not None else ""
            return templates[lang].format(name=name, value=value or "")

        return {
            "text": fill(used),
            "language": used,
            "sku": product.sku if product is not None else None,
            "text_zh": fill("zh"),
            "text_zh_kind": "original" if used == "zh" else "template",
            "flag": None,
        }

    def _faq(self, answer: Mapping[str, Any], language: str) -> dict[str, Any]:
        text, used = str(answer.get("text") or ""), str(answer.get("language") or language)
        chinese, kind = answer.get("answer_zh"), answer.get("answer_zh_kind")
        if used == "zh":
            chinese, kind = text, "original"
        elif not chinese and self.translator is not None:
            # what the copilot's provider already translated; the hub never waits on one
            chinese = self.translator.lookup([text], "zh", used)[0]
            kind = "translation" if chinese else None
        return {
            "text": text,
            "language": used,
            "source": "faq",
            "sku": answer.get("sku"),
            "question": answer.get("question"),
            "question_zh": answer.get("question_zh"),
            "text_zh": chinese or None,
            "text_zh_kind": kind if chinese else "none",
            "flag": None if chinese else "no_translation",
        }
