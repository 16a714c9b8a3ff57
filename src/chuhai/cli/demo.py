"""``chuhai demo``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from chuhai.cli.inspect import print_summary
from chuhai.cli.output import RichProgress, emit_json, err, handle_errors, out
from chuhai.demo import run_demo

__all__ = ["demo"]


@handle_errors
def demo(
    directory: Annotated[
        Path, typer.Option("--dir", help="Where to write the sample and its stores")
    ] = Path("chuhai-demo"),
    seed: Annotated[int, typer.Option(help="Random seed of the generated sample")] = 7,
    fresh: Annotated[bool, typer.Option("--fresh", help="Delete earlier demo data first")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON on stdout")
    ] = False,
) -> None:
    """Write a realistic sample (US, ID, TH: catalog with FAQ, reviews, e-mails, calls,
    surveys, user tests, live chat, orders), import it through the real pipeline and print
    the voices per zone and channel. Run it twice: the second import adds nothing."""
    progress = RichProgress(enabled=not as_json)
    if not as_json:
        err.print(f"Writing the demo sample to {directory}/input and importing it ...")
    with progress.running():
        result = run_demo(directory, seed=seed, fresh=fresh, progress=progress)
    report = result.report
    if as_json:
        emit_json(
            {
                "directory": str(result.directory),
                "config": str(result.directory / "chuhai.toml"),
                "import": report.as_dict(),
                "zones": [z.as_dict() for z in result.zones],
            }
        )
        return
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
    out.print(f"\nStores and secrets: {result.settings.data_dir}")
    out.print("Look closer:")
    out.print(f"  chuhai -c {config} quarantine", soft_wrap=True)
    out.print(f"  chuhai -c {config} stats --json", soft_wrap=True)
