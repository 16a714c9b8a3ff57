"""What a PII recognizer finds, and the small base class every recognizer derives from."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Final, Literal

__all__ = ["ENTITY_TYPES", "Entity", "EntityType", "PatternRecognizer", "Recognizer", "near"]

EntityType = Literal[
    "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "NATIONAL_ID", "ADDRESS", "PERSON",
    "MESSENGER",
]  # fmt: skip
ENTITY_TYPES: Final[tuple[EntityType, ...]] = (
    "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "IP_ADDRESS", "NATIONAL_ID", "ADDRESS", "PERSON",
    "MESSENGER",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Entity:
    """A piece of personal data at ``text[start:end]``.

    ``kind`` says which identifier it is where a type has several (``CN_RIC``, ``US_SSN``);
    ``score`` is how sure the recognizer is (checksum-valid identifiers score highest).
    """

    type: EntityType
    start: int
    end: int
    score: float
    kind: str = ""
    recognizer: str = ""

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 3),
        }
        if self.kind:
            out["kind"] = self.kind
        return out


class Recognizer(ABC):
    """Finds one type of personal data. ``markets`` limits it to texts of those markets
    (empty: every market); ``find`` gets the text and the text's market (or None)."""

    name: ClassVar[str]
    entity_type: ClassVar[EntityType]
    markets: ClassVar[frozenset[str]] = frozenset()
    # A character every match holds ("digit" for any digit): texts without it are skipped,
    # which spares most chat and reviews the number recognizers.
    NEEDS: ClassVar[str] = ""

    def applies_to(self, market: str | None) -> bool:
        return not self.markets or market is None or market in self.markets

    @abstractmethod
    def find(self, text: str, market: str | None) -> list[Entity]:
        """Every occurrence in ``text``."""


class PatternRecognizer(Recognizer):
    """Declarative: ``PATTERNS`` to find candidates, ``validate`` to keep the real ones,
    ``CONTEXT`` words near a match raise its score to ``CONTEXT_SCORE``."""

    PATTERNS: ClassVar[tuple[re.Pattern[str], ...]] = ()
    SCORE: ClassVar[float] = 0.8
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    CONTEXT_SCORE: ClassVar[float] = 0.95
    MIN_SCORE: ClassVar[float] = 0.0  # candidates below this are dropped
    kind: ClassVar[str] = ""

    def validate(self, value: str) -> bool:
        return True

    def score(self, text: str, start: int, end: int, market: str | None) -> float:
        if self.CONTEXT and near(text, start, end, self.CONTEXT):
            return max(self.SCORE, self.CONTEXT_SCORE)
        return self.SCORE

    def candidates(self, text: str) -> Iterator[re.Match[str]]:
        for pattern in self.PATTERNS:
            yield from pattern.finditer(text)

    def find(self, text: str, market: str | None) -> list[Entity]:
        found = []
        for match in self.candidates(text):
            start, end = match.span("value") if "value" in match.re.groupindex else match.span()
            if not self.validate(text[start:end]):
                continue
            score = self.score(text, start, end, market)
            if score >= self.MIN_SCORE:
                found.append(Entity(self.entity_type, start, end, score, self.kind, self.name))
        return found


def near(text: str, start: int, end: int, words: tuple[str, ...], window: int = 40) -> bool:
    """Whether one of ``words`` occurs within ``window`` characters before or after a span
    (as a whole word where words have spaces around them: "tel" is not in "hotel")."""
    around = (text[max(0, start - window) : start] + " " + text[end : end + window]).casefold()
    return bool(_words_pattern(words).search(around))


@lru_cache(maxsize=256)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    parts = [
        rf"(?<![^\W\d_]){re.escape(w)}(?![^\W\d_])" if w[:1].isascii() else re.escape(w)
        for w in words
    ]
    return re.compile("|".join(parts))
