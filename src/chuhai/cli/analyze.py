"""``chuhai analyze``: language, sentiment, emotion, intent, aspects and toxicity of texts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from chuhai.cli.choices import Cascade
from chuhai.cli.output import (
    JsonOption,
    TextArgument,
    emit_json,
    err,
    handle_errors,
    out,
    text_lines,
)
from chuhai.cli.state import state
from chuhai.markets import normalize_market

if TYPE_CHECKING:
    from chuhai.records import Annotations

__all__ = ["analyze", "annotation_summary"]


def annotation_summary(text: str, result: Annotations) -> dict[str, Any]:
    """The JSON object printed for one text."""
    return {"text": text, **result.model_dump(mode="json")}


@handle_errors
def analyze(
    ctx: typer.Context,
    text: TextArgument = None,
    market: Annotated[
        str | None,
        typer.Option("--market", "-m", help="Market (ISO code), a prior for the language"),
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="Product category, for its aspects")
    ] = None,
    translate_to: Annotated[
        str | None,
        typer.Option("--translate-to", help="Translate with the configured provider, e.g. zh"),
    ] = None,
    cascade: Annotated[
        Cascade,
        typer.Option(
            "--cascade",
            help="accurate (embed every text), balanced, or fast (live room speed)",
        ),
    ] = Cascade.BALANCED,
    as_json: JsonOption = False,
) -> None:
    """Analyse one text, or one text per line from standard input (offline).

    Prints language, sentiment (-1..1), emotion, intent, aspects with their sentiment and
    toxicity, each with a calibrated confidence.
    """
    from chuhai.enrich.analyzer import Analyzer
    from chuhai.enrich.translation import build_translator

    code = normalize_market(market) if market else None
    translator = None
    if translate_to:
        settings = state(ctx).settings
        translator = build_translator(
            settings.providers.translation,
            data_dir=settings.data_dir,
            glossary_file=settings.providers.llm.glossary,
        )
        if not translator.available:
            err.print("note: no translation provider configured (providers.translation)")
    analyzer = Analyzer(translator=translator, cascade=cascade.value)
    for batch in text_lines(text):
        results = analyzer.analyze(batch, code, category=category, translate_to=translate_to)
        for line, result in zip(batch, results, strict=True):
            if as_json:
                emit_json(annotation_summary(line, result))
            else:
                _print(line, result)


def _print(text: str, a: Annotations) -> None:
    from rich.table import Table

    table = Table(
        show_header=False, box=None, pad_edge=False, title=text[:120], title_justify="left"
    )
    table.add_column(style="bold")
    table.add_column()
    table.add_row(
        "language", f"{a.language.code} ({a.language.confidence:.2f}, {a.language.method})"
    )
    table.add_row(
        "sentiment",
        f"{a.sentiment.label} score {a.sentiment.score:+.2f} ({a.sentiment.confidence:.2f})",
    )
    table.add_row("emotion", f"{a.emotion.label} ({a.emotion.confidence:.2f})")
    table.add_row("intent", f"{a.intent.label} ({a.intent.confidence:.2f})")
    aspects = ", ".join(f"{m.aspect} {m.sentiment} ({m.keyword!r})" for m in a.aspects)
    table.add_row("aspects", aspects or "-")
    terms = f": {', '.join(a.toxicity.terms)}" if a.toxicity.terms else ""
    table.add_row("toxicity", f"{a.toxicity.severity} {a.toxicity.score:.2f}{terms}")
    if a.translation:
        table.add_row("translation", a.translation)
    table.add_row("tier", a.tier)
    out.print(table)
