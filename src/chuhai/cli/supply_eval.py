"""``chuhai supply simulate`` and ``chuhai supply backtest``: how policies and forecasters do
on real demand."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chuhai.cli.choices import Freq, Gaps
from chuhai.cli.models import DatasetsOption, datasets_path
from chuhai.cli.output import (
    JsonOption,
    RichProgress,
    emit_json,
    err,
    handle_errors,
    out,
    write_marked_section,
)
from chuhai.cli.supply import DemandOptions, FreqOption, GapsOption, load_demand, supply_app
from chuhai.errors import InputError

__all__ = ["backtest", "simulate"]

BACKTEST_MARKER = "<!-- supply backtest -->"
SIMULATION_MARKER = "<!-- supply simulation -->"


def _dominicks(datasets: Path | None, limit: int | None) -> object:
    from chuhai.supply.datasets import load_dominicks

    return load_dominicks(datasets_path(datasets), limit=limit)


@supply_app.command("simulate", short_help="Compare ordering policies on real demand")
@handle_errors
def simulate(
    ctx: typer.Context,
    demand: Annotated[
        Path | None, typer.Option("--demand", help="CSV as for forecast (default: the stores)")
    ] = None,
    dominicks: Annotated[
        bool, typer.Option("--dominicks", help="Use Dominick's orange juice from --datasets")
    ] = False,
    datasets: DatasetsOption = None,
    freq: FreqOption = Freq.W,
    fill_gaps: GapsOption = Gaps.ERROR,
    season: Annotated[int, typer.Option("--season", min=2, help="Periods replayed")] = 26,
    unit_cost: Annotated[float, typer.Option("--unit-cost", min=0.01, help="Cost per unit")] = 1.0,
    price: Annotated[float, typer.Option("--price", min=0.01, help="Price per unit")] = 1.6,
    moq: Annotated[int, typer.Option("--moq", min=1, help="Minimum order quantity")] = 100,
    fast_lead: Annotated[int, typer.Option("--fast-lead", min=0, help="Periods, air")] = 2,
    slow_lead: Annotated[int, typer.Option("--slow-lead", min=0, help="Periods, sea")] = 8,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Write the comparison as an HTML page")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Write the table into this Markdown file")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Replay the last --season periods of real demand through small-batch quick response, a
    monthly sea order and one big seasonal order; compare fill rate, average stock, leftover
    and cost."""
    from chuhai.supply.report import simulation_html, simulation_markdown
    from chuhai.supply.simulate import Economics
    from chuhai.supply.simulate import simulate as run

    econ = Economics(
        unit_cost=unit_cost, price=price, moq=moq, fast_lead=fast_lead, slow_lead=slow_lead
    )
    if dominicks:
        data = _dominicks(datasets, None)
        source = "Dominick's orange juice, 913 store x brand series"
    else:
        data = load_demand(ctx, DemandOptions(demand, None, freq, fill_gaps, None))
        source = str(demand or "the zone stores' orders")
    with err.status(f"replaying {len(data.ids):,} series"):  # type: ignore[attr-defined]
        results = run(data, season, econ)  # type: ignore[arg-type]
    note = (
        f"{source}; last {season} periods; unit cost {unit_cost}, price {price}, MOQ {moq}, "
        f"quick response {fast_lead} periods away, sea {slow_lead}."
    )
    if chart is not None:
        chart.parent.mkdir(parents=True, exist_ok=True)
        chart.write_text(simulation_html(results, "Ordering policies compared", note), "utf-8")
        err.print(f"wrote the chart: {chart}")
    if output is not None:
        body = f"{note}\n\n{simulation_markdown(results)}"
        write_marked_section(output, SIMULATION_MARKER, "Supply: ordering policies", body)
    if as_json:
        emit_json({"note": note, "policies": [r.as_dict() for r in results]})
    else:
        out.print(simulation_markdown(results))


@supply_app.command("backtest", short_help="Backtest the forecasters on Dominick's")
@handle_errors
def backtest(
    datasets: DatasetsOption = None,
    models: Annotated[
        str, typer.Option("--models", help="Comma-separated forecasters")
    ] = "chuhai,auto_ets,seasonal_naive",
    horizon: Annotated[
        int, typer.Option("--horizon", min=1, max=26, help="Periods forecast from each origin")
    ] = 8,
    origins: Annotated[
        int, typer.Option("--origins", min=1, max=20, help="Forecast origins, the last at the end")
    ] = 6,
    step: Annotated[int, typer.Option("--step", min=1, help="Periods between origins")] = 4,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Only the first N series (quick runs)")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Write the tables into this Markdown file")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Rolling-origin backtest on Dominick's orange juice (deal and feature ads as events):
    WAPE and MASE per horizon for each forecaster."""
    from chuhai.supply.backtest import backtest as run
    from chuhai.supply.report import backtest_markdown

    names = [m.strip() for m in models.split(",") if m.strip()]
    if not names:
        raise InputError("--models is empty")
    data = _dominicks(datasets, limit)
    progress = RichProgress(enabled=not as_json, items=True)
    with progress.running():
        progress.start("backtest", origins * len(names))
        result = run(
            data,  # type: ignore[arg-type]
            names,
            h=horizon,
            origins=origins,
            step=step,
            progress=lambda _: progress.advance(1),
        )
        progress.finish()
    table = backtest_markdown(result)
    if output is not None:
        write_marked_section(output, BACKTEST_MARKER, "Supply: demand forecasts (backtest)", table)
    if as_json:
        emit_json(
            {"rows": result.rows, "overall": result.overall(), "seconds": result.seconds,
             "origins": result.origins, "series": result.series}
        )  # fmt: skip
    else:
        out.print(table)
