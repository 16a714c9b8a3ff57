"""Where a rule pack's fact comes from and how fresh it is: each source has a kind (the law
itself, the regulator, a law firm's note, or a secondary summary), and each pack keeps a
changelog of what changed in it, when and why."""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "KIND_LABELS",
    "PRIMARY_KINDS",
    "Change",
    "Source",
    "SourceKind",
]

SourceKind = Literal["law", "regulator", "law_firm", "secondary"]
# A fact may be marked ``verified`` only when one of its sources is of these kinds.
PRIMARY_KINDS: Final = frozenset({"law", "regulator"})
KIND_LABELS: Final[dict[str, tuple[str, str]]] = {
    "law": ("statute/regulation", "法律法规原文"),
    "regulator": ("regulator guidance", "监管机构指引"),
    "law_firm": ("law-firm note", "律所文章"),
    "secondary": ("secondary", "二手资料"),
}


class Source(BaseModel):
    """One source of a fact: its address and what kind of text it is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(pattern=r"^https?://\S+$")
    kind: SourceKind = Field(
        description="law: the statute or regulation text (official or a faithful copy); "
        "regulator: the regulator's own guidance or site; law_firm: a law firm's note; "
        "secondary: anything else (news, vendors, aggregators, wikis)"
    )
    note: str | None = Field(default=None, description="e.g. 'unofficial English translation'")

    @property
    def primary(self) -> bool:
        return self.kind in PRIMARY_KINDS


class Change(BaseModel):
    """One entry of a pack's changelog."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: dt.date
    what: str = Field(min_length=5)
    what_zh: str | None = Field(default=None, min_length=2)
    why: str = Field(min_length=5)
    why_zh: str | None = Field(default=None, min_length=2)
