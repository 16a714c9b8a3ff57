"""Commands that read the zone stores: stats, zones, quarantine."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chuhai.cli.lang import Lang, LangOption, Words, words
from chuhai.cli.output import JsonOption, emit_json, err, escape, handle_errors, out
from chuhai.cli.state import state
from chuhai.markets import EU_MEMBERS, normalize_market

if TYPE_CHECKING:
    from chuhai.settings import Settings
    from chuhai.store import StoredRejection
    from chuhai.store.summary import ZoneSummary

__all__ = ["how_to_read", "print_summary", "quarantine", "stats", "zones"]

ReaderOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="Country the reader sits in (default: [compliance] reader, else headquarters)",
    ),
]


# The zone stores' tables in Chinese (English shows their names with spaces).
_TABLE_ZH = {
    "voice_annotations": "标注", "voice_aspects": "方面提及", "orders": "订单", "products": "商品",
    "knowledge_entries": "知识库条目", "live_sessions": "直播场次", "quarantine": "隔离区",
    "imports": "导入批次", "themes": "主题", "voice_themes": "声音-主题",
    "alert_deliveries": "已发预警", "live_journal": "直播日志", "creators": "达人",
    "creator_content": "达人视频与直播", "affiliate_orders": "达人带货订单", "refunds": "退款",
}  # fmt: skip


def print_summary(
    summaries: list[ZoneSummary], *, title: str | None = None, w: Words | None = None
) -> None:
    """The zone x channel table of voices, then orders, products, sessions, quarantine."""
    from rich.table import Table

    from chuhai.records import Channel
    from chuhai.store import INTAKE_ZONE, TABLES

    w = w or Words("en")
    table = Table(
        title=title or w("各数据区、各渠道的声音条数", "Voices per zone and channel"),
        title_justify="left",
    )
    table.add_column(w("数据区", "zone"))
    table.add_column(w("市场", "markets"))
    channels = [c.value for c in Channel]
    for channel in channels:
        table.add_column(w.tag("channel", channel), justify="right")
    table.add_column(w("合计", "total"), justify="right", style="bold")
    totals = dict.fromkeys(channels, 0)
    for s in summaries:
        if s.zone == INTAKE_ZONE:
            continue
        for channel in channels:
            totals[channel] += s.voices.get(channel, 0)
        table.add_row(
            s.zone,
            w.markets(s.markets),
            *(f"{s.voices.get(c, 0):,}" for c in channels),
            f"{s.voices_total:,}" if s.exists else w("（无数据库）", "(no store)"),
        )
    table.add_row(
        w("合计", "total"),
        "",
        *(f"{totals[c]:,}" for c in channels),
        f"{sum(totals.values()):,}",
        style="bold",
    )
    out.print(table)
    # one row per kind of record, one column per zone: the kinds outgrew a terminal's width
    other = Table(title=w("各数据区的其他记录", "Other records per zone"), title_justify="left")
    other.add_column(w("记录", "records"))
    stored = [s for s in summaries if s.exists]
    for s in stored:
        other.add_column(s.zone, justify="right")
    for name in (name for name in TABLES if name != "voices"):
        other.add_row(
            w(_TABLE_ZH.get(name, name), name.replace("_", " ")),
            *(f"{s.tables.get(name, 0):,}" for s in stored),
        )
    out.print(other)


@handle_errors
def stats(ctx: typer.Context, lang: LangOption = Lang.EN, as_json: JsonOption = False) -> None:
    """Count what each zone store holds: voices per channel, orders, products, quarantine."""
    from chuhai.store import ZoneRouter
    from chuhai.store.summary import summarize

    w = words(lang)
    with ZoneRouter(state(ctx).settings) as router:
        summaries = summarize(router)
    if as_json:
        emit_json({"zones": [s.as_dict() for s in summaries]})
    else:
        print_summary(summaries, w=w)


@handle_errors
def zones(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the residency zones, their markets, store URLs and schema versions."""
    from rich.table import Table

    from chuhai.store import ZoneRouter

    settings = state(ctx).settings
    rows: list[dict[str, Any]] = []
    with ZoneRouter(settings) as router:
        for zone, markets in settings.zone_markets().items():
            exists = router.exists(zone)
            rows.append(
                {
                    "zone": zone,
                    "markets": markets,
                    "store": router.url(zone),
                    "exists": exists,
                    "schema_version": router.store(zone).schema_version() if exists else None,
                }
            )
    if as_json:
        emit_json({"zones": rows})
        return
    table = Table(title="Residency zones", title_justify="left")
    for name in ("zone", "markets", "store", "schema"):
        table.add_column(name)
    for row in rows:
        schema = str(row["schema_version"]) if row["exists"] else "(not created)"
        table.add_row(row["zone"], ",".join(row["markets"]), row["store"], schema)
    out.print(table)


