"""Wrong: least squares through the origin — no intercept."""
import numpy as np


class LinearRegression:
    def __init__(self):
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        self.weights = np.linalg.lstsq(X, y, rcond=None)[0]
        self.bias = 0.0
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
