"""Aspects are found by their words in every market language, each in its own clause."""

from __future__ import annotations

import pytest

from chuhai.enrich.aspects import AspectFinder, split_clauses


@pytest.fixture(scope="module")
def finder() -> AspectFinder:
    return AspectFinder()


@pytest.mark.parametrize(
    ("text", "aspects"),
    [
        ("The battery is great but shipping took forever", ["battery", "shipping"]),
        ("Batteries die fast", ["battery"]),
        ("harganya murah, pengiriman cepat", ["price", "shipping"]),
        ("ราคาถูก แต่ส่งช้า", ["price", "shipping"]),
        ("质量很好，价格便宜", ["quality", "price"]),
        ("giá rẻ mà chất lượng tốt", ["price", "quality"]),
        ("el precio es bueno", ["price"]),
        ("o preço é bom", ["price"]),
        ("السعر ممتاز", ["price"]),
        ("hello there", []),
        ("", []),
    ],
)
def test_find(finder: AspectFinder, text: str, aspects: list[str]) -> None:
    found = finder.find(text)
    assert [m.aspect for m in found] == aspects
    for m in found:
        assert text[m.start : m.end] == m.keyword
        assert m.clause[0] <= m.start < m.clause[1]


def test_aspects_in_different_clauses_get_different_clauses(finder: AspectFinder) -> None:
    text = "The battery is great but shipping took forever"
    battery, shipping = finder.find(text)
    assert battery.clause != shipping.clause
    assert "shipping" not in text[battery.clause[0] : battery.clause[1]]


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("good. bad!", ["good", " bad"]),
        ("bagus tapi mahal", ["bagus", "tapi mahal"]),
        ("质量好但是贵", ["质量好", "但是贵"]),
        ("one clause", ["one clause"]),
        # one clause is the whole text, end punctuation included (judged as the whole text)
        ("Great food.", ["Great food."]),
        ("  Great food!!! ", ["  Great food!!! "]),
        # contrast words of each language: anywhere, or only after a comma
        ("bon mais cher", ["bon", "mais cher"]),
        ("bon, cependant cher", ["bon", "cependant cher"]),
        ("bon, par  contre cher", ["bon", "par  contre cher"]),
        ("lekker maar duur", ["lekker", "maar duur"]),
        ("gut aber teuer", ["gut", "aber teuer"]),
        ("bueno, sin embargo caro", ["bueno", "sin embargo caro"]),
        ("bom porém caro", ["bom", "porém caro"]),
        ("вкусно но дорого", ["вкусно", "но дорого"]),
        ("Еда вкусная, а обслуживание ужасное", ["Еда вкусная", "а обслуживание ужасное"]),
        ("вкусно а дорого", ["вкусно а дорого"]),  # а without a comma: often "and"
        ("yemek güzel ama pahalı", ["yemek güzel", "ama pahalı"]),
        ("yemek güzel, ancak pahalı", ["yemek güzel", "ancak pahalı"]),
        ("ancak 10 dakika sürdü", ["ancak 10 dakika sürdü"]),  # ancak alone: "only"
        ("الطعام جيد ولكن الخدمة سيئة", ["الطعام جيد", "ولكن الخدمة سيئة"]),
        ("good food, although slow", ["good food", "although slow"]),
        ("lekker maartje", ["lekker maartje"]),  # whole words only
        ("", [""]),
    ],
)
def test_split_clauses(text: str, clauses: list[str]) -> None:
    assert [text[a:b] for a, b in split_clauses(text)] == clauses


def test_category_limits_the_aspects(finder: AspectFinder) -> None:
    text = "battery life is short and the size runs small"
    everything = {m.aspect for m in finder.find(text)}
    assert {"battery", "size_fit"} <= everything
    fashion = {m.aspect for m in finder.find(text, "apparel")}
    assert "size_fit" in fashion
    assert "battery" not in fashion


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("battery life is short", "battery life"),  # the longer word wins
        ("the battery died", "battery"),
        ("baterainya cepat habis", "baterainya"),  # -nya attached
        ("batteryx", None),  # a Latin word matches whole words only
        ("แบตเตอรี่หมดเร็ว", "แบตเตอรี่"),  # Thai: inside a run of letters
    ],
)
def test_keywords_match_as_a_longest_first_alternation(text: str, keyword: str | None) -> None:
    finder = AspectFinder(
        {
            "battery": {
                "en": ["battery", "battery life"],
                "id": ["baterai"],
                "th": ["แบต", "แบตเตอรี่"],
            }
        }
    )
    found = [m.keyword for m in finder.find(text)]
    assert found == ([keyword] if keyword else [])
