"""Translation is a pluggable provider; none is required.

Providers translate plain text. :class:`GlossaryTranslator` wraps any provider so that
glossary terms (the brand and product names) are never translated, and caches results.
Without a provider (``none``) every translation is ``None`` and the pipeline carries on.

Where a translation is missing (no provider, a failure, too slow, the day's budget spent),
:meth:`GlossaryTranslator.render` gives the offline Chinese gist instead: one call to the
``gist`` function the translator was built with, marked as a gist, never as a translation.
"""

from __future__ import annotations

import logging
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar, Literal, NamedTuple

from cachetools import LRUCache

__all__ = [
    "GistFunction",
    "GlossaryTranslator",
    "NoTranslator",
    "Rendered",
    "Translator",
    "no_gist",
]

log = logging.getLogger(__name__)

# (texts, their language) -> a Chinese gist of each, or None where there is none
GistFunction = Callable[[Sequence[str], str | None], list[str | None]]


def no_gist(texts: Sequence[str], source: str | None) -> list[str | None]:
    """No offline gist: callers keep their own fallback (labels, the FAQ's Chinese twin)."""
    return [None] * len(texts)


class Rendered(NamedTuple):
    """A text for the reader: a real translation, an offline gist, or nothing."""

    text: str | None
    kind: Literal["translation", "gist", "none"]


class Translator(ABC):
    """``translate(texts, target, source)`` -> one translation (or ``None``) per text."""

    name: ClassVar[str]

    @abstractmethod
    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]: ...

    def translate_by(
        self,
        texts: Sequence[str],
        target: str,
        source: str | None = None,
        deadline: float | None = None,
    ) -> list[str | None]:
        """The same, giving up at ``deadline`` (time.monotonic()) where the provider can."""
        return self.translate(texts, target, source)

    @property
    def available(self) -> bool:
        return True

    @property
    def cache_id(self) -> str:
        """What cached translations are keyed by beside the text (provider and model)."""
        return self.name


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


_MARKER = re.compile(r"⟦\s*(\d+)\s*⟧")


