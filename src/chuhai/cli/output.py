"""Shared CLI plumbing: consoles, JSON output, progress bars, error -> exit code."""

from __future__ import annotations

import json
import os
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from chuhai.errors import ChuhaiError, InputError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID
    from rich.status import Status

    from chuhai.pipeline.report import Counts

__all__ = [
    "COUNT_COLUMNS",
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "JsonOption",
    "LazyConsole",
    "RichProgress",
    "TextArgument",
    "count_cells",
    "emit_json",
    "err",
    "escape",
    "handle_errors",
    "out",
    "text_lines",
    "write_marked_section",
]

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON on stdout")]
TextArgument = Annotated[
    str | None, typer.Argument(help="The text; '-' or nothing reads one text per line")
]

EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class LazyConsole:
    """A rich Console made on first use: importing rich costs ~60 ms of every start-up, and
    ``chuhai --help`` prints nothing through it."""

    def __init__(self, *, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    @property
    def rich(self) -> Console:
        """The rich Console itself (for progress bars and log handlers)."""
        if self._console is None:
            from rich.console import Console

            if self._stderr:
                self._console = Console(stderr=True, highlight=False)
            else:
                # Piped output is read by people in files and logs: do not crop tables to 80
                # columns.
                piped = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
                self._console = Console(highlight=False, width=piped)
        return self._console

    def print(self, *objects: Any, **kwargs: Any) -> None:
        self.rich.print(*objects, **kwargs)

    def status(self, status: str, **kwargs: Any) -> Status:
        return self.rich.status(status, **kwargs)

    @property
    def is_terminal(self) -> bool:
        return self.rich.is_terminal


out = LazyConsole(stderr=False)
err = LazyConsole(stderr=True)


def escape(text: str) -> str:
    """rich's markup escape, imported on use (see LazyConsole)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


P = ParamSpec("P")
R = TypeVar("R")


COUNT_COLUMNS = ("accepted", "duplicates", "updated", "quarantined", "skipped")


def count_cells(counts: Counts) -> list[str]:
    """The cells of COUNT_COLUMNS for a table row."""
    return [f"{getattr(counts, name):,}" for name in COUNT_COLUMNS]


LINE_BATCH = 256  # lines read from stdin are processed in batches of this size


def text_lines(text: str | None) -> Iterator[list[str]]:
    """The one text given, or batches of the lines on standard input (for ``-`` or nothing)."""
    if text is not None and text != "-":
        yield [text]
        return
    if sys.stdin.isatty():
        raise InputError("no text given: pass TEXT, or pipe one text per line into `-`")
    batch: list[str] = []
    for line in sys.stdin:
        batch.append(line.rstrip("\r\n"))
        if len(batch) >= LINE_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def emit_json(value: Any) -> None:
    """One JSON document on stdout (UTF-8, not ASCII-escaped)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def write_marked_section(path: Path, marker: str, title: str, body: str) -> None:
    """Writes ``body`` under ``title`` between two ``marker`` lines of a Markdown file, with
    the command that produced it; replaces the section a previous run wrote, keeps the rest."""
    command = "chuhai " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    block = f"{marker}\n## {title}\n\n`{command}`\n\n{body}\n{marker}"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if text.count(marker) >= 2:
        before, _, rest = text.partition(marker)
        _, _, after = rest.partition(marker)
        text = before + block + after
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
    err.print(f"wrote the section {title!r} of {path}")


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn chuhai's errors into a one-line reason on stderr and exit code 2."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except ChuhaiError as exc:
            # The reason may hold brackets ("pip install 'chuhai[train]'"): not markup.
            err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_BAD_INPUT) from None

    return wrapper


class RichProgress:
    """A progress bar per step on stderr (bytes of a file, or ``items``); silent when stderr
    is not a terminal."""

    def __init__(self, *, enabled: bool, items: bool = False) -> None:
        self._enabled = enabled and err.is_terminal
        self._items = items
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    @contextmanager
    def running(self) -> Iterator[RichProgress]:
        if not self._enabled:
            yield self
            return
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        amounts = (
            [MofNCompleteColumn()] if self._items else [DownloadColumn(), TransferSpeedColumn()]
        )
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            *amounts,
            TimeRemainingColumn(),
            console=err.rich,
            transient=True,
        )
        with self._progress:
            yield self
        self._progress = None

    def start(self, label: str, total: int | None) -> None:
        if self._progress is not None:
            self._task = self._progress.add_task(label, total=total)

    def advance(self, amount: int) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, amount)

    def finish(self) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.remove_task(self._task)
            self._task = None
