"""Binary logistic regression trained by full-batch gradient descent — the reference solution."""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^(−z)), computed without overflow for any z."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


class LogisticRegression:
    """P(y = 1 | x) = σ(x·w + b), fitted by gradient descent on the mean log-loss, from w = 0, b = 0."""

    def __init__(self, learning_rate: float = 0.01, n_iterations: int = 1000):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights: np.ndarray | None = None
        self.bias: float | None = None
        self.cost_history: list[float] = []

    def fit(self, X: np.ndarray, y: np.ndarray) -> LogisticRegression:
        """Run n_iterations gradient steps; cost_history[i] is the mean log-loss before step i."""
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        n, d = X.shape
        self.weights = np.zeros(d)
        self.bias = 0.0
        self.cost_history = []
        for _ in range(self.n_iterations):
            z = X @ self.weights + self.bias
            error = sigmoid(z) - y  # the gradient of log-loss w.r.t. z: p − y
            # −[y·log σ(z) + (1 − y)·log(1 − σ(z))] = log(1 + e^z) − y·z, stable for large |z|
            self.cost_history.append(float(np.mean(np.logaddexp(0.0, z) - y * z)))
            self.weights -= self.learning_rate * (X.T @ error) / n
            self.bias -= self.learning_rate * error.mean()
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(y = 1 | x) for each row of X, shape (n,)."""
        if self.weights is None:
            raise RuntimeError("call fit before predict_proba")
        return sigmoid(np.asarray(X, dtype=float) @ self.weights + self.bias)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class 1 where P(y = 1 | x) ≥ 0.5, else 0; integers, shape (n,)."""
        return (self.predict_proba(X) >= 0.5).astype(int)
