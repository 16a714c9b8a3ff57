"""Theme discovery over a zone's voices: sample, embed, group, name, assign every voice, store.

Runs inside the zone (quotes never leave it). A new run replaces the discovered themes of the
markets it covers; themes defined by seed phrases stay.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from chuhai.enrich.embeddings import Embedder
from chuhai.progress import NullProgress, Progress
from chuhai.records.ids import stable_id
from chuhai.records.theme import Theme, theme_id
from chuhai.store.interfaces import ThemeStore
from chuhai.store.rows import VoiceText
from chuhai.store.themes import assignments_table
from chuhai.voc.measures import net_sentiment
from chuhai.voc.scope import Scope
from chuhai.voc.themes.chinese import name_in_chinese
from chuhai.voc.themes.cluster import ClusterSettings, find_clusters
from chuhai.voc.themes.features import Features
from chuhai.voc.themes.naming import key_phrases, representatives
from chuhai.voc.tokens import key_terms, tokens

__all__ = ["DiscoveryResult", "ThemeFinder", "VoiceText", "load_texts"]

log = logging.getLogger(__name__)
EMBED_BATCH = 256
NAMING_VOICES = 300  # voices read for a Chinese name when the key phrases give none


@dataclass
class DiscoveryResult:
    zone: str
    themes: list[Theme]
    voices: int
    sampled: int
    assigned: int
    outliers: int
    replaced: int
    seconds: float = 0.0
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def outlier_share(self) -> float:
        return self.outliers / self.voices if self.voices else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "zone": self.zone,
            "voices": self.voices,
            "sampled": self.sampled,
            "assigned": self.assigned,
            "outliers": self.outliers,
            "outlier_share": round(self.outlier_share, 4),
            "replaced": self.replaced,
            "seconds": round(self.seconds, 2),
            "parameters": self.parameters,
            "themes": [t.model_dump(mode="json") for t in self.themes],
        }


def load_texts(store: ThemeStore, scope: Scope) -> list[VoiceText]:
    """The voices of a scope with what naming and tagging need, in a stable order."""
    return store.voice_texts(scope)


class ThemeFinder:
    """Finds and stores the themes of one zone store."""

    def __init__(
        self,
        store: ThemeStore,
        embedder: Embedder,
        *,
        sample: int = 10_000,
        min_people: int = 3,
        clusters: ClusterSettings | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.sample = sample
        self.min_people = min_people
        self.clusters = clusters or ClusterSettings()
        self.progress: Progress = progress or NullProgress()

    def _embed(self, texts: Sequence[str], label: str) -> np.ndarray[Any, Any]:
        self.progress.start(label, len(texts))
        parts = []
        for start in range(0, len(texts), EMBED_BATCH):
            batch = texts[start : start + EMBED_BATCH]
            parts.append(self.embedder.embed(batch))
            self.progress.advance(len(batch))
        self.progress.finish()
        return np.vstack(parts) if parts else np.zeros((0, self.embedder.dim), np.float32)

    def discover(self, scope: Scope) -> DiscoveryResult:
        started = datetime.now(UTC)
        voices = load_texts(self.store, scope)
        run_id = stable_id("run", self.store.zone, started.isoformat())
        order = sorted(range(len(voices)), key=lambda i: stable_id(voices[i].id))  # fair sample
        picked = sorted(order[: self.sample])
        rest = sorted(order[self.sample :])
        sample = [voices[i] for i in picked]
        words = [tokens(v.text, v.language) for v in sample]
        vectors = self._embed([v.text for v in sample], f"embedding {len(sample):,} voices")
        features, sample_x = Features.fit(
            vectors,
            [set(w) for w in words],
            [v.language for v in sample],
            seed=self.clusters.seed,
        )
        settings = self.clusters
        if len(sample) > 2000:  # on big samples a theme needs more than a handful of voices
            settings = ClusterSettings(
                **{**settings.__dict__, "min_size": max(settings.min_size, len(sample) // 400)}
            )
        found = find_clusters(sample_x, settings)
        labels = found.labels.copy()
        scores = found.scores.copy()
        assigned: dict[int, tuple[int, float]] = {
            picked[i]: (int(labels[i]), float(scores[i])) for i in range(len(picked))
        }
        if rest and found.k:
            others = [voices[i] for i in rest]
            other_x = features.transform(
                self._embed([v.text for v in others], f"assigning {len(others):,} more voices"),
                [set(tokens(v.text, v.language)) for v in others],
                [v.language for v in others],
            )
            similarity = other_x @ found.centroids.T
            best, best_score = similarity.argmax(axis=1), similarity.max(axis=1)
            for i, index in enumerate(rest):
                label = int(best[i]) if best_score[i] >= settings.assign_threshold else -1
                assigned[index] = (label, float(best_score[i]))
        themes = self._themes(scope, voices, sample, words, labels, scores, assigned, run_id)
        rows = [
            (voices[i].id, themes[label].id, voices[i].market, score)
            for i, (label, score) in assigned.items()
            if label >= 0 and label in themes
        ]
        replaced = [
            t.id
            for t in self.store.themes(kind="discovered")
            if not scope.markets or set(t.markets) & set(scope.markets)
        ]
        self.store.save_themes(
            list(themes.values()), assignments_table(self.store.zone, rows), replace=replaced
        )
        outliers = sum(1 for label, _ in assigned.values() if label < 0 or label not in themes)
        return DiscoveryResult(
            self.store.zone,
            sorted(themes.values(), key=lambda t: -t.size),
            len(voices),
            len(sample),
            len(rows),
            outliers,
            len(replaced),
            (datetime.now(UTC) - started).total_seconds(),
            {
                "sample": self.sample,
                "min_size": settings.min_size,
                "k": found.k,
                "assign_threshold": settings.assign_threshold,
                "min_people": self.min_people,
            },
        )

    def _themes(
        self,
        scope: Scope,
        voices: list[VoiceText],
        sample: list[VoiceText],
        words: list[list[str]],
        labels: np.ndarray[Any, Any],
        scores: np.ndarray[Any, Any],
        assigned: dict[int, tuple[int, float]],
        run_id: str,
    ) -> dict[int, Theme]:
        names = key_phrases(
            [set(key_terms(v.text, v.language)) for v in sample],
            [int(v) for v in labels],
            [v.person for v in sample],
            min_people=self.min_people,
        )
        quotes = representatives(labels, scores, [v.text for v in sample])
        aspects = self.store.voice_aspects(scope)
        members: dict[int, list[VoiceText]] = {}
        for index, (label, _) in assigned.items():
            if label >= 0:
                members.setdefault(label, []).append(voices[index])
        themes: dict[int, Theme] = {}
        for label, group in members.items():
            people = {v.person for v in group}
            if len(people) < self.min_people:
                continue  # a theme of one or two people would point at them
            key = names.get(label, [])
            sentiments = Counter(v.sentiment for v in group)
            intents = Counter(v.intent for v in group if v.intent)
            named = Counter(a for v in group for a in set(aspects.get(v.id, [])))
            top = named.most_common(1)[0][0] if named else None
            aspect = top if top and named[top] * 4 >= len(group) else None
            name = " · ".join(key[:3]) or f"{top or 'theme'} #{label + 1}"
            sentiment = net_sentiment(sentiments["pos"], sentiments["neg"])
            intent = intents.most_common(1)[0][0] if intents else None
            zh = name_in_chinese(
                key,
                texts=[v.text for v in group[:NAMING_VOICES]],
                aspect=aspect,
                intent=intent,
                sentiment=sentiment,
                embedder=self.embedder,
                number=label + 1,
            )
            themes[label] = Theme(
                id=theme_id(self.store.zone, "discovered", name, f"{run_id}-{label}"),
                zone=self.store.zone,
                kind="discovered",
                name=name[:200],
                name_zh=zh.name[:200],
                name_zh_terms=zh.terms,
                key_phrases=key,
                markets=sorted({v.market for v in group}),
                size=len(group),
                representatives=[sample[i].id for i in quotes.get(label, [])],
                aspect=aspect,
                intent=intent,
                net_sentiment=sentiment,
                run_id=run_id,
            )
        return themes
