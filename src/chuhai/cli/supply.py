"""``chuhai supply``: forecasts, purchase plans, landed cost, and the setup file."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Final

import typer

from chuhai.cli.choices import Forecaster, Freq, Gaps
from chuhai.cli.lang import Lang, LangOption, Words, words
from chuhai.cli.output import JsonOption, emit_json, err, handle_errors, out
from chuhai.cli.state import state
from chuhai.errors import InputError

__all__ = [
    "DemandOptions",
    "FreqOption",
    "GapsOption",
    "SetupOption",
    "load_demand",
    "setup_from",
    "supply_app",
]

supply_app = typer.Typer(
    help="Small-batch supply: demand forecasts around live sessions, purchase plans, landed "
    "cost, policy simulation (docs/SUPPLY.md). Planning aids, not customs advice.",
    no_args_is_help=True,
)

SetupOption = Annotated[
    Path | None,
    typer.Option("--setup", help="supply.toml (default: [supply] setup in chuhai.toml)"),
]
DemandOption = Annotated[
    Path | None,
    typer.Option(
        "--demand",
        help="CSV: sku, market, date or week, quantity, event columns (default: the orders "
        "and live sessions in the zone stores)",
    ),
]
EventsOption = Annotated[
    Path | None,
    typer.Option("--events", help="CSV of planned events: sku, market, date, event columns"),
]
FreqOption = Annotated[Freq, typer.Option("--freq", help="W (weeks, Monday) or D (days)")]
GapsOption = Annotated[
    Gaps,
    typer.Option(
        "--fill-gaps", help="Missing periods in --demand: an error, zero sales, or filled in"
    ),
]
HorizonOption = Annotated[
    int | None, typer.Option("--horizon", min=1, max=104, help="Periods ahead (default: setup)")
]
ModelOption = Annotated[Forecaster, typer.Option("--model", help="The demand forecaster")]
MarketsOption = Annotated[
    list[str] | None, typer.Option("--market", "-m", help="Only these markets (repeatable)")
]
OutOption = Annotated[Path | None, typer.Option("--out", "-o", help="Write a CSV here")]


class DemandOptions:
    def __init__(
        self,
        demand: Path | None,
        events: Path | None,
        freq: Freq,
        gaps: Gaps,
        markets: Sequence[str] | None,
    ) -> None:
        self.demand, self.events = demand, events
        self.freq, self.gaps = freq.value, gaps.value
        self.markets = [m.upper() for m in markets] if markets else None


def load_demand(ctx: typer.Context, options: DemandOptions) -> Any:
    from chuhai.supply.series import read_demand_csv, read_events_csv

    freq: Any = options.freq
    if options.demand is not None:
        data = read_demand_csv(options.demand, freq, options.gaps)  # type: ignore[arg-type]
        if options.markets:
            history = data.history[data.history["market"].isin(options.markets)]
            if history.empty:
                raise InputError(f"no demand for {', '.join(options.markets)} in {options.demand}")
            data.history = history
    else:
        from chuhai.store import ZoneRouter
        from chuhai.supply.sources import demand_from_stores

        with ZoneRouter(state(ctx).settings) as router:
            data = demand_from_stores(router, freq, options.markets)
    if options.events is not None:
        data = read_events_csv(options.events, data)
    from chuhai.supply.calendar_events import add_calendar

    return add_calendar(data, state(ctx).settings)  # holidays, festivals, campaigns


def setup_from(ctx: typer.Context, given: Path | None) -> Any:
    from chuhai.supply.setup import load_setup

    return load_setup(given or state(ctx).settings.supply.setup)


def _write_csv(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        if not rows:
            return
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    err.print(f"wrote {len(rows):,} rows to {path}")


@supply_app.command("init", short_help="Write an example supply.toml")
@handle_errors
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the example")] = Path("supply.toml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file")] = False,
) -> None:
    """Write an example supply.toml (SKUs, factories, modes, warehouses, tariffs, risk) to edit.
    Every tariff figure in it is marked unverified."""
    from chuhai.supply.setup import EXAMPLE_SETUP

    if path.exists() and not force:
        raise InputError(f"{path} exists (--force overwrites it)")
    shutil.copyfile(EXAMPLE_SETUP, path)
    err.print(f'wrote {path}; set [supply] setup = "{path.name}" in chuhai.toml to use it')


@supply_app.command("forecast", short_help="Forecast demand per SKU x market")
@handle_errors
def forecast(
    ctx: typer.Context,
    demand: DemandOption = None,
    events: EventsOption = None,
    freq: FreqOption = Freq.W,
    fill_gaps: GapsOption = Gaps.ERROR,
    market: MarketsOption = None,
    horizon: Annotated[int, typer.Option("--horizon", min=1, max=104, help="Periods ahead")] = 12,
    model: ModelOption = Forecaster.CHUHAI,
    quantiles: Annotated[
        str, typer.Option("--quantiles", help="Comma-separated, e.g. 0.1,0.5,0.9")
    ] = "0.1,0.5,0.9,0.95",
    output: OutOption = None,
    as_json: JsonOption = False,
) -> None:
    """Forecast demand per SKU x market with quantiles; live sessions and promotions are
    known future events. Short series get a recent mean, intermittent ones TSB."""
    from chuhai.supply.forecast import make_forecaster

    try:
        qs = [float(q) for q in quantiles.split(",") if q.strip()]
    except ValueError:
        raise InputError(f"--quantiles {quantiles!r}: expected numbers like 0.1,0.5,0.9") from None
    data = load_demand(ctx, DemandOptions(demand, events, freq, fill_gaps, market))
    with err.status(f"forecasting {len(data.ids):,} series with {model}"):
        frame = make_forecaster(model.value).forecast(data, horizon, qs)
    frame = frame.merge(
        data.history[["unique_id", "sku", "market"]].drop_duplicates(), on="unique_id"
    )
    frame["ds"] = frame["ds"].dt.date.astype(str)
    columns = ["sku", "market", "ds", "model", "mean", *(c for c in frame if c.startswith("q"))]
    rows = [
        {k: round(v, 2) if isinstance(v, float) else v for k, v in r.items()}
        for r in frame[columns].to_dict("records")
    ]
    if output is not None:
        _write_csv(output, rows)
    if as_json:
        emit_json({"series": len(data.ids), "horizon": horizon, "model": model.value, "rows": rows})
        return
    _print_forecast(rows)


def _print_forecast(rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table(title="Forecast (units per period; first 40 rows, --out for all)")
    for column in rows[0] if rows else []:
        table.add_column(column, justify="right" if column not in ("sku", "market") else "left")
    for row in rows[:40]:
        table.add_row(*(f"{v:,.1f}" if isinstance(v, float) else str(v) for v in row.values()))
    out.print(table)


def read_inventory(path: Path | None) -> dict[tuple[str, str], tuple[float, float]]:
    """sku, market, on_hand[, on_order]; absent means nothing in stock."""
    from chuhai.supply.series import number, read_rows, require_columns

    if path is None:
        return {}
    header, rows = read_rows(path)
    require_columns(header, path, ["sku", "market", "on_hand"])
    stock: dict[tuple[str, str], tuple[float, float]] = {}
    for line, row in rows:
        where = f"{path.name} line {line}"
        on_hand = number(row.get("on_hand") or "", where, "on_hand")
        on_order = number(row.get("on_order") or "", where, "on_order")
        if on_hand < 0 or on_order < 0:
            raise InputError(f"{where}: negative stock")
        stock[((row.get("sku") or "").strip(), (row.get("market") or "").strip().upper())] = (
            on_hand,
            on_order,
        )
    return stock


@supply_app.command("plan", short_help="The purchase plan: what to order, when, how")
@handle_errors
def plan(
    ctx: typer.Context,
    setup: SetupOption = None,
    demand: DemandOption = None,
    events: EventsOption = None,
    inventory: Annotated[
        Path | None, typer.Option("--inventory", help="CSV: sku, market, on_hand, on_order")
    ] = None,
    freq: FreqOption = Freq.W,
    fill_gaps: GapsOption = Gaps.ERROR,
    market: MarketsOption = None,
    horizon: HorizonOption = None,
    model: ModelOption = Forecaster.CHUHAI,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The day the plan starts from and stock is counted, YYYY-MM-DD (default: "
            "today); orders are never dated before it",
        ),
    ] = None,
    output: OutOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.EN,
) -> None:
    """The purchase plan: per SKU x warehouse what to order, when, from which factory and by
    which mode, with MOQs, case packs, warehouse quotas and the service level of the setup.
    It starts from today (or --as-of) and warns when the demand data ends weeks before."""
    from chuhai.supply.service import plan_demand

    say = words(lang)
    day = _as_of(as_of)
    cfg = setup_from(ctx, setup)
    data = load_demand(ctx, DemandOptions(demand, events, freq, fill_gaps, market))
    cfg.check_skus(data.skus())
    h = horizon or cfg.policy.horizon
    if inventory is None:
        err.print("no --inventory: planning as if nothing were in stock or on order")
    stock = read_inventory(inventory)
    with err.status(f"forecasting {len(data.ids):,} series and planning"):
        result = plan_demand(cfg, data, horizon=h, model=model.value, as_of=day, inventory=stock)
    for warning in result.warnings:
        err.print(f"warning: {warning}")
    _flag_quality(ctx, result)
    rows = [line.as_dict() for line in result.lines]
    if output is not None:
        _write_csv(output, [{k: v for k, v in r.items() if k != "alternatives"} for r in rows])
    if as_json:
        emit_json({"currency": cfg.currency, "as_of": result.as_of.isoformat() if result.as_of
                   else None, "warnings": result.warnings, "lines": rows})  # fmt: skip
        return
    _print_plan(rows, cfg.currency, result.as_of, say)
    _print_flags(result.lines, say)


def _flag_quality(ctx: typer.Context, result: Any) -> None:
    """先核查批次 on the lines behind a quality alert of the zone stores (if any)."""
    from chuhai.store import ZoneRouter
    from chuhai.supply.quality import flag_quality
    from chuhai.voc.service import VocService

    settings = state(ctx).settings
    with ZoneRouter(settings) as router:
        flag_quality(result.lines, VocService(settings, router=router), result.as_of)


def _print_flags(lines: Sequence[Any], say: Words) -> None:
    from chuhai.supply.quality import alert_words

    for line in (x for x in lines if x.quality_flag):
        out.print(
            f"{line.sku} {say.market(line.market)}: {line.quality_flag}"
            f"{say('', ' (check the batch first)')}: {alert_words(line)}, {line.alert_week}; "
            f"{say('预警', 'alert')} {line.alert_id} {line.alert_url}",
            highlight=False,
            soft_wrap=True,
        )


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"--as-of {text!r}: expected a day like 2026-11-02") from None


# The plan's columns and its planner's fixed notes, for --lang zh.
_PLAN_COLUMNS: Final = (
    ("sku", "SKU"),
    ("market", "市场"),
    ("factory", "工厂"),
    ("mode", "运输方式"),
    ("qty", "数量"),
    ("order on", "下单日"),
    ("arrives", "到货日"),
    ("cost", "成本"),
    ("quality", "质量预警"),
    ("note", "说明"),
)
_MODES_ZH: Final = {"sea": "海运", "air": "空运", "rail": "铁路", "truck": "陆运", "road": "陆运",
                    "express": "快递"}  # fmt: skip
_NOTES_ZH: Final = {
    "economic order quantity: fewer, larger orders": "经济订货量：少量多次改为批量下单",
    "stock covers the horizon": "库存足以覆盖计划期",
}


def _note(text: str, say: Words) -> str:
    if say.lang == "en" or not text:
        return text
    if text.startswith("the factory's minimum order of "):
        return f"工厂最小起订量 {text.rsplit(' ', 1)[-1]}"
    return _NOTES_ZH.get(text, text)


def _print_plan(rows: list[dict[str, Any]], currency: str, as_of: date | None, say: Words) -> None:
    from rich.table import Table

    title = say(f"采购计划（自 {as_of} 起，{currency}；仅供规划参考）",
                f"Purchase plan from {as_of} ({currency}; planning aid)")  # fmt: skip
    table = Table(title=title)
    for en, zh in _PLAN_COLUMNS:
        table.add_column(say(zh, en))
    for r in rows:
        mode = r["mode"] or "-"
        table.add_row(
            r["sku"], say.market(r["market"]), r["factory"],
            say(_MODES_ZH.get(mode, mode), mode), f"{r['order_qty']:,}",
            r["order_date"] or "-", r["arrival_date"] or "-", f"{r['order_cost']:,.0f}",
            r["quality_flag"] or "-", _note(r["reason"], say),
        )  # fmt: skip
    out.print(table)
    total = sum(float(r["order_cost"]) for r in rows)
    orders = sum(1 for r in rows if r["order_qty"])
    err.print(say(f"共 {orders} 笔订单，合计 {total:,.0f} {currency}",
                  f"{orders} orders, {total:,.0f} {currency} in all"))  # fmt: skip


@supply_app.command("landed", short_help="Landed cost and margin per SKU and market")
@handle_errors
def landed(
    ctx: typer.Context,
    setup: SetupOption = None,
    mode: Annotated[str, typer.Option("--mode", help="Shipping mode of the setup")] = "sea",
    units: Annotated[int, typer.Option("--units", min=1, help="Units per shipment")] = 200,
    tariff: Annotated[
        list[str] | None,
        typer.Option("--tariff", help="What-if, e.g. US=+0.10 or TH:lighting=0.2 (repeatable)"),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Landed cost per SKU and market (product + freight + duty + VAT/GST, de minimis applied)
    and the margin it leaves; --tariff shows what a tariff change does to each margin."""
    from chuhai.supply.landed import landed_cost, margin_change

    cfg = setup_from(ctx, setup)
    if mode not in {m.name for m in cfg.modes}:
        known = ", ".join(m.name for m in cfg.modes)
        raise InputError(f"unknown mode {mode!r}; the setup has {known}")
    changes = margin_change(cfg, list(tariff or []), mode, units)
    costs = [(landed_cost(cfg, c.sku, c.market, mode, units), c) for c in changes]
    unverified = sorted({t.market for t in cfg.tariffs if not t.verified})
    if as_json:
        rows = [cost.as_dict() | {"margin_change": c.as_dict()} for cost, c in costs]
        emit_json({"currency": cfg.currency, "unverified_tariffs": unverified, "rows": rows})
        return
    from rich.table import Table

    table = Table(title=f"Landed cost per unit, {units} units by {mode} ({cfg.currency})")
    for column in ("sku", "market", "product", "freight", "duty", "VAT", "landed", "price",
                   "margin", "after change"):  # fmt: skip
        table.add_column(column, justify="left" if column in ("sku", "market") else "right")
    for cost, c in costs:
        table.add_row(
            cost.sku, cost.market, f"{cost.product:.2f}", f"{cost.freight:.2f}",
            f"{cost.duty:.2f}", f"{cost.vat:.2f}", f"{cost.total:.2f}", f"{c.price:.2f}",
            f"{c.margin_before:.0%}", f"{c.margin_after:.0%}",
        )  # fmt: skip
    out.print(table)
    if unverified:
        err.print(f"tariff figures not verified for {', '.join(unverified)}: check them first")
