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
