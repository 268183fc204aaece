"""Right: Python loops over points and centres; D² recomputed against every centre each round."""
import numpy as np


def kmeans_plusplus(X, k, rng):
    rng = np.random.default_rng(rng)
    n = len(X)
    indices = [int(rng.integers(n))]
    while len(indices) < k:
        d2 = []
        for x in X:
            best = None
            for i in indices:
                dist = sum((a - b) ** 2 for a, b in zip(x, X[i]))
                if best is None or dist < best:
                    best = dist
            d2.append(best)
        total = sum(d2)
        if total == 0:
            indices.append(int(rng.integers(n)))
        else:
            indices.append(int(rng.choice(n, p=[d / total for d in d2])))
    return np.array([X[i] for i in indices], dtype=float)
