"""Wrong: D² measured to the most recently chosen centre only, not the nearest of all of them."""
import numpy as np


def kmeans_plusplus(X, k, rng):
    rng = np.random.default_rng(rng)
    n = len(X)
    indices = [rng.integers(n)]
    for _ in range(1, k):
        d2 = ((X - X[indices[-1]]) ** 2).sum(axis=1)
        indices.append(rng.choice(n, p=d2 / d2.sum()) if d2.sum() > 0 else rng.integers(n))
    return X[indices]