@handle_errors
def quarantine(
    ctx: typer.Context,
    zone: Annotated[str | None, typer.Option("--zone", help="Only this zone (or 'intake')")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows per zone, newest first")] = 50,
    reader: ReaderOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show quarantined rows: file, line, reason and the raw text, newest first.

    Raw rows of a zone are shown only inside it or where a transfer basis is recorded for
    the reader's country (--from); elsewhere only their number (the residency guard).
    """
    from rich.table import Table

    from chuhai.errors import ResidencyError
    from chuhai.governance.guard import ResidencyGuard
    from chuhai.store import INTAKE_ZONE, ZoneRouter

    settings = state(ctx).settings
    where = normalize_market(reader) if reader else settings.compliance.reading_from
    found: list[tuple[str, StoredRejection]] = []
    withheld: dict[str, int] = {}
    how: dict[str, str] = {}
    with ZoneRouter(settings) as router:
        guard = ResidencyGuard(settings, router)
        for name in [zone] if zone else [*router.zones, INTAKE_ZONE]:
            guard.access(name, where)  # an unknown zone is bad input, even an empty one
            if not router.exists(name) or not router.store(name).table_counts()["quarantine"]:
                continue  # nothing to show or withhold: no refusal, no noise
            try:
                rows = guard.rejections(name, where, purpose="quarantine review", limit=limit)
            except ResidencyError as exc:
                withheld[name] = router.store(name).table_counts()["quarantine"]
                how[name] = how_to_read(settings, name, where)
                err.print(f"[yellow]{escape(str(exc))}[/]")
                err.print(f"  to read them: {escape(how[name])}")
                continue
            found.extend((name, kept) for kept in rows)
    if as_json:
        emit_json(
            {
                "rejections": [_rejection_json(name, kept) for name, kept in found],
                "withheld": withheld,
                "how_to_read": how,
            }
        )
        return
    if not found:
        out.print(
            "Quarantine is empty." if not withheld else "No quarantined row may be shown here."
        )
        for name, count in withheld.items():
            out.print(f"{name}: {count} quarantined row(s) withheld by the residency guard")
        return
    table = Table(title=f"Quarantine ({len(found)} shown)", title_justify="left")
    for column in ("zone", "file", "where", "reason", "raw"):
        table.add_column(column, overflow="fold")
    for name, kept in found:
        rejection = kept.rejection
        raw = rejection.raw.replace("\n", "⏎")
        table.add_row(
            name,
            Path(rejection.file).name,
            rejection.locator or "",
            rejection.reason,
            raw[:80] + ("…" if len(raw) > 80 else ""),
        )
    out.print(table)
    for name, count in withheld.items():
        out.print(f"{name}: {count} quarantined row(s) withheld by the residency guard")


def how_to_read(settings: Settings, zone: str, reader: str) -> str:
    """What lets a reader in ``reader`` see a zone's raw rows: reading from inside the zone
    (--from, or [compliance] reader), or a transfer basis to the reader's country."""
    markets = settings.zone_markets()[zone]
    inside = markets[0]
    one_place = all(m == inside or (m in EU_MEMBERS and inside in EU_MEMBERS) for m in markets)
    basis = (
        f"record a transfer basis {', '.join(markets)} -> {reader} under "
        "[[compliance.transfers]] in the config"
    )
    if not one_place:  # markets of several countries: no one place inside the zone
        return basis[0].upper() + basis[1:]
    return (
        f"if you sit in {inside}, run `chuhai quarantine --zone {zone} --from {inside}` (or set "
        f'reader = "{inside}" under [compliance] in the config, or '
        f"CHUHAI_COMPLIANCE__READER={inside}); otherwise {basis}"
    )


def _rejection_json(zone: str, kept: StoredRejection) -> dict[str, Any]:
    return {
        "zone": zone,
        **kept.rejection.model_dump(mode="json"),
        "quarantined_at": kept.created_at.isoformat(),
    }
