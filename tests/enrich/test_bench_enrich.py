"""The enrich benchmark's text choice and chat replay (no models, no shared datasets)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_enrich.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_enrich_under_test", _PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        (["a", "b", "a", "a"], 0.5),
        (["a", "b", "c"], 0.0),
        ([], 0.0),
    ],
)
def test_repeat_share(bench: ModuleType, messages: list[str], expected: float) -> None:
    assert bench.repeat_share(messages) == expected


def test_chat_stream_repeats_at_the_share_and_keeps_new_lines_in_order(bench: ModuleType) -> None:
    texts = [f"line {i}" for i in range(2000)]
    stream = bench.chat_stream(texts, 0.4, seed=1)
    assert len(stream) == len(texts)
    assert bench.repeat_share(stream) == pytest.approx(0.4, abs=0.04)
    firsts = list(dict.fromkeys(stream))
    assert firsts == texts[: len(firsts)]  # new lines come in their order
    assert bench.chat_stream(texts, 0.4, seed=1) == stream
    assert bench.chat_stream(texts, 0.0) == texts


def test_pick_chooses_unique_texts_of_the_kind_s_length(bench: ModuleType) -> None:
    chat = ["hi", "hi", "x", "great  stream", "y" * 61]
    assert bench.pick(chat, "chat", 10) == ["hi", "great stream"]
    reviews = ["r" * 79, "r" * 80, "s" * 140, "t" * 141]
    assert bench.pick(reviews, "review", 10) == ["r" * 80, "s" * 140]
    many = [f"review number {i} " + "x" * 90 for i in range(50)]
    chosen = bench.pick(many, "review", 7, seed=3)
    assert len(chosen) == 7 == len(set(chosen))
    assert chosen == [t for t in many if t in chosen]
    assert bench.pick(["很好" * 16], "chat", 5, language="zh") == []  # 32 > 30 characters


def test_table_shows_new_text_and_realistic_chat_side_by_side(bench: ModuleType) -> None:
    row = {
        "language": "th", "kind": "chat", "texts": 300, "mean_chars": 25.0,
        "new_text_per_s": 50.0, "e5_per_s": 25.0, "new_vs_e5": 2.0, "realistic_per_s": 80.0,
        "realistic_vs_e5": 3.2, "stream_repeats": 0.4, "tiers": {"fast": 0.75, "full": 0.25},
    }  # fmt: skip
    review = row | {"kind": "review", "realistic_per_s": None, "realistic_vs_e5": None,
                    "stream_repeats": None}  # fmt: skip
    lines = bench.table([row, review]).splitlines()
    assert lines[0].split()[:6] == ["lang", "kind", "texts", "chars", "new/s", "e5/s"]
    assert lines[1].split() == [
        "th", "chat", "300", "25.0", "50.0", "25.0", "2.0", "80.0", "3.2", "0.4",
        "fast", "75%,", "full", "25%",
    ]  # fmt: skip
    assert lines[2].split()[7:10] == ["-", "-", "-"]
