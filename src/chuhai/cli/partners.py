"""``chuhai partners``: profit-share statements per partner and month (docs/PARTNERS.md);
``chuhai partners refunds FILE`` imports refunds and returns of orders."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from chuhai.cli.output import JsonOption, emit_json, err, handle_errors, out
from chuhai.cli.state import state
from chuhai.errors import InputError

__all__ = ["partners_app"]

partners_app = typer.Typer(
    help="Partners and profit share: statements per partner and month from orders, refunds, "
    "landed cost, creators' commissions and fees. 合伙人分润结算单。",
    no_args_is_help=True,
)
SetupOption = Annotated[
    Path | None,
    typer.Option("--setup", help="partners.toml (default: beside the supply setup)"),
]


@partners_app.command("statement", short_help="Each partner's statement for a month")
@handle_errors
def statement(
    ctx: typer.Context,
    period: Annotated[str, typer.Option("--period", help="The month, YYYY-MM (e.g. 2026-11)")],
    partner: Annotated[
        list[str] | None, typer.Option("--partner", help="Only this partner (repeatable)")
    ] = None,
    fmt: Annotated[
        Literal["text", "html", "csv"],
        typer.Option("--format", help="text (the summary), html or csv"),
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write html/csv here (default: stdout)")
    ] = None,
    lang: Annotated[Literal["zh", "en"], typer.Option("--lang", help="Page language")] = "zh",
    setup: SetupOption = None,
    as_json: JsonOption = False,
) -> None:
    """Each partner's statement for the month: net profit per order line, the share by tiers
    (threshold, cap), clawbacks of refunds of earlier months, and what is payable."""
    from chuhai.partners.export import statements_csv
    from chuhai.partners.ledger import StoreLedger
    from chuhai.partners.service import load_partners, money_of, partners_path, statements
    from chuhai.records.partners import parse_period
    from chuhai.store import ZoneRouter
    from chuhai.supply.setup import load_setup

    try:
        parse_period(period)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    settings = state(ctx).settings
    config = load_partners(partners_path(settings, setup))
    supply = load_setup(settings.supply.setup)
    with ZoneRouter(settings) as router:
        found = statements(config, supply, StoreLedger(router), period, partner or ())
    money = money_of(config)
    if as_json:
        emit_json({"period": period, "statements": [s.as_dict() for s in found]})
        return
    if fmt in ("html", "csv"):
        if fmt == "csv":
            text = statements_csv(found, money)
        else:
            from chuhai.web.partners import render_statements

            text = render_statements(found, money, lang=lang, period=period)
        if output is None:
            typer.echo(text, nl=False)
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
            err.print(f"wrote {output}")
        return
    for s in found:
        cur = s.currency
        out.print(
            f"{s.partner.id:<16} {s.period} {len(s.sections)} rule(s) "
            f"{sum(len(x.lines) for x in s.sections)} lines  net {money.text(s.net_profit, cur)}"
            f"  share {money.text(s.share, cur)}  clawback {money.text(s.clawback, cur)}"
            f"  payable {money.text(s.payable, cur)} {cur}",
            soft_wrap=True,
        )


@partners_app.command("refunds", short_help="Import refunds and returns of orders")
@handle_errors
def refunds(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            help="CSV: refund_id, order_id, sku, market, "
            "kind, quantity, amount, currency, time, reason"
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """Import refunds and returns of orders into their markets' zones; bad rows are named
    (file, line, reason) and skipped."""
    from chuhai.partners.refunds import read_refunds
    from chuhai.store import ZoneRouter

    settings = state(ctx).settings
    with ZoneRouter(settings) as router:
        result = read_refunds(files, router)
    if as_json:
        emit_json(result)
        return
    err.print(
        f"refunds: {result['inserted']} new, {result['duplicates']} already stored, "
        f"{len(result['rejected'])} rejected"
    )
    for r in result["rejected"]:
        err.print(f"  {r}")
