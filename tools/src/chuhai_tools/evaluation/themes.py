"""Theme quality on public short-text sets, beside two baselines on the same embeddings:
k-means with the same number of themes, and BERTopic's recipe (UMAP to 5 dimensions, then
HDBSCAN with min_cluster_size=10), which needs the ``eval`` extra (umap-learn, scikit-learn).

Every method is named by the same c-TF-IDF over the same tokens, so the coherence numbers
compare the groupings, not the namers.
"""

from __future__ import annotations

import csv
import io
import logging
import random
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from chuhai.enrich.embeddings import Embedder
from chuhai.errors import InputError
from chuhai.voc.themes.cluster import ClusterSettings, find_clusters, unit
from chuhai.voc.themes.features import Features
from chuhai.voc.themes.naming import top_words
from chuhai.voc.themes.quality import diversity, nmi, npmi_coherence
from chuhai.voc.tokens import tokens
from chuhai_tools.datasets import wisesight_test
from chuhai_tools.evaluation.sets import youtube_chat

__all__ = ["ThemeSet", "evaluate_themes", "theme_sets"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ThemeSet:
    name: str
    language: str
    texts: list[str]
    labels: list[str] | None  # gold topics, where the set has them


def _sample(rows: list[tuple[str, str]], n: int, seed: int = 0) -> list[tuple[str, str]]:
    return rows if len(rows) <= n else random.Random(seed).sample(rows, n)


def _folder(root: Path, name: str) -> Path:
    path = root / name
    if not path.is_dir():
        raise InputError(f"evaluation dataset not found: {path} (pass --datasets PATH)")
    return path


def theme_sets(root: Path, size: int = 2000) -> list[ThemeSet]:
    """Short texts: banking and e-commerce support questions (gold intents), Chinese product
    reviews (gold category), Thai social posts and YouTube live chat (no topic labels)."""
    with (_folder(root, "en-banking77") / "test.csv").open(encoding="utf-8") as handle:
        banking = [(r["text"], r["category"]) for r in csv.DictReader(handle)]
    bitext_csv = _folder(root, "en-bitext-customer-support") / "TrainingdatasetBitextsample.csv"
    with bitext_csv.open(encoding="utf-8") as handle:
        bitext = [(r["utterance"], r["intent"]) for r in csv.DictReader(handle)]
    archive = _folder(root, "zh-online-shopping-10cats") / "online_shopping_10_cats.zip"
    with zipfile.ZipFile(archive) as z:
        handle_zh = io.TextIOWrapper(z.open("online_shopping_10_cats.csv"), encoding="utf-8")
        rows = list(csv.reader(handle_zh))[1:]
    shopping = [(r[2].strip(), r[0]) for r in rows if len(r) == 3 and 4 <= len(r[2].strip()) <= 60]
    wisesight = [(t, "") for t, _ in wisesight_test(root) if 4 <= len(t) <= 140]
    chat = [(m.text, "") for m in youtube_chat(root) if len(m.text.strip()) >= 4]
    sets = [
        ("en-banking77-test", "en", banking, True),
        ("en-bitext-support", "en", bitext, True),
        ("zh-online-shopping (<= 60 chars)", "zh", shopping, True),
        ("th-wisesight-test (<= 140 chars)", "th", wisesight, False),
        ("youtube-livechat", "en", chat, False),
    ]
    out = []
    for name, language, pairs, labelled in sets:
        picked = _sample(pairs, size)
        out.append(
            ThemeSet(
                name, language, [t for t, _ in picked], [g for _, g in picked] if labelled else None
            )
        )
    return out


def _scores(
    labels: np.ndarray[Any, Any], docs: list[set[str]], gold: list[str] | None
) -> dict[str, Any]:
    words = top_words(docs, [int(v) for v in labels], top=10)
    themes = [w for w in words.values() if len(w) >= 2]
    return {
        "themes": len({int(v) for v in labels if v >= 0}),
        "outlier share": float(np.mean(labels < 0)),
        "NPMI coherence": npmi_coherence(themes, docs),
        "diversity": diversity(themes),
        "NMI vs gold": nmi(gold, [int(v) for v in labels]) if gold else None,
    }


def _kmeans(vectors: np.ndarray[Any, Any], k: int) -> np.ndarray[Any, Any]:
    from sklearn.cluster import KMeans

    labels: np.ndarray[Any, Any] = KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(
        vectors
    )
    return labels


def _bertopic_style(vectors: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    import umap
    from sklearn.cluster import HDBSCAN

    reduced = umap.UMAP(
        n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42
    ).fit_transform(vectors)
    labels: np.ndarray[Any, Any] = HDBSCAN(
        min_cluster_size=10, metric="euclidean", cluster_selection_method="eom"
    ).fit_predict(reduced)
    return labels


def _nearest_topic(vectors: np.ndarray[Any, Any], labels: np.ndarray[Any, Any]) -> Any:
    topics = sorted({int(v) for v in labels if v >= 0})
    if not topics:
        return labels
    centres = unit(np.stack([vectors[labels == t].mean(axis=0) for t in topics]))
    nearest = np.asarray(topics)[(unit(vectors) @ centres.T).argmax(axis=1)]
    return np.where(labels < 0, nearest, labels)


def evaluate_themes(
    root: Path,
    embedder: Embedder,
    *,
    size: int = 2000,
    settings: ClusterSettings | None = None,
    baselines: bool = True,
    on_set: Callable[[str], None] = lambda name: None,
) -> list[dict[str, Any]]:
    """One row per (set, method)."""
    rows: list[dict[str, Any]] = []
    for theme_set in theme_sets(root, size):
        on_set(theme_set.name)
        words = [tokens(t, theme_set.language) for t in theme_set.texts]
        docs = [set(w) for w in words]
        vectors = embedder.embed(theme_set.texts)
        start = time.perf_counter()
        _, features = Features.fit(
            vectors, [set(w) for w in words], [theme_set.language] * len(vectors)
        )
        ours = find_clusters(features, settings)
        seconds = time.perf_counter() - start
        base = {"set": theme_set.name, "texts": len(theme_set.texts)}
        rows.append(
            {
                **base,
                "method": "chuhai",
                **_scores(ours.labels, docs, theme_set.labels),
                "seconds": round(seconds, 2),
            }
        )
        if not baselines:
            continue
        for method in ("k-means (same k)", "BERTopic-style UMAP+HDBSCAN"):
            start = time.perf_counter()
            try:
                if method.startswith("k-means"):
                    labels = _kmeans(vectors, max(ours.k, 2))
                else:
                    labels = _bertopic_style(vectors)
            except ImportError as exc:
                log.warning("%s skipped: %s (install the eval extra)", method, exc)
                continue
            seconds = round(time.perf_counter() - start, 2)
            rows.append(
                {
                    **base,
                    "method": method,
                    **_scores(labels, docs, theme_set.labels),
                    "seconds": seconds,
                }
            )
            if (labels < 0).any():  # BERTopic's reduce_outliers: each to its nearest topic
                reduced = _nearest_topic(vectors, labels)
                rows.append(
                    {
                        **base,
                        "method": method + ", outliers reduced",
                        **_scores(reduced, docs, theme_set.labels),
                        "seconds": seconds,
                    }
                )
    return rows
