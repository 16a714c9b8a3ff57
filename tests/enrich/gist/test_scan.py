"""Finding entries: longest first, whole words in spaced scripts, anywhere in Thai, stretched
letters, accentless Vietnamese that would not read as two things."""

from __future__ import annotations

import pytest

from chuhai.enrich.gist import GistEngine
from chuhai.enrich.gist.scan import Entry, Index, fold, normalise


def _values(index: Index, text: str) -> list[str]:
    return [m.entries[0].value for m in index.scan(normalise(text))]


INDEX = Index(
    [
        ("red", Entry("colour", "red", "en")),
        ("ขาว", Entry("colour", "white", "th")),
        ("ฟ้า", Entry("colour", "light_blue", "th")),
        ("ไฟฟ้า", Entry("blocker", "", "th")),
        ("pcs", Entry("classifier", "piece", "common")),
        ("sold out", Entry("cue", "sold_out", "en")),
        ("sold", Entry("cue", "order", "en")),
        ("2xl", Entry("size", "2XL", "common")),
    ]
)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("red please", ["red"]),
        ("bored", []),  # not inside another word
        ("REDDDD", ["red"]),  # stretched, any case
        ("เสื้อขาวววค่ะ", ["white"]),  # inside Thai, stretched
        ("พัดลมไฟฟ้าสีฟ้า", ["", "light_blue"]),  # the blocker hides ฟ้า in ไฟฟ้า
        ("2pcs", ["piece"]),  # a digit may touch a word
        ("12xl", []),  # but not another digit
        ("sold   out!", ["sold_out"]),  # longest first; a space stands for any run
        ("sold!", ["order"]),
        ("๒xl", ["2XL"]),  # Thai digits read as ASCII ones
    ],
)
def test_scan(text: str, values: list[str]) -> None:
    assert _values(INDEX, text) == values


def test_normalise_keeps_offsets() -> None:
    text = "ราคา๑๒๐บาท？ İstanbul ẞ"
    assert len(normalise(text)) == len(text)
    assert normalise("๑๒๐？") == "120?"
    assert fold("màu đen, hồng") == "mau den, hong"


@pytest.mark.parametrize(
    ("text", "colours"),
    [
        ("mau den", ["black"]),  # "màu đen" typed without accents
        ("mau do size L", ["red"]),
        ("ship den HN", []),  # "den" alone is đen or đến: left out
        ("màu hồng", ["pink"]),
        ("co hong", []),  # hồng (pink) or hông (not): left out
    ],
)
def test_vietnamese_without_accents(text: str, colours: list[str]) -> None:
    assert list(GistEngine().gist(text, language="vi").colours) == colours
