"""How good a set of themes is: NPMI coherence, topic diversity, outlier share, and agreement
with gold labels where a data set has them (normalised mutual information)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import combinations

__all__ = ["diversity", "nmi", "npmi_coherence"]


def npmi_coherence(theme_words: Sequence[Sequence[str]], documents: Sequence[set[str]]) -> float:
    """Mean normalised PMI of word pairs within each theme's top words, counted over
    ``documents`` (each a set of words): 1 = always together, 0 = independent, -1 = never."""
    n = len(documents)
    if not n:
        return 0.0
    vocabulary = {w for words in theme_words for w in words}
    postings: dict[str, set[int]] = {w: set() for w in vocabulary}
    for index, doc in enumerate(documents):
        for word in doc & vocabulary:
            postings[word].add(index)
    per_theme = []
    for words in theme_words:
        pairs = []
        for a, b in combinations(words, 2):
            joint = len(postings[a] & postings[b]) / n
            if joint == 0:
                pairs.append(-1.0)
                continue
            pa, pb = len(postings[a]) / n, len(postings[b]) / n
            if joint >= 1.0:
                pairs.append(1.0)
                continue
            pairs.append(math.log(joint / (pa * pb)) / -math.log(joint))
        if pairs:
            per_theme.append(sum(pairs) / len(pairs))
    return sum(per_theme) / len(per_theme) if per_theme else 0.0


def diversity(theme_words: Sequence[Sequence[str]]) -> float:
    """Share of distinct words among all themes' top words (1 = no word shared)."""
    words = [w for ws in theme_words for w in ws]
    return len(set(words)) / len(words) if words else 0.0


def _entropy(counts: Counter[object], n: int) -> float:
    return -sum((c / n) * math.log(c / n) for c in counts.values() if c)


def nmi(gold: Sequence[object], predicted: Sequence[object]) -> float:
    """Normalised mutual information (arithmetic mean), outliers as one more group."""
    n = len(gold)
    if n == 0:
        return 0.0
    joint = Counter(zip(gold, predicted, strict=True))
    g, p = Counter(gold), Counter(predicted)
    mutual = sum(
        (c / n) * math.log((c / n) / ((g[a] / n) * (p[b] / n))) for (a, b), c in joint.items()
    )
    h = (_entropy(g, n) + _entropy(p, n)) / 2
    return mutual / h if h > 0 else 1.0
