"""Correct, vectorised with a Generator-free stable sigmoid (np.where), cost via logaddexp, int8 labels."""
import numpy as np


class LogisticRegression:
    def __init__(self, learning_rate: float = 0.01, n_iterations: int = 1000):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights = None
        self.bias = None
        self.cost_history = []

    @staticmethod
    def _sigmoid(z):
        ez = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + ez), ez / (1 + ez))

    def fit(self, X, y):
        y = y.astype(float)
        self.weights = np.zeros(X.shape[1])
        self.bias = np.float64(0)
        self.cost_history = []
        for _ in range(self.n_iterations):
            z = X @ self.weights + self.bias
            self.cost_history.append(np.mean(np.logaddexp(0, z) - y * z))
            g = self._sigmoid(z) - y
            self.weights = self.weights - self.learning_rate * X.T @ g / len(y)
            self.bias = self.bias - self.learning_rate * g.mean()
        return self

    def predict_proba(self, X):
        return self._sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(np.int8)
