"""Distilling the fast tier's static embedding: rare pieces weigh more, and only the
vocabulary pieces of the scripts our markets write are kept."""

from __future__ import annotations

import numpy as np

from chuhai.enrich.embeddings.static import META
from chuhai_tools.training.distill import build_vocabulary, kept_pieces
from tests.enrich.test_static import PIECES, SCORES


def test_build_vocabulary_weights_rare_pieces_more() -> None:
    rng = np.random.default_rng(0)
    raw = rng.normal(size=(len(PIECES), 12)).astype(np.float32)
    vocabulary = build_vocabulary(list(PIECES), SCORES, raw, dim=4)
    norms = np.linalg.norm(vocabulary.vectors.astype(np.float32), axis=1)
    assert vocabulary.vectors.shape == (len(PIECES), 4)
    assert norms[PIECES.index(f"{META}")] < norms[PIECES.index("od")]  # frequent: small say


def test_kept_pieces_drop_specials_and_other_scripts() -> None:
    pieces = ["<s>", "<pad>", "</s>", "<unk>", f"{META}good", f"{META}Привет", "ดี", "好", "١"]
    assert [pieces[i] for i in kept_pieces(pieces)] == [f"{META}good", "ดี", "好", "١"]
