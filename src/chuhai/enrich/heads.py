"""Classifier heads: a softmax layer over features, trained offline, shipped as data.

A head is ``softmax((h(x - mean) @ W + b) / T)`` where ``T`` is a temperature fitted on held-out
data so that the probabilities are calibrated (a 0.8 means right about 80% of the time) and
``h`` is either nothing (a linear head) or one hidden ReLU layer ``relu(x @ H + c)``: a few
hundred units that read combinations of embedding directions a linear layer cannot.
Inference needs numpy only; training (scikit-learn) lives in ``chuhai_tools.training``
(the ``tools`` extra).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from chuhai.errors import ConfigError

__all__ = ["FloatArray", "LinearHead", "fit_temperature", "softmax"]

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class LinearHead:
    """A calibrated classifier over fixed-size feature vectors: linear, or with one hidden
    ReLU layer when ``hidden`` is set."""

    name: str
    labels: tuple[str, ...]
    weights: FloatArray  # (features or hidden units, labels)
    bias: FloatArray  # (labels,)
    temperature: float = 1.0
    mean: FloatArray | None = None
    info: dict[str, Any] = field(default_factory=dict)
    hidden: FloatArray | None = None  # (features, hidden units)
    hidden_bias: FloatArray | None = None  # (hidden units,)

    @property
    def dim(self) -> int:
        return int((self.hidden if self.hidden is not None else self.weights).shape[0])

    def logits(self, features: FloatArray) -> FloatArray:
        x = np.asarray(features, dtype=np.float32)
        if x.ndim == 1:
            x = x[None, :]
        if x.shape[1] != self.dim:
            raise ValueError(f"head {self.name} expects {self.dim} features, got {x.shape[1]}")
        if self.mean is not None:
            x = x - self.mean
        if self.hidden is not None and self.hidden_bias is not None:
            x = np.maximum(x @ self.hidden + self.hidden_bias, 0.0)
        return np.asarray(x @ self.weights + self.bias, dtype=np.float32)

    def proba(self, features: FloatArray) -> FloatArray:
        """Calibrated class probabilities, one row per input."""
        return softmax(self.logits(features) / self.temperature)

    def save(self, path: Path) -> None:
        """``path.npz`` with the arrays and ``path.json`` with labels and training notes."""
        arrays: dict[str, npt.NDArray[Any]] = {"weights": self.weights, "bias": self.bias}
        if self.mean is not None:
            arrays["mean"] = self.mean
        if self.hidden is not None and self.hidden_bias is not None:
            arrays["hidden"], arrays["hidden_bias"] = self.hidden, self.hidden_bias
        np.savez_compressed(path.with_suffix(".npz"), **arrays)  # type: ignore[arg-type]
        meta = {"name": self.name, "labels": list(self.labels), "temperature": self.temperature}
        meta["info"] = self.info
        path.with_suffix(".json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, path: Path) -> LinearHead:
        npz, meta_path = path.with_suffix(".npz"), path.with_suffix(".json")
        if not npz.is_file() or not meta_path.is_file():
            raise ConfigError(
                f"model head {path.stem} is missing ({npz}); run `chuhai models train`"
            )
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with np.load(npz) as data:
            mean = data["mean"].astype(np.float32) if "mean" in data else None
            hidden = data["hidden"].astype(np.float32) if "hidden" in data else None
            hidden_bias = data["hidden_bias"].astype(np.float32) if "hidden" in data else None
            return cls(
                name=meta["name"],
                labels=tuple(meta["labels"]),
                weights=data["weights"].astype(np.float32),
                bias=data["bias"].astype(np.float32),
                temperature=float(meta["temperature"]),
                mean=mean,
                info=meta.get("info", {}),
                hidden=hidden,
                hidden_bias=hidden_bias,
            )


def softmax(z: FloatArray) -> FloatArray:
    """Row-wise softmax of logits, float32."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)


def fit_temperature(logits: FloatArray, targets: npt.NDArray[np.int64]) -> float:
    """The temperature that minimises the negative log-likelihood of held-out targets."""
    best_t, best_nll = 1.0, float("inf")
    for t in np.exp(np.linspace(np.log(0.25), np.log(8.0), 120)):
        p = softmax(logits / t)
        nll = float(-np.log(p[np.arange(len(targets)), targets] + 1e-9).mean())
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return best_t
