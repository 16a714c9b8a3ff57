"""A small shop for the live tests: two products with an FAQ in four languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuhai.live.copilot import Copilot
from chuhai.records import KnowledgeEntry, Product
from chuhai.settings import Settings
from tests.conftest import make_settings

SESSION = Path(__file__).parents[1] / "fixtures" / "live" / "copilot-session.jsonl"


def _faq(*entries: tuple[str, str, str]) -> list[KnowledgeEntry]:
    return [KnowledgeEntry(language=lang, question=q, answer=a) for lang, q, a in entries]


PRODUCTS = [
    Product(
        sku="FN-300", markets=["ID", "TH", "US"], category="personal_cooling",
        names={"en": "Breeze Neck Fan", "id": "Kipas Leher Breeze", "th": "พัดลมคล้องคอ", "zh": "挂脖风扇"},
        knowledge=_faq(
            ("en", "How long does the battery last?", "Up to 12 hours on the lowest speed."),
            ("id", "Baterainya tahan berapa lama?", "Sampai 12 jam di kecepatan terendah, kak."),
            ("th", "แบตใช้ได้นานแค่ไหนคะ", "ใช้ได้สูงสุด 12 ชั่วโมงที่ความแรงต่ำสุดค่ะ"),
            ("zh", "电池能用多久？", "最低档可用12小时。"),
            ("en", "Is it noisy?", "About 30 dB on speed 1."),
            ("zh", "噪音大吗？", "一档约30分贝。"),
            ("id", "Bisa COD?", "Bisa kak, COD ke semua kota."),
        ),
    ),
    Product(
        sku="LB-100", markets=["ID", "TH", "US"], category="lighting",
        names={"en": "Aurora Desk Lamp", "id": "Lampu Meja Aurora", "zh": "极光台灯"},
        knowledge=_faq(
            ("en", "Does the lamp have a timer?", "Yes, 30 or 60 minutes."),
            ("zh", "台灯能定时吗？", "可以，30或60分钟。"),
        ),
    ),
]  # fmt: skip


def live_settings(tmp_path: Path, **live: object) -> Settings:
    return make_settings(
        tmp_path, markets=["ID", "TH", "US"],
        live={"rooms": {"shop.id": "ID", "shop.th": "TH", "shop.us": "US"}, **live},
    )  # fmt: skip


@pytest.fixture
def settings_live(tmp_path: Path) -> Settings:
    return live_settings(tmp_path)


@pytest.fixture
def copilot(settings_live: Settings) -> Copilot:
    return Copilot(settings_live, products=PRODUCTS, pinned={"shop.id": ["FN-300"]})
