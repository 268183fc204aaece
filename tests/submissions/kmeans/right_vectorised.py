"""Correct, fully vectorised: k-means++ with a np.random.Generator (safe when fewer distinct points than k),
squared distances via ‖x‖² − 2x·c + ‖c‖², a one-hot matrix product for the update, early stop on tiny shifts."""
import numpy as np


class KMeans:
    def __init__(self, k: int = 3, max_iters: int = 100, random_state: int = 42):
        self.k = k
        self.max_iters = max_iters
        self.random_state = random_state
        self.centroids = None
        self.labels = None

    def _d2(self, X):
        return (X**2).sum(1)[:, None] - 2 * X @ self.centroids.T + (self.centroids**2).sum(1)

    def fit(self, X):
        rng = np.random.default_rng(self.random_state)
        C = [X[rng.integers(len(X))]]
        for _ in range(1, self.k):
            d2 = np.min(((X[:, None, :] - np.array(C)[None]) ** 2).sum(-1), axis=1)
            p = d2 / d2.sum() if d2.sum() > 0 else None
            C.append(X[rng.choice(len(X), p=p)])
        self.centroids = np.array(C, dtype=float)
        for _ in range(self.max_iters):
            labels = self._d2(X).argmin(1)
            onehot = np.eye(self.k)[labels]
            counts = onehot.sum(0)
            new = np.where(counts[:, None] > 0, onehot.T @ X / np.maximum(counts, 1)[:, None], self.centroids)
            shift = np.abs(new - self.centroids).max()
            self.centroids = new
            if shift < 1e-10:
                break
        self.labels = self._d2(X).argmin(1)
        return self

    def predict(self, X):
        return self._d2(X).argmin(1)
