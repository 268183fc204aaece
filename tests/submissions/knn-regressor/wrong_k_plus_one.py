"""Wrong: k + 1 neighbours (an off-by-one slice)."""
import numpy as np


class KNNRegressor:
    def __init__(self, k=5, weights="uniform"):
        self.k = k
        self.weights = weights

    def fit(self, X, y):
        self.X_train, self.y_train = np.asarray(X, float), np.asarray(y, float)
        return self

    def predict(self, X):
        out = []
        for x in X:
            d = np.sqrt(((self.X_train - x) ** 2).sum(axis=1))
            idx = np.argsort(d)[: self.k + 1]
            if self.weights == "uniform":
                out.append(self.y_train[idx].mean())
            elif d[idx[0]] == 0:
                out.append(self.y_train[idx[d[idx] == 0]].mean())
            else:
                w = 1 / d[idx]
                out.append((w * self.y_train[idx]).sum() / w.sum())
        return np.array(out)
