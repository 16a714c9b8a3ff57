"""``chuhai voices|aggregate|export`` and ``chuhai audit``: reading a zone through the
residency guard, and checking the audit log it writes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chuhai.cli.inspect import ReaderOption
from chuhai.cli.lang import Lang, LangOption, Words, words
from chuhai.cli.output import EXIT_FINDINGS, JsonOption, emit_json, err, escape, handle_errors, out
from chuhai.cli.state import state
from chuhai.errors import InputError, ResidencyError
from chuhai.markets import normalize_market

if TYPE_CHECKING:
    from chuhai.privacy.audit import AuditProblem, AuditReport
    from chuhai.settings import Settings

__all__ = ["aggregate", "audit_app", "export", "voices"]

ZoneOption = Annotated[str, typer.Option("--zone", help="Residency zone to read")]
ByOption = Annotated[
    str,
    typer.Option(
        "--by",
        help="Group by up to three of: market, channel, language, sku, month, week, "
        "sentiment, emotion, intent, stars (comma-separated)",
    ),
]
PurposeOption = Annotated[
    str, typer.Option("--purpose", help="Why the data is read (kept in the audit log)")
]

audit_app = typer.Typer(
    help="The keyed, hash-chained audit log of cross-zone reads, exports, refusals and requests.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _reader(settings: Settings, given: str | None) -> str:
    return normalize_market(given) if given else settings.compliance.reading_from


# The aggregate's figures in Chinese; its group keys are named like the dashboard's filters.
_COLUMN_ZH = {
    "voices": "声量", "people": "人数", "mean_sentiment": "平均情感", "mean_stars": "平均星级",
    "mean_score_10": "平均分（10分制）", "mean_rating_pct": "平均评分（百分制）",
    "market": "市场", "channel": "渠道", "language": "语言", "sku": "商品", "week": "周",
    "month": "月", "intent": "意图", "emotion": "情绪", "sentiment": "情感", "aspect": "方面",
}  # fmt: skip


def _print_aggregate(
    rows: list[dict[str, object]], suppressed: int, title: str, w: Words | None = None
) -> None:
    from rich.table import Table

    w = w or Words("en")
    table = Table(title=escape(title), title_justify="left")
    columns = list(rows[0]) if rows else ["voices", "people"]
    for column in columns:
        table.add_column(w(_COLUMN_ZH.get(column, column), column))
    for row in rows:
        table.add_row(*(escape(_cell(w, c, row.get(c))) for c in columns))
    out.print(table)
    if suppressed:
        out.print(
            w(
                f"{suppressed} 个分组未列出（人数太少，或会暴露某个人）",
                f"{suppressed} group(s) left out (too few people, or they would give one away)",
            )
        )


def _cell(w: Words, column: str, value: object) -> str:
    if isinstance(value, str):
        return w.tag(column, value)  # a channel, intent, market...: its word in zh
    return "" if value is None else str(value)


@handle_errors
def voices(
    ctx: typer.Context,
    zone: ZoneOption,
    reader: ReaderOption = None,
    channel: Annotated[str | None, typer.Option("--channel", help="Only this channel")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many")] = 50,
    purpose: PurposeOption = "review",
    as_json: JsonOption = False,
) -> None:
    """Read a zone's voices through the residency guard: raw text inside the zone or where a
    transfer basis is recorded; otherwise aggregates of at least k people (exit 1)."""
    from chuhai.governance.guard import ResidencyGuard
    from chuhai.store import ZoneRouter

    settings = state(ctx).settings
    where = _reader(settings, reader)
    with ZoneRouter(settings) as router:
        guard = ResidencyGuard(settings, router)
        try:
            found = guard.voices(zone, where, purpose=purpose, channel=channel, limit=limit)
        except ResidencyError as exc:
            err.print(f"[yellow]refused:[/] {escape(str(exc))}")
            result = guard.aggregate(zone, where, ["channel", "sentiment"], purpose=purpose)
            if as_json:
                emit_json(
                    {
                        "zone": zone,
                        "refused": str(exc),
                        "aggregates": result.rows,
                        "suppressed_groups": result.suppressed_groups,
                    }
                )
            else:
                _print_aggregate(result.rows, result.suppressed_groups, f"{zone}: aggregates only")
            raise typer.Exit(EXIT_FINDINGS) from None
    if as_json:
        emit_json({"zone": zone, "voices": [v.model_dump(mode="json") for v in found]})
        return
    from rich.table import Table

    table = Table(title=f"{zone}: {len(found)} voice(s), read from {where}", title_justify="left")
    for column in ("time", "market", "channel", "text"):
        table.add_column(column, overflow="fold")
    for v in found:
        table.add_row(v.time.strftime("%Y-%m-%d %H:%M"), v.market, v.channel, escape(v.text[:160]))
    out.print(table)


@handle_errors
def aggregate(
    ctx: typer.Context,
    zone: ZoneOption,
    by: ByOption = "channel",
    reader: ReaderOption = None,
    purpose: PurposeOption = "analysis",
    lang: LangOption = Lang.EN,
    as_json: JsonOption = False,
) -> None:
    """Voices, people, mean sentiment and rating per group; only groups of at least k people,
    and none that a coarser grouping would give away by differencing (what may leave a zone
    without a transfer basis)."""
    from chuhai.governance.guard import ResidencyGuard
    from chuhai.store import ZoneRouter

    w = words(lang)
    settings = state(ctx).settings
    keys = [k.strip() for k in by.split(",") if k.strip()]
    with ZoneRouter(settings) as router:
        result = ResidencyGuard(settings, router).aggregate(
            zone, _reader(settings, reader), keys, purpose=purpose
        )
    if as_json:
        emit_json(
            {
                "zone": zone,
                "k": settings.compliance.k_anonymity,
                "rows": result.rows,
                "suppressed_groups": result.suppressed_groups,
            }
        )
        return
    by_words = w("、", ", ").join(w(_COLUMN_ZH.get(k, k), k) for k in keys)
    title = w(f"数据区 {zone}，按{by_words}", f"{zone} by {by_words}")
    _print_aggregate(result.rows, result.suppressed_groups, title, w)


@handle_errors
def export(
    ctx: typer.Context,
    zone: ZoneOption,
    output: Annotated[Path, typer.Option("--out", "-o", help="JSONL file to write")],
    reader: ReaderOption = None,
    purpose: PurposeOption = "export",
    as_json: JsonOption = False,
) -> None:
    """Export a zone's voices as JSONL, only where the residency guard allows raw data out."""
    from chuhai.governance.guard import ResidencyGuard
    from chuhai.store import ZoneRouter

    settings = state(ctx).settings
    if output.exists():
        raise InputError(f"{output} exists; choose another --out")
    with ZoneRouter(settings) as router:
        count = ResidencyGuard(settings, router).export(
            zone, _reader(settings, reader), output, purpose=purpose
        )
    if as_json:
        emit_json({"zone": zone, "file": str(output), "voices": count})
        return
    out.print(f"wrote {count:,} voice(s) of zone {zone} to {output}")


