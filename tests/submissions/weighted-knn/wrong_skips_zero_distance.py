"""Wrong: avoids 1/0 by giving points at distance 0 no vote at all, so an exact match is ignored."""
import numpy as np


class WeightedKNN:
    def __init__(self, k=5):
        self.k = k

    def fit(self, X, y):
        self.X_train, self.y_train = np.asarray(X, float), np.asarray(y)
        return self

    def predict(self, X):
        classes, codes = np.unique(self.y_train, return_inverse=True)
        d = np.sqrt(((X[:, None, :] - self.X_train[None]) ** 2).sum(axis=2))
        nearest = np.argsort(d, axis=1)[:, : self.k]
        dk = np.take_along_axis(d, nearest, axis=1)
        w = np.divide(1.0, dk, out=np.zeros_like(dk), where=dk > 0)
        scores = np.zeros((len(X), len(classes)))
        np.add.at(scores, (np.arange(len(X))[:, None], codes[nearest]), w)
        return classes[scores.argmax(axis=1)]
