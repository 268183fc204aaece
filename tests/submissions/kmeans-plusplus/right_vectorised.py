"""Right: vectorised, distances to all chosen centres by broadcasting each round, rng.choice on the rows."""
import numpy as np


def kmeans_plusplus(X, k, rng):
    rng = np.random.default_rng(rng)
    X = np.asarray(X, dtype=float)
    centres = X[[rng.choice(len(X))]]
    for _ in range(1, k):
        d2 = ((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2).min(axis=1)
        if d2.sum() > 0:
            nxt = rng.choice(X, p=d2 / d2.sum(), axis=0)
        else:
            nxt = X[rng.integers(len(X))]
        centres = np.vstack([centres, nxt])
    return centres
