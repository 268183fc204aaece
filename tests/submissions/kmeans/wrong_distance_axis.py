"""Wrong: per-point distances summed over the centroids axis (axis=0) instead of the features."""
import numpy as np


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k, self.max_iters, self.random_state = k, max_iters, random_state
        self.centroids = None
        self.labels = None

    def _assign(self, X):
        return np.array([np.argmin(np.sqrt(((self.centroids - x) ** 2).sum(axis=0))) for x in X])

    def fit(self, X):
        rng = np.random.default_rng(self.random_state)
        self.centroids = X[rng.choice(len(X), self.k, replace=False)].astype(float)
        for _ in range(self.max_iters):
            labels = self._assign(X)
            new = np.array([X[labels == j].mean(axis=0) if np.any(labels == j) else self.centroids[j]
                            for j in range(self.k)])
            if np.allclose(new, self.centroids):
                break
            self.centroids = new
        self.labels = self._assign(X)
        return self

    def predict(self, X):
        return self._assign(X)
