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
    def _nearest(X1: np.ndarray, C: np.ndarray) -> np.ndarray:
        """Index of each point's nearest centroid; X1 is the points with a column of ones appended.

        ‖x − c‖² = ‖x‖² − 2x·c + ‖c‖², and ‖x‖² is the same for every c, so the argmin needs only ‖c‖² − 2x·c:
        one (n, k) matrix product of [x, 1] with [−2c, ‖c‖²], never an (n, k, d) array of differences.
        """
        return (X1 @ np.vstack([-2.0 * C.T, (C * C).sum(axis=1)])).argmin(axis=1)

    @staticmethod
    def _with_ones(X: np.ndarray) -> np.ndarray:
        return np.hstack([X, np.ones((len(X), 1))])

    def _init_plus_plus(self, XT: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """k-means++: each next centroid is a point drawn with probability ∝ its squared distance to the chosen ones."""
        n = XT.shape[1]
        x_sq = (XT * XT).sum(axis=0)
        centroids = np.empty((self.k, XT.shape[0]))

        def squared_distances(c: np.ndarray) -> np.ndarray:
            return np.maximum(x_sq - 2.0 * (c @ XT) + c @ c, 0.0)  # rounding can dip just below zero

        centroids[0] = XT[:, rng.integers(n)]
        d2 = squared_distances(centroids[0])
        for j in range(1, self.k):
            total = d2.sum()
            # every point already coincides with a centroid (fewer distinct points than k): any point will do
            index = rng.choice(n, p=d2 / total) if total > 0 else rng.integers(n)
            centroids[j] = XT[:, index]
            d2 = np.minimum(d2, squared_distances(centroids[j]))
        return centroids

    def _update(self, XT: np.ndarray, labels: np.ndarray, old: np.ndarray) -> np.ndarray:
        """Each centroid moves to the mean of its points; an empty cluster keeps its old centroid (never NaN)."""
        counts = np.bincount(labels, minlength=self.k)
        sums = np.stack([np.bincount(labels, weights=feature, minlength=self.k) for feature in XT], axis=1)
        return np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], old)

    def fit(self, X: np.ndarray) -> KMeans:
        """Seed with k-means++, then alternate assignment and update until the assignment stops changing."""
        X = np.asarray(X, dtype=float)
        XT = np.ascontiguousarray(X.T)  # features as contiguous rows: the per-feature sums read memory in order
        rng = np.random.default_rng(self.random_state)
        centroids = self._init_plus_plus(XT, rng)
        X1 = self._with_ones(X)
        labels = None
        for _ in range(self.max_iters):
            new_labels = self._nearest(X1, centroids)
            if labels is not None and np.array_equal(new_labels, labels):
                break  # a fixed point: centroids are the means of these very labels
            labels = new_labels
            centroids = self._update(XT, labels, centroids)
        self.centroids = centroids
        self.labels = self._nearest(X1, centroids)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The index of the nearest centroid for each row of X, shape (n,)."""
        if self.centroids is None:
            raise RuntimeError("call fit before predict")
        return self._nearest(self._with_ones(np.asarray(X, dtype=float)), self.centroids)
