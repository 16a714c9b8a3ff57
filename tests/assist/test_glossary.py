"""Glossaries and brand voice are validated data; the checker finds banned words, lost
names and terms, a missing Thai particle, avoided pronouns and too many emoji."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuhai.assist.voice import check_voice, count_emoji
from chuhai.errors import ConfigError
from chuhai.glossary import load_glossary
from tests.assist.conftest import GLOSSARY


def kinds(text: str, market: str, language: str, channel: str, source: str = "") -> list[str]:
    glossary = load_glossary(market, "lumio", GLOSSARY)
    return [f.kind for f in check_voice(text, glossary, language, channel, source)]


def test_brand_over_market_defaults() -> None:
    th = load_glossary("TH", "lumio", GLOSSARY)
    assert th.brand == "Lumio"
    assert th.keep == ["Lumio", "FN-300"]
    assert th.voice.particle == ["ค่ะ"]  # the brand's market voice over the shipped ค่ะ/ครับ
    assert th.voice.max_emoji == 2 and th.voice.emoji == "sparing"  # brand + shipped default
    idn = load_glossary("ID", None, GLOSSARY)  # one brand in the file: that one
    assert idn.voice.address_for("reply") == "kak"
    assert idn.voice.address_for("email") == "Anda"  # the shipped channel rule still holds
    assert load_glossary("ID").voice.avoid == ["lo", "lu", "elo", "gue"]


def test_translation_terms_per_target() -> None:
    keep, fixed = load_glossary("TH", "lumio", GLOSSARY).translation_terms("th")
    assert keep == ["Lumio", "FN-300"]
    assert fixed == {"静音": "เงียบกริบ", "whisper-quiet": "เงียบกริบ", "super senyap": "เงียบกริบ"}


@pytest.mark.parametrize(
    ("text", "market", "language", "channel", "source", "expected"),
    [
        ("Kipas ini murah banget kak", "ID", "id", "reply", "", ["banned"]),
        ("Kipas ini hemat, kak", "ID", "id", "reply", "", []),
        ("Kipasmurah", "ID", "id", "reply", "", []),  # whole words in spaced scripts
        ("It is cheap and cheerful", "US", "en", "copy", "", ["banned"]),
        ("Kipas ini hemat kak", "ID", "id", "reply", "这个很murah", []),  # id-only ban, ok
        ("ขอบคุณที่สั่งซื้อนะคะ ค่ะ", "TH", "th", "reply", "", []),
        ("ขอบคุณที่สั่งซื้อ", "TH", "th", "reply", "", ["particle"]),
        ("ขอบคุณที่สั่งซื้อ", "TH", "th", "copy", "", []),  # listing copy needs no particle
        ("พัดลม FN-300 เงียบกริบ ค่ะ", "TH", "th", "script", "Lumio FN-300 静音", ["keep"]),
        ("พัดลม Lumio FN-300 เงียบมาก ค่ะ", "TH", "th", "script", "Lumio FN-300 静音", ["term"]),
        ("พัดลม Lumio FN-300 เงียบกริบ ค่ะ", "TH", "th", "script", "Lumio FN-300 静音", []),
        ("Wow 🔥🔥🔥 so good", "US", "en", "copy", "", ["emoji"]),
        ("Makasih ya, lo pasti suka", "ID", "id", "reply", "", ["pronoun"]),
        ("Terima kasih atas ulasannya", "ID", "id", "reply", "", ["address"]),
    ],
)
def test_voice_findings(
    text: str, market: str, language: str, channel: str, source: str, expected: list[str]
) -> None:
    found = [k for k in kinds(text, market, language, channel, source) if k != "address"]
    wanted = [k for k in expected if k != "address"]
    assert found == wanted
    if "address" in expected:
        glossary = load_glossary(market, "lumio", GLOSSARY)
        advice = [f for f in check_voice(text, glossary, language, channel) if f.kind == "address"]
        assert advice and not advice[0].blocking


def test_both_thai_particles_from_one_speaker() -> None:
    shipped = load_glossary("TH")  # ค่ะ or ครับ, not both
    found = check_voice("ได้เลยค่ะ ส่งพรุ่งนี้ครับ", shipped, "th", "reply")
    assert [f.kind for f in found] == ["particle"]


def test_emoji_count() -> None:
    assert count_emoji("ok 👍🏻 ❤️ 🇹🇭") == 3  # a skin tone and a flag's two letters: one each
    assert count_emoji("好的，谢谢！") == 0


def test_broken_glossary_names_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "glossary.toml"
    bad.write_text('[brands.x]\nname = "X"\n[[brands.x.banned]]\nword = "a"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"glossary.toml: brands.x.banned.0.text: Field required"):
        load_glossary("TH", "x", bad)
    bad.write_text('[brands.x]\nname = "X"\n[brands.x.markets.XX]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="not ISO 3166"):
        load_glossary("TH", "x", bad)
    with pytest.raises(ConfigError, match="no brand 'y'"):
        load_glossary("TH", "y", GLOSSARY)
