"""Correct: centre X and y, the pseudo-inverse of the centred X, bias from the means."""
import numpy as np


class LinearRegression:
    def __init__(self):
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        x_mean = X.mean(axis=0)
        self.weights = np.linalg.pinv(X - x_mean) @ (y - y.mean())
        self.bias = y.mean() - x_mean @ self.weights
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
