"""Wrong: the textbook formula typed literally — an explicit inverse of XᵀX."""
import numpy as np


class LinearRegression:
    def __init__(self):
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        A = np.c_[X, np.ones(X.shape[0])]
        theta = np.linalg.inv(A.T @ A) @ A.T @ y
        self.weights = theta[:-1]
        self.bias = theta[-1]
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
