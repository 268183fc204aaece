"""Wrong: random initialisation — every centre drawn uniformly (no D² weighting)."""
import numpy as np


def kmeans_plusplus(X, k, rng):
    rng = np.random.default_rng(rng)
    indices = [rng.integers(len(X))]
    for _ in range(1, k):
        indices.append(rng.choice(len(X)))
    return X[indices]
