"""Themes the user defines with seed phrases ("battery gets hot", "แบตร้อน", "baterai panas"),
applied back over the whole history of a zone.

A voice belongs to a seeded theme when it contains a seed phrase (score 1.0), or when its
meaning is close to one: cosine of language-centred embeddings at least ``threshold``. Seeds
work best written in the market's language; a phrase in another language still matches by
meaning, more weakly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from chuhai.enrich.embeddings import Embedder
from chuhai.errors import InputError
from chuhai.progress import NullProgress, Progress
from chuhai.records.theme import Theme, theme_id
from chuhai.store.interfaces import ThemeStore
from chuhai.store.themes import assignments_table
from chuhai.voc.measures import net_sentiment
from chuhai.voc.scope import Scope
from chuhai.voc.themes.chinese import ChineseName, name_in_chinese
from chuhai.voc.themes.cluster import center_by_group, unit
from chuhai.voc.themes.discover import EMBED_BATCH, VoiceText, load_texts
from chuhai.voc.tokens import script_language

__all__ = ["DEFAULT_THRESHOLD", "SeedResult", "apply_seeded", "define_theme"]

DEFAULT_THRESHOLD = 0.5


@dataclass
class SeedResult:
    theme: Theme
    matched_words: int
    matched_meaning: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "theme": self.theme.model_dump(mode="json"),
            "matched_words": self.matched_words,
            "matched_meaning": self.matched_meaning,
        }


def define_theme(
    store: ThemeStore,
    name: str,
    seeds: Sequence[str],
    *,
    markets: Sequence[str] = (),
    threshold: float = DEFAULT_THRESHOLD,
) -> Theme:
    """Create or redefine a seeded theme (its voices are found by :func:`apply_seeded`)."""
    clean = [s.strip() for s in seeds if s.strip()]
    if not name.strip():
        raise InputError("a theme needs a name")
    if not clean:
        raise InputError(f"theme {name!r}: give at least one seed phrase (--seed)")
    if not 0 < threshold <= 1:
        raise InputError(f"threshold must be in (0, 1], not {threshold}")
    existing = store.theme(theme_id(store.zone, "seeded", name.strip()))
    theme = Theme(
        id=theme_id(store.zone, "seeded", name.strip()),
        zone=store.zone,
        kind="seeded",
        name=name.strip(),
        seeds=clean,
        threshold=threshold,
        markets=sorted(markets) or sorted(store.markets),
        size=existing.size if existing else 0,
    )
    store.save_themes([theme], assignments_table(store.zone, []))
    return theme


def _embed(
    embedder: Embedder, texts: Sequence[str], progress: Progress, label: str
) -> np.ndarray[Any, Any]:
    progress.start(label, len(texts))
    parts = [np.zeros((0, embedder.dim), np.float32)]
    for start in range(0, len(texts), EMBED_BATCH):
        parts.append(embedder.embed(texts[start : start + EMBED_BATCH]))
        progress.advance(len(texts[start : start + EMBED_BATCH]))
    progress.finish()
    return np.vstack(parts)


def apply_seeded(
    store: ThemeStore,
    embedder: Embedder | None,
    themes: Sequence[Theme],
    *,
    scope: Scope | None = None,
    progress: Progress | None = None,
) -> list[SeedResult]:
    """Find the voices of each seeded theme over the zone's history and store them.
    ``embedder=None`` matches seed phrases as words only (fast, no model)."""
    progress = progress or NullProgress()
    seeded = [t for t in themes if t.kind == "seeded"]
    if not seeded:
        return []
    voices = load_texts(store, (scope or Scope()).narrowed(markets=()))
    wanted = {m for t in seeded for m in t.markets}
    voices = [v for v in voices if not wanted or v.market in wanted]
    lowered = [v.text.lower() for v in voices]
    centred = seeds_centred = None
    if embedder is not None and voices:
        vectors = _embed(embedder, [v.text for v in voices], progress, "embedding voices")
        centred, means = center_by_group(vectors, [v.language for v in voices])
        seeds = [s for t in seeded for s in t.seeds]
        seed_vectors = embedder.embed(seeds)
        overall = means[""]
        seeds_centred = unit(
            np.stack(
                [
                    vector - means.get(script_language(seed) or "", overall)
                    for vector, seed in zip(seed_vectors, seeds, strict=True)
                ]
            )
        )
    results: list[SeedResult] = []
    offset = 0
    for theme in seeded:
        rows: list[tuple[str, str, str, float]] = []
        words = meaning = 0
        similarity = None
        if centred is not None and seeds_centred is not None:
            block = seeds_centred[offset : offset + len(theme.seeds)]
            similarity = (centred @ block.T).max(axis=1)
        offset += len(theme.seeds)
        needles = [s.lower() for s in theme.seeds]
        members: list[VoiceText] = []
        for index, voice in enumerate(voices):
            if theme.markets and voice.market not in theme.markets:
                continue
            if any(n in lowered[index] for n in needles):
                score, words = 1.0, words + 1
            elif similarity is not None and similarity[index] >= (theme.threshold or 1.0):
                score, meaning = float(similarity[index]), meaning + 1
            else:
                continue
            rows.append((voice.id, theme.id, voice.market, score))
            members.append(voice)
        sentiments = [v.sentiment for v in members]
        net = net_sentiment(sentiments.count("pos"), sentiments.count("neg"))
        # the user's own name when it is Chinese, else what its seed phrases say
        zh = (
            ChineseName(theme.name, "phrases", list(theme.seeds))
            if script_language(theme.name) == "zh"
            else name_in_chinese(theme.seeds, sentiment=net)
        )
        updated = theme.model_copy(
            update={
                "name_zh": zh.name if zh.source != "none" else None,
                "name_zh_terms": zh.terms,
                "size": len(rows),
                "net_sentiment": net,
                "representatives": [r[0] for r in sorted(rows, key=lambda r: -r[3])[:3]],
            }
        )
        store.save_themes([updated], assignments_table(store.zone, rows))
        results.append(SeedResult(updated, words, meaning))
    return results
