"""Language identification on short, noisy and mixed text, with and without the market."""

from __future__ import annotations

import pytest

from chuhai.enrich.language import LanguageIdentifier


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier()


@pytest.mark.parametrize(
    ("text", "market", "code", "method"),
    [
        ("สินค้าดีมาก ส่งไว", "TH", "th", "script"),
        ("质量很好，物流也快", None, "zh", "script"),
        ("この商品はとても良いです", None, "ja", "script"),
        ("المنتج رائع والتوصيل سريع", None, "ar", "script"),
        ("Sản phẩm rất tốt, giao hàng nhanh", None, "vi", "script"),
        ("The battery lasts all day and the screen is bright", None, "en", "model"),
        ("Barangnya bagus sekali dan pengirimannya cepat", "ID", "id", None),
        ("Barangnya bagus sekali dan pengirimannya cepat", "MY", "ms", None),
        ("El producto llegó rápido y funciona muy bien", "ES", "es", None),
        ("O produto chegou rápido e funciona muito bem", "BR", "pt", None),
        ("ok", None, "und", "gate"),
        ("🔥🔥🔥", "US", "und", "gate"),
        ("", None, "und", "gate"),
        ("12345 !!!", None, "und", "gate"),
        ("brp kak", "ID", "id", None),
        ("kak", "ID", "id", "chat-words"),
        ("magkano po", "PH", "tl", None),
        ("po", "PH", "tl", "chat-words"),
    ],
)
def test_identify(
    identifier: LanguageIdentifier, text: str, market: str | None, code: str, method: str | None
) -> None:
    guess = identifier.identify(text, market)
    assert guess.code == code
    assert 0.0 <= guess.confidence <= 1.0
    if method is not None:
        assert guess.method == method
    if code == "und":
        assert guess.confidence == 0.0


def test_market_prior_settles_indonesian_and_malay(identifier: LanguageIdentifier) -> None:
    text = "Saya mahu beli baju ini tetapi saiznya terlalu kecil"
    assert identifier.identify(text, "MY").code == "ms"
    assert identifier.identify(text, "ID").code in ("id", "ms")


def test_mixed_script_text_goes_by_the_dominant_script(identifier: LanguageIdentifier) -> None:
    assert identifier.identify("这个 lipstick 颜色很好看，推荐", None).code == "zh"
    assert identifier.identify("ok ค่ะ สินค้าได้รับแล้ว ขอบคุณค่ะ", "TH").code == "th"
