"""Which files an ingest reads, and with which connector."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Final

from chuhai.connectors import connector_class, detect_kind
from chuhai.errors import InputError

__all__ = ["plan_files"]

_SIDECAR: Final = ".meta.json"  # call metadata next to a transcript, read by that connector


def plan_files(
    paths: Iterable[Path], kind: str | None
) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """(file, kind) pairs to import, and files under directories that were left out, with why."""
    planned: list[tuple[Path, str]] = []
    ignored: list[tuple[str, str]] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"no such file or directory: {path}")
        if path.is_dir():
            if kind is not None:
                found = connector_class(kind).files_in(path)
                planned.extend((f, kind) for f in found if not f.name.endswith(_SIDECAR))
                continue
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                detected = detect_kind(file)
                if detected:
                    planned.append((file, detected))
                elif not file.name.endswith(_SIDECAR):
                    ignored.append((str(file), "kind unknown from the file name; pass --kind"))
            continue
        detected = kind or detect_kind(path)
        if detected is None:
            raise InputError(
                f"cannot tell what {path.name} holds; pass --kind "
                "(reviews, surveys, user-tests, live, orders, sessions, ...)"
            )
        connector_class(detected)  # an unknown kind fails now, not mid-run
        planned.append((path, detected))
    return planned, ignored
