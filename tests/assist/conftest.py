from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from chuhai.assist.grounding import Context
from chuhai.records import KnowledgeEntry, Order, Product
from chuhai.records.voice import SourceRef
from tests.assist.fake_llm import FakeLLM, fake_llm
from tests.enrich.translation.fake_chat import FakeChat, fake_chat

GLOSSARY = Path(__file__).parent / "fixtures" / "glossary.toml"


@pytest.fixture
def llm() -> Iterator[FakeLLM]:
    with fake_llm() as server:
        yield server


def fan() -> Product:
    return Product(
        sku="FN-300",
        names={"en": "Lumio FN-300 fan", "th": "พัดลม Lumio FN-300", "id": "Kipas Lumio FN-300",
               "zh": "Lumio FN-300 风扇"},
        category="electronics",
        markets=["TH", "ID", "US"],
        attributes={"battery_hours": 12, "noise_db": 25},
        knowledge=[
            KnowledgeEntry(language="th", question="แบตอยู่ได้นานไหม",
                           answer="ใช้งานได้สูงสุด 12 ชั่วโมงที่ความเร็วต่ำสุดค่ะ"),
            KnowledgeEntry(language="id", question="Baterainya tahan berapa lama?",
                           answer="Sampai 12 jam di kecepatan terendah, kak."),
            KnowledgeEntry(language="en", question="How long does the battery last?",
                           answer="Up to 12 hours at the lowest speed."),
            KnowledgeEntry(language="zh", question="电池能用多久？", answer="最低档最长可用12小时。"),
        ],
    )  # fmt: skip


def order() -> Order:
    return Order(
        id="O-1001", sku="FN-300", market="TH", zone="th", quantity=2, unit_price=590,
        currency="THB", time=datetime(2026, 11, 20, tzinfo=UTC),
        source=SourceRef(system="csv", file="orders.csv", locator="line 2"),
    )  # fmt: skip


@pytest.fixture
def context() -> Context:
    return Context(products={"FN-300": fan()}, orders={"O-1001": order()})


@pytest.fixture
def chat() -> Iterator[FakeChat]:
    with fake_chat() as server:
        yield server
