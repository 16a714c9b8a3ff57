"""A one-hidden-layer classifier trained with numpy alone (no torch, in keeping with the
project): ReLU units, class-weighted softmax cross-entropy, Adam, dropout, weight decay.

scikit-learn's ``MLPClassifier`` would do but takes no class weights; the sentiment and
emotion sets are unbalanced enough that the minority classes (neutral in reviews, fear,
disgust) vanish without them. The epoch kept is the one with the lowest held-back loss.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from chuhai.enrich.heads import FloatArray

__all__ = ["MlpWeights", "fit_mlp"]

log = logging.getLogger(__name__)

Targets = npt.NDArray[np.int64]


@dataclass(frozen=True)
class MlpWeights:
    hidden: FloatArray  # (features, units)
    hidden_bias: FloatArray  # (units,)
    weights: FloatArray  # (units, labels)
    bias: FloatArray  # (labels,)
    epochs: int

    def logits(self, x: FloatArray) -> FloatArray:
        h = np.maximum(x @ self.hidden + self.hidden_bias, 0.0)
        return np.asarray(h @ self.weights + self.bias, dtype=np.float32)


def _weighted_loss(logits: FloatArray, y: Targets, class_weight: FloatArray) -> float:
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    w = class_weight[y]
    return float(-(w * log_p[np.arange(len(y)), y]).sum() / w.sum())


def fit_mlp(
    x: FloatArray,
    y: Targets,
    n_labels: int,
    x_val: FloatArray,
    y_val: Targets,
    *,
    units: int = 256,
    epochs: int = 40,
    learning_rate: float = 1e-3,
    weight_decay: float = 1e-4,
    dropout: float = 0.2,
    batch: int = 128,
    seed: int = 0,
) -> MlpWeights:
    """Train on (x, y), keep the epoch with the lowest class-weighted loss on (x_val, y_val)."""
    rng = np.random.default_rng(seed)
    n, d = x.shape
    counts = np.bincount(y, minlength=n_labels).astype(np.float32)
    class_weight = (n / (n_labels * np.maximum(counts, 1.0))).astype(np.float32)
    params = [
        (rng.standard_normal((d, units)) * np.sqrt(2.0 / d)).astype(np.float32),
        np.zeros(units, np.float32),
        (rng.standard_normal((units, n_labels)) * np.sqrt(1.0 / units)).astype(np.float32),
        np.zeros(n_labels, np.float32),
    ]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    step = 0
    best: tuple[float, MlpWeights] | None = None
    for epoch in range(1, epochs + 1):
        order = rng.permutation(n)
        for start in range(0, n, batch):
            index = order[start : start + batch]
            xb, yb = x[index], y[index]
            h_pre = xb @ params[0] + params[1]
            h = np.maximum(h_pre, 0.0)
            keep = (rng.random(h.shape) >= dropout).astype(np.float32) / (1.0 - dropout)
            h_drop = h * keep
            z = h_drop @ params[2] + params[3]
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            w = class_weight[yb]
            grad_z = p
            grad_z[np.arange(len(yb)), yb] -= 1.0
            grad_z *= (w / w.sum())[:, None]
            grad_h = (grad_z @ params[2].T) * keep * (h_pre > 0)
            grads = [xb.T @ grad_h, grad_h.sum(0), h_drop.T @ grad_z, grad_z.sum(0)]
            step += 1
            for i, raw in enumerate(grads):
                g = raw + weight_decay * params[i] if i in (0, 2) else raw
                first[i] = 0.9 * first[i] + 0.1 * g
                second[i] = 0.999 * second[i] + 0.001 * g * g
                m_hat = first[i] / (1 - 0.9**step)
                v_hat = second[i] / (1 - 0.999**step)
                params[i] -= (learning_rate * m_hat / (np.sqrt(v_hat) + 1e-8)).astype(np.float32)
        hidden, hidden_bias, weights, bias = (p.copy() for p in params)
        current = MlpWeights(hidden, hidden_bias, weights, bias, epochs=epoch)
        loss = _weighted_loss(current.logits(x_val), y_val, class_weight)
        log.debug("epoch %d: held-back loss %.4f", epoch, loss)
        if best is None or loss < best[0]:
            best = (loss, current)
    assert best is not None
    log.info("hidden layer of %d units: best epoch %d of %d", units, best[1].epochs, epochs)
    return best[1]
