"""What a gist is: a short Chinese sentence saying what a customer asked or said, built from
slots found in the text, and marked as a gist (not a translation) with its confidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Final, Literal

__all__ = ["OTHER", "TOPICS", "Gist", "Topic"]

# What a comment can be about; the lexicons name these, the rules in ``render`` read them.
Topic = Literal[
    "price", "how_much", "discount", "have", "stock", "sold_out", "restock", "colour_ask",
    "size_ask", "spec", "battery", "material", "waterproof", "authentic", "show", "shipping",
    "ship_time", "ship_cost", "free_ship", "ship_to", "cod", "payment", "order", "want", "cancel",
    "change", "order_status", "ordered", "not_received", "late", "damaged", "broken",
    "battery_bad", "wrong_item",
    "missing", "poor_quality", "fake", "mismatch", "wrong_size", "wrong_colour", "refund",
    "return", "exchange", "no_reply", "greeting", "praise", "thanks", "question",
]  # fmt: skip
TOPICS: Final[tuple[str, ...]] = Topic.__args__  # type: ignore[attr-defined]
OTHER: Final = "other"  # the intent of a comment the gist could not place
_GENERIC: Final = frozenset(("have", "question"))


@dataclass(frozen=True, slots=True)
class Gist:
    """``text`` is what the operator reads ("问库存：有白色吗？"); the slots say what it rests
    on. ``intent`` is one of chuhai's intents (``chuhai.records.labels.INTENT``)
    or ``"other"``; ``confidence`` is how much of the comment the lexicons read and how the
    intent was decided (a cue in the text, the slots, the enrich stage's intent, or nothing)."""

    text: str
    intent: str
    confidence: float
    language: str
    topics: tuple[str, ...] = ()
    product: str | None = None  # the catalog SKU named
    product_zh: str | None = None  # what the gist calls it
    colours: tuple[str, ...] = ()  # canonical keys: "white", "navy"
    sizes: tuple[str, ...] = ()  # "M", "2XL", "42", "free"
    quantity: int | None = None
    place: str | None = None  # in Chinese where the gazetteer knows it
    numbers: tuple[str, ...] = ()  # numbers with their unit, as shown ("3天", "199泰铢")
    kind: Literal["gist"] = "gist"  # never a translation

    @property
    def understood(self) -> bool:
        """True when the text itself said something the lexicons read (not only a label)."""
        return bool(
            self.topics or self.colours or self.sizes or self.quantity or self.product
            or self.place
        )  # fmt: skip

    @property
    def specific(self) -> bool:
        """True when it says more than "is there ...?": a colour, size, quantity, place, or
        what is asked (price, shipping, a defect...)."""
        said = set(self.topics) - _GENERIC
        return bool(said or self.colours or self.sizes or self.quantity or self.place)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("topics", "colours", "sizes", "numbers"):
            data[key] = list(data[key])
        return data
