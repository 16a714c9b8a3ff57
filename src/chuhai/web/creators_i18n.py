"""The creators' page and report in Chinese and English (merged into ``web.i18n.UI``)."""

from __future__ import annotations

from typing import Final

__all__ = ["CREATORS_UI"]

CREATORS_UI: Final[dict[str, tuple[str, str]]] = {
    "site_creators": ("达人", "Creators"),
    "creators": ("达人带货", "Creators"),
    "creators_title": ("达人带货分析", "Affiliate creators"),
    "creators_note": (
        "按达人和市场统计：GMV、订单、转化、佣金、退款退货、扣除佣金和到岸成本后的净利润、样品回报和买家之声。"
        "金额为各市场本币；排名按扣除样品后的净利润折算为 {currency}。",
        "Per creator and market: GMV, orders, conversion, commission, refunds and returns, net "
        "margin after commission and landed cost, sample ROI and their buyers' voices. Money in "
        "each market's currency; ranked by net margin after samples in {currency}.",
    ),
    "creators_none": ("还没有达人数据：chuhai ingest --kind creators / affiliate-orders。",
                      "No creators yet: chuhai ingest --kind creators / affiliate-orders."),
    "creators_withheld": (
        "{market}：达人属于该市场数据驻留区的个人数据，没有跨境依据，"
        "只显示市场合计（{n} 位达人）。",
        "{market}: creators are personal data of the market's zone; without a transfer basis "
        "only the market's totals leave it ({n} creators).",
    ),
    "creators_withheld_k": (
        "{market}：没有跨境依据，且达人少于 {k} 位，合计也不显示。",
        "{market}: no transfer basis and fewer than {k} creators: not even totals are shown.",
    ),
    "creators_basis": ("{market}：依据跨境传输依据读取（已记入审计日志）。",
                       "{market}: read through a transfer basis (recorded in the audit log)."),
    "creator_rank": ("排名", "Rank"),
    "creator_handle": ("达人", "Creator"),
    "creator_agency": ("机构/MCN", "Agency/MCN"),
    "creator_rate": ("佣金率", "Commission rate"),
    "creator_gmv": ("GMV", "GMV"),
    "creator_orders": ("订单（直接）", "Orders (direct)"),
    "creator_conversion": ("转化率", "Conversion"),
    "creator_commission": ("佣金", "Commission"),
    "creator_refunds": ("退款", "Refunds"),
    "creator_landed": ("到岸成本", "Landed cost"),
    "creator_net_margin": ("净利润", "Net margin"),
    "creator_margin_rate": ("净利率", "Margin"),
    "creator_sample_roi": ("样品回报", "Sample ROI"),
    "creator_voc": ("买家之声", "Buyers' voice"),
    "creator_verdict": ("建议", "Verdict"),
    "creator_reasons": ("原因", "Why"),
    "creator_totals": ("市场合计", "Market totals"),
    "verdict_keep": ("继续合作", "keep"),
    "verdict_renegotiate": ("重新谈判", "renegotiate"),
    "verdict_stop": ("停止合作", "stop"),
    "voc_complaints": ("{voices} 条，投诉 {rate}", "{voices} voices, {rate} complaints"),
    "reason_too_few_orders": ("订单太少（{orders} < {min}），继续试合作",
                              "too few orders to judge ({orders} < {min}); keep on trial"),
    "reason_losing_money": ("扣除佣金和到岸成本后亏损 {net_margin} {currency}",
                            "loses money after commission and landed cost: "
                            "{net_margin} {currency}"),
    "reason_refunds_high": ("退款占 GMV 的 {rate}", "refunds take {rate} of GMV"),
    "reason_complaints_high": ("买家之声中投诉占 {rate}（{voices} 条）",
                               "{rate} of their buyers' voices are complaints ({voices})"),
    "reason_margin_thin": (
        "净利率 {margin} 低于目标 {target}：佣金率 {rate} 建议降到 {suggested}",
        "margin {margin} under the {target} target: commission {rate}, ask for {suggested}",
    ),
    "reason_samples_unpaid": ("样品成本 {sample_cost} {currency} 尚未收回（回报 {roi}）",
                              "samples ({sample_cost} {currency}) not paid back (ROI {roi})"),
    "reason_profitable": ("净利率 {margin}，净利润 {net_margin} {currency}",
                          "margin {margin}, net margin {net_margin} {currency}"),
}  # fmt: skip
