"""Wrong: no intercept at all."""
import numpy as np


class RidgeRegression:
    def __init__(self, alpha=1.0):
        self.alpha = alpha
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        d = X.shape[1]
        self.weights = np.linalg.solve(X.T @ X + self.alpha * np.eye(d), X.T @ y)
        self.bias = 0.0
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
