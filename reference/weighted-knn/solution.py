"""Distance-weighted k-nearest-neighbours classification, vectorised and memory-bounded — the reference solution."""

from __future__ import annotations

import numpy as np

CHUNK_BYTES = 64 * 2**20  # every block stays far below ~256 MB whatever the sizes


class WeightedKNN:
    """Predict the label with the largest total 1/d weight among the k nearest (Euclidean) training points."""

    def __init__(self, k: int = 5):
        self.k = k
        self.X_train: np.ndarray | None = None
        self.y_train: np.ndarray | None = None

    def fit(self, X: np.ndarray, y: np.ndarray) -> WeightedKNN:
        """Store the training data (a lazy learner: all the work happens in predict)."""
        self.X_train = np.asarray(X, dtype=float)
        self.y_train = np.asarray(y)
        return self

    def _neighbours(self, Q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Indices (m, k) of each query's k nearest training points and their exact distances (m, k)."""
        X = self.X_train
        # ‖q − x‖² = ‖q‖² − 2q·x + ‖x‖² finds the candidates with one matrix product ...
        d2 = (Q**2).sum(axis=1)[:, None] - 2.0 * Q @ X.T + (X**2).sum(axis=1)[None, :]
        nearest = np.argpartition(d2, k - 1, axis=1)[:, :k]
        # ... and the k winners' distances are recomputed directly, so an exact match is exactly 0
        dist = np.sqrt(((Q[:, None, :] - X[nearest]) ** 2).sum(axis=2))
        return nearest, dist

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The weighted-vote label of each row of X, shape (m,), same dtype as y."""
        if self.X_train is None or self.y_train is None:
            raise RuntimeError("call fit before predict")
        X = np.asarray(X, dtype=float)
        classes, codes = np.unique(self.y_train, return_inverse=True)  # any labels: ints, -1/+1, strings
        k = min(self.k, len(self.X_train))
        n, d = self.X_train.shape
        rows = max(1, CHUNK_BYTES // (8 * max(n, k * d)))  # bounds both the (rows, n) and (rows, k, d) blocks
        out = np.empty(len(X), dtype=np.intp)
        for start in range(0, len(X), rows):
            Q = X[start : start + rows]
            nearest, dist = self._neighbours(Q, k)
            exact = dist == 0.0
            inverse = np.divide(1.0, dist, out=np.zeros_like(dist), where=~exact)
            # a query on top of training points: those points alone vote, one vote each (the limit of 1/d → ∞)
            weights = np.where(exact.any(axis=1, keepdims=True), exact.astype(float), inverse)
            votes = np.zeros((len(Q), len(classes)))
            np.add.at(votes, (np.arange(len(Q))[:, None], codes[nearest]), weights)
            out[start : start + len(Q)] = votes.argmax(axis=1)  # ties: the smallest label (the spec leaves it open)
        return classes[out]
