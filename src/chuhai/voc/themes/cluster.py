"""Clustering of short texts by meaning, without an outlier bucket that swallows them.

Density clustering (HDBSCAN, as in BERTopic) calls most one-line comments noise: short texts
sit in sparse regions of embedding space. Here instead:

1. **Centre per language.** Multilingual embeddings share a large language direction (two Thai
   texts on different topics are closer than a Thai and an English text on the same one).
   Subtracting each language's mean vector leaves what the text is about.
2. **Add the words.** A small latent-semantic (TF-IDF + SVD) view of the key phrases is put
   beside the embedding, so texts that share product words group together
   (:class:`Features`), and each text is averaged with its nearest neighbours, which
   tightens groups the way UMAP's neighbourhood graph does, at the cost of one similarity pass.
3. **Over-cluster** with spherical k-means (k-means++ start, a few restarts), k ~ sqrt(n).
4. **Merge** clusters whose centres point the same way, then **dissolve** clusters too small
   to be a theme into their nearest neighbour.
5. A text is an **outlier** only when it is far from every theme (cosine below
   ``assign_threshold``), not because its neighbourhood is sparse.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "ClusterSettings",
    "Clusters",
    "center_by_group",
    "find_clusters",
    "smooth",
    "spherical_kmeans",
    "unit",
]

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class ClusterSettings:
    min_size: int = 5
    k: int | None = None  # None: about sqrt(n), then merged
    max_k: int = 80
    merge_threshold: float = 0.72  # cosine of centred cluster centres that are one theme
    assign_threshold: float = 0.25  # below this cosine to every centre: an outlier
    neighbours: int = 10  # each text is averaged with this many nearest ones (0: off)
    restarts: int = 3
    iterations: int = 30
    seed: int = 0


@dataclass
class Clusters:
    labels: IntArray  # -1 for outliers, else 0..k-1 (largest first)
    centroids: FloatArray  # (k, dim), unit rows
    scores: FloatArray  # cosine of each text to its cluster's centre (to the nearest, if -1)

    @property
    def k(self) -> int:
        return int(self.centroids.shape[0])

    @property
    def outlier_share(self) -> float:
        return float(np.mean(self.labels < 0)) if len(self.labels) else 0.0


def unit(x: npt.NDArray[Any]) -> FloatArray:
    """Rows scaled to length 1 (zero rows stay zero)."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    scaled: FloatArray = (x / np.maximum(norms, 1e-9)).astype(np.float32)
    return scaled


def center_by_group(
    vectors: FloatArray, groups: Sequence[str], *, min_group: int = 20
) -> tuple[FloatArray, dict[str, FloatArray]]:
    """Vectors minus their group's mean (groups under ``min_group`` use the overall mean),
    re-normalised; and the means used, by group (``""`` is the overall mean)."""
    overall = vectors.mean(axis=0)
    means: dict[str, FloatArray] = {"": overall.astype(np.float32)}
    keys = np.asarray(groups)
    centred = vectors - overall
    for group in set(groups):
        mask = keys == group
        if int(mask.sum()) >= min_group:
            means[group] = vectors[mask].mean(axis=0).astype(np.float32)
            centred[mask] = vectors[mask] - means[group]
    return unit(centred), means


def smooth(x: FloatArray, neighbours: int = 10, block: int = 1024) -> FloatArray:
    """Each vector plus the mean of its nearest neighbours, re-normalised."""
    if len(x) <= neighbours:
        return x
    out = np.empty_like(x)
    for start in range(0, len(x), block):
        similarity = x[start : start + block] @ x.T
        nearest = np.argpartition(-similarity, neighbours, axis=1)[:, :neighbours]
        out[start : start + block] = x[start : start + block] + x[nearest].mean(axis=1)
    return unit(out)


def _kmeans_pp(x: FloatArray, k: int, rng: np.random.Generator) -> FloatArray:
    n = len(x)
    chosen = [int(rng.integers(n))]
    distance = 1.0 - x @ x[chosen[0]]
    for _ in range(1, k):
        weights = np.clip(distance, 0, None) ** 2
        total = float(weights.sum())
        pick = int(rng.choice(n, p=weights / total)) if total > 0 else int(rng.integers(n))
        chosen.append(pick)
        distance = np.minimum(distance, 1.0 - x @ x[pick])
    return x[chosen].copy()


