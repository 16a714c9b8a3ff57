"""``chuhai strategy risk``: revenue concentration and what bans, tariffs and currencies can
cost, market by market."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chuhai.cli.output import EXIT_FINDINGS, JsonOption, emit_json, err, handle_errors, out
from chuhai.cli.state import state
from chuhai.cli.supply import SetupOption, setup_from

__all__ = ["strategy_app"]

strategy_app = typer.Typer(
    help="Multi-market strategy: concentration and risk.", no_args_is_help=True
)


def _revenue_csv(path: Path) -> dict[str, float]:
    from chuhai.supply.series import number, read_rows, require_columns

    header, rows = read_rows(path)
    require_columns(header, path, ["market", "revenue"])
    revenue: dict[str, float] = {}
    for line, row in rows:
        amount = number(row.get("revenue") or "", f"{path.name} line {line}", "revenue")
        market = (row.get("market") or "").strip().upper()
        revenue[market] = revenue.get(market, 0.0) + amount
    return revenue


@strategy_app.command("risk", short_help="Revenue concentration and yearly loss per market")
@handle_errors
def risk(
    ctx: typer.Context,
    setup: SetupOption = None,
    revenue: Annotated[
        Path | None,
        typer.Option("--revenue", help="CSV: market, revenue (default: orders in the stores)"),
    ] = None,
    runs: Annotated[
        int, typer.Option("--runs", min=100, max=1_000_000, help="Simulated years")
    ] = 20_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same result)")] = 7,
    fail_hhi: Annotated[
        float | None, typer.Option("--fail-hhi", help="Exit 1 when the HHI is above this")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Revenue concentration (HHI) and the yearly loss from platform bans, tariff shocks and
    currency moves over Monte Carlo runs: expected, 1 year in 20, 1 in 100, worst; with
    suggestions to rebalance. Scenario figures are the setup's [[risk]] entries."""
    from chuhai.supply.risk import market_risk

    cfg = setup_from(ctx, setup)
    if revenue is not None:
        amounts = _revenue_csv(revenue)
    else:
        from chuhai.store import ZoneRouter
        from chuhai.supply.sources import revenue_from_stores

        with ZoneRouter(state(ctx).settings) as router:
            amounts = revenue_from_stores(router, cfg)
    report = market_risk(amounts, cfg.risk_markets(), runs=runs, seed=seed)
    if as_json:
        emit_json({"currency": cfg.currency, **report.as_dict()})
    else:
        from rich.table import Table

        table = Table(title=f"Market risk over {runs:,} simulated years ({cfg.currency})")
        for column in ("market", "revenue", "share", "expected loss", "1 in 20 loss"):
            table.add_column(column, justify="left" if column == "market" else "right")
        for market, row in report.by_market.items():
            table.add_row(market, f"{amounts[market]:,.0f}", f"{row['share']:.0%}",
                          f"{row['expected_loss']:,.0f}", f"{row['p95_loss']:,.0f}")  # fmt: skip
        out.print(table)
        out.print(
            f"HHI {report.hhi:,.0f}; all markets: expected loss {report.expected_loss:,.0f}, "
            f"1 year in 20 {report.p95_loss:,.0f}, 1 in 100 {report.p99_loss:,.0f}, "
            f"worst {report.worst_loss:,.0f}"
        )
        for suggestion in report.suggestions:
            out.print(f"- {suggestion['zh']}\n  {suggestion['en']}")
    if fail_hhi is not None and report.hhi > fail_hhi:
        err.print(f"HHI {report.hhi:,.0f} is above {fail_hhi:,.0f}")
        raise typer.Exit(EXIT_FINDINGS)
