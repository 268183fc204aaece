"""K-fold and stratified k-fold splits as index arrays, and cross-validated scores — the reference."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

Folds = list[tuple[np.ndarray, np.ndarray]]


def kfold_indices(n: int, k: int, shuffle: bool = False, rng: np.random.Generator | None = None) -> Folds:
    """scikit-learn's KFold: k consecutive blocks of (optionally permuted) range(n), the first n % k one larger."""
    order = np.random.default_rng(rng).permutation(n) if shuffle else np.arange(n)
    blocks = np.array_split(order, k)  # the first n % k blocks get n // k + 1 indices, the others n // k
    return [(np.concatenate(blocks[:i] + blocks[i + 1:]), blocks[i]) for i in range(k)]


def stratified_kfold_indices(y: np.ndarray, k: int, shuffle: bool = False,
                             rng: np.random.Generator | None = None) -> Folds:
    """Every class spread over the k folds as evenly as possible: ⌊n_c/k⌋ or ⌈n_c/k⌉ of its samples in each."""
    y = np.asarray(y)
    order = np.random.default_rng(rng).permutation(len(y)) if shuffle else np.arange(len(y))
    order = order[np.argsort(y[order], kind="stable")]  # grouped by class, each class in (shuffled) order
    # deal the grouped samples round-robin: fold j gets positions j, j + k, j + 2k, … so every class lands evenly
    return [(np.delete(order, np.s_[j::k]), order[j::k]) for j in range(k)]


def cross_val_score(make_model: Callable[[], Any], X: np.ndarray, y: np.ndarray, k: int,
                    metric: Callable[[np.ndarray, np.ndarray], float]) -> np.ndarray:
    """metric(y[val], fresh_model.fit(X[train], y[train]).predict(X[val])) for each fold of kfold_indices(n, k)."""
    scores = []
    for train, val in kfold_indices(len(X), k):
        model = make_model()  # a fresh, unfitted model for every fold
        model.fit(X[train], y[train])
        scores.append(metric(y[val], model.predict(X[val])))
    return np.asarray(scores, dtype=float)
