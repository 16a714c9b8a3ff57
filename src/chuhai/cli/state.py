"""What the global options decide, shared by every command."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import typer
from rich.logging import RichHandler

from chuhai.cli.output import err
from chuhai.settings import Settings, load_settings

__all__ = ["CliState", "configure_logging", "state"]


@dataclass
class CliState:
    config: Path | None = None
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        """Loaded on first use, so commands that need no settings never fail on them."""
        if self._settings is None:
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
    root.handlers[:] = [RichHandler(console=err, show_time=False, show_path=False, markup=False)]
    root.setLevel(level)
    root.propagate = False
