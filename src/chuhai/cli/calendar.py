"""``chuhai calendar``: a market's public holidays, shopping festivals, seasons and the
platform campaigns the user adds; ``chuhai calendar add`` adds a campaign;
``chuhai calendar backtest`` measures what calendar events add to the demand forecast."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from chuhai.cli.choices import Lang
from chuhai.cli.lang import LangOption, words
from chuhai.cli.models import DatasetsOption, datasets_path
from chuhai.cli.output import (
    JsonOption,
    emit_json,
    err,
    escape,
    handle_errors,
    out,
    write_marked_section,
)
from chuhai.cli.state import state
from chuhai.errors import InputError

if TYPE_CHECKING:
    from chuhai.calendar import MarketCalendars

__all__ = ["calendar_app"]

BACKTEST_MARKER = "<!-- calendar backtest -->"
_KIND_ZH = {"holiday": "公众假期", "festival": "购物节", "season": "购物季", "campaign": "平台活动"}

calendar_app = typer.Typer(
    help="Market calendars: public holidays, shopping festivals and seasons (with sources), "
    "and the platform campaigns you add. 市场日历：公众假期、购物节与购物季、平台活动。",
    no_args_is_help=False,
    invoke_without_command=True,
)

MarketOption = Annotated[
    list[str] | None,
    typer.Option("--market", "-m", help="Only these markets (default: every enabled market)"),
]
KindOption = Annotated[
    list[str] | None,
    typer.Option("--kind", help="holiday, festival, season or campaign (repeatable)"),
]


def _calendars(ctx: typer.Context) -> tuple[MarketCalendars, Path]:
    from chuhai.calendar import MarketCalendars

    settings = state(ctx).settings
    path = settings.calendar.campaigns_file(settings.data_dir)
    return MarketCalendars.from_file(path), path


def _markets(ctx: typer.Context, given: list[str] | None) -> list[str]:
    from chuhai.markets import normalize_market

    if given:
        return list(dict.fromkeys(normalize_market(m) for m in given))
    return list(state(ctx).settings.markets)


def _kinds(given: list[str] | None) -> tuple[str, ...]:
    from chuhai.calendar import KINDS

    if not given:
        return KINDS
    if bad := [k for k in given if k not in KINDS]:
        raise InputError(f"unknown kind {bad[0]!r}; choose from {', '.join(KINDS)}")
    return tuple(given)


@calendar_app.callback()
@handle_errors
def show(
    ctx: typer.Context,
    market: MarketOption = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Calendar year (default: this year)")
    ] = None,
    kind: KindOption = None,
    as_json: JsonOption = False,
    lang: LangOption = Lang.EN,
) -> None:
    """A market's calendar for a year: public holidays (the holidays package), shopping
    festivals and seasons (data with sources; "unverified" where the window is a convention)
    and your platform campaigns. Without --market: every enabled market."""
    if ctx.invoked_subcommand is not None:
        return
    calendars, path = _calendars(ctx)
    the_year = year or date.today().year
    kinds = _kinds(kind)
    markets = _markets(ctx, market)
    result = {m: calendars.year(m, the_year, kinds) for m in markets}
    if as_json:
        emit_json(
            {
                "year": the_year,
                "campaigns_file": str(path),
                "markets": {m: [e.as_dict() for e in events] for m, events in result.items()},
            }
        )
        return
    _print(result, the_year, lang)


def _print(result: dict[str, list[Any]], year: int, lang: Lang) -> None:
    from rich.table import Table

    say = words(lang)
    zh = say.lang == "zh"
    for market, events in result.items():
        title = f"{say.market(market)} {year}" + ("（日历）" if zh else " calendar")
        table = Table(title=title, title_justify="left")
        for header in (("日期", "dates"), ("类型", "kind"), ("名称", "event"), ("来源", "source")):
            table.add_column(say(*header))
        for e in events:
            days = e.start.isoformat() if e.days == 1 else f"{e.start} – {e.end}"
            flags = []
            if e.estimated:
                flags.append(say("预估", "estimated"))
            if not e.verified:
                flags.append(say("未核实", "unverified"))
            name = (e.name_zh if zh else e.name) + (f" [{', '.join(flags)}]" if flags else "")
            if e.platform:
                name += f" · {e.platform}"
            kind = _KIND_ZH[e.kind] if zh else e.kind
            table.add_row(days, kind, escape(name), escape(e.source))
        if not events:
            table.add_row("-", "-", say("没有事件", "no events"), "-")
        out.print(table)


@calendar_app.command("add", short_help="Add a platform campaign to the calendar")
@handle_errors
def add(
    ctx: typer.Context,
    market: Annotated[str, typer.Option("--market", "-m", help="ISO code, e.g. TH")],
    name: Annotated[str, typer.Option("--name", help="The campaign, e.g. '9.9 Mega Sale'")],
    start: Annotated[str, typer.Option("--start", help="First day, YYYY-MM-DD")],
    end: Annotated[str | None, typer.Option("--end", help="Last day (default: start)")] = None,
    platform: Annotated[str, typer.Option("--platform", help="e.g. TikTok Shop")] = "",
    name_zh: Annotated[str, typer.Option("--name-zh", help="Chinese name")] = "",
    note: Annotated[str, typer.Option("--note", help="Anything to remember")] = "",
    as_json: JsonOption = False,
) -> None:
    """Add a platform campaign (TikTok Shop, Shopee, Lazada ...) to the campaigns file
    ([calendar] campaigns, default <data_dir>/campaigns.csv). The supply forecast takes it as
    a known future event."""
    from chuhai.calendar import add_campaign

    _, path = _calendars(ctx)
    row = {"market": market, "name": name, "start": start, "end": end or "",
           "platform": platform, "name_zh": name_zh, "note": note}  # fmt: skip
    added = add_campaign(path, [row])
    if as_json:
        emit_json({"file": str(path), "added": [e.as_dict() for e in added]})
        return
    for event in added:
        err.print(f"added {event.name} ({event.market}, {event.start} – {event.end}) to {path}")


@calendar_app.command("backtest", short_help="Forecast backtest with and without calendar events")
@handle_errors
def backtest(
    datasets: DatasetsOption = None,
    market: Annotated[
        str, typer.Option("--market", help="The calendar of the data's market (Dominick's: US)")
    ] = "US",
    models: Annotated[
        str, typer.Option("--models", help="Comma-separated event-aware forecasters")
    ] = "chuhai,event_gbm",
    horizon: Annotated[
        int, typer.Option("--horizon", min=1, max=26, help="Weeks ahead each forecast covers")
    ] = 8,
    origins: Annotated[
        int, typer.Option("--origins", min=1, max=20, help="Forecast origins (cut-off weeks)")
    ] = 6,
    step: Annotated[int, typer.Option("--step", min=1, help="Weeks between origins")] = 4,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="First N series")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help="Write the table into this Markdown file")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Rolling-origin backtest on Dominick's orange juice (Chicago, 1989-1992) twice: with the
    data's own events (deal, feature ad) only, and with the US calendar's holidays, festivals
    and seasons added as known future events. WAPE and MASE per model."""
    from chuhai.calendar import MarketCalendars
    from chuhai.markets import normalize_market
    from chuhai.supply.backtest import calendar_effect, calendar_effect_markdown
    from chuhai.supply.datasets import load_dominicks

    code = normalize_market(market)
    names = [m.strip() for m in models.split(",") if m.strip()]
    if not names:
        raise InputError("--models is empty")
    data = load_dominicks(datasets_path(datasets), limit=limit)
    with err.status(f"backtesting {len(data.ids):,} series twice"):
        effect = calendar_effect(
            data, MarketCalendars(), names, market=code, h=horizon, origins=origins, step=step
        )
    table = calendar_effect_markdown(effect)
    if output is not None:
        write_marked_section(
            output, BACKTEST_MARKER, "Calendar events in the supply forecast", table
        )
    if as_json:
        emit_json(effect.as_dict())
    else:
        out.print(table)
