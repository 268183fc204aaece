"""Correct, fully vectorised: an (m, n, d) broadcast, plain (sqrt) distances, argsort, one-hot votes; ties go
to the label that np.unique sorts first."""
import numpy as np


class KNN:
    def __init__(self, k: int = 3):
        self.k = k

    def fit(self, X, y):
        self.X, self.y = X, y
        return self

    def predict(self, X):
        d = np.sqrt(((X[:, None, :] - self.X[None, :, :]) ** 2).sum(axis=-1))
        idx = np.argsort(d, axis=1)[:, : self.k]
        classes, codes = np.unique(self.y, return_inverse=True)
        votes = (codes[idx][:, :, None] == np.arange(len(classes))).sum(axis=1)
        return classes[votes.argmax(axis=1)]
