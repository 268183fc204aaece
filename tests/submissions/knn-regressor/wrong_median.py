"""Wrong: the median of the neighbours' targets instead of their mean."""
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
            idx = np.argsort(d)[: self.k]
            if self.weights == "distance" and d[idx[0]] == 0:
                out.append(self.y_train[idx[d[idx] == 0]].mean())
            else:
                out.append(np.median(self.y_train[idx]))
        return np.array(out)
