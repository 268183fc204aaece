"""Correct, vectorised: a column of ones, and a penalty matrix with 0 where the bias sits."""
import numpy as np


class RidgeRegression:
    def __init__(self, alpha=1.0):
        self.alpha = alpha
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        n, d = X.shape
        A = np.hstack([X, np.ones((n, 1))])
        penalty = self.alpha * np.eye(d + 1)
        penalty[d, d] = 0.0
        theta = np.linalg.solve(A.T @ A + penalty, A.T @ y)
        self.weights, self.bias = theta[:d], theta[d]
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
