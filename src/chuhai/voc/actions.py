"""Recommended actions: rules over the measures and alerts that say what to do first.

They are suggestions for an operator, ranked by how many customers each concerns; each names
the evidence it rests on so it can be checked against the quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from chuhai.voc.measures import Summary
from chuhai.voc.trends import Alert

__all__ = ["Action", "recommend"]

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


@dataclass(frozen=True)
class Action:
    priority: int  # people concerned, for ranking
    zh: str
    en: str
    evidence: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def _alert_actions(alerts: Sequence[Alert], aspect_zh: dict[str, str]) -> list[Action]:
    out = []
    for alert in alerts:
        if alert.severity != "warning":
            continue
        lift = f"{alert.lift:g}x" if alert.lift else "new"
        evidence = (
            f"{alert.market} {alert.week}: {alert.count} of {alert.voices} voices "
            f"(before {alert.baseline_count} of {alert.baseline_voices}), q={alert.q_value:.3g}"
        )
        if alert.dimension == "aspect_negative":
            zh_fix, en_fix = ASPECT_ADVICE.get(alert.key, ("查看原话找出原因", "read the quotes"))
            name = aspect_zh.get(alert.key, alert.key)
            zh = f"{alert.market}：{name}的负面提及上升 {lift}。{zh_fix}。"
            en = f"{alert.market}: complaints about {alert.key} up {lift}. {en_fix.capitalize()}."
        else:
            zh = f"{alert.market}：{alert.label or alert.key} 明显上升 {lift}，请查看原话。"
            what = alert.label or alert.key.replace("_", " ")
            en = f"{alert.market}: {what} up {lift}; read the quotes."
        out.append(Action(alert.people * 10, zh, en, evidence))
    return out


def recommend(
    summary: Summary, alerts: Sequence[Alert], aspect_zh: dict[str, str], *, limit: int = 6
) -> list[Action]:
    """The actions a market's measures and alerts call for, most people first."""
    market = ",".join(summary.scope.markets) or "all"
    actions = _alert_actions([a for a in alerts if a.market in summary.scope.markets], aspect_zh)
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
        name = aspect_zh.get(aspect["aspect"], aspect["aspect"])
        actions.append(
            Action(
                aspect["neg"],
                f"{market}：{name}是负面最多的方面（{aspect['neg']} 条负面，"
                f"净情感 {aspect['net_sentiment']}）。{zh_fix}。",
                f"{market}: {aspect['aspect']} draws the most complaints "
                f"({aspect['neg']} negative, net {aspect['net_sentiment']}). "
                f"{en_fix.capitalize()}.",
                f"aspect matrix: {aspect['aspect']} pos {aspect['pos']} / neg {aspect['neg']}",
            )
        )
    intent = summary.breakdowns.get("intent")
    intents = {r.key: r for r in intent.rows} if intent else {}
    asked = sum(intents[k].voices for k in QUESTION_INTENTS if k in intents)
    if summary.total.voices and asked / summary.total.voices >= 0.15:
        share = round(100 * asked / summary.total.voices)
        actions.append(
            Action(
                asked,
                f"{market}：{share}% 的声音是提问（价格、规格、库存、物流）。"
                "把答案补进知识库和直播话术，直播助手会自动推荐回复。",
                f"{market}: {share}% of voices are questions (price, specs, stock, shipping). "
                "Add the answers to the knowledge base and the live script; the copilot "
                "suggests them.",
                f"question intents: {asked} of {summary.total.voices}",
            )
        )
    rating = summary.rating()
    low = rating["distribution"]["1"] + rating["distribution"]["2"]
    if rating["count"] >= 10 and low / rating["count"] >= 0.2:
        percent = round(100 * low / rating["count"])
        actions.append(
            Action(
                low,
                f"{market}：{low} 条 1–2 星评价（{percent}%）。逐条回复并跟进退换货。",
                f"{market}: {low} one- or two-star ratings ({percent}%). "
                "Answer each and follow up on returns.",
                f"ratings: {rating['distribution']}",
            )
        )
    best = [a for a in summary.aspects if a["pos"] >= 5 and (a["net_sentiment"] or 0) > 30]
    if best:
        top = max(best, key=lambda a: a["pos"])
        name = aspect_zh.get(top["aspect"], top["aspect"])
        actions.append(
            Action(
                top["pos"] // 2,
                f"{market}：顾客最认可{name}（{top['pos']} 条正面）。"
                "在直播话术和详情页突出这一点。",
                f"{market}: customers praise {top['aspect']} most ({top['pos']} positive). "
                "Lead with it in the live script and the listing.",
                f"aspect matrix: {top['aspect']} pos {top['pos']} / neg {top['neg']}",
            )
        )
    actions.sort(key=lambda a: -a.priority)
    return actions[:limit]
