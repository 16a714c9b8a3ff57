"""What drafts rest on: the catalog and its FAQ, the customer's order, what VOC says.

Read from the zone stores (``load_context``) or handed in (tests, the API's own stores).
A draft names each of these as a source; a fact that is not here is never written.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from chuhai.assist.models import DraftSource, Evidence
from chuhai.errors import AccessError, ResidencyError
from chuhai.records import KnowledgeEntry, Order, Product
from chuhai.settings import Settings
from chuhai.store import ZoneRouter
from chuhai.voc.scope import Scope
from chuhai.voc.service import VocService

__all__ = [
    "Context",
    "catalog_sources",
    "evidence_from_voc",
    "faq_for",
    "load_context",
    "order_source",
]

log = logging.getLogger(__name__)
_SCALAR = (str, int, float)


@dataclass
class Context:
    products: dict[str, Product] = field(default_factory=dict)
    orders: dict[str, Order] = field(default_factory=dict)

    def product(self, sku: str | None) -> Product | None:
        return self.products.get(sku) if sku else None


def load_context(
    settings: Settings, market: str, *, order_id: str | None = None, sku: str | None = None
) -> Context:
    """The catalog (one copy per SKU) and, when asked, the order, from the market's zone."""
    found = Context()
    with ZoneRouter(settings) as router:
        zones = [z for z in router.zones if router.exists(z)]
        for zone in zones:
            for product in router.store(zone).products():
                if sku is None or product.sku == sku:
                    found.products.setdefault(product.sku, product)
        if order_id:
            zone = settings.zone_of(market)
            for name in [zone] if zone in zones else []:  # an order stays in its zone
                for order in router.store(name).orders():
                    if order.id == order_id and order.market == market:
                        found.orders[order.id] = order
    return found


def _grams(text: str) -> set[str]:
    folded = " ".join(text.lower().split())
    return {folded[i : i + 3] for i in range(max(len(folded) - 2, 1))}


def faq_for(
    product: Product, language: str, text: str = "", limit: int = 3
) -> list[KnowledgeEntry]:
    """The FAQ entries of ``product`` in ``language`` (else English), those closest to
    ``text`` first (character trigrams: no model needed)."""
    entries = [e for e in product.knowledge if e.language == language]
    if not entries:
        entries = [e for e in product.knowledge if e.language == "en"]
    if text:
        wanted = _grams(text)

        def score(entry: KnowledgeEntry) -> float:
            grams = _grams(entry.question + " " + entry.answer)
            return len(wanted & grams) / (len(wanted | grams) or 1)

        entries.sort(key=score, reverse=True)
    return entries[:limit]


def faq_zh(product: Product, entry: KnowledgeEntry) -> KnowledgeEntry | None:
    """The Chinese entry at the same place in the FAQ (FAQs are written in parallel)."""
    same = [e for e in product.knowledge if e.language == entry.language]
    chinese = [e for e in product.knowledge if e.language == "zh"]
    index = same.index(entry) if entry in same else -1
    return chinese[index] if 0 <= index < len(chinese) and len(chinese) == len(same) else None


def catalog_sources(product: Product, language: str) -> list[DraftSource]:
    """The product's name and its plain attributes (a table per market is left out)."""
    out = [DraftSource(kind="catalog", ref=f"{product.sku}.name", text=product.name(language))]
    for key, value in product.attributes.items():
        if isinstance(value, _SCALAR) and not isinstance(value, bool) and str(value).strip():
            out.append(DraftSource(kind="catalog", ref=f"{product.sku}.{key}", text=str(value)))
    return out


def order_source(order: Order) -> DraftSource:
    facts = (
        f"order {order.id}: {order.quantity} x {order.sku}, {order.unit_price:g} "
        f"{order.currency} each, ordered {order.time.date().isoformat()}"
    )
    return DraftSource(kind="order", ref=order.id, text=facts)


def evidence_from_voc(
    voc: VocService, market: str, sku: str, *, period: str | None = None, quotes: int = 5
) -> Evidence:
    """Aspects customers of ``market`` named negatively for ``sku`` and a few negative quotes
    (read through the residency guard: none where the reader may not read the zone)."""
    scope = Scope.build(market=market, sku=sku, period=period)
    summary = voc.summary(scope, purpose="factory message evidence")
    evidence = Evidence(market=market, sku=sku, period=period)
    if summary is None or summary.hidden:
        return evidence
    evidence.voices = summary.total.voices
    evidence.negative = summary.total.neg
    aspects: list[dict[str, int | str]] = [
        {"aspect": str(a["aspect"]), "neg": int(a["neg"]), "total": int(a["total"])}
        for a in summary.aspects
        if int(a.get("neg") or 0) > 0
    ]
    evidence.aspects = aspects[:6]
    try:
        found = voc.quotes(scope.narrowed(sentiment="neg"), limit=quotes, purpose="factory message")
    except (ResidencyError, AccessError) as exc:
        log.info("no quotes for the factory message: %s", exc)
        found = []
    evidence.quotes = [
        {"id": q.id, "language": q.language, "text": q.text[:300], "gist_zh": q.gist_zh}
        for q in found
    ]
    return evidence


def evidence_sources(evidence: Evidence) -> list[DraftSource]:
    out = [
        DraftSource(
            kind="voc",
            ref=f"{evidence.market}/{evidence.sku}",
            text=f"{evidence.voices} voices, {evidence.negative} negative"
            + (f" ({evidence.period})" if evidence.period else ""),
        )
    ]
    for aspect in evidence.aspects:
        out.append(
            DraftSource(
                kind="voc",
                ref=f"{evidence.market}/{evidence.sku}/{aspect['aspect']}",
                text=f"{aspect['aspect']}: {aspect['neg']} negative of {aspect['total']}",
            )
        )
    for quote in evidence.quotes:
        out.append(DraftSource(kind="quote", ref=str(quote.get("id")), text=str(quote.get("text"))))
    return out


def chosen_skus(products: Sequence[Product], market: str) -> list[str]:
    return [p.sku for p in products if market in p.markets]
