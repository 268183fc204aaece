"""Right: fully vectorised with broadcasting; the epsilon convention w = 1/(d + 1e-12)."""
import numpy as np


class KNNRegressor:
    def __init__(self, k=5, weights="uniform"):
        self.k = k
        self.weights = weights

    def fit(self, X, y):
        self.X_train = np.asarray(X, dtype=float)
        self.y_train = np.asarray(y, dtype=float)
        return self

    def predict(self, X):
        D = np.linalg.norm(np.asarray(X, dtype=float)[:, None, :] - self.X_train[None, :, :], axis=2)
        nearest = np.argsort(D, axis=1)[:, : self.k]
        targets = self.y_train[nearest]
        if self.weights == "uniform":
            return targets.mean(axis=1)
        w = 1.0 / (np.take_along_axis(D, nearest, axis=1) + 1e-12)
        return (w * targets).sum(axis=1) / w.sum(axis=1)
