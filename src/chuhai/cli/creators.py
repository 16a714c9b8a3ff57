"""``chuhai creators``: the affiliate creators' figures, verdicts and ranking."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from chuhai.cli.lang import Lang, LangOption
from chuhai.cli.output import JsonOption, emit_json, err, handle_errors, out
from chuhai.cli.state import state
from chuhai.errors import InputError

if TYPE_CHECKING:
    from chuhai.creators import CreatorReport

__all__ = ["creators_app"]

creators_app = typer.Typer(
    help="Affiliate creators (达人): GMV, commission, refunds, net margin after commission and "
    "landed cost, sample ROI, their buyers' voice; keep / renegotiate / stop (docs/CREATORS.md).",
    no_args_is_help=True,
)


_COLUMNS = (
    "creator_rank", "creator_handle", "market", "creator_gmv", "creator_orders",
    "creator_commission", "creator_net_margin", "creator_margin_rate", "creator_sample_roi",
    "creator_voc", "creator_verdict", "creator_reasons",
)  # fmt: skip


def _day(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        raise InputError(f"{name} {value!r} is not a date (YYYY-MM-DD)") from None


def build_report(
    ctx: typer.Context,
    markets: list[str] | None,
    start: str | None,
    end: str | None,
    reader: str | None,
    setup: Path | None,
) -> CreatorReport:
    from chuhai.creators import SupplyCosts, creator_report
    from chuhai.supply.setup import load_setup
    from chuhai.voc.service import VocService

    settings = state(ctx).settings
    path = setup or settings.supply.setup
    costs = SupplyCosts(load_setup(path) if path else None)
    if path is None:
        err.print("no supply setup ([supply] setup): landed cost counts as 0", style="yellow")
    with VocService(settings, reader=reader) as voc:
        return creator_report(
            voc, costs, markets=markets, start=_day(start, "--from"), end=_day(end, "--to")
        )


@creators_app.command("report", short_help="Figures, verdicts and ranking per creator")
@handle_errors
def report(
    ctx: typer.Context,
    market: Annotated[
        list[str] | None, typer.Option("--market", "-m", help="Only these markets")
    ] = None,
    start: Annotated[str | None, typer.Option("--from", help="Orders from YYYY-MM-DD")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Orders before YYYY-MM-DD")] = None,
    reader: Annotated[
        str | None, typer.Option("--from-country", help="Where you read from (residency)")
    ] = None,
    setup: Annotated[
        Path | None, typer.Option("--setup", help="supply.toml for landed cost and [fx]")
    ] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write the page here")] = None,
    lang: LangOption = Lang.ZH,
    as_json: JsonOption = False,
) -> None:
    """Per creator and market: GMV, orders (direct), conversion, commission, refunds, net
    margin after commission and landed cost, sample ROI, complaint rate of their buyers, and
    keep / renegotiate / stop with the reasons. Creators of a zone you may not read raw (no
    transfer basis) stay there: only the market's totals over k creators are shown."""
    from chuhai.web.i18n import Translator

    result = build_report(ctx, market, start, end, reader, setup)
    if html is not None:
        _write_html(ctx, result, html, lang)
        err.print(f"wrote {html}")
    if as_json:
        emit_json(result.as_dict())
        return
    from rich.table import Table

    t = Translator("zh" if lang is Lang.ZH else "en")
    for block in result.markets:
        if block.access == "aggregate":
            key = "creators_withheld" if block.totals else "creators_withheld_k"
            k = state(ctx).settings.compliance.k_anonymity
            err.print(t(key, market=t.market(block.market), n=block.creators, k=k))
    table = Table(title=t("creators_title"), title_justify="left")
    for key in _COLUMNS:
        table.add_column(t(key))
    for r in result.ranked:
        f = r.figures
        complaints = f.voc.complaint_rate
        table.add_row(
            str(r.rank),
            f"@{f.handle}",
            f.market,
            f"{f.gmv:,} {f.currency}",
            f"{f.orders} ({f.direct_orders})",
            f"{f.commission:,}",
            f"{f.net_margin:,}",
            "—" if f.margin_rate is None else f"{f.margin_rate * 100:.1f}%",
            "—" if f.sample_roi is None else f"{f.sample_roi * 100:.0f}%",
            "—" if complaints is None else f"{f.voc.voices} · {complaints * 100:.0f}%",
            t(f"verdict_{r.verdict.value}"),
            "; ".join(t(f"reason_{x.code}", **x.params) for x in r.reasons),
        )
    out.print(table)


def _write_html(ctx: typer.Context, result: CreatorReport, path: Path, lang: Lang) -> None:
    from chuhai.voc.scope import Scope
    from chuhai.voc.service import VocService
    from chuhai.web import views
    from chuhai.web.render import page

    code: Literal["zh", "en"] = "zh" if lang is Lang.ZH else "en"
    with VocService(state(ctx).settings) as voc:
        body = page("creators.html", svc=voc, lang=code, links=views.Links(code, Scope.build()),
                    path="/creators", query={}, inline_css=True, page="creators",
                    report=result)  # fmt: skip
    path.write_text(body, encoding="utf-8")
