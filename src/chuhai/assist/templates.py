"""Offline template drafts: what the assistants write without a model, from the catalog,
the FAQ, the order and VOC only, each with its Chinese (``data/templates.yaml``).

They are plain and clearly marked as templates; a person rewrites them before use.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from chuhai.assist.grounding import faq_for, faq_zh
from chuhai.assist.models import Evidence
from chuhai.errors import ConfigError
from chuhai.glossary import Glossary
from chuhai.markets import market_info
from chuhai.records import Order, Product
from chuhai.records.labels import ASPECT

__all__ = ["Phrases", "copy_template", "factory_template", "phrases", "reply_template"]


class Phrases(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    thanks: str
    sorry: str
    facts: str
    order: str
    help: str
    close: str
    script_open: str
    script_close: str


@cache
def _all() -> dict[str, Phrases]:
    path = Path(str(resources.files("chuhai.assist").joinpath("data/templates.yaml")))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        return {lang: Phrases.model_validate(value) for lang, value in data.items()}
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ConfigError(f"{path}: {first['loc']}: {first['msg']}") from None


def phrases(language: str) -> tuple[str, Phrases]:
    """The language's phrases, or English's where there are none yet."""
    found = _all()
    return (language, found[language]) if language in found else ("en", found["en"])


def _fill(template: str, glossary: Glossary, language: str, channel: str, **values: str) -> str:
    address = glossary.voice.address_for(channel) or ""
    particle = (glossary.voice.particle or [""])[0] if language == "th" else ""
    filled = template.format(
        address=f" {address}" if address and language not in ("th", "zh") else "",
        particle=particle,
        brand=glossary.brand or "",
        **values,
    )
    return " ".join(filled.split()) if "\n" not in filled else filled


def copy_template(
    product: Product | None, task: str, language: str, glossary: Glossary, brief: str
) -> tuple[str, str, str]:
    """(language used, text, Chinese) of a title, description or live script."""
    language, said = phrases(language)
    _, zh = phrases("zh")
    name = product.name(language) if product else (glossary.keep[0] if glossary.keep else "")
    name_zh = product.name("zh") if product else name
    entries = faq_for(product, language, brief, limit=4) if product else []
    if task == "title":
        return language, name, name_zh
    answers = [e.answer for e in entries]
    answers_zh = [
        (twin.answer if (twin := faq_zh(product, e)) else "（无中文对照）")
        for e in entries
        if product
    ]
    if task == "script":
        lines = [_fill(said.script_open, glossary, language, "script", name=name), *answers]
        lines.append(_fill(said.script_close, glossary, language, "script"))
        lines_zh = [_fill(zh.script_open, glossary, "zh", "script", name=name_zh), *answers_zh]
        lines_zh.append(_fill(zh.script_close, glossary, "zh", "script"))
        return language, "\n".join(lines), "\n".join(lines_zh)
    text = "\n".join([name, *(f"- {a}" for a in answers)])
    text_zh = "\n".join([name_zh, *(f"- {a}" for a in answers_zh)])
    return language, text, text_zh


def reply_template(
    product: Product | None,
    order: Order | None,
    language: str,
    channel: str,
    glossary: Glossary,
    customer: str,
    rating: float | None,
) -> tuple[str, str, str]:
    """(language used, text, Chinese) of a reply resting on the FAQ and the order only."""
    language, said = phrases(language)
    _, zh = phrases("zh")
    name = product.name(language) if product else "our product"
    name_zh = product.name("zh") if product else "我们的商品"
    happy = rating is not None and rating >= 4
    opening, opening_zh = (said.thanks, zh.thanks) if happy else (said.sorry, zh.sorry)
    parts = [_fill(opening, glossary, language, channel, name=name)]
    parts_zh = [_fill(opening_zh, glossary, "zh", channel, name=name_zh)]
    if product and not happy:
        entries = faq_for(product, language, customer, limit=1)
        if entries:
            twin = faq_zh(product, entries[0])
            parts += [_fill(said.facts, glossary, language, channel), entries[0].answer]
            parts_zh += [zh.facts, twin.answer if twin else "（无中文对照）"]
    if order is not None:
        parts.append(_fill(said.order, glossary, language, channel, order=order.id))
        parts_zh.append(_fill(zh.order, glossary, "zh", channel, order=order.id))
    if not happy:
        parts.append(_fill(said.help, glossary, language, channel))
        parts_zh.append(_fill(zh.help, glossary, "zh", channel))
    if channel == "email":
        parts.append(_fill(said.close, glossary, language, channel))
        parts_zh.append(_fill(zh.close, glossary, "zh", channel))
    return language, " ".join(parts), " ".join(parts_zh)


def factory_template(
    product: Product | None,
    task: str,
    market: str,
    evidence: Evidence | None,
    *,
    factory: str | None = None,
    quantity: int | None = None,
    needed_by: str | None = None,
    notes: str | None = None,
) -> str:
    """A plain message to a factory in Chinese (no translation needed: it is the original)."""
    sku = product.sku if product else "?"
    name = f"{sku}（{product.name('zh')}）" if product else sku
    where = market_info(market).name_zh
    lines = [f"{factory or '厂家'}您好："]
    if task == "reorder":
        amount = f"{quantity} 件" if quantity else "（数量待定）"
        when = f"，希望在 {needed_by} 前交货" if needed_by else ""
        lines.append(f"我们计划为{where}市场补货 {name}，数量 {amount}{when}。")
        lines.append("请确认产能、交期和报价，如有最小起订量或包装变化请一并告知。")
    else:
        lines.append(f"{where}市场的客户对 {name} 反馈了以下问题，请协助排查：")
        if evidence is not None and evidence.voices:
            lines.append(f"客户之声：{evidence.voices} 条反馈中 {evidence.negative} 条负面。")
            for aspect in evidence.aspects:
                label = ASPECT.get(str(aspect["aspect"]), (str(aspect["aspect"]), ""))[0]
                lines.append(f"- {label}：{aspect['neg']} 条负面（共 {aspect['total']} 条提及）")
            gists = [q.get("gist_zh") for q in evidence.quotes if q.get("gist_zh")]
            if gists:
                lines.append("客户原话（中文大意）：")
                lines += [f"- 「{g}」" for g in gists[:5]]
        else:
            lines.append("（没有可引用的客户之声数据，请补充证据后再发送。）")
        lines.append("请告知可能的原因、改进方案和时间，以及在途和库存批次是否受影响。")
    if notes:
        lines.append(notes)
    lines.append("谢谢！")
    return "\n".join(lines)
