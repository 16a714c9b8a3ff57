"""What the store interfaces hand back: typed rows, so that no caller reads tuples by position.

Records (voices, orders, ...) come back as :mod:`chuhai.records`; these are the rest: write
counts, the import log, quarantined rows, and the rows of the reads that stages ask for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from chuhai.records import Order, Rejection, Voice
from chuhai.records.ids import stable_id

__all__ = [
    "Aggregate",
    "AspectTally",
    "BuyerOrder",
    "BuyerVoice",
    "CommissionRow",
    "ImportEntry",
    "OrderQuantity",
    "QuoteRow",
    "Revenue",
    "SessionProducts",
    "StoredRejection",
    "SubjectData",
    "Tally",
    "VoiceText",
    "WeekCount",
    "WriteResult",
]


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What a write did: new rows, rows already present, rows replaced by a newer version."""

    inserted: int = 0
    duplicates: int = 0
    updated: int = 0

    def __add__(self, other: WriteResult) -> WriteResult:
        return WriteResult(
            self.inserted + other.inserted,
            self.duplicates + other.duplicates,
            self.updated + other.updated,
        )


@dataclass(frozen=True, slots=True)
class ImportEntry:
    """One file's import into one zone: the zone's share of the counts."""

    file: str
    sha256: str
    connector: str
    started_at: datetime
    finished_at: datetime
    accepted: int = 0
    duplicates: int = 0
    updated: int = 0
    quarantined: int = 0
    skipped: int = 0
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            key = stable_id(self.file, self.sha256, self.connector, self.started_at.isoformat())
            object.__setattr__(self, "id", key)


@dataclass(frozen=True, slots=True)
class StoredRejection:
    rejection: Rejection
    created_at: datetime


@dataclass
class SubjectData:
    """Everything a zone holds about one person."""

    voices: list[Voice] = field(default_factory=list)
    orders: list[Order] = field(default_factory=list)
    rejections: list[StoredRejection] = field(default_factory=list)
    creators: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """A creator's rows (by handle) and a buyer's attributed orders, per table (issue 18)."""

    @property
    def empty(self) -> bool:
        creators = any(self.creators.values())
        return not (self.voices or self.orders or self.rejections or creators)


@dataclass
class Aggregate:
    rows: list[dict[str, Any]]
    suppressed_groups: int  # groups of fewer than k people, left out


# -- reads of the VOC stage ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    """Rows of a group and how many of them are positive, neutral, negative."""

    voices: int
    pos: int = 0
    neu: int = 0
    neg: int = 0


@dataclass(frozen=True, slots=True)
class AspectTally:
    """Mentions of one aspect with one polarity."""

    aspect: str
    polarity: str
    voices: int


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Voices (and distinct people) of one alert series in one market and ISO week."""

    series: str  # negative, aspect_negative, intent, theme
    market: str
    week: date  # its Monday
    key: str
    voices: int
    people: int


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A voice as quoted: its text and what enrichment read in it (times naive UTC)."""

    id: str
    time: datetime
    market: str
    channel: str
    sku: str | None
    language: str
    text: str
    rating: float | None
    person: str | None
    sentiment: str | None
    emotion: str | None
    intent: str | None


@dataclass(frozen=True, slots=True)
class BuyerOrder:
    """One order of a person's journey (time naive UTC)."""

    id: str
    time: datetime
    market: str
    sku: str
    quantity: int
    unit_price: float
    currency: str
    session_id: str | None


@dataclass(frozen=True, slots=True)
class VoiceText:
    """A voice with what theme naming and tagging need."""

    id: str
    text: str
    language: str
    market: str
    person: str
    sentiment: str | None
    intent: str | None


# -- reads of the supply stage ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrderQuantity:
    sku: str
    market: str
    time: datetime  # naive UTC
    quantity: int


@dataclass(frozen=True, slots=True)
class SessionProducts:
    """The SKUs a live session showed."""

    market: str
    started_at: datetime  # naive UTC
    products: list[str]


@dataclass(frozen=True, slots=True)
class Revenue:
    """Order value of one market in one currency."""

    market: str
    currency: str
    amount: float


# -- creators (issue 18) ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommissionRow:
    """The commission of one attributed order line (what partners' statements subtract)."""

    order_id: str
    sku: str
    market: str
    currency: str
    time: datetime  # naive UTC
    creator_id: str
    commission: Decimal


@dataclass(frozen=True, slots=True)
class BuyerVoice:
    """A voice of a buyer of a creator's attributed orders (linked by order id or buyer)."""

    creator_id: str
    voice_id: str
    sentiment: str | None
    emotion: str | None
    emotion_confidence: float | None
    intent: str | None
    rating: float | None
    rating_max: float | None
    themes: tuple[str, ...]
