"""Wrong: solves the normal equations with np.linalg.solve, which fails when XᵀX is singular."""
import numpy as np


class LinearRegression:
    def __init__(self):
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        A = np.hstack([X, np.ones((len(X), 1))])
        theta = np.linalg.solve(A.T @ A, A.T @ y)
        self.weights = theta[:-1]
        self.bias = theta[-1]
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
