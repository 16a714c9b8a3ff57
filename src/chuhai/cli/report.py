"""``chuhai report``: a market's period as HTML (and PDF), for people who do not open the app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chuhai.cli.choices import Lang
from chuhai.cli.inspect import ReaderOption
from chuhai.cli.output import JsonOption, emit_json, err, handle_errors
from chuhai.cli.voc import MarketOption, PeriodOption, service
from chuhai.errors import InputError

__all__ = ["report"]


@handle_errors
def report(
    ctx: typer.Context,
    market: MarketOption,
    output: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write (.html)")],
    period: PeriodOption = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the report")] = Lang.ZH,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also print a PDF beside it (needs Chromium)")
    ] = False,
    reader: ReaderOption = None,
    as_json: JsonOption = False,
) -> None:
    """Charts, top themes, alerts and recommended actions of one market and period, as one
    self-contained HTML file (works offline); --pdf prints it with Chromium."""
    from chuhai.web.report import render_report, write_pdf

    if output.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--out must be an .html file, not {output.name!r}")
    with service(ctx, reader) as svc:
        html = render_report(svc, market, period, lang="en" if lang == Lang.EN else "zh")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    written = {"html": str(output)}
    if pdf:
        target = output.with_suffix(".pdf")
        write_pdf(output, target)
        written["pdf"] = str(target)
    if as_json:
        emit_json(written)
    else:
        for kind, path in written.items():
            err.print(f"wrote {kind}: {path}")
