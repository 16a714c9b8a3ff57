"""What to do in the next session, from the recap's figures: one rule per action, each with
the figure that triggered it, in Chinese and English. Figures a reader may not see (None) never
trigger anything."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Final

from chuhai.live.recap_model import Action, Recap, SessionFigures
from chuhai.records.labels import INTENT

__all__ = ["THRESHOLDS", "recommend"]

THRESHOLDS: Final = {
    "answer_rate": 0.7,  # answered under this share of the questions
    "min_questions": 5,
    "answer_seconds": 60.0,  # median answer slower than this
    "complaints": 3,  # complaints of one kind
    "mentions_unpinned": 3,  # mentions of a product never pinned
    "drop": 0.2,  # a fall of a fifth against the earlier sessions' mean
    "cool": 45.0,  # mean temperature under this
    "moderated": 5,
    "viewers_kept": 0.5,  # viewers at the end under half the peak
}


def _intent(key: str | None) -> tuple[str, str]:
    return INTENT.get(key or "", (key or "?", (key or "?").replace("_", " ")))


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _mean(previous: list[SessionFigures], pick: Callable[[SessionFigures], float | None]) -> float:
    values = [v for v in map(pick, previous) if v is not None]
    return statistics.fmean(values) if values else 0.0


def recommend(r: Recap) -> list[Action]:
    """The actions the figures of ``r`` call for, the most pressing first."""
    t = THRESHOLDS
    out: list[Action] = []
    q = r.questions
    rate = q.answer_rate
    if q.asked and q.asked >= t["min_questions"] and rate is not None and rate < t["answer_rate"]:
        most_asked = next(iter(q.top_unanswered), None)
        zh, en = _intent(most_asked)
        out.append(
            Action(
                key="answer_more",
                text_zh="安排一名助播专门回答问题"
                + (f"，先准备好「{zh}」类问题的答案" if most_asked else "，并准备常见问题的答案"),
                text_en="Have an assistant answer questions"
                + (f"; prepare answers to {en}s first" if most_asked else " from prepared answers"),
                evidence_zh=f"本场 {q.asked} 个问题只回答了 {q.answered} 个（{_pct(rate)}）",
                evidence_en=f"{q.answered} of {q.asked} questions answered ({_pct(rate)})",
                value=rate,
            )
        )
    if q.median_seconds is not None and q.median_seconds > t["answer_seconds"]:
        slow = q.slowest[0].seconds if q.slowest else q.median_seconds
        out.append(
            Action(
                key="answer_faster",
                text_zh="把常见问题的回答做成话术卡，问题出现后一分钟内回答",
                text_en="Put the common answers on cue cards; answer within a minute",
                evidence_zh=f"回答用时中位数 {q.median_seconds:.0f} 秒，最慢 {slow:.0f} 秒",
                evidence_en=f"median answer {q.median_seconds:.0f} s, slowest {slow:.0f} s",
                value=q.median_seconds,
            )
        )
    for c in r.complaints:
        if c.comments is not None and c.comments >= t["complaints"]:
            zh, en = _intent(c.intent)
            out.append(
                Action(
                    key=f"complaints_{c.intent}",
                    text_zh=f"下一场开场先回应「{zh}」，并准备处理方案",
                    text_en=f"Open the next session by addressing the {en}s, with a remedy",
                    evidence_zh=f"本场「{zh}」{c.comments} 条",
                    evidence_en=f"{c.comments} {en}s in this session",
                    value=float(c.comments),
                )
            )
            break  # the largest kind only: one thing to fix first
    for p in r.products:
        if not p.pinned and p.mentions is not None and p.mentions >= t["mentions_unpinned"]:
            name_zh = p.name_zh or p.sku
            out.append(
                Action(
                    key=f"pin_{p.sku}",
                    text_zh=f"观众问得多的「{name_zh}」要上车置顶讲解",
                    text_en=f"Pin {p.name or p.sku} ({p.sku}) and show it: viewers ask for it",
                    evidence_zh=f"{p.mentions} 条评论提到它，本场未置顶",
                    evidence_en=f"mentioned in {p.mentions} comments, never pinned",
                    value=float(p.mentions),
                )
            )
    if r.spikes:
        top = max(r.spikes, key=lambda s: s.comments)
        zh, en = _intent(next(iter(top.intents), None))
        out.append(
            Action(
                key="repeat_spike",
                text_zh=f"复用第 {top.minute} 分钟的环节（评论以「{zh}」为主），放在开场后半小时内",
                text_en=f"Repeat what happened at minute {top.minute} (mostly {en}) early on",
                evidence_zh=f"第 {top.minute} 分钟起 {top.comments} 条评论，"
                f"超过阈值 {r.spike_threshold:g} 条/步",
                evidence_en=f"{top.comments} comments from minute {top.minute}, above the "
                f"threshold of {r.spike_threshold:g} per step",
                value=float(top.comments),
            )
        )
    if r.previous:
        this = r.this
        before = _mean(r.previous, lambda f: f.purchase_rate)
        if (
            this.purchase_rate is not None
            and before
            and this.purchase_rate < before * (1 - t["drop"])
        ):
            out.append(
                Action(
                    key="purchase_drop",
                    text_zh="下单意向比以往低：增加限时优惠和库存提醒，多讲价格与赠品",
                    text_en="Purchase intent is down: add time-limited offers and stock "
                    "reminders, say the price and gifts more often",
                    evidence_zh=f"购买意向率 {_pct(this.purchase_rate)}，此前平均 {_pct(before)}",
                    evidence_en=f"purchase intent {_pct(this.purchase_rate)} vs "
                    f"{_pct(before)} before",
                    value=this.purchase_rate,
                )
            )
        pace = _mean(r.previous, lambda f: f.comments_per_min)
        if (
            this.comments_per_min is not None
            and pace
            and this.comments_per_min < pace * (1 - t["drop"])
        ):
            out.append(
                Action(
                    key="pace_drop",
                    text_zh="互动比以往少：多提问、多抽奖，引导观众评论",
                    text_en="Fewer comments than before: ask viewers questions, run giveaways",
                    evidence_zh=f"每分钟 {this.comments_per_min:g} 条评论，此前平均 {pace:.1f} 条",
                    evidence_en=f"{this.comments_per_min:g} comments/min vs {pace:.1f} before",
                    value=this.comments_per_min,
                )
            )
    if r.temperature_mean is not None and r.temperature_mean < t["cool"]:
        out.append(
            Action(
                key="warm_up",
                text_zh="直播间情绪偏冷：先处理负面问题，再用福利和互动把气氛带起来",
                text_en="The room ran cool: settle the complaints, then warm it up with offers",
                evidence_zh=f"平均情绪温度 {r.temperature_mean:g}（50 为平稳）",
                evidence_en=f"mean temperature {r.temperature_mean:g} (50 = calm)",
                value=r.temperature_mean,
            )
        )
    moderated = sum(r.moderation.actions.values())
    if moderated >= t["moderated"]:
        out.append(
            Action(
                key="moderate",
                text_zh="提高直播间的审核级别，提前设置屏蔽词",
                text_en="Raise the room's moderation level and set blocked words beforehand",
                evidence_zh=f"本场处理了 {moderated} 条评论",
                evidence_en=f"{moderated} comments moderated",
                value=float(moderated),
            )
        )
    a = r.activity
    if a.viewers_peak and a.viewers_last is not None:
        kept = a.viewers_last / a.viewers_peak
        if kept < t["viewers_kept"]:
            out.append(
                Action(
                    key="keep_viewers",
                    text_zh="后半场流失明显：缩短场次，或在后半场安排秒杀、抽奖留住观众",
                    text_en="Viewers left in the second half: shorten it or plan a flash sale "
                    "or giveaway there",
                    evidence_zh=f"在线人数从峰值 {a.viewers_peak} 降到 {a.viewers_last}",
                    evidence_en=f"viewers fell from a peak of {a.viewers_peak} to {a.viewers_last}",
                    value=kept,
                )
            )
    return out
