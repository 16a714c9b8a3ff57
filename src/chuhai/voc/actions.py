"""Recommended actions: rules over the measures and alerts that say what to do first.

They are suggestions for an operator, ranked by how many customers each concerns; each names
the evidence it rests on so it can be checked against the quotes. Every sentence is written
whole in Chinese and in English from the labels it is given: no tag key or market code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from chuhai.voc.measures import Summary
from chuhai.voc.trends import Alert

__all__ = ["Action", "Labels", "recommend"]

# aspect -> (zh, en) what to check when people complain about it
ASPECT_ADVICE: Final[dict[str, tuple[str, str]]] = {
    "battery": (
        "核查近期批次的电池与充电器，核对详情页的续航描述是否夸大",
        "check recent batches' batteries and chargers; make sure the listing's battery "
        "claims are not overstated",
    ),
    "shipping": (
        "联系物流商核查时效，在详情页和直播中说明预计送达时间",
        "ask the carrier about delays; state realistic delivery times on the listing "
        "and in the live",
    ),
    "quality": (
        "对在售批次抽检，统计退货原因",
        "spot-check the batch on sale and log return reasons",
    ),
    "packaging": (
        "加固包装，检查仓库打包流程",
        "strengthen packaging; check how the warehouse packs",
    ),
    "service": (
        "检查客服响应时长，补充常见问题的回复模板",
        "check customer-service response times; add reply templates for common questions",
    ),
    "price": (
        "对比竞品价格和优惠，说明价值点",
        "compare competitors' prices and offers; explain value",
    ),
    "noise": (
        "在详情页标注各档位噪音，核查异响批次",
        "state noise per speed on the listing; check for faulty units",
    ),
    "size_fit": ("补充尺寸表和佩戴说明", "add a size chart and fitting guide"),
    "performance": (
        "核查性能参数与实际是否一致",
        "check that performance claims match the product",
    ),
    "appearance": ("核对图片与实物颜色差异", "compare listing photos with the real colours"),
    "usability": ("补充使用说明或短视频教程", "add instructions or a short how-to video"),
    "authenticity": (
        "提供正品证明，排查假货链接",
        "show proof of authenticity; report counterfeit listings",
    ),
}
QUESTION_INTENTS: Final = ("spec_question", "price_question", "shipping_question", "stock_question")


class Labels(Protocol):
    """Words for tags and codes in one language (``chuhai.web.i18n.Translator``)."""

    @property
    def lang(self) -> str: ...

    def __call__(self, key: str, **values: object) -> str: ...
    def market(self, code: str | None) -> str: ...
    def markets(self, codes: Iterable[str]) -> str: ...
    def aspect(self, value: str | None) -> str: ...
    def intent(self, value: str | None) -> str: ...
    def lift(self, value: float | None) -> str: ...


@dataclass(frozen=True)
class Action:
    priority: int  # people concerned, for ranking
    zh: str
    en: str
    evidence: str  # English
    evidence_zh: str = ""

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def proof(self, lang: str) -> str:
        return self.evidence_zh if lang == "zh" and self.evidence_zh else self.evidence


def _what(alert: Alert, zh: Labels, en: Labels) -> tuple[str, str]:
    """What rose, as the subject of a sentence."""
    if alert.dimension == "aspect_negative":
        return f"{zh.aspect(alert.key)}的负面提及", f"complaints about {en.aspect(alert.key)}"
    if alert.dimension == "intent":
        return zh.intent(alert.key), f"“{en.intent(alert.key)}” voices"
    if alert.dimension == "theme":
        name = alert.label or zh("unnamed_theme")
        return f"主题「{name}」", f"the theme “{alert.label or en('unnamed_theme')}”"
    return "负面声音", "negative voices"


def _alert_actions(alerts: Sequence[Alert], zh: Labels, en: Labels) -> list[Action]:
    out = []
    for alert in alerts:
        if alert.severity != "warning":
            continue
        what_zh, what_en = _what(alert, zh, en)
        if alert.lift:
            rise_zh, rise_en = f"明显上升（{zh.lift(alert.lift)}）", f"up {en.lift(alert.lift)}"
        else:
            rise_zh, rise_en = "此前没有，本周新出现", "new this week (none the week before)"
        where_zh, where_en = zh.market(alert.market), en.market(alert.market)
        if alert.dimension == "aspect_negative":
            zh_fix, en_fix = ASPECT_ADVICE.get(alert.key, ("查看原话找出原因", "read the quotes"))
        else:
            zh_fix, en_fix = "请查看原话", "read the quotes"
        zh_text = f"{where_zh}：{what_zh}{rise_zh}。{zh_fix}。"
        en_text = f"{where_en}: {what_en} {rise_en}. {en_fix.capitalize()}."
        evidence_zh = (
            f"{where_zh} {alert.week}：{alert.voices} 条声音中 {alert.count} 条（此前 "
            f"{alert.baseline_voices} 条中 {alert.baseline_count} 条），统计上显著"
        )
        evidence = (
            f"{where_en} {alert.week}: {alert.count} of {alert.voices} voices (before "
            f"{alert.baseline_count} of {alert.baseline_voices}), q={alert.q_value:.3g}"
        )
        concerned = alert.count if alert.people is None else alert.people  # None: released
        out.append(Action(concerned * 10, zh_text, en_text, evidence, evidence_zh))
    return out


def _stars(distribution: dict[str, int]) -> str:
    return " · ".join(f"{k}★ {distribution[k]}" for k in sorted(distribution, reverse=True))


def recommend(
    summary: Summary, alerts: Sequence[Alert], zh: Labels, en: Labels, *, limit: int = 6
) -> list[Action]:
    """The actions a market's measures and alerts call for, most people first."""
    codes = summary.scope.markets
    where_zh = zh.markets(codes) if codes else zh("all_markets")
    where_en = en.markets(codes) if codes else en("all_markets")
    actions = _alert_actions([a for a in alerts if a.market in codes], zh, en)
    alerted = {
        a.key for a in alerts if a.dimension == "aspect_negative" and a.severity == "warning"
    }
    worst = [
        a
        for a in summary.aspects
        if a["neg"] >= 5 and (a["net_sentiment"] or 0) < 0 and a["aspect"] not in alerted
    ]
    worst.sort(key=lambda a: -a["neg"])
    for aspect in worst[:2]:
        zh_fix, en_fix = ASPECT_ADVICE.get(aspect["aspect"], ("查看原话", "read the quotes"))
        name_zh, name_en = zh.aspect(aspect["aspect"]), en.aspect(aspect["aspect"])
        actions.append(
            Action(
                aspect["neg"],
                f"{where_zh}：{name_zh}是负面最多的方面（{aspect['neg']} 条负面，"
                f"净情感值 {aspect['net_sentiment']}）。{zh_fix}。",
                f"{where_en}: {name_en} draws the most complaints "
                f"({aspect['neg']} negative, net {aspect['net_sentiment']}). "
                f"{en_fix.capitalize()}.",
                f"aspects: {name_en} positive {aspect['pos']} / negative {aspect['neg']}",
                f"方面统计：{name_zh} 正面 {aspect['pos']} 条 / 负面 {aspect['neg']} 条",
            )
        )
    intent = summary.breakdowns.get("intent")
    intents = {r.key: r for r in intent.rows} if intent else {}
    asked = sum(intents[k].voices for k in QUESTION_INTENTS if k in intents)
    total = summary.total.voices
    if total and asked / total >= 0.15:
        share = round(100 * asked / total)
        actions.append(
            Action(
                asked,
                f"{where_zh}：{share}% 的声音是提问（价格、规格、库存、物流）。"
                "把答案补进知识库和直播话术，直播助手会自动推荐回复。",
                f"{where_en}: {share}% of voices are questions (price, specs, stock, "
                "shipping). Add the answers to the knowledge base and the live script; the "
                "copilot suggests them.",
                f"questions: {asked} of {total} voices",
                f"提问：{total} 条声音中 {asked} 条",
            )
        )
    rating = summary.rating()
    low = rating["distribution"]["1"] + rating["distribution"]["2"]
    if rating["count"] >= 10 and low / rating["count"] >= 0.2:
        percent = round(100 * low / rating["count"])
        stars = _stars(rating["distribution"])
        actions.append(
            Action(
                low,
                f"{where_zh}：{low} 条 1–2 星评价（{percent}%）。逐条回复并跟进退换货。",
                f"{where_en}: {low} one- or two-star ratings ({percent}%). "
                "Answer each and follow up on returns.",
                f"ratings: {stars}",
                f"评分分布：{stars}",
            )
        )
    best = [a for a in summary.aspects if a["pos"] >= 5 and (a["net_sentiment"] or 0) > 30]
    if best:
        top = max(best, key=lambda a: a["pos"])
        name_zh, name_en = zh.aspect(top["aspect"]), en.aspect(top["aspect"])
        actions.append(
            Action(
                top["pos"] // 2,
                f"{where_zh}：顾客最认可{name_zh}（{top['pos']} 条正面）。"
                "在直播话术和详情页突出这一点。",
                f"{where_en}: customers praise {name_en} most ({top['pos']} positive). "
                "Lead with it in the live script and the listing.",
                f"aspects: {name_en} positive {top['pos']} / negative {top['neg']}",
                f"方面统计：{name_zh} 正面 {top['pos']} 条 / 负面 {top['neg']} 条",
            )
        )
    actions.sort(key=lambda a: -a.priority)
    return actions[:limit]
