"""Wrong: no guard for ΣD² = 0, so 0/0 gives NaN probabilities and rng.choice raises."""
import numpy as np


def kmeans_plusplus(X, k, rng):
    rng = np.random.default_rng(rng)
    n = len(X)
    indices = [rng.integers(n)]
    d2 = ((X - X[indices[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        i = rng.choice(n, p=d2 / d2.sum())
        indices.append(i)
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(axis=1))
    return X[indices]
