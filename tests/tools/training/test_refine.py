"""Refining the static vectors: a text's mean piece vector comes close to e5's vector of the
text, pieces no text uses keep their distilled vectors, and bad input is refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chuhai.enrich.embeddings.static import META, StaticEmbedder, StaticVocabulary
from chuhai.errors import ConfigError
from chuhai_tools.training.refine import piece_shares, refine_vocabulary
from tests.enrich.test_static import PIECES, SCORES

WORDS = ("good", "bad", "go", "ดีมาก", "good!", "bad!")


def _problem(n: int, seed: int = 0) -> tuple[StaticVocabulary, list[str], np.ndarray]:
    """Distilled vectors that know nothing, and e5 vectors that are a hidden linear function
    of the texts' pieces (what refining can learn) plus a little noise."""
    rng = np.random.default_rng(seed)
    distilled = rng.normal(size=(len(PIECES), 4)).astype(np.float16)
    vocabulary = StaticVocabulary(PIECES, SCORES, distilled)
    texts = [" ".join(rng.choice(WORDS, size=rng.integers(1, 5))) for _ in range(n)]
    hidden = rng.normal(size=(len(PIECES), 16)).astype(np.float32)
    shares = piece_shares(StaticEmbedder(vocabulary), texts)
    noise = rng.normal(scale=0.01, size=(n, 16)).astype(np.float32)
    return vocabulary, texts, np.asarray(shares @ hidden + noise, dtype=np.float32)


def test_piece_shares_rows_are_each_texts_pieces() -> None:
    static = StaticEmbedder(StaticVocabulary(PIECES, SCORES, np.eye(len(PIECES), dtype=np.float16)))
    shares = piece_shares(static, ["good good bad", "ЖЖ", ""]).toarray()
    assert shares[0][PIECES.index(f"{META}good")] == pytest.approx(2 / 3)
    assert shares[0][PIECES.index(f"{META}bad")] == pytest.approx(1 / 3)
    assert shares[0].sum() == pytest.approx(1.0)
    assert shares[1][PIECES.index(META)] == pytest.approx(1.0)  # only the word-start marker
    assert shares[2].sum() == 0.0


def test_refined_vectors_follow_e5_on_held_out_texts(tmp_path: Path) -> None:
    vocabulary, texts, e5 = _problem(400)
    refined, report = refine_vocabulary(vocabulary, texts, e5)
    assert report["texts"] == 400
    assert report["held_out_cosine_refined"] > 0.95
    assert report["held_out_cosine_refined"] > report["held_out_cosine_distilled"] + 0.1
    assert refined.refined and not vocabulary.refined
    assert refined.vectors.shape == vocabulary.vectors.shape
    refined.save(tmp_path / "r.npz")
    assert StaticVocabulary.load(tmp_path / "r.npz").refined


def test_a_strong_ridge_keeps_the_distilled_vectors_on_the_new_axes() -> None:
    vocabulary, texts, e5 = _problem(400)
    free, loose = refine_vocabulary(vocabulary, texts, e5, ridge=1e-4)
    stiff, held = refine_vocabulary(vocabulary, texts, e5, ridge=1e6)
    assert held["held_out_cosine_refined"] == pytest.approx(
        held["held_out_cosine_distilled"], abs=0.01
    )
    assert loose["held_out_cosine_refined"] > held["held_out_cosine_refined"] + 0.1
    # no text is cut into "od" or the bare marker: they keep the distilled vector on the new
    # axes, whatever the ridge
    assert loose["pieces_refitted"] == len(PIECES) - 2
    for piece in ("od", META):
        row = PIECES.index(piece)
        assert np.array_equal(free.vectors[row], stiff.vectors[row])
        assert np.linalg.norm(free.vectors[row].astype(np.float32)) > 0
    moved = PIECES.index(f"{META}good")
    assert not np.allclose(free.vectors[moved], stiff.vectors[moved], atol=1e-2)


@pytest.mark.parametrize(
    ("texts", "rows", "message"),
    [
        (["good"] * 60, 59, "60 texts but 59 e5 vectors"),
        (["good"] * 10, 10, "at least 50 texts"),
    ],
)
def test_bad_input_is_refused(texts: list[str], rows: int, message: str) -> None:
    vocabulary, _, _ = _problem(60)
    with pytest.raises(ConfigError, match=message):
        refine_vocabulary(vocabulary, texts, np.zeros((rows, 16), np.float32))
