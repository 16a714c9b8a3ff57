"""``chuhai enrich``: annotate stored voices that have no annotations yet (after a fast import
with ``enrich = ["passthrough"]``), in this process or on a Ray cluster."""

from __future__ import annotations

from typing import Annotated

import typer

from chuhai.cli.choices import Cascade, Engine
from chuhai.cli.output import JsonOption, RichProgress, emit_json, err, handle_errors, out
from chuhai.cli.state import state

__all__ = ["enrich"]


@handle_errors
def enrich(
    ctx: typer.Context,
    engine: Annotated[
        Engine, typer.Option("--engine", help="In this process, or on a Ray cluster")
    ] = Engine.INPROCESS,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Ray actors (default: cores)")
    ] = None,
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray cluster in the zone's region (default: a local one)"),
    ] = None,
    market: Annotated[
        list[str] | None, typer.Option("--market", "-m", help="Only these markets' zones")
    ] = None,
    stage: Annotated[str, typer.Option("--stage", help="The enrich stage to run")] = "multilingual",
    cascade: Annotated[
        Cascade | None, typer.Option("--cascade", help="Model cascade (default: settings)")
    ] = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, max=10_000, help="Voices per batch")
    ] = 256,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="At most this many voices per zone")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Run the enrich stage (language, sentiment, emotion, intent, aspects, toxicity) over
    every stored voice without annotations, zone by zone, and write the annotations back.
    Stops and resumes safely: annotated voices are skipped."""
    from chuhai.enrich.engines import ENGINES, RayEngine, enrich_stores
    from chuhai.markets import normalize_market
    from chuhai.store import ZoneRouter

    base = state(ctx).settings
    pipeline = base.pipeline.model_copy(
        update={"enrich": [stage], **({"cascade": cascade.value} if cascade else {})}
    )
    settings = base.model_copy(update={"pipeline": pipeline})
    runner = (
        RayEngine(settings, workers, address)
        if engine == Engine.RAY
        else ENGINES[engine.value](settings, workers)
    )
    progress = RichProgress(enabled=not as_json, items=True)
    try:
        with ZoneRouter(settings) as router:
            zones = (
                {settings.zone_of(normalize_market(m)) for m in market}
                if market
                else set(router.zones)
            )
            stores = {z: router.store(z) for z in router.zones if z in zones and router.exists(z)}
            total = sum(s.count_unannotated() for s in stores.values())
            if limit is not None:
                total = min(total, limit * len(stores))
            with progress.running():
                progress.start("enriching", total)
                run = enrich_stores(stores, runner, batch_size=batch_size, limit=limit,
                                    progress=progress.advance)  # fmt: skip
                progress.finish()
    finally:
        runner.close()
    if as_json:
        emit_json(run.as_dict())
        return
    out.print(
        f"{run.voices:,} voices enriched with {run.engine} ({run.workers} workers) in "
        f"{run.seconds:.1f} s: {run.per_second:,.0f}/s"
    )
    for zone, n in run.by_zone.items():
        err.print(f"  zone {zone}: {n:,}")
