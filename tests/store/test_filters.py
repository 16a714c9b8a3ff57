"""Voice filters become WHERE clauses inside the store: every value a parameter, the
annotation and id aliases as the table read needs them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from chuhai.store.filters import needs_annotations, where


@dataclass(frozen=True)
class Span:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Voices:
    markets: tuple[str, ...] = ()
    sku: str | None = None
    channel: str | None = None
    language: str | None = None
    period: Span | None = None
    theme: str | None = None
    aspect: str | None = None
    sentiment: str | None = None
    intent: str | None = None
    emotion: str | None = None


OCTOBER = Span(datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("voices", "aliases", "clause", "params", "annotated"),
    [
        (Voices(), {}, "", [], False),
        (Voices(markets=("TH", "ID")), {}, " WHERE v.market IN (?, ?)", ["TH", "ID"], False),
        (Voices(sku="PB-400", channel="review"), {},
         " WHERE v.sku = ? AND v.channel = ?", ["PB-400", "review"], False),
        (Voices(period=OCTOBER), {}, " WHERE v.time >= ? AND v.time < ?",
         [datetime(2026, 10, 1), datetime(2026, 11, 1)], False),
        (Voices(sentiment="neg"), {}, " WHERE a.sentiment = ?", ["neg"], True),
        (Voices(sentiment="neg"), {"a": "v"}, " WHERE v.sentiment = ?", ["neg"], True),
        (Voices(aspect="battery", sentiment="neg"), {"a": "v", "id": "voice_id"},
         " WHERE v.voice_id IN (SELECT voice_id FROM voice_aspects WHERE aspect = ? "
         "AND sentiment = ?)", ["battery", "neg"], False),
        (Voices(theme="t1"), {},
         " WHERE v.id IN (SELECT voice_id FROM voice_themes WHERE theme_id = ?)", ["t1"], False),
        (Voices(intent="refund", emotion="anger"), {},
         " WHERE a.intent = ? AND a.emotion = ?", ["refund", "anger"], True),
    ],
)  # fmt: skip
def test_filters_become_parameterised_conditions(
    voices: Voices, aliases: dict[str, str], clause: str, params: list[object], annotated: bool
) -> None:
    assert where(voices, **aliases) == (clause, params)
    assert needs_annotations(voices) is annotated


def test_values_are_never_pasted_into_the_sql() -> None:
    sneaky = "x' OR '1'='1"
    clause, params = where(Voices(markets=(sneaky,), sku=sneaky, theme=sneaky))
    assert sneaky not in clause and params == [sneaky] * 3
