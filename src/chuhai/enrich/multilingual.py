"""The multilingual enrich stage: every voice gets its language and annotations."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from functools import cached_property, lru_cache

from chuhai.enrich.analyzer import Analyzer, Cascade
from chuhai.enrich.base import EnrichStage
from chuhai.enrich.translation import build_translator
from chuhai.records import Record, Rejection, Voice

__all__ = ["MultilingualEnricher"]

log = logging.getLogger(__name__)


@lru_cache(maxsize=3)
def shared_analyzer(cascade: Cascade = "balanced") -> Analyzer:
    """One offline analyzer per process and cascade: the embedding model and heads load once."""
    return Analyzer(cascade=cascade)


class MultilingualEnricher(EnrichStage):
    """Language, sentiment, emotion, intent, aspects and toxicity for each voice (offline).

    Voices are grouped by market so the market's languages serve as the prior; a voice whose
    source gave no language (``und``) takes the detected one.
    """

    name = "multilingual"

    @cached_property
    def analyzer(self) -> Analyzer:
        translation = self.settings.providers.translation
        cascade = self.settings.pipeline.cascade
        if translation.name == "none":
            return shared_analyzer(cascade)
        return Analyzer(
            translator=build_translator(
                translation,
                data_dir=self.settings.data_dir,
                glossary_file=self.settings.providers.llm.glossary,
            ),
            cascade=cascade,
        )

    def process(self, records: Sequence[Record]) -> list[Record | Rejection]:
        out: list[Record | Rejection] = list(records)
        by_market: dict[str, list[tuple[int, Voice]]] = defaultdict(list)
        for i, record in enumerate(records):
            if isinstance(record, Voice) and record.annotations is None:
                by_market[record.market].append((i, record))
        target = self.settings.providers.translation.target
        for market, items in by_market.items():
            results = self.analyzer.analyze([v.text for _, v in items], market, translate_to=target)
            for (i, voice), found in zip(items, results, strict=True):
                language = voice.language if voice.language != "und" else found.language.code
                out[i] = voice.model_copy(update={"annotations": found, "language": language})
        return out
