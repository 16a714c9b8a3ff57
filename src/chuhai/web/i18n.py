"""The dashboard's words in Chinese and English, and labels for the model's tags."""

from __future__ import annotations

from typing import Final, Literal

from chuhai.live.labels import EMOTION_ZH, INTENT_ZH, LANGUAGE_ZH

__all__ = ["LANGS", "Lang", "Translator", "pick_lang"]

Lang = Literal["zh", "en"]
LANGS: Final = ("zh", "en")

ASPECT_ZH: Final = {
    "quality": "质量",
    "price": "价格",
    "shipping": "物流",
    "packaging": "包装",
    "service": "服务",
    "battery": "电池续航",
    "noise": "噪音",
    "performance": "性能",
    "size_fit": "尺寸/合身",
    "appearance": "外观",
    "usability": "易用性",
    "authenticity": "正品/真伪",
}
CHANNEL_ZH: Final = {
    "review": "商品评价",
    "email": "邮件",
    "call": "电话",
    "survey": "问卷",
    "user_test": "用户测试",
    "live_comment": "直播评论",
}
SENTIMENT_ZH: Final = {"pos": "正面", "neu": "中性", "neg": "负面"}
SENTIMENT_EN: Final = {"pos": "positive", "neu": "neutral", "neg": "negative"}
DIMENSION: Final = {
    "aspect_negative": ("负面提及", "negative mentions of"),
    "intent": ("意图", "intent"),
    "theme": ("主题", "theme"),
    "negative": ("负面声音", "negative voices"),
}

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
    "lift": ("倍数", "Lift"),
    "q_value": ("q 值", "q-value"),
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
    "tariffs_unverified": (
        "以下市场的关税与起征点数据未经核实：{markets}。请先核对再使用到岸成本。",
        "Tariff and de minimis figures are not verified for {markets}: check them before "
        "relying on landed costs.",
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
}


def pick_lang(value: str | None) -> Lang:
    return "en" if value == "en" else "zh"


class Translator:
    """``t("volume")``, and labels for tags: ``t.aspect("battery")`` -> 电池续航 / battery."""

    def __init__(self, lang: Lang) -> None:
        self.lang: Lang = lang

    def __call__(self, key: str, **values: object) -> str:
        zh, en = UI.get(key, (key, key))
        text = zh if self.lang == "zh" else en
        return text.format(**values) if values else text

    def _tag(self, table: dict[str, str], value: str | None) -> str:
        if value is None or value == "-":
            return "—"
        if self.lang == "zh":
            return table.get(value, value)
        return value.replace("_", " ")

    def aspect(self, value: str | None) -> str:
        return self._tag(ASPECT_ZH, value)

    def intent(self, value: str | None) -> str:
        return self._tag(INTENT_ZH, value)

    def emotion(self, value: str | None) -> str:
        return self._tag(EMOTION_ZH, value)

    def channel(self, value: str | None) -> str:
        return self._tag(CHANNEL_ZH, value)

    def language(self, value: str | None) -> str:
        return self._tag(LANGUAGE_ZH, value)

    def sentiment(self, value: str | None) -> str:
        if self.lang == "en" and value in SENTIMENT_EN:
            return SENTIMENT_EN[value]
        return self._tag(SENTIMENT_ZH, value)

    def dimension(self, dimension: str, key: str, label: str = "") -> str:
        zh, en = DIMENSION.get(dimension, (dimension, dimension))
        if dimension == "aspect_negative":
            return f"{self.aspect(key)} {zh}" if self.lang == "zh" else f"{en} {self.aspect(key)}"
        if dimension == "intent":
            return f"{zh}：{self.intent(key)}" if self.lang == "zh" else f"{en}: {self.intent(key)}"
        if dimension == "theme":
            return f"{zh}：{label or key}" if self.lang == "zh" else f"{en}: {label or key}"
        return zh if self.lang == "zh" else en