class GlossaryTranslator(Translator):
    """Protects glossary terms with placeholders, restores them, and caches translations.

    ``glossary`` names are kept as they are; ``fixed`` terms (per target language: the term
    -> its one rendering, from a brand's glossary, chuhai.glossary) are held the same
    way and come back as that rendering. A translation whose placeholders did not survive is
    asked for once more on its own, then rejected (``None``) rather than shown with a
    translated brand name. Only translations are cached (keyed by provider, model, languages
    and text): a failure is tried again next time.
    """

    name = "glossary"

    def __init__(
        self,
        inner: Translator,
        glossary: Sequence[str] = (),
        capacity: int = 20_000,
        gist: GistFunction = no_gist,
        fixed: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        self.inner = inner
        self.gist = gist
        self.keep = sorted({t for t in glossary if t.strip()}, key=len, reverse=True)
        self.fixed = {lang: dict(terms) for lang, terms in (fixed or {}).items()}
        self._patterns: dict[str | None, tuple[re.Pattern[str] | None, dict[str, str]]] = {}
        self._pattern = self._pattern_for(None)[0]
        self._cache: LRUCache[tuple[str, str, str | None, str], str] = LRUCache(max(capacity, 1))
        self._lock = threading.Lock()  # the live room translates from a worker thread
        self.capacity = capacity
        self.hits = 0
        self.misses = 0

    @property
    def available(self) -> bool:
        return self.inner.available

    @property
    def cache_id(self) -> str:
        return self.inner.cache_id

    def _pattern_for(self, target: str | None) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        """The pattern of the names and of the fixed terms into ``target``; renderings by
        the lower-cased term."""
        if target not in self._patterns:
            fixed = self.fixed.get(target or "", {})
            renderings = {t.lower(): r for t, r in fixed.items()}
            terms = sorted({*self.keep, *(t for t in fixed if t.strip())}, key=len, reverse=True)
            pattern = (
                re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
            )
            self._patterns[target] = (pattern, renderings)
        return self._patterns[target]

    def protect(self, text: str, target: str | None = None) -> tuple[str, list[str]]:
        """``text`` with each name or fixed term replaced by a marker, and what each marker
        stands for in the translation (the name itself, or the term's rendering)."""
        pattern, renderings = self._pattern_for(target)
        if pattern is None:
            return text, []
        found: list[str] = []

        def hold(match: re.Match[str]) -> str:
            said = match.group(0)
            found.append(renderings.get(said.lower(), said))
            return f"⟦{len(found) - 1}⟧"

        return pattern.sub(hold, text), found

    @staticmethod
    def restore(text: str, terms: list[str]) -> str | None:
        """``text`` with each marker replaced by its term; None when one went missing or an
        unknown one appeared (the model made it up)."""
        seen = {int(m.group(1)) for m in _MARKER.finditer(text)}
        if seen != set(range(len(terms))):
            return None
        return _MARKER.sub(lambda m: terms[int(m.group(1))], text)

    def _key(self, text: str, target: str, source: str | None) -> tuple[str, str, str | None, str]:
        return (self.inner.cache_id, target, source, text)

    def lookup(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]:
        """Cached translations only; nothing is sent."""
        with self._lock:
            out = [self._cache.get(self._key(t, target, source)) for t in texts]
            self.hits += sum(r is not None for r in out)
        return out

    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> list[str | None]:
        return self.translate_by(texts, target, source)

    def translate_by(
        self,
        texts: Sequence[str],
        target: str,
        source: str | None = None,
        deadline: float | None = None,
    ) -> list[str | None]:
        if not self.inner.available:
            return [None] * len(texts)
        out: list[str | None] = [None] * len(texts)
        todo: dict[str, list[int]] = {}
        with self._lock:
            for i, text in enumerate(texts):
                key = self._key(text, target, source)
                if key in self._cache:
                    out[i] = self._cache[key]  # and now the most recent
                    self.hits += 1
                elif text.strip():
                    todo.setdefault(text, []).append(i)
            self.misses += len(todo)
        if not todo:
            return out
        protected = [self.protect(t, target) for t in todo]
        results = self.inner.translate_by([p for p, _ in protected], target, source, deadline)
        restored = [
            self.restore(r, terms) if r is not None else None
            for r, (_, terms) in zip(results, protected, strict=True)
        ]
        lost = [i for i, r in enumerate(restored) if r is None and results[i] is not None]
        for i in lost:  # asked alone, a model keeps markers it dropped in a batch
            again = self.inner.translate_by([protected[i][0]], target, source, deadline)[0]
            restored[i] = self.restore(again, protected[i][1]) if again is not None else None
            if restored[i] is None:
                log.info("translation dropped a glossary term; not used: %r", list(todo)[i][:60])
        with self._lock:
            for (text, positions), result in zip(todo.items(), restored, strict=True):
                if result is None:
                    continue
                if self.capacity:  # the least recent drops out
                    self._cache[self._key(text, target, source)] = result
                for i in positions:
                    out[i] = result
        return out

    def render(
        self,
        texts: Sequence[str],
        target: str,
        source: str | None = None,
        deadline: float | None = None,
    ) -> list[Rendered]:
        """A translation of each text where the provider gives one, else its offline gist
        (Chinese only), else nothing: the caller's own fallback."""
        translated = self.translate_by(texts, target, source, deadline)
        return self.complete(texts, translated, target, source)

    def complete(
        self,
        texts: Sequence[str],
        translated: Sequence[str | None],
        target: str,
        source: str | None = None,
    ) -> list[Rendered]:
        """``translated`` with its gaps filled by the gist (the one fallback call)."""
        out = [Rendered(t, "translation") if t else Rendered(None, "none") for t in translated]
        missing = [i for i, r in enumerate(out) if r.text is None]
        if missing and target == "zh":
            gists = self.gist([texts[i] for i in missing], source)
            for i, gist in zip(missing, gists, strict=True):
                if gist:
                    out[i] = Rendered(gist, "gist")
        return out
