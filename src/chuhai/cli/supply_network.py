"""``chuhai supply network``: the factory -> overseas warehouse -> market plan and what each
disruption does to its cost and fill rate."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chuhai.cli.lang import LangOption, Words, words
from chuhai.cli.output import JsonOption, emit_json, err, handle_errors, out
from chuhai.cli.state import state
from chuhai.cli.supply import SetupOption, setup_from, supply_app
from chuhai.errors import InputError

if TYPE_CHECKING:
    from chuhai.supply.network.service import NetworkResult

__all__ = ["network"]


def _read_demand(path: Path, setup: Any) -> list[Any]:
    """CSV: sku, market, units_per_week[, price] (price default: the setup's [[skus]])."""
    from pydantic import ValidationError

    from chuhai.supply.network.models import DemandRow

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    known = {s.sku: s for s in setup.skus}
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"sku", "market", "units_per_week"} - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for line, raw in enumerate(reader, start=2):
            sku, market = (raw.get("sku") or "").strip(), (raw.get("market") or "").strip().upper()
            item = known.get(sku)
            price = raw.get("price") or (item.prices.get(market) if item else None)
            try:
                fields = {
                    "sku": sku,
                    "market": market,
                    "units_per_week": raw["units_per_week"],
                    "price": price,
                    "category": item.category if item else "general",
                }
                rows.append(DemandRow.model_validate(fields))
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise InputError(f"{path} line {line}: {where}: {first['msg']}") from None
    return rows


@supply_app.command("network", short_help="Factories -> warehouses -> markets, and disruptions")
@handle_errors
def network(
    ctx: typer.Context,
    setup: SetupOption = None,
    demand: Annotated[
        Path | None,
        typer.Option(
            "--demand",
            help="CSV: sku, market, units_per_week[, price] (default: "
            "[[network.demand]], else the last weeks of orders in the zone stores)",
        ),
    ] = None,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=52, help="Weeks of orders the demand averages")
    ] = 4,
    scenario: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario",
            help="factory-down:NAME, lane-closed:ORIGIN>DEST[/MODE], "
            "tariff:ROUTE=+0.10, ban:MARKET (repeatable; default: the setup's)",
        ),
    ] = None,
    lang: LangOption = "zh",  # type: ignore[assignment]
    as_json: JsonOption = False,
) -> None:
    """Plan a week of the network at the least cost: which factory of which industrial belt
    makes how much, through which overseas warehouse, for which market (HiGHS, within the
    capacities, quotas and MOQs); then re-plan under each disruption scenario and show what it
    does to the cost and the fill rate. Amounts in the setup's currency; a planning aid."""
    from chuhai.supply.network.scenarios import parse_scenario
    from chuhai.supply.network.service import demand_rows, network_of, run_network, with_demand

    cfg = setup_from(ctx, setup)
    net = network_of(cfg)
    source, warnings = "setup", list[str]()
    if demand is not None:
        net, source = with_demand(net, _read_demand(demand, cfg)), str(demand)
    elif not net.demand:
        from chuhai.store import ZoneRouter
        from chuhai.supply.sources import demand_from_stores

        with ZoneRouter(state(ctx).settings) as router:
            data = demand_from_stores(router, "W")
        rows, warnings = demand_rows(cfg, data, weeks)
        net, source = with_demand(net, rows), f"stores (mean of the last {weeks} weeks)"
    chosen = [parse_scenario(s, net) for s in scenario] if scenario else None
    result = run_network(net, chosen, demand_source=source, warnings=warnings)
    if as_json:
        emit_json(result.as_dict())
        return
    _print(result, words(lang))


