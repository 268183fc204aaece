"""Wrong: `X.T @ X + alpha` adds alpha to every entry instead of the diagonal."""
import numpy as np


class RidgeRegression:
    def __init__(self, alpha=1.0):
        self.alpha = alpha
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        x_mean = X.mean(axis=0)
        Xc = X - x_mean
        self.weights = np.linalg.solve(Xc.T @ Xc + self.alpha, Xc.T @ (y - y.mean()))
        self.bias = y.mean() - x_mean @ self.weights
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
