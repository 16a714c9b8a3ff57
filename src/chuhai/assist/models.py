"""What the drafting assistants take and give: requests, drafts, their findings and sources.

A draft is text for a person to read, change and send themselves: ``sent`` is always false
and ``needs_person`` always true; no part of chuhai sends a draft anywhere.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from chuhai.errors import InputError
from chuhai.markets import normalize_market

__all__ = [
    "CopyRequest",
    "Draft",
    "DraftFinding",
    "DraftSource",
    "Evidence",
    "FactoryRequest",
    "ReplyRequest",
]

CopyTask = Literal["title", "description", "script"]
ReplyChannel = Literal["review", "email"]
FactoryTask = Literal["reorder", "quality"]
OFFLINE_NOTE = "离线模板草稿：未使用模型，由知识库和模板生成，请人工改写后再用。"
OFFLINE_NOTE_EN = (
    "Offline template draft: no model was used; built from the knowledge base and a "
    "template. Rewrite it before use."
)


def _market(value: str) -> str:
    try:
        return normalize_market(value)
    except InputError as exc:
        raise ValueError(str(exc)) from exc


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")

    market: str = Field(description="ISO market code")
    brand: str | None = Field(default=None, max_length=100, description="brand in glossary.toml")
    language: str | None = Field(
        default=None, pattern=r"^[a-z]{2,3}$", description="default: the market's language"
    )
    _market = field_validator("market")(_market)


class CopyRequest(_Request):
    """Listing copy or a live script, localised for ``market`` from a Chinese brief."""

    task: CopyTask = "description"
    brief: str = Field(min_length=1, max_length=20_000, description="the brief, in Chinese")
    sku: str | None = Field(default=None, max_length=100)
    category: str | None = Field(default=None, max_length=50)


class ReplyRequest(_Request):
    """A reply to a review or an e-mail, grounded in the knowledge base and the order."""

    channel: ReplyChannel = "review"
    text: str = Field(min_length=1, max_length=20_000, description="what the customer wrote")
    sku: str | None = Field(default=None, max_length=100)
    order_id: str | None = Field(default=None, max_length=128)
    rating: float | None = Field(default=None, ge=0, le=10)


class Evidence(BaseModel):
    """What customers say about a product, from VOC: aspects with their negative voices and
    a few quotes (with their Chinese gist) where the reader may read them."""

    model_config = ConfigDict(extra="forbid")

    market: str
    sku: str
    voices: int = 0
    negative: int = 0
    aspects: list[dict[str, int | str]] = Field(default_factory=list)
    quotes: list[dict[str, str | None]] = Field(default_factory=list)
    period: str | None = None


class FactoryRequest(BaseModel):
    """A message to a factory, in Chinese: a reorder or a quality complaint with evidence."""

    model_config = ConfigDict(extra="forbid")

    task: FactoryTask = "quality"
    sku: str = Field(min_length=1, max_length=100)
    market: str = Field(description="the market whose customers the evidence comes from")
    brand: str | None = None
    factory: str | None = Field(default=None, max_length=200)
    quantity: int | None = Field(default=None, gt=0)
    needed_by: str | None = Field(default=None, max_length=40)
    notes: str | None = Field(default=None, max_length=5000, description="the operator's own")
    evidence: Evidence | None = None
    _market = field_validator("market")(_market)


class DraftSource(BaseModel):
    """What a draft rests on: the brief, a catalog fact, an FAQ entry, the order, VOC."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["brief", "catalog", "faq", "order", "voc", "quote", "customer", "glossary"]
    ref: str
    text: str


class DraftFinding(BaseModel):
    """A problem the claim checker or the glossary found in a draft."""

    model_config = ConfigDict(extra="forbid")

    check: Literal["claim", "glossary"]
    rule: str
    severity: str
    text: str
    why: str
    why_zh: str | None = None
    suggestion: str = ""
    suggestion_zh: str | None = None
    blocking: bool = True


class Attempt(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    findings: int


class Draft(BaseModel):
    """A draft for a person: its text, its Chinese, what it rests on and what was found."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["copy", "reply", "factory"]
    task: str
    market: str
    language: str
    text: str
    back_translation_zh: str | None = Field(description="the draft in Chinese, for the operator")
    back_translation_kind: Literal["model", "template", "same", "none"]
    mode: Literal["provider", "template"]
    model: str | None = None
    note: str | None = None
    note_en: str | None = None
    sources: list[DraftSource]
    findings: list[DraftFinding]
    status: Literal["clean", "needs_review"]
    rounds: int = Field(description="rewrites asked of the model after findings")
    attempts: list[Attempt] = Field(default_factory=list)
    sent: Literal[False] = False
    needs_person: Literal[True] = True
