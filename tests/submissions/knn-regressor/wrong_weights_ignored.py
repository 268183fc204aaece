"""Wrong: stores `weights` but always returns the plain mean."""
import numpy as np


class KNNRegressor:
    def __init__(self, k=5, weights="uniform"):
        self.k = k
        self.weights = weights

    def fit(self, X, y):
        self.X_train, self.y_train = np.asarray(X, float), np.asarray(y, float)
        return self

    def predict(self, X):
        D = np.sqrt(((X[:, None, :] - self.X_train[None]) ** 2).sum(axis=2))
        return self.y_train[np.argsort(D, axis=1)[:, : self.k]].mean(axis=1)
