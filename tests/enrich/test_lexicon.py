"""The chat lexicon: emoji, emotes, emoticons and stretched chat words."""

from __future__ import annotations

import pytest

from chuhai.enrich.lexicon import ChatLexicon

lexicon = ChatLexicon()


@pytest.mark.parametrize(
    ("text", "sign", "coverage"),
    [
        ("PogChamp PogChamp", 1, 1.0),
        ("🔥🔥 😍", 1, 1.0),
        ("NotLikeThis", -1, 1.0),
        ("hahahaha", 1, 1.0),  # stretched laughter
        ("loooool", 1, 1.0),
        ("555555", 1, 1.0),  # Thai laughter
        ("wkwkwkwk", 1, 1.0),  # Indonesian laughter
        (":D", 1, 1.0),
        (":(", -1, 1.0),
        ("D: no way", -1, 1 / 3),
        ("scam", -1, 1.0),
        ("kappa", 0, 0.0),  # emotes are case-sensitive: "kappa" is just a word
    ],
)
def test_scores(text: str, sign: int, coverage: float) -> None:
    hit = lexicon.score(text)
    assert (hit.score > 0) - (hit.score < 0) == sign
    assert hit.coverage == pytest.approx(coverage)


@pytest.mark.parametrize(
    "text",
    ["Note:Price is listed", "https://shop.example/p/1", "see 10:30 pm", "", "plain words"],
)
def test_no_emoticon_inside_words_or_links(text: str) -> None:
    assert lexicon.score(text).hits == 0


def test_emotion_is_the_most_voted() -> None:
    assert lexicon.score("😭😭 😡").emotion == "sadness"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # laughter and hype are joy, not neutral
        ("LUL", 1),
        ("KEKW", 1),
        ("OMEGALUL", 1),
        ("LULW", 1),
        ("Pog", 1),
        ("POGGERS", 1),
        ("Kreygasm", 1),
        ("catJAM", 1),
        ("forsenPls", 1),  # a channel's emote, read by its suffix
        ("moon2CUTE", 1),  # suffixes in any case
        ("scarraGASM", 1),
        ("moon2POG", 1),  # an emote as a suffix, in any case
        ("555", 1),
        ("5555", 1),
        ("mantul", 1),
        ("gercep", 1),
        ("best gila", 1),
        ("sulit", 1),
        ("ang ganda", 1),
        ("petmalu", 1),
        ("xịn", 1),
        ("mê quá", 1),
        ("เริ่ด", 1),  # Thai vowels and tones keep the word whole
        ("ตึงมาก", 1),
        ("โคตรดี", 1),
        ("绝绝子", 1),
        # disappointment, sadness, disgust
        ("chán", -1),
        ("tệ", -1),
        ("hàng fake", -1),
        ("Sadge", -1),
        ("PepeHands", -1),
        ("BibleThump", -1),
        ("ResidentSleeper", -1),
        ("DansGame", -1),
        ("monkaS", -1),
        ("FeelsBadMan", -1),
        ("xqcFacepalm", -1),
        ("zonk", -1),
        ("kecewa", -1),
        ("nyesel", -1),
        ("ampas", -1),
        ("hampeh", -1),
        ("teruk", -1),
        ("panget", -1),
        ("nakakainis", -1),
        ("sayang pera", -1),
        ("จกตา", -1),
        ("แพงไป", -1),
        ("เซ็ง", -1),
        # sarcasm carries no sign
        ("Kappa", 0),
    ],
)
def test_entry_signs(text: str, sign: int) -> None:
    hit = lexicon.score(text)
    assert hit.coverage == pytest.approx(1.0)
    assert (hit.score > 0) - (hit.score < 0) == sign
    if sign:
        assert abs(hit.score) >= 0.5


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("ga nyesel beli disini", 1),  # the phrase wins over its regretful word
        ("tidak kecewa sama sekali", 1),
        ("hindi sulit", -1),
        ("tak berbaloi langsung", -1),
        ("sayang kamu kak", 0),  # "sayang" alone is endearment, not waste
        ("power bank 20000 mAh", 0),  # English, not Malay praise
        ("ไม่ผิดหวังเลยค่ะ", 1),
        ("ไม่ปังเลย", 0),  # negated inside an unspaced run: left out
        ("从没失望过", 0),
    ],
)
def test_phrases_and_negations(text: str, sign: int) -> None:
    score = lexicon.score(text).score
    assert (score > 0) - (score < 0) == sign


@pytest.mark.parametrize(
    ("text", "sign", "partly"),
    [
        ("แม่ค้าปังมาก", 1, True),  # Thai is written without spaces
        ("น่ารักมาก555", 1, True),
        ("主播笑死我了哈哈哈", 1, True),
        ("等得好心累", -1, True),
        ("ราคา1555บาท", 0, False),  # a price, not laughter
        ("牛奶很好喝", 0, False),  # one Han letter is not looked for inside words
    ],
)
def test_entries_inside_unspaced_words(text: str, sign: int, partly: bool) -> None:
    hit = lexicon.score(text)
    assert (hit.score > 0) - (hit.score < 0) == sign
    assert (0 < hit.coverage < 1) == partly  # never the lexicon's alone


def test_chat_words_stay_for_language_identification() -> None:
    assert lexicon.without_entries("LUL ปังมาก 🔥") == "ปังมาก"
    assert lexicon.without_entries("KEKW 哈哈 xD") == "哈哈"
