"""Correct, vectorised differently: an augmented design matrix [1, X] with theta = (b, w); the cost is recorded
just AFTER each update (the spec accepts both conventions); the bias is kept as a length-1 array."""
import numpy as np


class LinearRegression:
    def __init__(self, learning_rate: float = 0.01, n_iterations: int = 1000):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights = None
        self.bias = None
        self.cost_history = []

    def fit(self, X, y):
        A = np.hstack([np.ones((X.shape[0], 1)), X])
        theta = np.zeros(A.shape[1])
        n = len(y)
        history = []
        for _ in range(self.n_iterations):
            theta = theta - self.learning_rate * A.T @ (A @ theta - y) / n
            r = A @ theta - y
            history.append(r @ r / (2 * n))
        self.bias, self.weights = theta[:1], theta[1:]
        self.cost_history = history
        return self

    def predict(self, X):
        return X @ self.weights + self.bias[0]

    def score(self, X, y):
        return 1 - np.sum((y - self.predict(X)) ** 2) / np.sum((y - y.mean()) ** 2)
