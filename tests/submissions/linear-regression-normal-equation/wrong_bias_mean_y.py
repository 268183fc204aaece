"""Wrong: centres the data to solve for w, then takes mean(y) as the bias (forgets − mean(X)·w)."""
import numpy as np


class LinearRegression:
    def __init__(self):
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        Xc = X - X.mean(axis=0)
        yc = y - y.mean()
        self.weights = np.linalg.lstsq(Xc.T @ Xc, Xc.T @ yc, rcond=None)[0]
        self.bias = y.mean()
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
