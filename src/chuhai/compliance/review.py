"""Which facts of the rule packs are due for review: those last reviewed before a cutoff
(``6m`` by default), and those whose only sources are secondary texts (news, vendors,
aggregators, wikis). A fact resting on secondary sources alone is never ``verified``."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from chuhai.compliance.models import RulePack
from chuhai.errors import InputError

__all__ = ["DueFact", "cutoff", "due_facts", "parse_age"]

Reason = Literal["overdue", "secondary-only"]
_AGE = re.compile(r"^\s*(\d{1,4})\s*([dwmy])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DueFact:
    pack: str
    where: str
    title: str
    verified: str
    reviewed: dt.date
    kinds: tuple[str, ...]
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "pack": self.pack, "where": self.where, "title": self.title,
            "verified": self.verified, "reviewed": self.reviewed.isoformat(),
            "source_kinds": list(self.kinds), "reasons": list(self.reasons),
        }  # fmt: skip


def parse_age(text: str) -> tuple[int, str]:
    """``6m`` -> (6, "m"): days (d), weeks (w), months (m) or years (y)."""
    found = _AGE.match(text)
    if not found or int(found.group(1)) == 0:
        raise InputError(
            f"--older-than {text!r}: give a number and d, w, m or y (e.g. 6m, 90d, 1y)"
        )
    return int(found.group(1)), found.group(2).lower()


def cutoff(today: dt.date, age: str) -> dt.date:
    """The date ``age`` before ``today``; a fact reviewed before it is overdue."""
    count, unit = parse_age(age)
    if unit in ("d", "w"):
        return today - dt.timedelta(days=count * (7 if unit == "w" else 1))
    months = count * (12 if unit == "y" else 1)
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def due_facts(packs: Iterable[RulePack], before: dt.date) -> list[DueFact]:
    """Facts reviewed before ``before`` or resting on secondary sources only, oldest first."""
    out: list[DueFact] = []
    for pack in packs:
        for where, fact in pack.facts():
            reasons: list[Reason] = []
            if fact.reviewed < before:
                reasons.append("overdue")
            if fact.secondary_only:
                reasons.append("secondary-only")
            if reasons:
                title = getattr(fact, "name", None) or where
                out.append(DueFact(pack.id, where, str(title), fact.verified, fact.reviewed,
                                   fact.kinds, tuple(reasons)))  # fmt: skip
    return sorted(out, key=lambda d: (d.reviewed, d.pack, d.where))
