"""Translation is a pluggable provider; none is required.

Providers translate plain text. :class:`GlossaryTranslator` wraps any provider so that
glossary terms (the brand and product names) are never translated, and caches results.
Without a provider (``none``) every translation is ``None`` and the pipeline carries on.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Sequence
from typing import ClassVar

__all__ = ["GlossaryTranslator", "NoTranslator", "Translator"]

log = logging.getLogger(__name__)


class Translator(ABC):
    """``translate(texts, target, source)`` -> one translation (or ``None``) per text."""

    name: ClassVar[str]

    @abstractmethod
    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]: ...

    @property
    def available(self) -> bool:
        return True


class NoTranslator(Translator):
    """The offline default: nothing is translated."""

    name = "none"

    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]:
        return [None] * len(texts)

    @property
    def available(self) -> bool:
        return False


class GlossaryTranslator(Translator):
    """Protects glossary terms with placeholders, restores them, and caches translations.

    A translation whose placeholders did not survive is rejected (``None``) rather than
    shown with a translated brand name.
    """

    name = "glossary"

    def __init__(
        self, inner: Translator, glossary: Sequence[str] = (), capacity: int = 20_000
    ) -> None:
        self.inner = inner
        terms = sorted({t for t in glossary if t.strip()}, key=len, reverse=True)
        self._pattern = (
            re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
        )
        self._cache: OrderedDict[tuple[str, str | None, str], str | None] = OrderedDict()
        self.capacity = capacity

    @property
    def available(self) -> bool:
        return self.inner.available

    def protect(self, text: str) -> tuple[str, list[str]]:
        if self._pattern is None:
            return text, []
        found: list[str] = []

        def hold(match: re.Match[str]) -> str:
            found.append(match.group(0))
            return f"⟦{len(found) - 1}⟧"

        return self._pattern.sub(hold, text), found

    @staticmethod
    def restore(text: str, terms: list[str]) -> str | None:
        for index, term in enumerate(terms):
            marker = f"⟦{index}⟧"
            if marker not in text:
                return None
            text = text.replace(marker, term)
        return text

    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]:
        if not self.inner.available:
            return [None] * len(texts)
        out: list[str | None] = [None] * len(texts)
        todo: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            key = (target, source, text)
            if key in self._cache:
                out[i] = self._cache[key]
                self._cache.move_to_end(key)
            elif text.strip():
                todo.setdefault(text, []).append(i)
        if todo:
            protected = [self.protect(t) for t in todo]
            results = self.inner.translate([p for p, _ in protected], target, source)
            for (text, positions), (_, terms), result in zip(
                todo.items(), protected, results, strict=True
            ):
                restored = self.restore(result, terms) if result is not None else None
                if result is not None and restored is None:
                    log.info("translation dropped a glossary term; not used: %r", text[:60])
                self._cache[(target, source, text)] = restored
                for i in positions:
                    out[i] = restored
            while len(self._cache) > self.capacity:
                self._cache.popitem(last=False)
        return out
