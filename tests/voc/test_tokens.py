from __future__ import annotations

import pytest

from chuhai.voc.tokens import key_terms, phrases, script_language, tokens


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("这个充电宝的电池续航太差了", "zh", ["充电", "宝", "电池", "续航", "太差"]),
        ("แบตเตอรี่หมดเร็วมาก ส่งของช้า", "th", ["แบตเตอรี่", "หมด", "เร็ว", "ส่ง", "ช้า"]),
        ("Baterainya cepat habis banget kak", "id", ["baterainya", "cepat", "habis"]),
        ("The battery drains sooooo fast!!!", "en", ["battery", "drains", "soo", "fast"]),
        # negators join the word they turn around
        ("It doesn't work, not charging", "en", ["doesnt work", "not charging"]),
        ("ไม่ประทับใจเลยค่ะ", "th", ["ไม่ประทับใจ"]),
        ("barangnya gak nyala", "id", ["barangnya", "gak nyala"]),
        # placeholders, links, handles and numbers are not words; emoji are
        ("call [PHONE] or see https://x.co @rina 12345 🔥🔥", "en", ["🔥", "call", "see"]),
    ],
)
def test_tokens(text: str, language: str, expected: list[str]) -> None:
    assert tokens(text, language) == expected


def test_phrases_are_words_and_adjacent_pairs() -> None:
    assert phrases(["battery", "drains", "fast"]) == [
        "battery", "drains", "fast", "battery drains", "drains fast",
    ]  # fmt: skip
    assert phrases(["แบต", "หมด"]) == ["แบต", "หมด", "แบตหมด"]  # no space in Thai
    assert phrases(["电池", "续航"])[-1] == "电池续航"


@pytest.mark.parametrize(
    ("text", "script"),
    [("สวัสดี", "th"), ("你好", "zh"), ("こんにちは", "ja"), ("hello", None), ("xin chào", None)],
)
def test_script_language(text: str, script: str | None) -> None:
    assert script_language(text) == script


@pytest.mark.parametrize(
    ("text", "language", "wanted", "unwanted"),
    [
        # a pair never crosses a space, a comma or a word left out
        ("ส่งไวมาก สองวันได้ของ", "th", ["ส่งไว", "สองวัน"], ["ไวสอง"]),
        ("กล่องสวย เหมาะเป็นของขวัญ", "th", ["กล่องสวย"], ["สวยเหมาะ"]),
        ("slow shipping, late delivery", "en", ["slow shipping"], ["shipping late"]),
        # Thai compounds of the phrase bank stay whole and pair with nothing
        ("ใช้ไปเดือนเดียวชาร์จไม่เข้าแล้ว", "th", ["เดือนเดียว", "ชาร์จไม่เข้า"],
         ["เดียวชาร์จ", "เดียว", "เดือนเดียวชาร์จไม่เข้า"]),
        ("สีไม่ตรงปกเลย", "th", ["ไม่ตรงปก"], ["ปก"]),
        # ไม่มี + ใคร is "nobody", not ไม่ใคร
        ("ทักแชทไปไม่มีใครตอบเลย", "th", ["ไม่มีใคร", "ไม่มีใครตอบ"], ["ไม่ใคร"]),
        # a negation after its word turns it; a comma ends it
        ("ชาร์จไม่ได้", "th", ["ชาร์จไม่ได้"], ["ชาร์จ"]),
        ("Sạc không vào, pin yếu quá", "vi", ["sạc không", "pin yếu"], ["không pin"]),
    ],
)  # fmt: skip
def test_key_terms_pair_only_neighbours(
    text: str, language: str, wanted: list[str], unwanted: list[str]
) -> None:
    terms = key_terms(text, language)
    assert all(w in terms for w in wanted), terms
    assert not any(u in terms for u in unwanted), terms
