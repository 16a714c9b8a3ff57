"""``chuhai translate``: texts through the configured provider, and the day's meter."""

from __future__ import annotations

from typing import Annotated, Any

import typer

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
from chuhai.errors import ConfigError

__all__ = ["translate"]


@handle_errors
def translate(
    ctx: typer.Context,
    text: TextArgument = None,
    target: Annotated[str, typer.Option("--to", "-t", help="Language to translate into")] = "zh",
    source: Annotated[
        str | None, typer.Option("--from", "-f", help="Language of the texts (default: any)")
    ] = None,
    stats: Annotated[
        bool,
        typer.Option("--stats", help="Show today's characters against the budget, and errors"),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Translate one text, or one text per line from standard input, with the provider in
    [providers.translation] (presets: deepseek, qwen, doubao, moonshot, ollama, vllm).

    Prints one translation per line; a text the provider could not translate (failed, too
    slow, or the day's character budget spent) prints its offline Chinese gist marked
    "要点:" (into zh), else an empty line, and is counted on stderr. --stats prints the
    meter the server, the enrich stage and this command share.
    """
    from chuhai.enrich.translation import build_translator, usage_meter

    settings = state(ctx).settings
    config = settings.providers.translation
    if stats:
        _print_stats(usage_meter(config, settings.data_dir).snapshot(), as_json)
        return
    if config.name == "none":
        raise ConfigError(
            'no translation provider: set [providers.translation] name, e.g. "deepseek" '
            "(docs/PROVIDERS.md)"
        )
    translator = build_translator(
        config, data_dir=settings.data_dir, glossary_file=settings.providers.llm.glossary
    )
    missing = total = 0
    for batch in text_lines(text):
        rendered = translator.render(batch, target, source)
        for line, result in zip(batch, rendered, strict=True):
            total += 1
            missing += result.kind != "translation" and bool(line.strip())
            if as_json:
                emit_json({"text": line, "translation": result.text, "kind": result.kind})
            elif result.kind == "gist":  # marked: a gist is not a translation
                out.print(f"要点: {result.text}", markup=False, highlight=False)
            else:
                out.print(result.text or "", markup=False, highlight=False)
    if missing:
        err.print(
            f"{missing} of {total} texts not translated (failed, too slow or over the day's "
            "budget): chuhai translate --stats"
        )


_ROWS = (
    ("provider", "provider"), ("model", "model"), ("state", "state"), ("day (UTC)", "day"),
    ("characters sent", "chars"), ("daily budget", "daily_chars"),
    ("remaining", "remaining_chars"), ("requests", "requests"), ("errors", "errors"),
    ("retries", "retries"), ("malformed answers", "malformed"),
    ("texts refused (budget)", "refused"), ("texts too slow (live)", "slow"),
    ("last error", "last_error"),
)  # fmt: skip


def _print_stats(snapshot: dict[str, Any], as_json: bool) -> None:
    if as_json:
        emit_json(snapshot)
        return
    from rich.table import Table

    table = Table(show_header=False, box=None, pad_edge=False, title="translation meter",
                  title_justify="left")  # fmt: skip
    table.add_column(style="bold")
    table.add_column()
    for label, key in _ROWS:
        value = snapshot.get(key)
        shown = "no limit" if value is None and key in ("daily_chars", "remaining_chars") else value
        table.add_row(label, f"{shown:,}" if isinstance(shown, int) else str(shown or "-"))
    out.print(table)
    if snapshot["history"]:
        days = Table("day", "characters", "requests", "errors", "refused", "slow",
                     title="days before", title_justify="left")  # fmt: skip
        columns = ("chars", "requests", "errors", "refused", "slow")
        for day in snapshot["history"]:
            days.add_row(day["day"], *(f"{day[k]:,}" for k in columns))
        out.print(days)
