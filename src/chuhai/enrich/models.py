"""The trained heads chuhai ships, loaded as one bundle.

For each task (sentiment, emotion, intent) there are two heads over the same labels:

* an **n-gram head** (:class:`~chuhai.enrich.ngrams.NgramModel`): microseconds per text,
  strong where it saw text of the language in training (Thai and English sentiment);
* an **embedding head** (:class:`~chuhai.enrich.heads.LinearHead` over e5 embeddings):
  ~7 ms per text, works across languages.

``ngram_weight[task][language]`` says how much the n-gram head's opinion counts when both ran
(by language, from how much in-language training data it had), and ``fast_ok[task]`` lists the
languages where the n-gram head may answer alone when it is confident.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final

import numpy as np

from chuhai.enrich.heads import FloatArray, LinearHead
from chuhai.enrich.ngrams import NgramHasher, NgramModel
from chuhai.errors import ConfigError

__all__ = ["MODELS_DIR", "TASKS", "ModelBundle", "TaskModels"]

TASKS: Final = ("sentiment", "emotion", "intent")


def _package_dir() -> Path:
    return Path(str(resources.files("chuhai.enrich").joinpath("models")))


MODELS_DIR: Final = _package_dir()


@dataclass(frozen=True)
class TaskModels:
    """The two heads of one task and how to combine them."""

    labels: tuple[str, ...]
    ngram: NgramModel
    ngram_temperature: float
    embedding: LinearHead
    ngram_weight: dict[str, float]  # language -> weight of the n-gram head when both ran
    fast_languages: frozenset[str]  # languages the n-gram head may answer alone
    fast_threshold: float  # ... when its calibrated confidence is at least this

    def ngram_proba(self, texts: list[str]) -> FloatArray:
        logits = self.ngram.logits(texts) / self.ngram_temperature
        logits = logits - logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)

    def combine(self, ngram: FloatArray, embedding: FloatArray, languages: list[str]) -> FloatArray:
        """Weighted geometric mean of the heads' probabilities, weights by language."""
        w = np.array([self.ngram_weight.get(lang, 0.0) for lang in languages], dtype=np.float32)[
            :, None
        ]
        log_p = w * np.log(ngram + 1e-9) + (1 - w) * np.log(embedding + 1e-9)
        log_p -= log_p.max(axis=1, keepdims=True)
        p = np.exp(log_p)
        return np.asarray(p / p.sum(axis=1, keepdims=True), dtype=np.float32)


@dataclass(frozen=True)
class ModelBundle:
    tasks: dict[str, TaskModels]
    version: str
    info: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, task: str) -> TaskModels:
        return self.tasks[task]

    # -- files -------------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        manifest: dict[str, Any] = {"version": self.version, "info": self.info, "tasks": {}}
        for task, models in self.tasks.items():
            models.embedding.save(directory / f"{task}-embedding")
            np.savez_compressed(
                directory / f"{task}-ngram.npz",
                weights=models.ngram.weights.astype(np.float16),
                bias=models.ngram.bias,
            )
            hasher = models.ngram.hasher
            manifest["tasks"][task] = {
                "labels": list(models.labels),
                "ngram": {"bits": hasher.bits, "low": hasher.low, "high": hasher.high},
                "ngram_temperature": models.ngram_temperature,
                "ngram_weight": models.ngram_weight,
                "fast_languages": sorted(models.fast_languages),
                "fast_threshold": models.fast_threshold,
            }
        (directory / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )

    @classmethod
    def load(cls, directory: Path | None = None) -> ModelBundle:
        directory = directory or MODELS_DIR
        manifest_path = directory / "manifest.json"
        if not manifest_path.is_file():
            raise ConfigError(f"no trained models in {directory}; run `chuhai models train`")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        tasks = {}
        for task, spec in manifest["tasks"].items():
            with np.load(directory / f"{task}-ngram.npz") as data:
                ngram = NgramModel(
                    NgramHasher(**spec["ngram"]),
                    data["weights"].astype(np.float32),
                    data["bias"].astype(np.float32),
                )
            tasks[task] = TaskModels(
                labels=tuple(spec["labels"]),
                ngram=ngram,
                ngram_temperature=float(spec["ngram_temperature"]),
                embedding=LinearHead.load(directory / f"{task}-embedding"),
                ngram_weight={k: float(v) for k, v in spec["ngram_weight"].items()},
                fast_languages=frozenset(spec["fast_languages"]),
                fast_threshold=float(spec["fast_threshold"]),
            )
        return cls(tasks, manifest["version"], manifest.get("info", {}))
