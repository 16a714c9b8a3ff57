"""``chuhai models distill --refine``: fit the static vectors to e5's sentence vectors.

Distilling passes each vocabulary piece through e5 on its own, so a piece's vector says what the
piece means out of context. Refining (tokenlearn's idea, solved here as ridge regression in
closed form) asks more of it: the mean of a training text's piece vectors should be e5's vector
of the whole text, reduced by PCA to the static dimensions. With ``A`` the texts' piece shares
(row *i*: how much of text *i* each piece is) and ``Y`` the reduced e5 vectors,

    W = argmin ||A W - Y||^2 + ridge * ||W - W0 M||^2

where ``W0 M`` is the distilled vectors mapped linearly onto the same axes (least squares). A
piece seen in many texts follows the data; a rare or unseen piece keeps its distilled vector.
Solved by conjugate gradients over the pieces the texts use (tens of thousands), all columns
at once: one or two minutes on two cores. Training texts only (train-ok sets and the project's
own lines), never an evaluation set.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from scipy import sparse

from chuhai.enrich.embeddings.static import StaticEmbedder, StaticVocabulary
from chuhai.errors import ConfigError
from chuhai_tools.datasets import project_examples
from chuhai_tools.training.train import TASK_SPECS

__all__ = ["RIDGE", "piece_shares", "refine_texts", "refine_vocabulary"]

log = logging.getLogger(__name__)

RIDGE: Final = 0.03  # chosen on held-out texts (docs/EVALUATION.md, "Refined static tier")
_HELD_OUT: Final = 10  # every 10th text measures the fit
_MIN_TEXTS: Final = 50
Matrix = npt.NDArray[np.float32]


def refine_texts(datasets: Path) -> list[str]:
    """What refining reads: every task's training texts (train-ok sets and the project's own
    lines) and the project's unlabelled-use corpus of customer text in the market languages
    (``data/corpus.*.yaml``), each text once, in a fixed order."""
    texts = {e.text for spec in TASK_SPECS.values() for e in spec.examples(datasets)}
    texts.update(e.text for e in project_examples("corpus"))
    return sorted(texts)


def piece_shares(static: StaticEmbedder, texts: Sequence[str]) -> sparse.csr_matrix:
    """(texts, pieces): the share of each text's pieces that is each piece (rows sum to 1,
    or 0 for a text the vocabulary does not know at all)."""
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for row, text in enumerate(texts):
        ids, _, _ = static.pieces(text)
        for piece, count in Counter(ids).items():
            rows.append(row)
            cols.append(piece)
            values.append(count / len(ids))
    shape = (len(texts), len(static.vocabulary.pieces))
    return sparse.csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float32)


def _block_cg(
    apply: Callable[[Matrix], Matrix], b: Matrix, x: Matrix, iterations: int, tol: float = 1e-5
) -> tuple[Matrix, int]:
    """Conjugate gradients on every column of ``b`` at once (one step size per column)."""
    r = b - apply(x)
    p = r.copy()
    rs = (r * r).sum(axis=0)
    stop = tol * tol * (b * b).sum(axis=0)
    steps = 0
    while steps < iterations:
        steps += 1
        ap = apply(p)
        alpha = rs / np.maximum((p * ap).sum(axis=0), 1e-30)
        x = x + p * alpha
        r = r - ap * alpha
        rs_new = (r * r).sum(axis=0)
        if np.all(rs_new <= stop):
            break
        p = r + p * (rs_new / np.maximum(rs, 1e-30))
        rs = rs_new
    return x, steps


def _fit(shares: sparse.csr_matrix, targets: Matrix, prior: Matrix, ridge: float) -> Matrix:
    """Ridge solution for the pieces the texts use; every other piece keeps its prior."""
    used = np.unique(shares.indices)
    a = shares[:, used].tocsr()
    at = a.T.tocsr()

    def apply(x: Matrix) -> Matrix:
        return np.asarray(at @ (a @ x) + ridge * x, dtype=np.float32)

    solved, steps = _block_cg(apply, at @ targets + ridge * prior[used], prior[used], 500)
    log.info("refit %d pieces in %d steps", len(used), steps)
    out = prior.copy()
    out[used] = solved
    return out


def _mean_cosine(x: Matrix, y: Matrix) -> float:
    norms = np.linalg.norm(x, axis=1) * np.linalg.norm(y, axis=1)
    known = norms > 0
    return float(((x * y).sum(axis=1)[known] / norms[known]).mean())


def refine_vocabulary(
    vocabulary: StaticVocabulary,
    texts: Sequence[str],
    e5_vectors: Matrix,
    ridge: float = RIDGE,
) -> tuple[StaticVocabulary, dict[str, Any]]:
    """The vocabulary with its vectors fitted to ``e5_vectors`` (one row per text), and a
    report: how close a held-out tenth of the texts comes to e5 before and after (mean
    cosine in the reduced space), measured with a fit on the other nine tenths."""
    if len(texts) != len(e5_vectors):
        raise ConfigError(f"{len(texts)} texts but {len(e5_vectors)} e5 vectors")
    if len(texts) < _MIN_TEXTS:
        raise ConfigError(f"refining needs at least {_MIN_TEXTS} texts, got {len(texts)}")
    static = StaticEmbedder(vocabulary)
    distilled = vocabulary.vectors.astype(np.float32)
    dim = distilled.shape[1]
    centred = e5_vectors - e5_vectors.mean(axis=0, keepdims=True)
    _, _, axes = np.linalg.svd(centred[:: max(1, len(centred) // 40_000)], full_matrices=False)
    targets = np.ascontiguousarray(centred @ axes[:dim].T, dtype=np.float32)
    shares = piece_shares(static, texts)
    # the distilled vectors, turned onto the targets' axes: the prior of every piece
    mapping, *_ = np.linalg.lstsq(shares @ distilled, targets, rcond=None)
    prior = (distilled @ mapping).astype(np.float32)

    held = np.arange(len(texts)) % _HELD_OUT == 0
    part = _fit(shares[~held], targets[~held], prior, ridge)
    report = {
        "texts": len(texts),
        "ridge": ridge,
        "held_out_cosine_distilled": round(_mean_cosine(shares[held] @ prior, targets[held]), 4),
        "held_out_cosine_refined": round(_mean_cosine(shares[held] @ part, targets[held]), 4),
        "pieces_refitted": len(np.unique(shares.indices)),
    }
    vectors = _fit(shares, targets, prior, ridge)
    log.info("refined static vectors: %s", report)
    refined = StaticVocabulary(
        vocabulary.pieces, vocabulary.scores, vectors.astype(np.float16), refined=True
    )
    return refined, report
