"""K-means clustering (Lloyd's algorithm) with k-means++ seeding — the reference solution."""

from __future__ import annotations

import numpy as np


class KMeans:
    """Partition points into k clusters, each summarised by the mean of its points (its centroid)."""

    def __init__(self, k: int = 3, max_iters: int = 100, random_state: int = 42):
        self.k = k
        self.max_iters = max_iters
        self.random_state = random_state
        self.centroids: np.ndarray | None = None
        self.labels: np.ndarray | None = None

    @staticmethod
    def _nearest(X: np.ndarray, C: np.ndarray) -> np.ndarray:
        """Index of each row's nearest centroid: the argmin over c of ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖², where ‖x‖²
        is the same for every c and can be left out — one (n, k) matrix product, never an (n, k, d) array."""
        return np.argmin((C * C).sum(axis=1) - 2.0 * (X @ C.T), axis=1)

    def _init_plus_plus(self, X: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """k-means++: each next centroid is a point drawn with probability ∝ its squared distance to the chosen ones."""
        n = X.shape[0]
        centroids = np.empty((self.k, X.shape[1]))
        centroids[0] = X[rng.integers(n)]
        d2 = ((X - centroids[0]) ** 2).sum(axis=1)
        for j in range(1, self.k):
            total = d2.sum()
            # every point already coincides with a centroid (fewer distinct points than k): any point will do
            index = rng.choice(n, p=d2 / total) if total > 0 else rng.integers(n)
            centroids[j] = X[index]
            d2 = np.minimum(d2, ((X - centroids[j]) ** 2).sum(axis=1))
        return centroids

    def _update(self, X: np.ndarray, labels: np.ndarray, old: np.ndarray) -> np.ndarray:
        """Each centroid moves to the mean of its points; an empty cluster keeps its old centroid (never NaN)."""
        counts = np.bincount(labels, minlength=self.k)
        sums = np.stack([np.bincount(labels, weights=column, minlength=self.k) for column in X.T], axis=1)
        return np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], old)

    def fit(self, X: np.ndarray) -> KMeans:
        """Seed with k-means++, then alternate assignment and update until the assignment stops changing."""
        X = np.asarray(X, dtype=float)
        rng = np.random.default_rng(self.random_state)
        centroids = self._init_plus_plus(X, rng)
        labels = None
        for _ in range(self.max_iters):
            new_labels = self._nearest(X, centroids)
            if labels is not None and np.array_equal(new_labels, labels):
                break  # a fixed point: centroids are the means of these very labels
            labels = new_labels
            centroids = self._update(X, labels, centroids)
        self.centroids = centroids
        self.labels = self._nearest(X, centroids)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The index of the nearest centroid for each row of X, shape (n,)."""
        if self.centroids is None:
            raise RuntimeError("call fit before predict")
        return self._nearest(np.asarray(X, dtype=float), self.centroids)
