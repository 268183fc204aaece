"""Wrong: each vote weighs d instead of 1/d, so farther neighbours count more."""
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
        w = np.take_along_axis(d, nearest, axis=1)
        scores = np.zeros((len(X), len(classes)))
        np.add.at(scores, (np.arange(len(X))[:, None], codes[nearest]), w)
        return classes[scores.argmax(axis=1)]
