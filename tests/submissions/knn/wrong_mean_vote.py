"""Wrong: the neighbours' labels are averaged and rounded instead of voted (works only for two classes)."""
import numpy as np


class KNN:
    def __init__(self, k=3):
        self.k = k

    def fit(self, X, y):
        self.X_train, self.y_train = X, y
        return self

    def predict(self, X):
        d = ((X[:, None, :] - self.X_train[None, :, :]) ** 2).sum(axis=2)
        nearest = np.argsort(d, axis=1)[:, : self.k]
        return np.round(self.y_train[nearest].mean(axis=1)).astype(int)
