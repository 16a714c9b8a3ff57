"""The gist's data files: every packaged file loads, and a broken one is named with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from chuhai.enrich.gist import GistDataError, load_gist_data
from chuhai.enrich.gist.data import PHRASES

PACKAGED = Path(__file__).parents[3] / "src" / "chuhai" / "enrich" / "gist" / "data"
MARKET_LANGUAGES = ("th", "id", "vi", "en", "ms", "tl", "es", "pt", "ar")


def test_every_market_language_has_a_lexicon() -> None:
    data = load_gist_data()
    assert set(MARKET_LANGUAGES) <= set(data.lexicons)
    assert set(PHRASES) <= set(data.templates.phrases)


@pytest.mark.parametrize("language", MARKET_LANGUAGES)
def test_each_lexicon_reads_colours_sizes_and_quantities(language: str) -> None:
    lexicon = load_gist_data().lexicons[language]
    assert len(lexicon.colours) >= 10
    assert lexicon.numbers and lexicon.classifiers and lexicon.size_cues
    assert {"price", "stock", "shipping", "order", "refund", "damaged"} <= set(lexicon.cues)


def _copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    for path in PACKAGED.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / name
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def _line(path: Path, needle: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "needle", "message"),
    [
        ("th.yaml", "  white: [ขาว,", "  whyte: [ขาว,", "whyte", "colours.whyte: no such key"),
        ("id.yaml", "  refund: [", "  refnd: [", "refnd", "cues.refnd"),
        ("vi.yaml", "numbers: {một: 1,", "numbers: {một: one,", "numbers:", "numbers.một"),
        ("en.yaml", "  pink: [pink,", "  pink: [12,", "pink: [12", "colours.pink.0"),
        ("ms.yaml", "  day: [hari]", "  days: [hari]", "days", "units.days: no such key"),
        ("tl.yaml", "sizes:\n", "sizes:\n  huge: [dambuhala]\n", "huge", "sizes.huge"),
        ("zh.yaml", "  discount: 有优惠吗？\n", "", "phrases:", "missing ['discount']"),
        ("es.yaml", "language: es", "language: pt", "language:", "match the file name"),
        ("pt.yaml", "  pink: [rosa,", "  pink: [rosa,, [", "pink", "not valid YAML"),
    ],
)
def test_a_broken_file_is_named_with_its_line(
    tmp_path: Path, name: str, old: str, new: str, needle: str, message: str
) -> None:
    target = _copy(tmp_path, name, old, new)
    with pytest.raises(GistDataError) as caught:
        load_gist_data(tmp_path)
    assert str(caught.value.path).endswith(name)
    assert caught.value.line == _line(target, needle)
    assert message in str(caught.value)
    assert f"{name}:{caught.value.line}:" in str(caught.value)
