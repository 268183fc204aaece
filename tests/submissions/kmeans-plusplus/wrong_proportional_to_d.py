"""Wrong: probabilities proportional to the distance D instead of D²."""
import numpy as np


def kmeans_plusplus(X, k, rng):
    rng = np.random.default_rng(rng)
    n = len(X)
    indices = [rng.integers(n)]
    d = np.linalg.norm(X - X[indices[0]], axis=1)
    for _ in range(1, k):
        i = rng.choice(n, p=d / d.sum()) if d.sum() > 0 else rng.integers(n)
        indices.append(i)
        d = np.minimum(d, np.linalg.norm(X - X[i], axis=1))
    return X[indices]
