"""Wrong: farthest-first traversal — the argmax of D² instead of sampling."""
import numpy as np


def kmeans_plusplus(X, k, rng):
    rng = np.random.default_rng(rng)
    indices = [rng.integers(len(X))]
    d2 = ((X - X[indices[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        i = int(np.argmax(d2))
        indices.append(i)
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(axis=1))
    return X[indices]
