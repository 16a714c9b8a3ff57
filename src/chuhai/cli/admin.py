"""Commands about setup: migrate, config, mappings."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from chuhai.cli.output import JsonOption, emit_json, handle_errors, out
from chuhai.cli.state import state

__all__ = ["config", "mappings", "migrate"]


@handle_errors
def migrate(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Create every zone's store if needed and apply pending schema migrations."""
    from chuhai.store import ZoneRouter
    from chuhai.store.registry import redacted_url

    settings = state(ctx).settings
    done: dict[str, Any] = {}
    with ZoneRouter(settings, migrate=False) as router:
        for zone in router.zones:
            store = router.store(zone)
            applied = store.migrate()
            done[zone] = {
                "applied": applied,
                "schema_version": store.schema_version(),
                "store": redacted_url(router.url(zone)),
            }
    if as_json:
        emit_json({"zones": done})
        return
    for zone, info in done.items():
        versions = ", ".join(f"{v:04d}" for v in info["applied"]) or "nothing to apply"
        out.print(f"{zone}: schema {info['schema_version']} ({versions}) at {info['store']}")


@handle_errors
def config(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show the effective settings (chuhai.toml + CHUHAI_* environment) and the zone map."""
    from chuhai.store.registry import redacted_url

    cli = state(ctx)
    settings = cli.settings
    data = settings.model_dump(mode="json")
    data["zone_map"] = settings.zone_markets()
    for zone in data["zones"].values():
        if zone.get("store"):
            zone["store"] = redacted_url(zone["store"])
    if as_json:
        emit_json(data)
        return
    out.print(f"config file: {cli.config or '(chuhai.toml in the working directory, or defaults)'}")
    out.print(f"data_dir:    {settings.data_dir}")
    out.print(f"markets:     {', '.join(settings.markets)}")
    for zone, markets in settings.zone_markets().items():
        url = redacted_url(settings.store_url(zone))
        out.print(f"zone {zone:<8} {', '.join(markets):<24} {url}")
    pipeline, providers = settings.pipeline, settings.providers
    out.print(
        f"pipeline:    privacy={pipeline.privacy} enrich={','.join(pipeline.enrich)} "
        f"batch_size={pipeline.batch_size}"
    )
    out.print(f"providers:   translation={providers.translation.name} llm={providers.llm.name}")


@handle_errors
def mappings(
    name: Annotated[str | None, typer.Argument(help="Show this mapping (name or file)")] = None,
    as_json: JsonOption = False,
) -> None:
    """List the column mappings that ship with chuhai, or show one."""
    import tomllib

    from rich.table import Table

    from chuhai.connectors import load_mapping, shipped_mappings

    if name is not None:
        mapping = load_mapping(name)
        if as_json:
            emit_json(mapping.model_dump(mode="json"))
        else:
            path = shipped_mappings().get(name)
            out.print(
                path.read_text(encoding="utf-8") if path else mapping.model_dump_json(indent=2)
            )
        return
    found = []
    for mapping_name, path in shipped_mappings().items():
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        found.append(
            {
                "name": mapping_name,
                "kind": raw.get("kind"),
                "description": raw.get("description", ""),
            }
        )
    if as_json:
        emit_json({"mappings": found})
        return
    table = Table(title="Shipped column mappings (use with --mapping)", title_justify="left")
    for col in ("name", "kind", "description"):
        table.add_column(col, overflow="fold")
    for m in found:
        table.add_row(m["name"], m["kind"] or "", m["description"])
    out.print(table)
