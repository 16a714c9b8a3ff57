"""The Chinese line of each comment on /live without a translation provider: the offline
gist (what is asked, with its colours, sizes, quantity and product), marked as a gist with
its confidence; the FAQ's Chinese question only where the gist reads nothing specific."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chuhai.live.copilot import Copilot
from chuhai.records import KnowledgeEntry, Product
from tests.live.conftest import PRODUCTS, live_settings

LAMP = Product(
    sku="LB-100", markets=["ID", "TH", "US"], names={"en": "Aurora Desk Lamp", "zh": "极光台灯", "th": "โคมไฟตั้งโต๊ะ Aurora"},
    knowledge=[
        KnowledgeEntry(language="th", question="มีแสงกี่สีคะ", answer="มี 3 แสง วอร์ม ธรรมชาติ และขาวค่ะ"),
        KnowledgeEntry(language="zh", question="有几种灯光颜色？", answer="暖光、自然光、白光三种。"),
        KnowledgeEntry(language="en", question="Does the lamp have a timer?", answer="Yes, 30 or 60 minutes."),
        KnowledgeEntry(language="zh", question="台灯能定时吗？", answer="可以，30或60分钟。"),
    ],
)  # fmt: skip


@pytest.fixture(scope="module")
def copilot(tmp_path_factory: pytest.TempPathFactory) -> Copilot:
    settings = live_settings(Path(tmp_path_factory.mktemp("gist")))
    return Copilot(settings, products=[PRODUCTS[0], LAMP])


def _comment(copilot: Copilot, text: str, room: str, n: int) -> dict[str, Any]:
    event = {"id": f"g{n}", "room": room, "time": "2026-11-08T20:00:05+07:00",
             "user": f"v{n}", "text": text}  # fmt: skip
    return copilot.process(event).data


@pytest.mark.parametrize(
    ("text", "room", "gist"),
    [
        # the FAQ's nearest question was about light colours; the viewer asked for white
        ("มีสีขาวไหมคะ", "shop.th", "问库存：有白色吗？"),
        ("ดูจากเชียงใหม่ค่ะ", "shop.th", "打招呼：来自清迈"),
        ("เอาสีดำไซส์ L 2 ตัวค่ะ", "shop.th", "下单：2件，L码，黑色"),
        ("kipas leher ready warna putih kak?", "shop.id", "问库存：有白色挂脖风扇吗？"),
        ("kirim ke Papua berapa hari kak?", "shop.id", "问发货：几天到巴布亚？"),
        ("barangnya rusak kak, minta refund", "shop.id", "投诉：收到已损坏，要求退款"),
        # nothing specific read: the FAQ's Chinese question says it better
        ("does the lamp have a timer?", "shop.us", "问规格：台灯能定时吗？"),
    ],
)
def test_the_chinese_line_is_the_gist(copilot: Copilot, text: str, room: str, gist: str) -> None:
    data = _comment(copilot, text, room, abs(hash(text)) % 10_000)
    assert data["gist_zh"] == gist
    assert data["gist_kind"] == "gist"  # never presented as a translation
    assert 0 < data["gist_confidence"] <= 1


def test_chinese_comments_are_shown_as_written(copilot: Copilot) -> None:
    data = _comment(copilot, "有白色吗？", "shop.id", 1)
    assert (data["gist_zh"], data["gist_kind"]) == ("有白色吗？", "original")
