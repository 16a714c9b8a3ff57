"""The PII scanner: every recognizer over a text, overlaps resolved, scores thresholded."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Final

from chuhai.privacy.pii.addresses import AddressRecognizer
from chuhai.privacy.pii.base import ENTITY_TYPES, Entity, EntityType, Recognizer
from chuhai.privacy.pii.common import (
    CardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
)
from chuhai.privacy.pii.messengers import MessengerRecognizer
from chuhai.privacy.pii.names import NamePhraseRecognizer, SpacyNameRecognizer
from chuhai.privacy.pii.national_ids import NATIONAL_ID_RECOGNIZERS

__all__ = ["DEFAULT_THRESHOLD", "RECOGNIZERS", "PiiScanner"]

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD: Final = 0.5
RECOGNIZERS: Final[tuple[type[Recognizer], ...]] = (
    EmailRecognizer, CardRecognizer, IbanRecognizer, IpRecognizer, *NATIONAL_ID_RECOGNIZERS,
    PhoneRecognizer, MessengerRecognizer, AddressRecognizer, NamePhraseRecognizer,
)  # fmt: skip
# Which wins when two spans overlap with the same score: the more specific identifier.
_PRIORITY: Final[dict[str, int]] = {
    "EMAIL": 8, "IBAN": 7, "CREDIT_CARD": 6, "NATIONAL_ID": 5, "IP_ADDRESS": 4, "PHONE": 3,
    "MESSENGER": 2, "ADDRESS": 1, "PERSON": 0,
}  # fmt: skip


class PiiScanner:
    """``scan(text, market)`` -> the personal data in a text, without overlaps.

    ``types`` limits what is looked for; ``ner`` adds spaCy's English names when the model is
    installed (``pip install 'chuhai[ner]'``); it is the slow part and only reads English.
    """

    def __init__(
        self,
        types: Sequence[EntityType] = ENTITY_TYPES,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        ner: bool = False,
    ) -> None:
        unknown = set(types) - set(ENTITY_TYPES)
        if unknown:
            raise ValueError(f"unknown PII types {sorted(unknown)}; known: {list(ENTITY_TYPES)}")
        self.types = frozenset(types)
        self.threshold = threshold
        self.recognizers = [r() for r in RECOGNIZERS if r.entity_type in self.types]
        self.ner = SpacyNameRecognizer() if ner and "PERSON" in self.types else None
        if ner and self.ner is not None and not SpacyNameRecognizer.available():
            log.warning("spaCy's English model is not installed: names come from phrases only")
            self.ner = None

    def scan(self, text: str, market: str | None = None) -> list[Entity]:
        return self.scan_many([text], market)[0]

    def _scan(self, text: str, market: str | None) -> list[Entity]:
        has = {"": True, "digit": bool(_DIGIT.search(text)), "@": "@" in text}
        return [
            e
            for r in self.recognizers
            if has.get(r.NEEDS, True) and r.applies_to(market)
            for e in r.find(text, market)
        ]

    def scan_many(self, texts: Sequence[str], market: str | None = None) -> list[list[Entity]]:
        found = [self._scan(text, market) for text in texts]
        if self.ner is not None:
            english = [i for i, t in enumerate(texts) if _latin(t)]
            for i, names in zip(
                english, self.ner.find_many([texts[i] for i in english]), strict=True
            ):
                found[i].extend(names)
        return [_resolve([e for e in f if e.score >= self.threshold]) for f in found]


_DIGIT: Final = re.compile(r"\d")


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) >= 0.9 * len(letters)


def _resolve(entities: list[Entity]) -> list[Entity]:
    """Keep the best of overlapping spans: higher score, then the more specific type, then
    the longer span."""
    ranked = sorted(
        entities, key=lambda e: (-e.score, -_PRIORITY[e.type], -(e.end - e.start), e.start)
    )
    kept: list[Entity] = []
    for entity in ranked:
        if all(entity.end <= k.start or entity.start >= k.end for k in kept):
            kept.append(entity)
    return sorted(kept, key=lambda e: e.start)
