"""Wrong: averages the weights per label instead of summing them (one near point beats three slightly farther)."""
import numpy as np


class WeightedKNN:
    def __init__(self, k=5):
        self.k = k

    def fit(self, X, y):
        self.X_train, self.y_train = X, y
        return self

    def predict(self, X):
        out = []
        for x in X:
            d = np.sqrt(((self.X_train - x) ** 2).sum(axis=1))
            idx = np.argsort(d)[: self.k]
            labels = self.y_train[idx]
            w = 1.0 / (d[idx] + 1e-12)
            best = max(set(labels.tolist()), key=lambda c: w[labels == c].mean())
            out.append(best)
        return np.array(out)
