"""Right: fully vectorised, broadcasting distances, weights 1/(d + 1e-12) (the epsilon convention)."""
import numpy as np


class WeightedKNN:
    def __init__(self, k=5):
        self.k = k

    def fit(self, X, y):
        self.X_train = np.asarray(X, dtype=float)
        self.y_train = np.asarray(y)
        return self

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        classes, codes = np.unique(self.y_train, return_inverse=True)
        d = np.sqrt(((X[:, None, :] - self.X_train[None, :, :]) ** 2).sum(axis=2))
        nearest = np.argsort(d, axis=1)[:, : self.k]
        w = 1.0 / (np.take_along_axis(d, nearest, axis=1) + 1e-12)
        one_hot = codes[nearest][:, :, None] == np.arange(len(classes))
        scores = (w[:, :, None] * one_hot).sum(axis=1)
        return classes[scores.argmax(axis=1)]
