"""The ``chuhai`` command line (Typer)."""

from chuhai.cli.app import app, main

__all__ = ["app", "main"]
