"""The trained heads chuhai ships, loaded as one bundle.

For each task (sentiment, emotion, intent) there are two heads over the same labels:

* a **fast head**: one linear model over hashed character n-grams
  (:class:`~chuhai.enrich.ngrams.NgramModel`) and the static e5 embedding
  (:class:`~chuhai.enrich.embeddings.static.StaticEmbedder`): no transformer, tens of
  thousands of texts a second, every language the static vocabulary covers;
* an **embedding head** (:class:`~chuhai.enrich.heads.LinearHead` over e5 embeddings):
  ~7 ms per text, run only where the fast head is unsure.

``fast_weight[language]`` says how much the fast head's opinion counts when both ran ("*" for
languages without their own figure), and the fast head answers alone when its calibrated
confidence reaches ``fast_threshold``. Sentiment also carries ``neutral_threshold``: the
probability of ``neu`` needed before a text is called neutral (see
:mod:`chuhai.enrich.decisions`), with its own figure for each language that had enough
held-back examples (``neutral_by_language``): Thai social posts are neutral far more often
than reviews, and one threshold for all served neither.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Final

import numpy as np

from chuhai.enrich.embeddings.static import STATIC_FILE, StaticEmbedder, StaticVocabulary
from chuhai.enrich.heads import FloatArray, LinearHead, softmax
from chuhai.enrich.ngrams import NgramFeatures, NgramHasher, NgramModel
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
    ngram: NgramModel  # the fast head's n-gram weights and its bias
    static: FloatArray  # the fast head's static-embedding weights (static dim, labels)
    fast_temperature: float
    embedding: LinearHead
    fast_weight: dict[str, float]  # language ("*": any other) -> weight of the fast head
    fast_threshold: float  # the fast head answers alone at this calibrated confidence
    neutral_threshold: float = 0.5  # sentiment only: P(neu) needed to say "neutral"
    neutral_by_language: dict[str, float] = field(default_factory=dict)  # language -> threshold

    def neutral_for(self, language: str | None) -> float:
        """The neutral threshold of a text in ``language`` (the overall one if it has none)."""
        return self.neutral_by_language.get(language or "", self.neutral_threshold)

    def fast_proba(
        self, texts: list[str], static_vectors: FloatArray, features: NgramFeatures | None = None
    ) -> FloatArray:
        """``features``: the texts' n-grams by this task's hasher, if already computed."""
        logits = self.ngram.logits(texts, features) + static_vectors @ self.static
        return softmax(np.asarray(logits / self.fast_temperature, dtype=np.float32))

    def combine(self, fast: FloatArray, embedding: FloatArray, languages: list[str]) -> FloatArray:
        """Weighted geometric mean of the heads' probabilities, weights by language."""
        default = self.fast_weight.get("*", 0.3)
        w = np.array([self.fast_weight.get(lang, default) for lang in languages], np.float32)
        log_p = w[:, None] * np.log(fast + 1e-9) + (1 - w[:, None]) * np.log(embedding + 1e-9)
        return softmax(np.asarray(log_p, dtype=np.float32))


@dataclass(frozen=True)
class ModelBundle:
    tasks: dict[str, TaskModels]
    version: str
    static: StaticVocabulary
    info: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, task: str) -> TaskModels:
        return self.tasks[task]

    @cached_property
    def static_embedder(self) -> StaticEmbedder:
        """One segmenter per bundle: its piece table is built once, whatever the number of
        analyzers (the copilot's, the evaluation's cascades) sharing these models."""
        return StaticEmbedder(self.static)

    # -- files -------------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        manifest: dict[str, Any] = {"version": self.version, "info": self.info, "tasks": {}}
        if not (directory / STATIC_FILE).is_file():
            self.static.save(directory / STATIC_FILE)
        for task, models in self.tasks.items():
            models.embedding.save(directory / f"{task}-embedding")
            np.savez_compressed(
                directory / f"{task}-fast.npz",
                ngram=models.ngram.weights.astype(np.float16),
                static=models.static.astype(np.float32),
                bias=models.ngram.bias,
            )
            hasher = models.ngram.hasher
            manifest["tasks"][task] = {
                "labels": list(models.labels),
                "ngram": {"bits": hasher.bits, "low": hasher.low, "high": hasher.high},
                "fast_temperature": models.fast_temperature,
                "fast_weight": models.fast_weight,
                "fast_threshold": models.fast_threshold,
                "neutral_threshold": models.neutral_threshold,
                "neutral_by_language": models.neutral_by_language,
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
            with np.load(directory / f"{task}-fast.npz") as data:
                ngram = NgramModel(
                    NgramHasher(**spec["ngram"]),
                    data["ngram"].astype(np.float32),
                    data["bias"].astype(np.float32),
                )
                static = data["static"].astype(np.float32)
            tasks[task] = TaskModels(
                labels=tuple(spec["labels"]),
                ngram=ngram,
                static=static,
                fast_temperature=float(spec["fast_temperature"]),
                embedding=LinearHead.load(directory / f"{task}-embedding"),
                fast_weight={k: float(v) for k, v in spec["fast_weight"].items()},
                fast_threshold=float(spec["fast_threshold"]),
                neutral_threshold=float(spec.get("neutral_threshold", 0.5)),
                neutral_by_language={
                    k: float(v) for k, v in spec.get("neutral_by_language", {}).items()
                },
            )
        static_vocabulary = StaticVocabulary.load(directory / STATIC_FILE)
        return cls(tasks, manifest["version"], static_vocabulary, manifest.get("info", {}))
