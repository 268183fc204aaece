"""Wrong: every training point votes with weight 1/d — k is never used."""
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
        w = 1.0 / (d + 1e-12)
        scores = np.stack([w[:, codes == c].sum(axis=1) for c in range(len(classes))], axis=1)
        return classes[scores.argmax(axis=1)]
