"""Correct, vectorised: lstsq on X with a column of ones appended."""
import numpy as np


class LinearRegression:
    def __init__(self):
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        A = np.column_stack([X, np.ones(len(X))])
        theta = np.linalg.lstsq(A, y, rcond=None)[0]
        self.weights, self.bias = theta[:-1], theta[-1]
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
