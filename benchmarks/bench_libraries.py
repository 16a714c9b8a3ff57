"""Benchmark: the parts issue 16 moved onto libraries, against the same modules at an older
commit (the alert statistics on scipy.stats, the embedding cache on cachetools).

    .venv/bin/python benchmarks/bench_libraries.py [--before 7c38722~1] [--json]

``--before REV`` loads ``voc/stats.py`` and ``enrich/embeddings/cache.py`` as they were at
REV (``git show``) and times both; without it, only the current ones.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RATE_CASES = [(30, 1000, 15, 1000), (600, 10000, 500, 10000), (1100, 10000, 1000, 10000)]


def _load(rev: str, path: str, folder: Path) -> ModuleType:
    source = subprocess.run(
        ["git", "show", f"{rev}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    file = folder / Path(path).name
    file.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"before_{file.stem}", file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _best(call: Callable[[], object], number: int) -> float:
    return min(timeit.repeat(call, number=number, repeat=5)) / number


def measure(stats: Any, cache: Any) -> dict[str, float]:
    from chuhai.enrich.embeddings import HashingEmbedder

    out: dict[str, float] = {}
    for case in RATE_CASES:
        out[f"rate_test{case} us"] = 1e6 * _best(partial(stats.rate_test, *case, "up"), 200)
        out[f"rate_test{case} p"] = stats.rate_test(*case, "up")
    p_values = [i / 1000 for i in range(1, 1001)]
    out["benjamini_hochberg(1000) us"] = 1e6 * _best(lambda: stats.benjamini_hochberg(p_values), 50)
    texts = [f"comment {i}" for i in range(64)]
    embedder = cache.CachedEmbedder(HashingEmbedder(dim=384), 20_000)
    embedder.embed(texts)
    out["CachedEmbedder.embed(64 cached) us"] = 1e6 * _best(lambda: embedder.embed(texts), 2000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a git revision to compare with")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    started = time.perf_counter()
    import scipy.stats  # noqa: F401  (its import cost, paid once by a run that tests alerts)

    report: dict[str, Any] = {"import scipy.stats s": time.perf_counter() - started}
    from chuhai.enrich.embeddings import cache
    from chuhai.voc import stats

    report["after"] = measure(stats, cache)
    if args.before:
        with tempfile.TemporaryDirectory() as folder:
            old_stats = _load(args.before, "src/chuhai/voc/stats.py", Path(folder))
            old_cache = _load(args.before, "src/chuhai/enrich/embeddings/cache.py", Path(folder))
            report["before"] = measure(old_stats, old_cache)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"import scipy.stats: {report['import scipy.stats s']:.2f} s")
    for name, value in report["after"].items():
        before = report.get("before", {}).get(name)
        shown = f"{before:.6g} -> " if before is not None else ""
        print(f"{name}: {shown}{value:.6g}")


if __name__ == "__main__":
    main()
