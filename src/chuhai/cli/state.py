"""What the global options decide, shared by every command."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from chuhai.cli.output import err

if TYPE_CHECKING:
    from chuhai.settings import Settings

__all__ = ["CliState", "configure_logging", "state"]


@dataclass
class CliState:
    config: Path | None = None
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        """Loaded on first use, so commands that need no settings never fail on them."""
        if self._settings is None:
            from chuhai.settings import load_settings

            self._settings = load_settings(self.config)
        return self._settings


def state(ctx: typer.Context) -> CliState:
    obj = ctx.find_root().obj
    if not isinstance(obj, CliState):
        obj = CliState()
        ctx.find_root().obj = obj
    return obj


def configure_logging(verbose: int, quiet: bool) -> None:
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    root = logging.getLogger("chuhai")
    root.handlers[:] = [_RichLogHandler()]
    root.setLevel(level)
    root.propagate = False


class _RichLogHandler(logging.Handler):
    """rich's log handler on stderr, made at the first record: `--help` logs nothing and
    should not pay for importing rich."""

    def __init__(self) -> None:
        super().__init__()
        self._handler: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._handler is None:
            from rich.logging import RichHandler

            self._handler = RichHandler(
                console=err.rich, show_time=False, show_path=False, markup=False
            )
        self._handler.handle(record)
