"""Messaging-app handles and links (LINE, WhatsApp, Telegram, WeChat, Zalo) as contact details
in every market, read as a table: text, market -> what is found; everyday words are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuhai.errors import ConfigError
from chuhai.privacy.pii import PiiScanner
from chuhai.privacy.pii.messengers import MessengerRecognizer, load_messengers


@pytest.fixture(scope="module")
def scanner() -> PiiScanner:
    return PiiScanner()


def _found(scanner: PiiScanner, text: str, market: str) -> list[tuple[str, str, str]]:
    return [(e.type, e.kind, text[e.start : e.end]) for e in scanner.scan(text, market)]


@pytest.mark.parametrize(
    ("text", "market", "expected"),
    [
        # links, with or without the scheme, in any market
        ("add me line.me/ti/p/~shopxyz", "TH", [("MESSENGER", "LINE", "line.me/ti/p/~shopxyz")]),
        ("https://line.me/R/ti/p/@shopxyz ค่ะ", "TH",
         [("MESSENGER", "LINE", "https://line.me/R/ti/p/@shopxyz")]),
        ("lin.ee/aBc123 ya", "ID", [("MESSENGER", "LINE", "lin.ee/aBc123")]),
        ("chat wa.me/6281234567890 kak", "ID",
         [("MESSENGER", "WHATSAPP", "wa.me/6281234567890")]),
        ("me chama https://api.whatsapp.com/send?phone=5511912345678", "BR",
         [("MESSENGER", "WHATSAPP", "https://api.whatsapp.com/send?phone=5511912345678")]),
        ("join t.me/cheap_fans_deals now", "US", [("MESSENGER", "TELEGRAM", "t.me/cheap_fans_deals")]),
        ("telegram.me/joinchat/AbCdEf12", "MX", [("MESSENGER", "TELEGRAM", "telegram.me/joinchat/AbCdEf12")]),
        ("扫码 u.wechat.com/kAbc123 加我", "CN", [("MESSENGER", "WECHAT", "u.wechat.com/kAbc123")]),
        ("zalo.me/0912345678 nhé", "VN", [("MESSENGER", "ZALO", "zalo.me/0912345678")]),
        # handles after the app's name
        ("add LINE @shopxyz for 50% off", "US", [("MESSENGER", "LINE", "@shopxyz")]),
        ("ไลน์ @abc นะคะ", "TH", [("MESSENGER", "LINE", "@abc")]),
        ("แอดไลน์ shop123 ได้เลยค่ะ", "TH", [("MESSENGER", "LINE", "shop123")]),
        ("ไอดีไลน์: somsri_99", "TH", [("MESSENGER", "LINE", "somsri_99")]),
        ("Line ID: budi.store", "ID", [("MESSENGER", "LINE", "budi.store")]),
        ("wx: abc123", "CN", [("MESSENGER", "WECHAT", "abc123")]),
        ("加微信 abc", "CN", [("MESSENGER", "WECHAT", "abc")]),
        ("微信号wx_88123私聊", "CN", [("MESSENGER", "WECHAT", "wx_88123")]),
        ("vx：lucky2024 便宜", "CN", [("MESSENGER", "WECHAT", "lucky2024")]),
        ("WeChat ID is shopxyz_cn", "US", [("MESSENGER", "WECHAT", "shopxyz_cn")]),
        ("telegram @cheap_fans", "US", [("MESSENGER", "TELEGRAM", "@cheap_fans")]),
        ("agrega mi telegram @tienda_mx", "MX", [("MESSENGER", "TELEGRAM", "@tienda_mx")]),
        ("kết bạn zalo: shopnhanh", "VN", [("MESSENGER", "ZALO", "shopnhanh")]),
        ("ib zalo minhanh.shop nha", "VN", [("MESSENGER", "ZALO", "minhanh.shop")]),
        # phone numbers after the name stay phones (the more specific type)
        ("zalo 0912345678", "VN", [("PHONE", "", "0912345678")]),
        ("WhatsApp +62 812-3456-7890", "ID", [("PHONE", "", "+62 812-3456-7890")]),
        ("ไลน์ 0812345678 นะคะ", "TH", [("PHONE", "", "0812345678")]),
        ("واتساب 0501234567", "SA", [("PHONE", "", "0501234567")]),
    ],
)  # fmt: skip
def test_handles_and_links_are_found(
    scanner: PiiScanner, text: str, market: str, expected: list[tuple[str, str, str]]
) -> None:
    assert _found(scanner, text, market) == expected


@pytest.mark.parametrize(
    ("text", "market"),
    [
        ("the line was long at the store", "US"),
        ("line 5 of the manual is wrong", "US"),
        ("my line is busy today", "US"),
        ("I shop online 24/7", "US"),
        ("LINE Pay works too", "TH"),
        ("I use telegram too", "US"),
        ("is there a telegram channel?", "US"),
        ("whatsapp group for buyers?", "ID"),
        ("can I pay with wechat pay", "US"),
        ("微信支付可以吗", "CN"),
        ("我在微信上看到的", "CN"),
        ("ไลน์ขายดีมาก", "TH"),
        ("zalo của shop là gì ạ", "VN"),
        ("tele bagus kak", "ID"),
        ("wa nya kapan kak", "ID"),
        ("the website is format.me/beauty", "US"),
        ("send it by email to ana@line.example", "US"),
    ],
)
def test_everyday_words_are_not_handles(scanner: PiiScanner, text: str, market: str) -> None:
    assert [e for e in scanner.scan(text, market) if e.type == "MESSENGER"] == []


def test_the_handle_is_redacted_and_the_app_name_kept(scanner: PiiScanner) -> None:
    from chuhai.privacy.pii import Redactor

    text = "add LINE @shopxyz or t.me/shop_xyz"
    redacted = Redactor("mask").redact(text, scanner.scan(text, "TH"))
    assert redacted == "add LINE [MESSENGER] or [MESSENGER]"


def test_the_shipped_list_covers_the_five_apps() -> None:
    apps = {app.app for app in load_messengers().apps}
    assert apps == {"LINE", "WHATSAPP", "TELEGRAM", "WECHAT", "ZALO"}


_VALID_APP = "  - app: LINE\n    names: [line]\n    handle: '@\\w+'\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("apps:\n  - app: LINE\n    names: [line]\n    handle: '(unclosed'\n", 4, "handle"),
        ("apps:\n  - app: LINE\n    names: [line]\n    handle: '\\w*'\n", 4, "empty string"),
        ("apps:\n" + _VALID_APP + "    links: ['[a-']\n", 5, "links"),
        ("apps:\n" + _VALID_APP + "    ambiguous: [tele]\n", 2, "not among its names"),
        ("apps:\n" + _VALID_APP + _VALID_APP, 1, "listed twice"),
        ("apps: []\n", 1, "apps"),
        ("apps:\n  - app: line\n    names: [line]\n    handle: '@\\w+'\n", 2, "app"),
    ],
)
def test_a_broken_list_names_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "messengers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"messengers\.yaml:{line}: .*{message}"):
        MessengerRecognizer(load_messengers(path))
