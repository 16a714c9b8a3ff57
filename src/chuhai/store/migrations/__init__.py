"""Versioned schema migrations: ``NNNN_name.sql`` files applied in order, each once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from chuhai.errors import MigrationError

__all__ = ["Migration", "load_migrations"]

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        """The SQL split into statements (on ``;`` at the end of a line), comments removed."""
        lines = [ln for ln in self.sql.splitlines() if not ln.lstrip().startswith("--")]
        return [s.strip() for s in re.split(r";\s*(?:\n|$)", "\n".join(lines)) if s.strip()]


def load_migrations() -> list[Migration]:
    """Every migration shipped in this package, by version; versions must be 1, 2, 3, ..."""
    found: list[Migration] = []
    for entry in resources.files(__name__).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise MigrationError(f"migration versions are not contiguous: {[m.version for m in found]}")
    return found