def _print(result: NetworkResult, say: Words) -> None:
    from rich.table import Table

    plan, cur = result.plan, result.setup.currency
    for warning in result.warnings:
        err.print(warning, soft_wrap=True)
    flows = Table(
        title=say(
            f"供应网络：每周流量（{cur}；仅供规划参考）",
            f"Supply network: a week's flows ({cur}; planning aid)",
        )
    )
    for zh, en in (
        ("从", "from"),
        ("到", "to"),
        ("商品", "SKU"),
        ("方式", "mode"),
        ("件/周", "units/week"),
        ("单件成本", "cost/unit"),
    ):
        flows.add_column(
            say(zh, en), justify="right" if en in ("units/week", "cost/unit") else "left"
        )
    for f in sorted(plan.inbound, key=lambda f: (f.origin, f.destination, f.sku)):
        flows.add_row(
            f.origin, f.destination, f.sku, f.mode, f"{f.units:,.0f}", f"{f.unit_cost:.2f}"
        )
    for f in sorted(plan.outbound, key=lambda f: (f.origin, f.destination, f.sku)):
        flows.add_row(
            f.origin,
            say.market(f.destination),
            f.sku,
            f.mode,
            f"{f.units:,.0f}",
            f"{f.unit_cost:.2f}",
        )
    out.print(flows)
    markets = Table(title=say("各市场满足率", "Fill rate per market"))
    for zh, en in (
        ("市场", "market"),
        ("需求/周", "demand/week"),
        ("已满足", "served"),
        ("满足率", "fill rate"),
        ("损失销售额", "lost sales"),
        ("周数", "lead weeks"),
    ):
        markets.add_column(say(zh, en), justify="left" if en == "market" else "right")
    for m in plan.markets:
        markets.add_row(
            say.market(m.market),
            f"{m.demand:,.0f}",
            f"{m.served:,.0f}",
            f"{m.fill_rate:.0%}",
            f"{m.lost_sales:,.0f}",
            f"{m.lead_weeks:g}",
        )
    out.print(markets)
    out.print(
        say(
            f"每周供应成本 {plan.supply_cost:,.0f} {cur}（生产 {plan.production:,.0f}，运费 "
            f"{plan.freight:,.0f}，关税 {plan.duty:,.0f}，仓储 {plan.warehousing:,.0f}），损失销售 "
            f"{plan.lost_sales:,.0f}，满足率 {plan.fill_rate:.1%}；"
            f"求解 {plan.status}，{plan.seconds:.1f} 秒",
            f"A week: supply cost {plan.supply_cost:,.0f} {cur} "
            f"(production {plan.production:,.0f}, "
            f"freight {plan.freight:,.0f}, duty {plan.duty:,.0f}, warehousing "
            f"{plan.warehousing:,.0f}), lost sales {plan.lost_sales:,.0f}, fill rate "
            f"{plan.fill_rate:.1%}; solver {plan.status}, {plan.seconds:.1f} s",
        ),
        soft_wrap=True,
    )
    if result.impacts:
        table = Table(title=say("中断情景（重新规划）", "Disruptions (re-planned)"))
        for zh, en in (
            ("情景", "scenario"),
            ("供应成本变化", "supply cost change"),
            ("损失销售变化", "lost sales change"),
            ("满足率", "fill rate"),
            ("受影响市场", "markets hit"),
        ):
            table.add_column(
                say(zh, en), justify="left" if en in ("scenario", "markets hit") else "right"
            )
        for i in result.impacts:
            hit = ", ".join(f"{say.market(m)} {a:.0%}->{b:.0%}" for m, a, b in i.market_fill())
            table.add_row(
                i.scenario.name,
                f"{i.supply_cost_change:+,.0f}",
                f"{i.lost_sales_change:+,.0f}",
                f"{i.plan.fill_rate:.1%} ({100 * i.fill_rate_change:+.1f})",
                hit or "-",
            )
        out.print(table)
    if result.unverified_routes:
        err.print(
            say(
                f"关税路线未核实：{', '.join(result.unverified_routes)}",
                f"tariff routes not verified: {', '.join(result.unverified_routes)}",
            )
        )
