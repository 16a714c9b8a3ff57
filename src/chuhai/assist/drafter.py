"""The drafting assistants: listing copy and live scripts from a Chinese brief, replies to
reviews and e-mails, messages to factories, written by the configured model and checked.

Every draft passes the market's claim checker and the brand's glossary before it is shown.
A draft with blocking findings goes back to the model with them (why, safer wording), at
most ``rounds`` times; what still fails is shown with its findings, status ``needs_review``.
Without a model (or when it fails) the draft is an offline template from the knowledge
base, marked as such. Drafts are text for a person: nothing here sends anything.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from chuhai.assist.check import DraftChecker
from chuhai.assist.grounding import (
    Context,
    catalog_sources,
    evidence_sources,
    faq_for,
    order_source,
)
from chuhai.assist.models import (
    OFFLINE_NOTE,
    OFFLINE_NOTE_EN,
    Attempt,
    CopyRequest,
    Draft,
    DraftFinding,
    DraftSource,
    FactoryRequest,
    ReplyRequest,
)
from chuhai.assist.provider import ChatModel, Message, parse_json
from chuhai.assist.templates import copy_template, factory_template, reply_template
from chuhai.glossary import Glossary
from chuhai.markets import market_info
from chuhai.records import Product

__all__ = ["Drafter", "rewrite_prompt"]

log = logging.getLogger(__name__)

LANGUAGE = {
    "zh": "Simplified Chinese", "en": "English", "id": "Indonesian", "ms": "Malay", "th": "Thai",
    "vi": "Vietnamese", "tl": "Tagalog", "es": "Spanish", "pt": "Portuguese", "ar": "Arabic",
    "de": "German", "fr": "French", "it": "Italian", "ja": "Japanese", "ko": "Korean",
}  # fmt: skip
_TASK = {
    "title": "a product listing title (one line, at most 120 characters)",
    "description": "a product listing description (a short paragraph and a few bullet lines)",
    "script": "a live-stream host script (short spoken lines, one per line)",
    "review": "a public reply to a customer's product review",
    "email": "a reply to a customer's e-mail",
}
_RULES = (
    "Use only the facts given (brief, product information, FAQ, order). Never invent prices, "
    "discounts, stock, deadlines, certificates, awards, health or safety effects, guarantees "
    "or refunds. No superlatives such as 'best' or 'cheapest', no countdowns, no 'free' "
    "unless the facts say so. Never ask the customer to contact you outside the platform "
    "(no WhatsApp, LINE, phone or e-mail addresses)."
)
_ANSWER = (
    'Answer with a JSON object only: {"text": "<the draft in LANGUAGE>", '
    '"zh": "<a faithful Simplified Chinese back-translation of text>"}.'
)


def rewrite_prompt(findings: list[DraftFinding]) -> str:
    """What the model is told when its draft was flagged: each finding, why, safer wording."""
    lines = ["The claim checker and the brand glossary flagged your draft:"]
    for n, f in enumerate(findings, 1):
        safer = f" Safer: {f.suggestion}" if f.suggestion else ""
        quoted = f' "{f.text}"' if f.text else ""
        lines.append(f"{n}. [{f.rule}]{quoted}: {f.why}{safer}")
    lines.append(
        "Rewrite the draft so that none of these remains, keeping the facts and the glossary. "
        "Answer with the same JSON object."
    )
    return "\n".join(lines)


class Drafter:
    """Drafts for one market and brand: ``copy``, ``reply``, ``factory``."""

    def __init__(
        self,
        glossary: Glossary,
        model: ChatModel | None = None,
        context: Context | None = None,
        *,
        rounds: int = 2,
        category: str | None = None,
    ) -> None:
        self.glossary = glossary
        self.model = model
        self.context = context or Context()
        self.rounds = rounds
        self.category = category

    def _language(self, market: str, language: str | None) -> str:
        return language or market_info(market).languages[0]

    # -- (a) listing copy and live scripts -------------------------------------------------

    def copy(self, request: CopyRequest) -> Draft:
        language = self._language(request.market, request.language)
        product = self.context.product(request.sku)
        sources = [DraftSource(kind="brief", ref="brief", text=request.brief)]
        facts: dict[str, Any] = {"brief_zh": request.brief}
        if product is not None:
            sources += catalog_sources(product, language)
            entries = faq_for(product, language, request.brief, limit=5)
            sources += [
                DraftSource(kind="faq", ref=f"{product.sku}: {e.question}", text=e.answer)
                for e in entries
            ]
            facts["product"] = _product_facts(product, language)
            facts["faq"] = [{"q": e.question, "a": e.answer} for e in entries]
        channel = "script" if request.task == "script" else "copy"
        system = self._system(
            f"You write {_TASK[request.task]} for a brand selling through live commerce in "
            f"{market_info(request.market).name_en}, in {LANGUAGE.get(language, language)}, "
            "adapted to the market (not a word-for-word translation), from a brief in Chinese.",
            language,
            channel,
        )
        category = request.category or (product.category if product else None) or self.category

        def offline() -> tuple[str, str, str]:
            return copy_template(product, request.task, language, self.glossary, request.brief)

        return self._draft(
            "copy", request.task, request.market, language, channel, system, facts, sources,
            offline, source=request.brief, category=category,
        )  # fmt: skip

    # -- (b) replies to reviews and e-mails --------------------------------------------------

    def reply(self, request: ReplyRequest) -> Draft:
        language = self._language(request.market, request.language)
        product = self.context.product(request.sku)
        order = self.context.orders.get(request.order_id) if request.order_id else None
        sources = [DraftSource(kind="customer", ref=request.channel, text=request.text)]
        facts: dict[str, Any] = {"customer_wrote": request.text, "rating": request.rating}
        if product is not None:
            sources += catalog_sources(product, language)
            entries = faq_for(product, language, request.text, limit=3)
            sources += [
                DraftSource(kind="faq", ref=f"{product.sku}: {e.question}", text=e.answer)
                for e in entries
            ]
            facts["product"] = _product_facts(product, language)
            facts["faq"] = [{"q": e.question, "a": e.answer} for e in entries]
        if order is not None:
            sources.append(order_source(order))
            facts["order"] = order_source(order).text
        elif request.order_id:
            facts["order"] = f"order {request.order_id}: not found in the store; say nothing of it"
        channel = "email" if request.channel == "email" else "reply"
        system = self._system(
            f"You draft {_TASK[request.channel]} for a brand in "
            f"{market_info(request.market).name_en}, in {LANGUAGE.get(language, language)}, "
            "polite and specific, resting only on the product information and the order.",
            language,
            channel,
        )

        def offline() -> tuple[str, str, str]:
            return reply_template(
                product, order, language, channel, self.glossary, request.text, request.rating
            )

        return self._draft(
            "reply", request.channel, request.market, language, channel, system, facts,
            sources, offline, source=request.text,
            category=(product.category if product else None) or self.category,
        )  # fmt: skip

    # -- (c) messages to factories, in Chinese ------------------------------------------------

    def factory(self, request: FactoryRequest) -> Draft:
        product = self.context.product(request.sku)
        sources: list[DraftSource] = []
        facts: dict[str, Any] = {
            "task": request.task, "sku": request.sku, "market": request.market,
            "factory": request.factory, "quantity": request.quantity,
            "needed_by": request.needed_by, "notes": request.notes,
        }  # fmt: skip
        if product is not None:
            sources += catalog_sources(product, "zh")
            facts["product"] = _product_facts(product, "zh")
        if request.evidence is not None:
            sources += evidence_sources(request.evidence)
            facts["voc_evidence"] = request.evidence.model_dump()
        what = "a reorder" if request.task == "reorder" else "a quality complaint"
        system = self._system(
            f"你为出海品牌起草发给中国工厂的中文消息（{what}）。语气专业、具体、客气；"
            "只使用给出的事实（数量、交期、客户之声的数据和原话大意），不要编造数字。",
            "zh",
            "factory",
        )

        def offline() -> tuple[str, str, str]:
            text = factory_template(
                product, request.task, request.market, request.evidence,
                factory=request.factory, quantity=request.quantity,
                needed_by=request.needed_by, notes=request.notes,
            )  # fmt: skip
            return "zh", text, text

        return self._draft(
            "factory", request.task, "CN", "zh", "factory", system, facts, sources, offline,
            source=request.notes or "", category=product.category if product else None,
            evidence_market=request.market,
        )  # fmt: skip

    # -- the loop ----------------------------------------------------------------------------

    def _system(self, role: str, language: str, channel: str) -> str:
        lines = [role, _RULES, *self.glossary.prompt_lines(language, channel)]
        lines.append(_ANSWER.replace("LANGUAGE", LANGUAGE.get(language, language)))
        return "\n".join(lines)

    def _draft(
        self,
        kind: str,
        task: str,
        market: str,
        language: str,
        channel: str,
        system: str,
        facts: dict[str, Any],
        sources: list[DraftSource],
        offline: Any,
        *,
        source: str,
        category: str | None,
        evidence_market: str | None = None,
    ) -> Draft:
        checker = DraftChecker(market, self.glossary, category=category)
        if self.glossary.keep or self.glossary.terms:
            sources.append(
                DraftSource(
                    kind="glossary",
                    ref=self.glossary.brand or market,
                    text="; ".join(self.glossary.prompt_lines(language, channel)[:2]),
                )
            )
        base: dict[str, Any] = {
            "kind": kind, "task": task, "market": evidence_market or market,
            "language": language, "sources": sources,
        }  # fmt: skip
        failure = None
        if self.model is not None:
            user = json.dumps(facts, ensure_ascii=False, default=str)
            messages: list[Message] = [
                {"role": "system", "content": system},
                {"role": "user", "content": user},
            ]
            attempts: list[Attempt] = []
            for round_ in range(self.rounds + 1):
                content = self.model.ask(messages)
                if content is None:
                    failure = self.model.last_error
                    break
                data = parse_json(content)
                text = str(data.get("text") or "").strip() if data else content.strip()
                zh = str(data.get("zh") or "").strip() or None if data else None
                if not text:
                    failure = "the model answered without a draft"
                    break
                findings = checker.check(text, language, channel, source)
                attempts.append(Attempt(text=text, findings=len(findings)))
                blocking = [f for f in findings if f.blocking]
                if not blocking or round_ == self.rounds:
                    return Draft(
                        **base, text=text,
                        back_translation_zh=text if language == "zh" else zh,
                        back_translation_kind="same" if language == "zh" else (
                            "model" if zh else "none"),
                        mode="provider", model=f"{self.model.label}:{self.model.model}",
                        findings=findings, status="needs_review" if blocking else "clean",
                        rounds=round_, attempts=attempts,
                    )  # fmt: skip
                log.info("draft round %d: %d findings; asking for a rewrite", round_, len(blocking))
                messages += [
                    {"role": "assistant", "content": content},
                    {"role": "user", "content": rewrite_prompt(blocking)},
                ]
        language_used, text, zh = offline()
        findings = checker.check(text, language_used, channel, source)
        note, note_en = OFFLINE_NOTE, OFFLINE_NOTE_EN
        if failure:
            note = f"{note}（模型调用失败：{failure}）"
            note_en = f"{note_en} (the model failed: {failure})"
        return Draft(
            **(base | {"language": language_used}), text=text, back_translation_zh=zh,
            back_translation_kind="same" if language_used == "zh" else "template",
            mode="template", note=note, note_en=note_en, findings=findings,
            status="needs_review" if any(f.blocking for f in findings) else "clean",
            rounds=0,
        )  # fmt: skip


def _product_facts(product: Product, language: str) -> dict[str, Any]:
    plain = {
        k: v
        for k, v in product.attributes.items()
        if isinstance(v, str | int | float) and not isinstance(v, bool)
    }
    return {"sku": product.sku, "name": product.name(language), "category": product.category,
            "attributes": plain}  # fmt: skip
