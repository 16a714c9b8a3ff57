"""The dashboard's words in Chinese and English, and labels for the model's tags, markets,
zones and filters: in Chinese mode no internal key or code reaches the screen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

from chuhai.markets import MARKET_INFO
from chuhai.records.labels import DIMENSION, LANGUAGE_ZH
from chuhai.web.creators_i18n import CREATORS_UI
from chuhai.web.labels import (
    ASPECT,
    AUDIT_EVENT,
    AUDIT_FIELD,
    CHANNEL,
    EMOTION,
    FILTER,
    INTENT,
    MECHANISM,
    SENTIMENT,
    Pair,
)

__all__ = ["LANGS", "LANG_COOKIE", "Lang", "Translator", "pick_lang"]

Lang = Literal["zh", "en"]
LANGS: Final = ("zh", "en")
LANG_COOKIE: Final = "chuhai_lang"  # one language for every page, set by the switcher

ASPECT_ZH: Final = {k: zh for k, (zh, _) in ASPECT.items()}
CHANNEL_ZH: Final = {k: zh for k, (zh, _) in CHANNEL.items()}
SENTIMENT_ZH: Final = {k: zh for k, (zh, _) in SENTIMENT.items()}
SENTIMENT_EN: Final = {k: en for k, (_, en) in SENTIMENT.items()}
UI: Final[dict[str, tuple[str, str]]] = {
    "app": ("出海 · 客户之声", "chuhai · Voice of Customer"),
    "overview": ("总览", "Overview"),
    "markets": ("市场", "Markets"),
    "market": ("市场", "Market"),
    "product": ("商品", "Product"),
    "products": ("商品", "Products"),
    "themes": ("主题", "Themes"),
    "theme": ("主题", "Theme"),
    "alerts": ("预警", "Alerts"),
    "quotes": ("原话", "Quotes"),
    "gist": ("要点", "gist"),  # the offline Chinese gist of a quote: not a translation
    "live": ("直播助手", "Live copilot"),
    "compliance": ("合规", "Compliance"),
    "period": ("时间段", "Period"),
    "all_time": ("全部时间", "all time"),
    "sku": ("商品", "Product"),
    "channel": ("渠道", "Channel"),
    "any": ("全部", "any"),
    "apply": ("筛选", "Apply"),
    "volume": ("声量", "Volume"),
    "people": ("人数", "People"),
    "net_sentiment": ("净情感值", "Net Sentiment"),
    "rating": ("平均评分", "Mean rating"),
    "ratings": ("评分分布", "Rating distribution"),
    "sentiment": ("情感", "Sentiment"),
    "emotions": ("情绪构成", "Emotion mix"),
    "intents": ("意图构成", "Intent mix"),
    "aspects": ("方面 × 情感", "Aspect x sentiment"),
    "aspect": ("方面", "Aspect"),
    "share_of_voice": ("商品声量占比", "Share of voice"),
    "channels": ("渠道", "Channels"),
    "weekly": ("每周声量与净情感值", "Weekly volume and Net Sentiment"),
    "top_complaint": ("最多负面的方面", "Most complained-about aspect"),
    "access": ("数据访问", "Data access"),
    "raw_ok": ("可读原话", "quotes readable"),
    "aggregates_only": ("仅汇总数据", "aggregates only"),
    "aggregates_note": (
        "该区域的数据不能以原文离开本国（未登记数据出境依据）："
        "只显示至少 {k} 人的汇总，原话留在区域内。",
        "This zone's raw data may not leave its country (no transfer basis recorded): only "
        "aggregates of at least {k} people are shown; quotes stay in the zone.",
    ),
    "overview_note": (
        "跨市场视图只使用至少 {k} 人的汇总数据；原话留在各自的数据区域。",
        "The cross-market view uses only aggregates of at least {k} people; quotes stay in "
        "their zones.",
    ),
    "suppressed": (
        "少于 {k} 人的分组，以及可据以推算出它们的分组，已隐藏：{n} 组",
        "groups of fewer than {k} people, or that would give one away, hidden: {n}",
    ),
    "hidden_scope": (
        "已隐藏：少于 {k} 人，或可据以推算出更小的分组",
        "hidden: fewer than {k} people, or it would give a smaller group away",
    ),
    "reader": ("您所在地", "You read from"),
    "no_data": ("暂无数据", "No data yet"),
    "week": ("周", "Week"),
    "severity": ("级别", "Severity"),
    "what": ("内容", "What"),
    "this_week": ("本周", "This week"),
    "baseline": ("对比周", "Baseline"),
    "lift": ("变化倍数", "Lift"),
    "lift_new": ("新出现", "new"),
    "q_value": ("统计显著性", "Significance"),
    "q_value_help": (
        "经多重检验校正后的 q 值 = {q}：越小越不可能是偶然波动",
        "q-value {q} after correcting for the many series tested: the smaller, the less "
        "likely a chance swing",
    ),
    "unnamed_theme": ("未命名主题", "unnamed theme"),
    "zone_of": ("数据存放地：{where}", "zone {where}"),
    "site_voc": ("客户之声", "Customer voice"),
    "site_live": ("直播", "Live"),
    "site_compliance": ("合规", "Compliance"),
    "site_draft": ("AI 草稿", "Drafts"),
    "site_supply": ("补货", "Supply"),
    "site_audit": ("审计", "Audit"),
    "site_admin": ("管理", "Admin"),
    "site_docs": ("API 文档", "API docs"),
    "site_calendar": ("市场日历", "Calendar"),
    "site_partners": ("合伙人分润", "Partners"),
    "partners": ("合伙人分润结算单", "Partner profit-share statements"),
    "partners_period": ("结算月份", "Period"),
    "partners_partner": ("合伙人", "Partner"),
    "partners_kind_local_team": ("本地团队", "local team"),
    "partners_kind_agency": ("代理机构", "agency"),
    "partners_kind_distributor": ("经销商", "distributor"),
    "partners_order": ("订单", "Order"),
    "partners_revenue": ("销售额", "Revenue"),
    "partners_refunds": ("退款", "Refunds"),
    "partners_landed": ("到岸成本", "Landed cost"),
    "partners_commission": ("达人佣金", "Commission"),
    "partners_fees": ("平台及履约费用", "Fees"),
    "partners_net": ("净利润", "Net profit"),
    "partners_threshold": ("起分门槛", "Threshold"),
    "partners_above": ("超出门槛部分", "Above the threshold"),
    "partners_tier": ("档位：超出 {above} 部分按 {rate}", "tier: {rate} above {above}"),
    "partners_cap": ("封顶", "Cap"),
    "partners_share": ("应分利润", "Share"),
    "partners_clawback": ("退货追回", "Clawback"),
    "partners_clawback_of": ("追回 {period} 已分利润", "clawback of {period}"),
    "partners_rate": ("当月实际分润率", "effective rate of that month"),
    "partners_payable": ("应付（分润 − 追回）", "Payable (share − clawback)"),
    "partners_owed": ("负数表示合伙人需退还", "negative: the partner owes it"),
    "partners_none": ("本月没有适用的分润规则", "No share rule applies this month"),
    "partners_missing": (
        "还没有合伙人设置：请在 {path} 写入合伙人和分润规则（示例见 docs/PARTNERS.md）。",
        "No partners set up yet: write the partners and their share rules in {path} "
        "(docs/PARTNERS.md shows one).",
    ),
    "partners_note": (
        "每个数字都可追溯到订单：按订单行计算并按币种舍入；"
        "到岸成本来自 supply.toml，汇率来自其 [fx]。",
        "Every figure traces to its orders: computed per order line and rounded in the "
        "currency; landed cost from supply.toml, exchange rates from its [fx].",
    ),
    "calendar": ("市场日历", "Market calendar"),
    "calendar_year": ("年份", "Year"),
    "calendar_dates": ("日期", "Dates"),
    "calendar_kind": ("类型", "Kind"),
    "calendar_event": ("事件", "Event"),
    "calendar_source": ("来源", "Source"),
    "calendar_kind_holiday": ("公众假期", "Public holiday"),
    "calendar_kind_festival": ("购物节", "Shopping festival"),
    "calendar_kind_season": ("购物季", "Season"),
    "calendar_kind_campaign": ("平台活动", "Platform campaign"),
    "calendar_estimated": ("日期预估", "estimated"),
    "calendar_estimated_help": (
        "按农历或伊斯兰历推算，实际日期可能相差一两天",
        "Computed from a lunar or Islamic calendar; the day may move by one or two",
    ),
    "calendar_unverified": ("未核实", "unverified"),
    "calendar_unverified_help": (
        "卖家惯例或我们选定的时间窗，未与来源逐一核对",
        "A sellers' convention or a window we chose, not checked against the source",
    ),
    "calendar_none": ("这一年没有事件", "No events this year"),
    "calendar_note": (
        "公众假期来自 holidays 开源库；购物节与购物季为项目整理的数据并注明来源；平台活动由你添加。"
        "补货预测把这些日期当作已知的未来事件（与直播场次并列）。",
        "Public holidays come from the holidays package; shopping festivals and seasons are "
        "project data with sources; platform campaigns are yours. The supply forecast takes "
        "these days as known future events, beside live sessions.",
    ),
    "calendar_add_hint": ("添加平台活动：", "Add a platform campaign:"),
    "brand": ("出海", "chuhai"),
    "legend": ("图例", "Legend"),
    "voices_axis": ("声量（条）", "voices"),
    "net_axis": ("净情感值", "Net Sentiment"),
    "net_with_alerts": (
        "本期有 {n} 条警告：净情感值不代表一切正常，请先看预警。",
        "{n} warnings in this period: the Net Sentiment does not mean all is well; read the "
        "alerts first.",
    ),
    "no_basis": (
        "未登记从{markets}到{reader}的数据出境依据",
        "no transfer basis recorded for {markets} -> {reader}",
    ),
    "refused_access": (
        "您的账号（{role}）无权打开此页面或其中的数据：{path}",
        "Your account ({role}) may not open this page or its data: {path}",
    ),
    "refused_residency": (
        "按数据驻留规则，这些原话不能从您所在地读取（未登记数据出境依据）。",
        "Under the data-residency rules these quotes cannot be read from where you are (no "
        "transfer basis recorded).",
    ),
    "person_id": ("匿名编号", "Pseudonymous id"),
    "from_live": ("来自直播", "from a live"),
    "chain_ok": ("完好", "OK"),
    "done_user_added": ("已添加用户 {who}", "{who} added"),
    "done_user_disabled": ("已停用用户 {who}", "{who} disabled"),
    "done_basis_added": ("已添加数据出境依据", "Transfer basis added"),
    "not_saved": ("未能保存：{detail}", "Not saved: {detail}"),
    "chain_broken": ("已损坏", "BROKEN"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
    "up": ("上升", "up"),
    "down": ("下降", "down"),
    "no_alerts": ("本周无显著变化", "No significant change this week"),
    "key_phrases": ("关键词", "Key phrases"),
    "seeds": ("种子词", "Seed phrases"),
    "discovered": ("自动发现", "discovered"),
    "seeded": ("自定义", "defined"),
    "export_csv": ("导出 CSV", "Export CSV"),
    "more": ("更多", "More"),
    "refused": (
        "原话不能从 {reader} 读取：{reason}。",
        "Quotes cannot be read from {reader}: {reason}.",
    ),
    "disclaimer": (
        "数字来自模型标注，请结合原话判断。",
        "Figures come from model annotations; read the quotes before acting.",
    ),
    "actions": ("建议行动", "Recommended actions"),
    "report": ("报告", "Report"),
    "previous": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "voices_word": ("条", "voices"),
    "journey": ("客户旅程", "Customer journey"),
    "supply": ("补货", "Supply"),
    "supply_plan": ("补货计划", "Purchase plan"),
    "supply_note": (
        "按订单和直播场次预测未来 {horizon} 周的需求，按服务水平、最小起订量、整箱和仓库容量"
        "给出下单数量、时间、工厂和运输方式（金额单位 {currency}）。",
        "Demand for the next {horizon} weeks forecast from orders and live sessions; what to "
        "order, when, from which factory and by which mode, at the service level, MOQs, case "
        "packs and warehouse quotas (amounts in {currency}).",
    ),
    "supply_stale": (
        "需求数据截至 {ended}，比计划起始日 {as_of} 早 {weeks} 周：中间几周按原有趋势推算。"
        "请导入最近的订单。",
        "The demand data ends {ended}, {weeks} weeks before {as_of}, the day this plan starts "
        "from: the weeks between are forecast as if nothing changed. Import recent orders.",
    ),
    "supply_from": (
        "计划起始日：{as_of}（订单日期不早于这一天）",
        "Plan from {as_of} (no order is dated earlier)",
    ),
    "tariffs_unverified": (
        "以下市场的关税与起征点数据未经核实：{markets}。请先核对再使用到岸成本。",
        "Tariff and de minimis figures are not verified for {markets}: check them before "
        "relying on landed costs.",
    ),
    "supply_disclaimer": (
        "补货计划与到岸成本仅供规划参考，不构成海关或法律意见。",
        "Plans and landed costs are planning aids, not customs or legal advice.",
    ),
    "order_cost_by_market": ("各市场下单金额", "Order cost per market"),
    "warehouse": ("仓库", "Warehouse"),
    "factory": ("工厂", "Factory"),
    "mode": ("运输方式", "Mode"),
    "mode_air": ("空运", "air"),
    "mode_sea": ("海运", "sea"),
    "mode_rail": ("铁路", "rail"),
    "order_qty": ("下单数量", "Order qty"),
    "order_on": ("下单日期", "Order on"),
    "arrives": ("到货日期", "Arrives"),
    "order_up_to": ("目标库存", "Order-up-to"),
    "unit_landed": ("单件到岸成本", "Landed / unit"),
    "order_cost": ("金额", "Cost"),
    "note": ("备注", "Note"),
    "sign_in": ("登录", "Sign in"),
    "refused_title": ("无权查看", "Not allowed"),
    "sign_out": ("退出", "Sign out"),
    "user_name": ("用户名", "User name"),
    "password": ("密码", "Password"),
    "admin": ("管理", "Admin"),
    "audit": ("审计日志", "Audit log"),
    "users": ("用户", "Users"),
    "role": ("角色", "Role"),
    "location": ("所在国家", "Reads from"),
    "all_markets": ("全部市场", "all markets"),
    "disabled": ("已停用", "disabled"),
    "disable": ("停用", "Disable"),
    "add_user": ("添加用户", "Add user"),
    "role_admin": ("管理员", "admin"),
    "role_hq": ("总部", "headquarters"),
    "role_local": ("本地团队", "local team"),
    "role_auditor": ("审计员", "auditor"),
    "transfer_bases": ("数据出境依据", "Transfer bases"),
    "from": ("来源市场", "From"),
    "to": ("目的国家", "To"),
    "mechanism": ("机制", "Mechanism"),
    "reference": ("凭证", "Reference"),
    "added_by": ("添加人", "Added by"),
    "add_transfer": ("添加依据", "Add basis"),
    "not_legal_advice": (
        "记录仅供合规筛查参考，不构成法律意见。",
        "A record for screening, not legal advice.",
    ),
    "audit_note": (
        "共 {count} 条记录；哈希链校验：{ok}。",
        "{count} entries; hash chain check: {ok}.",
    ),
    "time": ("时间", "Time"),
    "event": ("事件", "Event"),
    "detail": ("详情", "Detail"),
    "login_failed": ("用户名或密码错误。", "Wrong user name or password."),
    "login_locked": (
        "登录失败次数过多，请 {seconds} 秒后再试。",
        "Too many failed sign-ins; try again in {seconds} s.",
    ),
    "basis_eoq": ("经济订货量：减少下单次数", "economic order quantity: fewer, larger orders"),
    "basis_moq": ("按工厂最小起订量", "the factory's minimum order"),
    "stock_covers": ("库存足够覆盖预测期", "stock covers the horizon"),
    "cut_by_quota": ("受仓库容量限制削减 {units} 件", "{units} units cut by the warehouse quota"),
    "quality_alert": ("质量预警", "Quality alert"),
    "check_batch": ("先核查批次", "Check the batch first"),
    "alert_times": ("{lift} 倍", "{lift}×"),
    "alert_new": ("新出现", "new"),
    "check_batch_help": (
        "本市场上周有质量预警，且主要来自该商品：下单前先核查这批货的质量",
        "A quality alert in this market last week is mostly about this product: check the "
        "batch before ordering",
    ),
    # 直播复盘 (chuhai.live.recap)
    "recap": ("直播复盘", "Live recap"),
    "recap_sessions": ("直播场次", "Live sessions"),
    "recap_sessions_note": (
        "点击场次查看复盘；也可用命令 chuhai live recap 场次编号 生成报告。",
        "Open a session's recap; or write one with chuhai live recap SESSION.",
    ),
    "recap_no_sessions": (
        "还没有直播场次：先用 chuhai ingest 导入场次表（--kind sessions）。",
        "No live sessions yet: import them with chuhai ingest FILE --kind sessions.",
    ),
    "recap_session": ("场次", "Session"),
    "recap_room": ("直播间", "Room"),
    "recap_host": ("主播", "Host"),
    "recap_start": ("开播时间", "Started"),
    "recap_length": ("时长", "Length"),
    "recap_minutes": ("{n} 分钟", "{n} min"),
    "recap_length_events": ("（按首末事件计）", "(first to last event)"),
    "recap_comments": ("评论数", "Comments"),
    "recap_commenters": ("评论人数", "Commenters"),
    "recap_per_min": ("每分钟评论", "Comments / min"),
    "recap_purchase_rate": ("购买意向率", "Purchase intent"),
    "recap_purchase_help": (
        "意图为「想购买」的评论 / 全部评论：{n} 条",
        "comments that want to buy / all comments: {n}",
    ),
    "recap_gmv": ("成交额", "GMV"),
    "recap_orders": ("订单", "Orders"),
    "recap_units": ("件数", "Units"),
    "recap_buyers": ("买家", "Buyers"),
    "recap_currency": ("币种", "Currency"),
    "recap_by_host": ("各主播成交额（本场及对比场次）", "GMV by host (this and compared sessions)"),
    "recap_sessions_n": ("场次数", "Sessions"),
    "recap_temperature": ("情绪温度", "Temperature"),
    "recap_temperature_help": (
        "0–100，50 为平稳：与直播助手相同的算法，按存储的情感与情绪重新计算",
        "0-100, 50 = calm: the live copilot's formula, recomputed from the stored sentiment "
        "and emotion",
    ),
    "recap_timeline": ("评论节奏与在线人数", "Comments and viewers over time"),
    "recap_step": ("每 {n} 分钟", "per {n} min"),
    "recap_spike": ("高峰", "spike"),
    "recap_spikes": ("评论高峰", "Comment spikes"),
    "recap_spike_rule": (
        "判定规则：该时段评论数 > 中位数 + 3 × max(1.4826 × MAD, 1)，且至少 5 条（本场阈值 {t}）",
        "Rule: comments in a step > median + 3 x max(1.4826 x MAD, 1) and at least 5 "
        "(threshold here {t})",
    ),
    "recap_spike_at": ("第 {m} 分钟起：{n} 条评论", "From minute {m}: {n} comments"),
    "recap_no_spikes": ("本场没有评论高峰", "No spike in this session"),
    "recap_viewers": ("在线人数", "Viewers"),
    "recap_viewers_peak": (
        "峰值 {peak} · 平均 {mean} · 结束时 {last}",
        "peak {peak} · mean {mean} · at the end {last}",
    ),
    "recap_no_viewers": ("平台未提供在线人数", "The platform gave no viewer counts"),
    "recap_minute_axis": ("开播后分钟", "minutes from the start"),
    "recap_questions": ("提问与回答", "Questions and answers"),
    "recap_asked": ("提问", "Asked"),
    "recap_answered": ("已回答", "Answered"),
    "recap_answer_rate": ("回答率", "Answer rate"),
    "recap_median_answer": ("回答用时中位数", "Median time to answer"),
    "recap_seconds": ("{n} 秒", "{n} s"),
    "recap_slowest": ("最慢的回答", "Slowest answers"),
    "recap_unanswered": ("未回答的问题（按意图）", "Unanswered questions by intent"),
    "recap_complaints": ("主要投诉", "Top complaints"),
    "recap_no_complaints": ("本场没有投诉", "No complaints in this session"),
    "recap_products": ("商品：提及与置顶", "Products: mentioned vs pinned"),
    "recap_shown": ("本场商品", "In the show"),
    "recap_pinned": ("置顶次数", "Pinned"),
    "recap_mentions": ("评论提及", "Mentions"),
    "recap_yes": ("是", "yes"),
    "recap_no": ("否", "no"),
    "recap_moderation": ("评论管理", "Moderation"),
    "recap_undone": ("已撤销", "undone"),
    "recap_no_moderation": ("本场没有评论管理操作", "No moderation in this session"),
    "recap_action_hide": ("隐藏", "hide"),
    "recap_action_delete": ("删除", "delete"),
    "recap_action_mute": ("禁言", "mute"),
    "recap_action_warn": ("警告", "warn"),
    "recap_activity": ("礼物与互动", "Gifts and engagement"),
    "recap_gifts": ("礼物", "Gifts"),
    "recap_gift_value": ("礼物价值", "Gift value"),
    "recap_likes": ("点赞", "Likes"),
    "recap_joins": ("进入直播间", "Joins"),
    "recap_follows": ("关注", "Follows"),
    "recap_shares": ("分享", "Shares"),
    "recap_compare": ("与本直播间此前场次对比", "Compared with the room's earlier sessions"),
    "recap_this": ("本场", "this session"),
    "recap_no_previous": ("本直播间没有更早的场次", "The room has no earlier session"),
    "recap_actions": ("下一场的建议", "For the next session"),
    "recap_no_actions": ("各项指标正常，没有需要特别调整的地方", "Nothing stands out to change"),
    "recap_hidden": ("已隐藏（少于 {k} 人）", "hidden (fewer than {k} people)"),
    "recap_aggregates": (
        "该区域的评论原文不能从您所在地读取（{reason}）：不显示评论原文，少于 {k} 人的数字已隐藏，"
        "时间轴按 5 分钟汇总。",
        "This zone's comments may not be read from where you are ({reason}): no quotes, "
        "figures about fewer than {k} people hidden, the timeline in 5-minute steps.",
    ),
    "recap_demo": (
        "演示数据：其中的回答、置顶与评论管理操作是 chuhai demo 编造的。",
        "Demo data: its answers, pins and moderation were made up by chuhai demo.",
    ),
    "recap_generated": ("生成时间", "Generated"),
}
UI.update(CREATORS_UI)  # the creators' page (issue 18)


def pick_lang(value: str | None, remembered: str | None = None) -> Lang:
    """``?lang=`` when it names a language, else the remembered choice (cookie), else 中文."""
    for choice in (value, remembered):
        if choice == "en":
            return "en"
        if choice == "zh":
            return "zh"
    return "zh"


def _significance(q: float) -> tuple[str, str]:
    if q < 0.001:
        return ("极显著", "very strong")
    if q < 0.01:
        return ("很显著", "strong")
    return ("显著", "clear")


class Translator:
    """``t("volume")``, and labels for tags: ``t.aspect("battery")`` -> 电池续航 / battery.
    An unknown tag is shown with its underscores as spaces, never as a key."""

    def __init__(self, lang: Lang, zones: dict[str, tuple[str, ...]] | None = None) -> None:
        self.lang: Lang = lang
        self.zones = zones or {}  # zone -> its markets, to name a zone by its countries

    def __call__(self, key: str, **values: object) -> str:
        zh, en = UI.get(key, (key, key))
        text = zh if self.lang == "zh" else en
        return text.format(**values) if values else text

    def pair(self, key: str) -> Pair:
        """A word in both languages, for pages that switch language without reloading."""
        return UI.get(key, (key, key))

    def pick(self, pair: Pair) -> str:
        return pair[0] if self.lang == "zh" else pair[1]

    def _tag(self, table: dict[str, Pair], value: str | None) -> str:
        if value is None or value in ("-", ""):
            return "—"
        pair = table.get(value)
        return self.pick(pair) if pair else value.replace("_", " ")

    def aspect(self, value: str | None) -> str:
        return self._tag(ASPECT, value)

    def intent(self, value: str | None) -> str:
        return self._tag(INTENT, value)

    def emotion(self, value: str | None) -> str:
        return self._tag(EMOTION, value)

    def channel(self, value: str | None) -> str:
        return self._tag(CHANNEL, value)

    def sentiment(self, value: str | None) -> str:
        return self._tag(SENTIMENT, value)

    def event(self, value: str | None) -> str:
        return self._tag(AUDIT_EVENT, value)

    def field(self, value: str | None) -> str:
        return self._tag(AUDIT_FIELD, value)

    def mechanism(self, value: str | None) -> str:
        return self._tag(MECHANISM, value)

    def refusal(self, reason: str, zone: str, reader: str) -> str:
        """Why quotes of ``zone`` stay there: the guard's reason in English, in Chinese the
        countries with no recorded transfer basis to the reader's."""
        if self.lang == "en":
            return reason
        where = self.markets(self.zones.get(zone, ())) or zone
        return self("no_basis", markets=where, reader=self.market(reader))

    def language(self, value: str | None) -> str:
        if self.lang == "zh" and value in LANGUAGE_ZH:
            return LANGUAGE_ZH[value]
        return value or "—"

    def role(self, value: str) -> str:
        return self(f"role_{value}")

    def market(self, code: str | None) -> str:
        """泰国 in Chinese, the ISO code in English (short enough for every table)."""
        if not code:
            return "—"
        info = MARKET_INFO.get(code)
        return info.name_zh if self.lang == "zh" and info else code

    def markets(self, codes: Iterable[str]) -> str:
        names = [self.market(c) for c in codes]
        return "、".join(names) if self.lang == "zh" else ", ".join(names)

    def zone(self, zone: str) -> str:
        """A data zone named by its countries in Chinese (数据存放地：泰国), by id in English."""
        markets = self.zones.get(zone, ())
        if self.lang == "en":
            return f"zone {zone}"
        return self("zone_of", where=self.markets(markets) if markets else zone)

    def lift(self, value: float | None) -> str:
        """How many times the share rose: 2.7 倍 / 2.7×; 新出现 / new when it was zero before."""
        if not value:
            return self("lift_new")
        return f"{value:.1f} 倍" if self.lang == "zh" else f"{value:.1f}×"

    def significance(self, q: float) -> str:
        return self.pick(_significance(q))

    def chip(self, key: str, value: str) -> str:
        """A filter of the page as words: 方面：电池续航, not aspect: battery."""
        label = self._tag(FILTER, key)
        shown = {
            "market": self.market, "aspect": self.aspect, "intent": self.intent,
            "emotion": self.emotion, "channel": self.channel, "sentiment": self.sentiment,
            "language": self.language,
        }.get(key)  # fmt: skip
        text = shown(value) if shown else value
        return f"{label}：{text}" if self.lang == "zh" else f"{label}: {text}"

    def dimension(self, dimension: str, key: str, label: str = "") -> str:
        zh, en = DIMENSION.get(dimension, (dimension, dimension))
        if dimension == "aspect_negative":
            return f"{self.aspect(key)}{zh}" if self.lang == "zh" else f"{en} {self.aspect(key)}"
        if dimension == "intent":
            return f"{zh}：{self.intent(key)}" if self.lang == "zh" else f"{en}: {self.intent(key)}"
        if dimension == "theme":
            name = label or self("unnamed_theme")
            return f"{zh}：{name}" if self.lang == "zh" else f"{en}: {name}"
        return zh if self.lang == "zh" else en
