"""Profanity and insults in every market language, disguises undone, innocent words spared."""

from __future__ import annotations

import pytest

from chuhai.enrich.toxicity import ToxicityScorer


@pytest.fixture(scope="module")
def scorer() -> ToxicityScorer:
    return ToxicityScorer()


@pytest.mark.parametrize(
    ("text", "language", "severity"),
    [
        ("this is fucking useless", "en", "strong"),
        ("sh1t product", "en", "strong"),
        ("fuuuuck this", "en", "strong"),
        ("f*ck you", "en", "strong"),
        ("you idiot", "en", "mild"),
        ("this is great", "en", "none"),
        ("Dick's Sporting Goods sells it too", "en", "none"),
        ("a cocktail dress", "en", "none"),
        ("dasar goblok", "id", "mild"),
        ("kontol lu", "id", "strong"),
        ("barangnya bagus", "id", "none"),
        ("pukimak betul", "ms", "strong"),
        ("ไอ้เหี้ย ส่งช้า", "th", "strong"),
        ("หีบห่อสวยมาก", "th", "none"),
        ("đồ ngu", "vi", "mild"),
        ("lol shop ơi", "vi", "strong"),
        ("đồ nguyên bản", "vi", "none"),
        ("اكسسوارات جميلة", "ar", "none"),
        ("lol that's funny", "en", "none"),
        ("操作很简单", "zh", "none"),
        ("傻逼卖家", "zh", "strong"),
        ("putang ina mo", "tl", "strong"),
        ("hijo de puta", "es", "strong"),
        ("vai se foder", "pt", "strong"),
        ("يا كلب", "ar", "mild"),
        ("", "und", "none"),
    ],
)
def test_severity(scorer: ToxicityScorer, text: str, language: str, severity: str) -> None:
    result = scorer.score(text, language)
    assert result.severity == severity
    assert (result.score > 0) == (severity != "none")
    assert bool(result.terms) == (severity != "none")