@audit_app.command("verify", short_help="Check the audit log's keyed hash chain")
@handle_errors
def verify(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Check the audit log's keyed chain (HMAC-SHA256): any edited, deleted or cut-off line,
    or a log rewritten without the key, is found (exit 1). Says which key was used (its id)."""
    from chuhai.privacy.audit import AuditLog

    report = AuditLog(state(ctx).settings.data_dir).verify()
    if as_json:
        emit_json(report.as_dict())
    elif report.ok and not report.entries:
        out.print(f"audit log empty; {_key_words(report)}", soft_wrap=True)
    elif report.ok:
        count = f"{report.entries} entr{'y' if report.entries == 1 else 'ies'}"
        out.print(f"audit log intact: {count}, {_chain_words(report)}", soft_wrap=True)
    else:
        for problem in report.problems:
            out.print(_problem_words(problem), soft_wrap=True)
        out.print(_key_words(report), soft_wrap=True)
    if not report.ok:
        raise typer.Exit(EXIT_FINDINGS)


def _problem_words(problem: AuditProblem) -> str:
    return f"line {problem.line}: {problem.reason}" if problem.line else problem.reason


def _key_words(report: AuditReport) -> str:
    if report.key_id is None:
        from chuhai.privacy.audit_key import AuditKey

        return f"no audit key set yet ({AuditKey.WHERE})"
    return f"HMAC-SHA256, key {report.key_id} ({report.key_source})"


def _chain_words(report: AuditReport) -> str:
    if report.keyed:
        legacy = f", after {report.legacy} unkeyed legacy line(s)" if report.legacy else ""
        return f"keyed with {_key_words(report)}{legacy}"
    return (
        "unkeyed, legacy (a plain SHA-256 chain: whoever can rewrite the log could forge "
        "it; `chuhai audit seal` keys it)"
    )


@audit_app.command("seal", short_help="Key an audit log written before keying")
@handle_errors
def seal(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Key a log written before keying: check its plain SHA-256 chain, then append a keyed
    line that covers it (creating the key when none is set). A broken chain is not sealed
    (exit 1)."""
    from chuhai.privacy.audit import AuditLog

    audit = AuditLog(state(ctx).settings.data_dir)
    before = audit.verify()
    report = audit.seal()
    if as_json:
        emit_json(report.as_dict())
    elif not report.ok:
        for problem in report.problems:
            out.print(_problem_words(problem), soft_wrap=True)
    elif not before.entries:
        out.print("nothing to seal: the audit log is empty (its first entry will be keyed)")
    elif before.keyed:
        out.print(f"nothing to seal: the audit log is {_chain_words(report)}", soft_wrap=True)
    else:
        out.print(f"sealed {report.legacy} legacy line(s): {_chain_words(report)}", soft_wrap=True)
    if not report.ok:
        err.print("not sealed: the chain is broken (see `chuhai audit verify`)")
        raise typer.Exit(EXIT_FINDINGS)


@audit_app.command("show", short_help="The newest audit entries")
@handle_errors
def show(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Newest entries")] = 50,
    as_json: JsonOption = False,
) -> None:
    """The newest audit entries: what was read, exported or refused, by whom and why."""
    from chuhai.privacy.audit import AuditLog

    entries = AuditLog(state(ctx).settings.data_dir).entries()[-limit:]
    if as_json:
        emit_json({"entries": entries})
        return
    from rich.table import Table

    table = Table(title=f"Audit log ({len(entries)} newest)", title_justify="left")
    for column in ("seq", "time", "event", "zone", "reader", "details"):
        table.add_column(column, overflow="fold")
    skip = {"seq", "time", "event", "zone", "reader", "hash", "prev", "key"}
    for e in entries:
        details = ", ".join(f"{k}={v}" for k, v in e.items() if k not in skip)
        table.add_row(
            str(e["seq"]),
            e["time"],
            e["event"],
            str(e.get("zone", "")),
            str(e.get("reader", "")),
            escape(details),
        )
    out.print(table)
