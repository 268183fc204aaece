"""Wrong: draws from NumPy's global random state, ignoring rng."""
import numpy as np


def kmeans_plusplus(X, k, rng):
    n = len(X)
    indices = [np.random.randint(n)]
    d2 = ((X - X[indices[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        i = np.random.choice(n, p=d2 / d2.sum()) if d2.sum() > 0 else np.random.randint(n)
        indices.append(i)
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(axis=1))
    return X[indices]
