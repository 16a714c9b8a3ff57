"""``chuhai voc ...`` and ``chuhai alerts``: the Voice-of-Customer measures, quotes, journeys
and week-over-week alerts, read through the residency guard."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chuhai.cli.choices import Sentiment
from chuhai.cli.inspect import ReaderOption
from chuhai.cli.lang import Lang, LangOption, Words, words
from chuhai.cli.output import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    JsonOption,
    emit_json,
    err,
    escape,
    handle_errors,
    out,
)
from chuhai.cli.state import state
from chuhai.errors import InputError, ResidencyError

if TYPE_CHECKING:
    from chuhai.voc.measures import Summary
    from chuhai.voc.service import VocService

__all__ = ["alerts", "voc_app"]

voc_app = typer.Typer(
    help="Voice of Customer: measures per market, product and channel, quotes, journeys.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
MarketOption = Annotated[str, typer.Option("--market", "-m", help="ISO market code")]
PeriodOption = Annotated[
    str | None,
    typer.Option("--period", "-p", help="2026-10, 2026-W44, 2026-10-01..2026-10-31, last-8w"),
]
SkuOption = Annotated[str | None, typer.Option("--sku", help="Only this product")]
ChannelOption = Annotated[str | None, typer.Option("--channel", help="Only this channel")]


@contextmanager
def service(ctx: typer.Context, reader: str | None) -> Iterator[VocService]:
    from chuhai.voc.service import VocService

    with VocService(state(ctx).settings, reader=reader) as svc:
        yield svc


def _net(value: float | None) -> str:
    if value is None:
        return "—"
    colour = "red" if value < 0 else "green"
    return f"[{colour}]{value:g}[/]"


# Breakdown names in Chinese (English keeps the names).
_BREAKDOWN_ZH = {
    "channel": "渠道",
    "intent": "意图",
    "emotion": "情绪",
    "sku": "商品",
    "week": "周",
}


def print_summary(summary: Summary, title: str, w: Words | None = None) -> None:
    from rich.table import Table

    w = w or Words("en")
    s = summary.total
    if summary.hidden:  # no figure at all: a count of a hidden group is what differencing needs
        out.print(
            f"[bold]{escape(title)}[/]: "
            + w(
                f"已隐藏（少于 {summary.min_people} 人，或会暴露更小的群体）",
                f"hidden (fewer than {summary.min_people} people, "
                "or it would give a smaller group away)",
            )
        )
        return
    people = f"{s.people:,}" if s.people is not None else "?"
    net = _net(s.net_sentiment)
    out.print(
        f"[bold]{escape(title)}[/]: "
        + w(
            f"{s.voices:,} 条声音，来自 {people} 人，净情感值 {net}"
            f"（正面 {s.pos:,} / 中性 {s.neu:,} / 负面 {s.neg:,}）",
            f"{s.voices:,} voices from {people} people, "
            f"Net Sentiment {net} (pos {s.pos:,} / neu {s.neu:,} / neg {s.neg:,})",
        )
    )
    rating = summary.rating()
    if rating["count"]:
        out.print(
            w("平均评分 {} （{:,} 条）：{}", "rating {} from {:,}: {}").format(
                rating["mean"], rating["count"], rating["distribution"]
            )
        )
    aspects = Table(title=w("方面 × 情感", "aspect x sentiment"), title_justify="left")
    for column in (w("方面", "aspect"), w("正面", "pos"), w("中性", "neu"), w("负面", "neg")):
        aspects.add_column(column, justify="right" if aspects.columns else "left")
    aspects.add_column(w("净情感值", "net"), justify="right")
    for a in summary.aspects:
        aspects.add_row(
            w.tag("aspect", a["aspect"]),
            str(a["pos"]),
            str(a["neu"]),
            str(a["neg"]),
            _net(a["net_sentiment"]),
        )
    out.print(aspects)
    for name in ("channel", "intent", "emotion", "sku", "week"):
        breakdown = summary.breakdowns[name]
        heading = w(_BREAKDOWN_ZH[name], name)
        table = Table(title=heading, title_justify="left")
        table.add_column(heading)
        for column in (w("声量", "voices"), w("占比", "share"), w("净情感值", "net")):
            table.add_column(column, justify="right")
        rows = breakdown.rows if name == "week" else breakdown.rows[:12]
        for r in rows:
            table.add_row(
                escape(w.tag(name, r.key)),
                f"{r.voices:,}",
                f"{100 * r.share:.1f}%",
                _net(r.net_sentiment),
            )
        out.print(table)
        if breakdown.suppressed:
            out.print(
                w(
                    f"  {breakdown.suppressed} 个分组未列出（少于 {summary.min_people} 人，"
                    "或会暴露某个人）",
                    f"  {breakdown.suppressed} group(s) left out (fewer than "
                    f"{summary.min_people} people, or they would give one away)",
                )
            )


@voc_app.command("overview", short_help="Every market side by side (k-anonymous)")
@handle_errors
def overview(
    ctx: typer.Context,
    period: PeriodOption = None,
    reader: ReaderOption = None,
    lang: LangOption = Lang.EN,
    as_json: JsonOption = False,
) -> None:
    """Every market side by side, from aggregates of at least k people only."""
    from rich.table import Table

    from chuhai.voc.scope import Scope

    w = words(lang)
    scope = Scope.build(period=period)
    with service(ctx, reader) as svc:
        found = svc.released(scope)
        if as_json:
            emit_json({"reader": svc.reader, "k": svc.k, "markets": [s.as_dict() for s in found]})
            return
        table = Table(
            title=w(
                f"各市场，读取地 {w.market(svc.reader)}（每组至少 {svc.k} 人）",
                f"markets, read from {svc.reader} (groups of >= {svc.k} people)",
            ),
            title_justify="left",
        )
        for column in (
            w("市场", "market"),
            w("声量", "voices"),
            w("人数", "people"),
            w("净情感值", "net sentiment"),
            w("平均评分", "rating"),
            w("最多负面的方面", "most negative"),
        ):
            table.add_column(column)
        for s in found:
            if s.hidden:
                hidden = w("已隐藏", "hidden")
                table.add_row(w.market(s.scope.markets[0]), hidden, "—", "—", "—", "—")
                continue
            worst = max(s.aspects, key=lambda a: a["neg"], default=None)
            table.add_row(
                w.market(s.scope.markets[0]),
                f"{s.total.voices:,}",
                f"{s.total.people or 0:,}",
                _net(s.total.net_sentiment),
                str(s.rating()["mean"] or "—"),
                f"{w.tag('aspect', worst['aspect'])} ({worst['neg']})" if worst else "—",
            )
        out.print(table)


@voc_app.command("measures", short_help="The measures of one market")
@handle_errors
def measures(
    ctx: typer.Context,
    market: MarketOption,
    period: PeriodOption = None,
    sku: SkuOption = None,
    channel: ChannelOption = None,
    language: Annotated[str | None, typer.Option("--language", help="Only this language")] = None,
    theme: Annotated[str | None, typer.Option("--theme", help="Only this theme's voices")] = None,
    reader: ReaderOption = None,
    lang: LangOption = Lang.EN,
    as_json: JsonOption = False,
) -> None:
    """Volume, Net Sentiment, emotion, intent, aspect x sentiment, ratings, share of voice,
    channels and weeks of one market (k-suppressed where raw data may not be read)."""
    from chuhai.voc.scope import Scope

    w = words(lang)
    scope = Scope.build(
        market=market, period=period, sku=sku, channel=channel, language=language, theme=theme
    )
    with service(ctx, reader) as svc:
        summary = svc.summary(scope)
        if summary is None:
            raise InputError(f"market {scope.markets[0]} has no data yet (chuhai ingest ...)")
        if as_json:
            emit_json(summary.as_dict())
            return
        when = period or w("全部时间", "all time")
        print_summary(summary, f"{w.market(scope.markets[0])} {when}", w)


@voc_app.command("quotes")
@handle_errors
def quotes(
    ctx: typer.Context,
    market: MarketOption,
    period: PeriodOption = None,
    sku: SkuOption = None,
    channel: ChannelOption = None,
    aspect: Annotated[str | None, typer.Option("--aspect", help="e.g. battery")] = None,
    sentiment: Annotated[Sentiment | None, typer.Option("--sentiment", help="Polarity")] = None,
    intent: Annotated[str | None, typer.Option("--intent", help="e.g. complaint_product")] = None,
    theme: Annotated[str | None, typer.Option("--theme", help="A theme id")] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=10_000, help="At most this many")
    ] = 20,
    reader: ReaderOption = None,
    as_json: JsonOption = False,
) -> None:
    """The voices behind a number, newest first. Exit 1 when they may not be read from where
    you are (no transfer basis): then only aggregates are available."""
    from chuhai.voc.scope import Scope

    scope = Scope.build(
        market=market,
        period=period,
        sku=sku,
        channel=channel,
        aspect=aspect,
        sentiment=sentiment.value if sentiment else None,
        intent=intent,
        theme=theme,
    )
    with service(ctx, reader) as svc:
        try:
            found = svc.quotes(scope, limit=limit)
        except ResidencyError as exc:
            err.print(f"[yellow]refused:[/] {escape(str(exc))}")
            if as_json:
                emit_json({"market": scope.markets[0], "refused": str(exc), "quotes": []})
            raise typer.Exit(EXIT_FINDINGS) from None
    if as_json:
        for q in found:
            emit_json(q.as_dict())
        return
    for q in found:
        tags = " ".join(t for t in (q.sentiment, q.intent, q.emotion) if t)
        out.print(f"[dim]{q.time[:10]} {q.channel} {q.sku or ''} {tags}[/]")
        out.print(f"  {escape(q.text[:400])}")


@voc_app.command("journey", short_help="One person's voices and orders across channels")
@handle_errors
def journey(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="The pseudonym (author) of a voice")],
    zone: Annotated[str, typer.Option("--zone", help="Residency zone of the person")],
    reader: ReaderOption = None,
    as_json: JsonOption = False,
) -> None:
    """What one pseudonymised person said and bought across channels within their zone."""
    with service(ctx, reader) as svc:
        found = svc.journey(zone, person)
    if as_json:
        emit_json(found)
        return
    out.print(f"[bold]{escape(person)}[/] in zone {zone}: channels {', '.join(found['channels'])}")
    for step in found["steps"]:
        if step["kind"] == "order":
            out.print(f"{step['time'][:16]}  order {step['sku']} x{step['quantity']}")
        else:
            out.print(
                f"{step['time'][:16]}  {step['channel']:<12} {step['sentiment'] or '':<3} "
                f"{escape(step['text'][:200])}"
            )


@handle_errors
def alerts(
    ctx: typer.Context,
    week: Annotated[
        str | None, typer.Option("--week", help="ISO week, e.g. 2026-W47 (default: last week)")
    ] = None,
    market: Annotated[str | None, typer.Option("--market", "-m", help="Only this market")] = None,
    send: Annotated[
        bool, typer.Option("--send", help="POST new alerts to [voc.alerts] webhook_url")
    ] = False,
    webhook: Annotated[str | None, typer.Option("--webhook", help="POST new alerts here")] = None,
    fail: Annotated[
        bool, typer.Option("--fail", help="Exit 1 when there is a warning (for schedulers)")
    ] = False,
    reader: ReaderOption = None,
    lang: LangOption = Lang.EN,
    as_json: JsonOption = False,
) -> None:
    """Significant week-over-week changes (complaints per aspect, intents, themes, negative
    voices): exact rate test, Benjamini-Hochberg, minimum volume and lift."""
    from rich.table import Table

    from chuhai.voc.scope import Period
    from chuhai.voc.webhook import deliver_alerts

    w = words(lang)
    start = Period.parse(week).start.date() if week else None
    settings = state(ctx).settings
    with service(ctx, reader) as svc:
        found = svc.alerts(week=start, market=market)
        delivery: dict[str, Any] | None = None
        if send or webhook:  # what leaves for the receiver: alerts of released figures only
            released = svc.alerts(week=start, market=market, released=True)
            result = deliver_alerts(released, svc.stores(), settings.voc.alerts, url=webhook)
            delivery = result.as_dict()
            if not result.ok:
                err.print(f"[red]webhook failed:[/] {escape(result.error or '')}")
            else:
                err.print(
                    f"webhook: {len(result.sent)} sent, {len(result.already_sent)} sent "
                    f"before (counts from the figures released outside each zone)"
                )
    warnings = sum(1 for a in found if a.severity == "warning")
    if as_json:
        emit_json({"alerts": [a.as_dict() for a in found], "delivery": delivery})
    elif not found:
        out.print(w("没有显著变化", "no significant change"))
    else:
        table = Table(
            title=w(f"预警，{found[0].week} 周", f"alerts, week {found[0].week}"),
            title_justify="left",
        )
        for column in _ALERT_COLUMNS:
            table.add_column(w(*column))
        for a in found:
            table.add_row(
                ("[red]" if a.severity == "warning" else "") + _alert_change(w, a),
                w.market(a.market),
                w.tag("dimension", a.dimension),
                escape(_alert_key(w, a)),
                f"{a.count}/{a.voices}",
                f"{a.baseline_count}/{a.baseline_voices}",
                f"{a.lift:g}x" if a.lift else w("新出现", "new"),
                f"{a.q_value:.3g}",
            )
        out.print(table)
        if cut := sorted({a.zone for a in found if a.released}):
            err.print(
                f"zone {', '.join(cut)}: no transfer basis, so counted from the figures "
                "its measures release (docs/VOC.md)"
            )
    if delivery is not None and delivery["error"]:
        raise typer.Exit(EXIT_BAD_INPUT)  # the webhook could not be reached or refused
    if fail and warnings:
        raise typer.Exit(EXIT_FINDINGS)


_ALERT_COLUMNS = (
    ("级别", "severity"), ("市场", "market"), ("类别", "what"), ("对象", "key"),
    ("本周", "now"), ("上期", "before"), ("倍数", "lift"), ("校正显著性", "q"),
)  # fmt: skip
# What an alert's key is, by its dimension (a theme's key is its id: its label is shown).
_KEY_KIND = {"aspect_negative": "aspect", "intent": "intent"}


def _alert_change(w: Words, a: Any) -> str:
    severity = w("警告" if a.severity == "warning" else "提示", a.severity)
    return f"{severity} {w('上升' if a.direction == 'up' else '下降', a.direction)}"


def _alert_key(w: Words, a: Any) -> str:
    if a.dimension == "negative" and a.key == "all":
        return w("全部声音", "all")
    if a.dimension in _KEY_KIND:
        return w.tag(_KEY_KIND[a.dimension], a.key)
    return str(a.label or a.key)
