"""Wrong: stops early when every D² is 0 (fewer distinct points than k), returning fewer than k centres."""
import numpy as np


def kmeans_plusplus(X, k, rng):
    rng = np.random.default_rng(rng)
    n = len(X)
    indices = [rng.integers(n)]
    d2 = ((X - X[indices[0]]) ** 2).sum(axis=1)
    while len(indices) < k:
        if d2.sum() == 0:
            break
        i = rng.choice(n, p=d2 / d2.sum())
        indices.append(i)
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(axis=1))
    return X[indices]
