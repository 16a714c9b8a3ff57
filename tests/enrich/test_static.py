"""The static embedding: pieces as e5 cuts them, coverage, vectors, and the shipped file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chuhai.enrich.embeddings.static import META, StaticEmbedder, StaticVocabulary
from chuhai.errors import ConfigError

PIECES = (f"{META}good", f"{META}bad", f"{META}go", "od", f"{META}", "!", f"{META}ดี", "มาก")
SCORES = np.array([-5.0, -5.0, -6.0, -7.0, -3.0, -4.0, -6.0, -6.0], dtype=np.float32)


@pytest.fixture
def tiny() -> StaticEmbedder:
    vectors = np.eye(len(PIECES), dtype=np.float16)
    return StaticEmbedder(StaticVocabulary(PIECES, SCORES, vectors))


@pytest.mark.parametrize(
    ("text", "pieces", "coverage"),
    [
        ("good", [f"{META}good"], 1.0),  # one piece beats "go" + "od" (-5 > -13)
        ("good bad!", [f"{META}good", f"{META}bad", "!"], 1.0),
        ("ดีมาก", [f"{META}ดี", "มาก"], 1.0),
        ("good ЖЖ", [f"{META}good", f"{META}"], 4 / 6),  # Cyrillic is unknown
        ("", [], 1.0),
    ],
)
def test_pieces_and_coverage(
    tiny: StaticEmbedder, text: str, pieces: list[str], coverage: float
) -> None:
    ids, _, _ = tiny.pieces(text)
    assert [PIECES[i] for i in ids] == pieces
    _, covered = tiny.embed_with_coverage([text])
    assert covered[0] == pytest.approx(coverage)


def test_vectors_are_unit_means(tiny: StaticEmbedder) -> None:
    vectors = tiny.embed(["good bad", "good", "ЖЖЖ"])
    assert vectors.shape == (3, len(PIECES))
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0)
    assert vectors[0][0] == pytest.approx(vectors[0][1])
    # nothing known but the word-start marker
    assert vectors[2].argmax() == PIECES.index(META) and vectors[2].max() == pytest.approx(1.0)
    assert tiny.embed_with_coverage(["ЖЖЖ"])[1][0] == 0.0


def test_save_and_load(tmp_path: Path, tiny: StaticEmbedder) -> None:
    tiny.vocabulary.save(tmp_path / "v.npz")
    again = StaticEmbedder(tmp_path / "v.npz")
    assert again.vocabulary.pieces == PIECES
    assert np.allclose(again.embed(["good bad!"]), tiny.embed(["good bad!"]))
    with pytest.raises(ConfigError):
        StaticEmbedder(tmp_path / "missing.npz")


def test_shipped_embedding_knows_market_languages() -> None:
    static = StaticEmbedder()
    texts = ["Barangnya bagus banget", "ของดีมาก", "质量很好", "Hàng đẹp lắm", "so good", "Привет"]
    _, coverage = static.embed_with_coverage(texts)
    assert all(c > 0.95 for c in coverage[:5])
    assert coverage[5] < 0.5
