"""The supply network page's words in Chinese and English (/supply/network)."""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["NETWORK_UI", "network_words"]

NETWORK_UI: Final[dict[str, tuple[str, str]]] = {
    "network": ("供应网络", "Supply network"),
    "network_note": (
        "每周最低成本方案：哪个产业带的哪家工厂生产多少，经哪个海外仓，供应哪个市场"
        "（在产能、仓容、入库配额和最小起订量之内；HiGHS 求解）。金额单位 {currency}。",
        "A week at the least cost: which factory of which industrial belt makes how much, "
        "through which overseas warehouse, for which market (within capacities, warehouse "
        "room, inbound quotas and MOQs; solved by HiGHS). Amounts in {currency}.",
    ),
    "factories": ("工厂（产业带）", "Factories (belts)"),
    "overseas_warehouses": ("海外仓", "Overseas warehouses"),
    "markets": ("市场", "Markets"),
    "units_per_week": ("件/周", "units/week"),
    "demand_source": ("需求来源：{source}", "Demand: {source}"),
    "supply_cost": ("每周供应成本", "Supply cost a week"),
    "production": ("生产", "Production"),
    "freight": ("运费", "Freight"),
    "duty": ("关税", "Duty"),
    "warehousing": ("仓储", "Warehousing"),
    "lost_sales": ("损失销售额", "Lost sales"),
    "fill_rate": ("满足率", "Fill rate"),
    "market": ("市场", "Market"),
    "demand": ("需求/周", "Demand/week"),
    "served": ("已满足", "Served"),
    "lead_weeks": ("周期（周）", "Lead weeks"),
    "use": ("利用率", "Used"),
    "capacity": ("容量", "Capacity"),
    "factory": ("工厂", "Factory"),
    "belt": ("产业带", "Belt"),
    "warehouse": ("海外仓", "Warehouse"),
    "scenarios": ("中断情景（重新规划）", "Disruptions (re-planned)"),
    "scenario": ("情景", "Scenario"),
    "kind_factory_down": ("工厂停产", "factory down"),
    "kind_lane_closed": ("线路中断", "lane closed"),
    "kind_tariff_jump": ("关税上调", "tariff jump"),
    "kind_market_ban": ("市场禁售", "market ban"),
    "supply_cost_change": ("供应成本变化", "Supply cost change"),
    "lost_sales_change": ("损失销售变化", "Lost sales change"),
    "markets_hit": ("受影响市场", "Markets hit"),
    "status_optimal": ("最优解", "optimal"),
    "status_time_limit": ("达到时限（给出当时最好的方案）", "time limit (the best plan so far)"),
    "status_infeasible": ("无可行方案", "infeasible"),
    "status_unbounded": ("无界", "unbounded"),
    "status_other": ("其他", "other"),
    "source_setup": ("supply.toml 中的需求", "the demand in supply.toml"),
    "source_stores": (
        "各区域库中的订单（最近 {weeks} 周的周均值）",
        "orders in the zone stores (weekly mean of the last {weeks} weeks)",
    ),
    "source_file": ("文件 {path}", "the file {path}"),
    "solver": (
        "求解：{status}，{seconds} 秒，{variables} 个变量",
        "Solver: {status}, {seconds} s, {variables} variables",
    ),
    "routes_unverified": (
        "以下关税路线未经核实，请先核对再使用：{routes}",
        "Tariff routes not verified; check them before relying on the plan: {routes}",
    ),
    "disclaimer": (
        "网络方案仅供规划参考，不构成海关或法律意见。",
        "The network plan is a planning aid, not customs or legal advice.",
    ),
}


def network_words(lang: Literal["zh", "en"]) -> dict[str, str]:
    return {k: zh if lang == "zh" else en for k, (zh, en) in NETWORK_UI.items()}
