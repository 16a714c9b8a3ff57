"""Fits the script checker's trained tier (``chuhai/compliance/claim_model.npz``): a multinomial
logistic regression over hashed character n-grams (the features of
:func:`chuhai.compliance.claim_model.features`), classes ``clean`` and the claim classes.

Trained on the main labelled script set (``data/scripts/<market>.yaml``, template-built) and
the independent set's DEV splits only (``data/scripts/independent/dev`` and ``dev2``, hand-written
by a second and a third author, counted ``DEV_WEIGHT`` times); the independent TEST split is
never read here. The threshold on
``1 - P(clean)`` is chosen on out-of-fold probabilities (stratified ``FOLDS``-fold
cross-validation over all sets): the lowest value that flags at most ``TARGET`` of the clean
lines of the dev splits and of the main set, each.

Rebuild::

    .venv/bin/python -m chuhai_tools.training.claim_model [--out PATH.npz]
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from chuhai.compliance.claim_model import CLEAN, N_FEATURES, features
from chuhai.compliance.evaluation import LabelledLine, load_sets

__all__ = ["DEV_SETS", "DEV_WEIGHT", "TARGET", "fit", "labelled", "main", "threshold_for"]

log = logging.getLogger(__name__)

_DATA: Final = Path(__file__).resolve().parent.parent / "data" / "scripts"
MAIN_SET: Final = _DATA
DEV_SET: Final = _DATA / "independent" / "dev"
DEV_SETS: Final = (DEV_SET, _DATA / "independent" / "dev2")
DEFAULT_OUT: Final = (
    Path(__file__).resolve().parents[4] / "src" / "chuhai" / "compliance" / "claim_model.npz"
)
DEV_WEIGHT: Final = 3.0
TARGET: Final = 0.01
FOLDS: Final = 5
C: Final = 20.0
SEED: Final = 17


def labelled(directory: Path) -> list[LabelledLine]:
    return [line for s in load_sets(directory) for line in s.lines]


def label_of(line: LabelledLine) -> str:
    return (line.claim_class or "other") if line.risky else CLEAN


def matrix(texts: list[str]) -> Any:
    """The lines' hashed features as a sparse CSR matrix."""
    from scipy.sparse import csr_matrix

    indptr, indices, data = [0], [], []
    for text in texts:
        buckets, values = features(text)
        indices += buckets
        data += values
        indptr.append(len(indices))
    return csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices), np.asarray(indptr)),
        shape=(len(texts), N_FEATURES),
    )


def fit(x: Any, y: npt.NDArray[np.str_], weights: npt.NDArray[np.float64]) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=3000)
    model.fit(x, y, sample_weight=weights)
    return model


def threshold_for(risk: npt.NDArray[np.float64], target: float = TARGET) -> float:
    """The lowest threshold on ``risk`` that flags at most ``target`` of these clean lines."""
    ordered = np.sort(risk)[::-1]
    allowed = int(np.floor(target * len(ordered)))
    # flag the `allowed` highest: the threshold sits just above the next one
    return float(np.nextafter(ordered[allowed], 1.0)) if allowed < len(ordered) else 0.0


def main(argv: list[str] | None = None) -> None:
    from sklearn.model_selection import StratifiedKFold

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    main_lines = labelled(MAIN_SET)
    dev_lines = [line for directory in DEV_SETS for line in labelled(directory)]
    lines = main_lines + dev_lines
    is_dev = np.array([False] * len(main_lines) + [True] * len(dev_lines))
    x = matrix([line.text for line in lines])
    y = np.array([label_of(line) for line in lines])
    w = np.where(is_dev, DEV_WEIGHT, 1.0)
    classes = sorted(set(y))
    log.info("%d main + %d dev lines; classes %s", len(main_lines), len(dev_lines), classes)

    risk = np.zeros(len(lines))
    strata = np.char.add(y.astype(str), np.where(is_dev, "/dev", "/main"))
    for train, held in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(x, strata):
        model = fit(x[train], y[train], w[train])
        clean = list(model.classes_).index(CLEAN)
        risk[held] = 1.0 - model.predict_proba(x[held])[:, clean]
    clean_rows = y == CLEAN
    threshold = max(
        threshold_for(risk[clean_rows & is_dev]), threshold_for(risk[clean_rows & ~is_dev])
    )
    for name, part in (("dev", is_dev), ("main", ~is_dev)):
        flagged = (risk[part & clean_rows] >= threshold).mean()
        recall = (risk[part & ~clean_rows] >= threshold).mean()
        log.info("out-of-fold %s: risky recall %.3f, clean flagged %.4f", name, recall, flagged)

    model = fit(x, y, w)
    coef = model.coef_.T.astype(np.float32)  # (features, classes)
    if coef.shape[1] == 1:  # pragma: no cover - two classes only
        raise SystemExit("need more than two classes")
    used = np.flatnonzero(np.abs(coef).max(axis=1) > 0)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        classes=np.array([str(c) for c in model.classes_]),
        columns=used.astype(np.int32),
        weights=coef[used].astype(np.float16),
        bias=model.intercept_.astype(np.float32),
        threshold=np.float64(threshold),
        n_features=np.int64(N_FEATURES),
    )
    log.info(
        "wrote %s: %d buckets used, threshold %.4f, %.1f kB",
        args.out, len(used), threshold, args.out.stat().st_size / 1024,
    )  # fmt: skip


if __name__ == "__main__":
    main()