def spherical_kmeans(
    x: FloatArray, k: int, *, rng: np.random.Generator, iterations: int = 30
) -> tuple[IntArray, FloatArray, float]:
    """Labels, unit centres and the mean cosine to the own centre (higher is tighter)."""
    centres = _kmeans_pp(x, k, rng)
    labels: IntArray = np.zeros(len(x), dtype=np.int64)
    for step in range(iterations):
        similarity = x @ centres.T
        new = similarity.argmax(axis=1).astype(np.int64)
        if step and np.array_equal(new, labels):
            break
        labels = new
        for c in range(k):
            members = x[labels == c]
            if len(members):
                centres[c] = members.sum(axis=0)
            else:  # an empty cluster restarts at the worst-fitted text
                worst = int(similarity.max(axis=1).argmin())
                centres[c] = x[worst]
        centres = unit(centres)
    fit = float((x * centres[labels]).sum(axis=1).mean())
    return labels, centres, fit


def _centres(x: FloatArray, labels: IntArray, k: int) -> FloatArray:
    sums = np.zeros((k, x.shape[1]), dtype=np.float64)
    np.add.at(sums, labels, x)
    return unit(sums)


def _merge(x: FloatArray, labels: IntArray, threshold: float) -> IntArray:
    """Join the two closest clusters while their centres are at least ``threshold`` alike."""
    labels = labels.copy()
    while True:
        present = np.unique(labels)
        if len(present) < 2:
            return labels
        remap = {int(old): new for new, old in enumerate(present)}
        labels = np.array([remap[int(v)] for v in labels], dtype=np.int64)
        centres = _centres(x, labels, len(present))
        similarity = centres @ centres.T
        np.fill_diagonal(similarity, -1.0)
        a, b = np.unravel_index(int(similarity.argmax()), similarity.shape)
        if similarity[a, b] < threshold:
            return labels
        labels[labels == b] = a


def find_clusters(x: FloatArray, settings: ClusterSettings | None = None) -> Clusters:
    """Themes among unit vectors ``x`` (already centred: see :func:`center_by_group`)."""
    s = settings or ClusterSettings()
    n = len(x)
    if n == 0:
        return Clusters(
            np.zeros(0, np.int64), np.zeros((0, x.shape[1]), np.float32), np.zeros(0, np.float32)
        )
    if n < 2 * s.min_size:
        centre = unit(x.sum(axis=0, keepdims=True))
        scores = (x @ centre.T)[:, 0].astype(np.float32)
        return Clusters(np.zeros(n, np.int64), centre, scores)
    x = smooth(x, s.neighbours) if s.neighbours else x
    k = min(s.k or round(float(np.sqrt(n))), s.max_k, n // s.min_size)
    k = max(k, 2)
    rng = np.random.default_rng(s.seed)
    best: tuple[float, IntArray] | None = None
    for _ in range(max(1, s.restarts)):
        labels, _, fit = spherical_kmeans(x, k, rng=rng, iterations=s.iterations)
        if best is None or fit > best[0]:
            best = (fit, labels)
    assert best is not None
    labels = best[1] if s.k else _merge(x, best[1], s.merge_threshold)
    # Dissolve clusters too small to be a theme: their texts go to the nearest remaining one.
    sizes = np.bincount(labels)
    keep = np.flatnonzero(sizes >= s.min_size)
    if len(keep) == 0:
        keep = np.array([int(sizes.argmax())])
    centres = _centres(x, labels, len(sizes))[keep]
    for _ in range(3):  # settle: assign to the nearest centre, recompute the centres
        similarity = x @ centres.T
        nearest = similarity.argmax(axis=1)
        centres = _centres(x, nearest.astype(np.int64), len(keep))
    similarity = x @ centres.T
    nearest = similarity.argmax(axis=1).astype(np.int64)
    scores = similarity.max(axis=1).astype(np.float32)
    order = np.argsort(-np.bincount(nearest, minlength=len(keep)), kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    labels = rank[nearest].astype(np.int64)
    labels[scores < s.assign_threshold] = -1
    return Clusters(labels, centres[order], scores)
