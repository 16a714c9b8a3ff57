from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from chuhai.records import KnowledgeEntry, LiveSession, Order, Product, SourceRef, Voice
from chuhai.records.ids import clean_text, stable_id

SOURCE = SourceRef(system="test")
WHEN = datetime(2026, 10, 1, 12, tzinfo=UTC)


def voice(**changes: Any) -> Voice:
    fields: dict[str, Any] = {
        "id": "v1",
        "channel": "review",
        "market": "ID",
        "zone": "id",
        "time": WHEN,
        "text": "bagus",
        "source": SOURCE,
    }
    fields.update(changes)
    return Voice(**fields)


def test_voice_times_are_utc() -> None:
    local = datetime(2026, 10, 1, 19, tzinfo=timezone(timedelta(hours=7)))
    assert voice(time=local).time == WHEN
    assert voice(time=local).time.tzinfo is UTC


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"time": datetime(2026, 10, 1)}, "timezone"),
        ({"market": "XX"}, "unknown market"),
        ({"zone": "ID"}, "zone"),
        ({"text": "", "rating": None}, "empty text and no rating"),
        ({"rating": 7, "rating_max": 5}, "above the scale maximum"),
        ({"rating": -1}, "greater than or equal to 0"),
        ({"language": "Indonesian"}, "language"),
        ({"sku": "has space"}, "sku"),
        ({"channel": "fax"}, "channel"),
        ({"unknown": 1}, "unknown"),
    ],
)
def test_voice_refuses_inconsistent_values(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        voice(**changes)


def test_rating_only_voice_is_valid() -> None:
    assert voice(text="", rating=5, rating_max=5).rating == 5


def test_market_codes_are_upper_cased() -> None:
    assert voice(market=" id ").market == "ID"


def test_product_needs_unique_questions_per_language() -> None:
    entry = KnowledgeEntry(language="en", question="Q?", answer="A")
    with pytest.raises(ValidationError, match="question repeated"):
        Product(sku="A", names={"en": "A"}, markets=["US"], knowledge=[entry, entry])
    product = Product(sku="A", names={"en": "Lamp", "id": "Lampu"}, markets=["US"])
    assert product.name("id") == "Lampu"
    assert product.name("th") == "Lamp"


def test_session_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="ends before it starts"):
        LiveSession(
            id="s",
            room="r",
            market="TH",
            zone="th",
            started_at=WHEN,
            ended_at=WHEN - timedelta(minutes=1),
            source=SOURCE,
        )


@pytest.mark.parametrize(
    ("field", "value"), [("quantity", 0), ("unit_price", -1), ("currency", "usd")]
)
def test_order_refuses_bad_amounts(field: str, value: object) -> None:
    fields: dict[str, Any] = {
        "id": "o",
        "sku": "A",
        "market": "US",
        "zone": "us",
        "quantity": 1,
        "unit_price": 1.0,
        "currency": "USD",
        "time": WHEN,
        "source": SOURCE,
    }
    fields[field] = value
    with pytest.raises(ValidationError, match=field):
        Order(**fields)


def test_stable_id_is_deterministic_and_separates_parts() -> None:
    assert stable_id("a", "b") == stable_id("a", "b")
    assert stable_id("a", "b") != stable_id("ab", "")
    assert stable_id("a", None) == stable_id("a", "")
    assert len(stable_id("x")) == 32


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  plain  ", "plain"),
        ("line one\r\nline two", "line one\nline two"),
        ("a\u00a0\u00a0b\u3000c", "a b c"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("control\x00\x07chars", "controlchars"),
        ("many\n\n\n\nblank", "many\n\nblank"),
        ("cafe\u0301", "café"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
