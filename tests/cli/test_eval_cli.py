"""``chuhai eval``: the options reach the evaluation, the tables and targets come out, quick
runs (--sample, --only) say so; no models or shared datasets needed (both stand-ins)."""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chuhai.cli import app
from chuhai_tools.evaluation.run import EvaluationResult

runner = CliRunner()


class _Analyzer:
    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {"pii": 0}

    def evaluate(
        datasets: Path,
        analyzer: object,
        *,
        on_section: Any = None,
        sample: int | None = None,
        only: Collection[str] | None = None,
    ) -> EvaluationResult:
        seen.update(datasets=datasets, sample=sample, only=list(only or ()))
        result = EvaluationResult(seconds=1.0)
        result.extras["model_version"] = "stand-in"
        if sample is not None:
            result.extras["sample"] = sample
        result.sections["sentiment"] = [
            {
                "set": "id-smsa",
                "language": "id",
                "kind": "review",
                "n": 40,
                "label accuracy (pos vs neg)": 0.7,
                "pos vs neg, sign of score": 0.9,
                "3-class macro-F1": 0.66,
            }
        ]
        return result

    def add_pii_sections(result: EvaluationResult, root: Path) -> None:
        seen["pii"] += 1

    def gist_rows(analyzer: object, *, split: str = "test") -> list[dict[str, Any]]:
        seen.setdefault("gist", []).append(split)
        accuracy = 0.8 if split == "test" else 0.99
        return [{"set": split, "language": "th", "n": 60, "slot accuracy": accuracy}]

    monkeypatch.setattr("chuhai.enrich.analyzer.Analyzer", _Analyzer)
    monkeypatch.setattr("chuhai_tools.evaluation.gist.gist_rows", gist_rows)
    monkeypatch.setattr("chuhai_tools.evaluation.run.evaluate", evaluate)
    monkeypatch.setattr("chuhai_tools.evaluation.pii.add_pii_sections", add_pii_sections)
    return seen


def test_sample_and_only_reach_the_evaluation(tmp_path: Path, calls: dict[str, Any]) -> None:
    out = tmp_path / "EVALUATION.md"
    result = runner.invoke(
        app,
        ["eval", "--datasets", str(tmp_path), "--sample", "40", "--only", "sentiment",
         "--output", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert calls["sample"] == 40 and calls["only"] == ["sentiment"]
    assert calls["pii"] == 0  # not asked for
    text = out.read_text(encoding="utf-8")
    assert "**sample run**: at most 40 items per set" in text
    assert "| id-smsa | id | review | 40 | 0.700 | 0.900 | 0.660 |" in text
    assert "MISSED sentiment label accuracy, id-smsa (n=40)" in result.stderr
    assert "met    sentiment 3-class macro-F1, id-smsa" in result.stderr


def test_json_has_sections_and_targets(tmp_path: Path, calls: dict[str, Any]) -> None:
    result = runner.invoke(app, ["eval", "--datasets", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["sections"]["sentiment"][0]["label accuracy (pos vs neg)"] == 0.7
    assert {t["what"] for t in data["targets"]} >= {"sentiment label accuracy, id-smsa (n=40)"}
    assert calls["only"] == [
        "language", "sentiment", "aspects", "aspect categories", "emotion", "intent", "cascades",
    ]  # fmt: skip
    assert calls["sample"] is None
    assert calls["pii"] == 1
    assert calls["gist"] == ["test", "dev"]
    assert [r["set"] for r in data["gist"]] == ["test", "dev"]


def test_only_pii_runs_no_model_section(tmp_path: Path, calls: dict[str, Any]) -> None:
    result = runner.invoke(app, ["eval", "--datasets", str(tmp_path), "--only", "pii", "--json"])
    assert result.exit_code == 0, result.output
    assert calls["only"] == [] and calls["pii"] == 1


def test_unknown_section_exits_2(tmp_path: Path, calls: dict[str, Any]) -> None:
    result = runner.invoke(app, ["eval", "--datasets", str(tmp_path), "--only", "vibes"])
    assert result.exit_code == 2
    assert "Invalid value for '--only'" in result.stderr and "'vibes'" in result.stderr
    assert "datasets" not in calls


def test_missing_datasets_folder_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--datasets", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "datasets folder not found" in result.stderr


def test_only_gist_needs_no_datasets_and_keeps_the_file(
    tmp_path: Path, calls: dict[str, Any]
) -> None:
    out = tmp_path / "EVALUATION.md"
    out.write_text("# Evaluation\n\n| a table | kept |\n\n<!-- notes -->\nnotes kept\n", "utf-8")
    args = ["eval", "--datasets", str(tmp_path / "nope"), "--only", "gist", "--output", str(out)]
    for _ in range(2):  # a second run replaces the section, it does not add one
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Evaluation\n\n| a table | kept |")
    assert "notes kept" in text
    assert text.count("## Chinese gist of live comments (issue 14)") == 1
    assert "| test | th | 60 | 0.800 |" in text and "| dev | th | 60 | 0.990 |" in text
    assert "datasets" not in calls  # the model sections did not run
    assert "MISSED gist slot accuracy, th (held-out, n=60): 0.8 (needed >= 0.85)" in result.stderr
