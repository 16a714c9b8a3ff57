"""Names for themes: class-based TF-IDF over key phrases, and representative voices.

c-TF-IDF (as BERTopic names topics) scores a phrase high when many texts of one theme use it
and few texts of other themes do. Counting texts rather than occurrences keeps one long,
repetitive e-mail from naming a theme. A phrase is only used when at least ``min_people``
different people wrote it, so a name never quotes one person.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["key_phrases", "representatives", "top_words"]


def _scores(
    phrase_sets: Sequence[set[str]], labels: Sequence[int], authors: Sequence[str], min_people: int
) -> dict[int, list[tuple[float, str]]]:
    in_theme: dict[int, Counter[str]] = defaultdict(Counter)
    people: dict[tuple[int, str], set[str]] = defaultdict(set)
    sizes: Counter[int] = Counter()
    overall: Counter[str] = Counter()
    for phrases, label, author in zip(phrase_sets, labels, authors, strict=True):
        overall.update(phrases)
        if label < 0:
            continue
        sizes[label] += 1
        in_theme[label].update(phrases)
        for phrase in phrases:
            people[label, phrase].add(author)
    if not in_theme:
        return {}
    average = sum(sum(c.values()) for c in in_theme.values()) / len(in_theme)
    scored: dict[int, list[tuple[float, str]]] = {}
    for label, counts in in_theme.items():
        rows = []
        for phrase, count in counts.items():
            if count < 2 or len(people[label, phrase]) < min_people:
                continue
            tf = count / sizes[label]
            rows.append((tf * math.log(1 + average / overall[phrase]), phrase))
        rows.sort(key=lambda r: (-r[0], r[1]))
        scored[label] = rows
    return scored


def key_phrases(
    phrase_sets: Sequence[set[str]],
    labels: Sequence[int],
    authors: Sequence[str],
    *,
    top: int = 5,
    min_people: int = 3,
) -> dict[int, list[str]]:
    """The ``top`` phrases of each theme; a phrase inside one already chosen is skipped."""
    chosen: dict[int, list[str]] = {}
    for label, rows in _scores(phrase_sets, labels, authors, min_people).items():
        picked: list[str] = []
        for _, phrase in rows:
            if any(phrase in p or p in phrase for p in picked):
                continue
            picked.append(phrase)
            if len(picked) == top:
                break
        chosen[label] = picked
    return chosen


def top_words(
    word_sets: Sequence[set[str]], labels: Sequence[int], *, top: int = 10
) -> dict[int, list[str]]:
    """The ``top`` single words of each theme by c-TF-IDF (for coherence scores)."""
    authors = [str(i) for i in range(len(word_sets))]
    scored = _scores(word_sets, labels, authors, 1)
    return {label: [w for _, w in rows[:top]] for label, rows in scored.items()}


def representatives(
    labels: npt.NDArray[np.int64],
    scores: npt.NDArray[np.float32],
    texts: Sequence[str],
    *,
    per_theme: int = 3,
) -> dict[int, list[int]]:
    """Indexes of the texts closest to each theme's centre, one per distinct text."""
    out: dict[int, list[int]] = {}
    for label in sorted({int(v) for v in labels if v >= 0}):
        members = np.flatnonzero(labels == label)
        seen: set[str] = set()
        picked: list[int] = []
        for index in members[np.argsort(-scores[members], kind="stable")]:
            key = texts[index].strip().lower()
            if key in seen:
                continue
            seen.add(key)
            picked.append(int(index))
            if len(picked) == per_theme:
                break
        out[label] = picked
    return out
