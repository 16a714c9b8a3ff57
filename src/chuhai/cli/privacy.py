"""``chuhai privacy``: what personal data a text holds, and data-subject requests."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from chuhai.cli.output import emit_json, handle_errors, out, text_lines
from chuhai.cli.state import state
from chuhai.errors import InputError
from chuhai.markets import normalize_market

__all__ = ["privacy_app"]

privacy_app = typer.Typer(
    help="Personal data: find it in text, export or erase a person's data, purge old data.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout")]


@privacy_app.command("scan")
@handle_errors
def scan(
    ctx: typer.Context,
    text: Annotated[
        str | None, typer.Argument(help="The text; '-' or nothing reads one text per line")
    ] = None,
    market: Annotated[
        str | None,
        typer.Option("--market", "-m", help="Market (ISO code): its phone plan and identifiers"),
    ] = None,
    redact: Annotated[
        str | None,
        typer.Option("--redact", help="Also print the text redacted: mask, pseudonym or drop"),
    ] = None,
    ner: Annotated[
        bool, typer.Option("--ner", help="Also find English names with spaCy (if installed)")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show the personal data in a text: type, span, score (offline).

    With --json, one object per input line: {"text", "entities": [{type, start, end, score,
    kind}], "redacted"}. Screening aid: it finds what its patterns and models know.
    """
    from chuhai.privacy.pii import REDACTION_MODES, PiiScanner, Redactor
    from chuhai.privacy.pseudonym import ZoneSecrets

    code = normalize_market(market) if market else None
    redactor = None
    if redact is not None:
        if redact not in REDACTION_MODES:
            raise InputError(f"unknown mode {redact!r}; choose one of {', '.join(REDACTION_MODES)}")
        pseudonymizer = None
        if redact == "pseudonym":
            settings = state(ctx).settings
            if code is None:
                raise InputError("--redact pseudonym needs --market (the zone's secret keys it)")
            zone = settings.zone_of(code)
            pseudonymizer = ZoneSecrets(settings.data_dir).pseudonymizer(zone)
        redactor = Redactor(redact, pseudonymizer)
    scanner = PiiScanner(ner=ner)
    for batch in text_lines(text):
        for line, entities in zip(batch, scanner.scan_many(batch, code), strict=True):
            redacted = redactor.redact(line, entities) if redactor else None
            if as_json:
                record: dict[str, object] = {
                    "text": line,
                    "entities": [e.as_dict() for e in entities],
                }
                if redacted is not None:
                    record["redacted"] = redacted
                emit_json(record)
                continue
            table = Table(title=escape(line[:120]), title_justify="left")
            for column in ("type", "kind", "span", "text", "score"):
                table.add_column(column)
            for e in entities:
                table.add_row(
                    e.type, e.kind, f"{e.start}-{e.end}", escape(line[e.start : e.end]),
                    f"{e.score:.2f}",
                )  # fmt: skip
            out.print(table if entities else f"{escape(line[:120])}: no personal data found")
            if redacted is not None:
                out.print(f"redacted: {escape(redacted)}")
