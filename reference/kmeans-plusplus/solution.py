"""k-means++ seeding by D² sampling, with the nearest-centre distances updated incrementally — the reference."""

from __future__ import annotations

import numpy as np


def kmeans_plusplus(X: np.ndarray, k: int, rng: np.random.Generator | int | None) -> np.ndarray:
    """k rows of X: the first uniformly, each next with probability proportional to D², the squared distance to
    the nearest centre chosen so far (uniformly again if every D² is 0)."""
    rng = np.random.default_rng(rng)
    X = np.asarray(X, dtype=float)
    n = len(X)
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and n_samples = {n}, not {k}")
    chosen = np.empty(k, dtype=np.intp)
    chosen[0] = rng.integers(n)
    d2 = ((X - X[chosen[0]]) ** 2).sum(axis=1)  # exact differences: a duplicate of a centre is exactly 0
    for j in range(1, k):
        total = d2.sum()
        chosen[j] = rng.choice(n, p=d2 / total) if total > 0 else rng.integers(n)
        d2 = np.minimum(d2, ((X - X[chosen[j]]) ** 2).sum(axis=1))  # O(n·d) per centre, not O(n·j·d)
    return X[chosen]
