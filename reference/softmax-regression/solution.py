"""Multinomial (softmax) logistic regression by full-batch gradient descent, numerically stable — the reference."""

from __future__ import annotations

import numpy as np


def log_softmax(Z: np.ndarray) -> np.ndarray:
    """log softmax of each row, via log-sum-exp with the row maximum subtracted: never overflows."""
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


class SoftmaxRegression:
    """P(y = c | x) = softmax(x·W + b)_c, fitted by gradient descent on the mean cross-entropy, from W = 0, b = 0."""

    def __init__(self, learning_rate: float = 0.1, n_iterations: int = 500):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights: np.ndarray | None = None
        self.bias: np.ndarray | None = None
        self.cost_history: list[float] = []

    def fit(self, X: np.ndarray, y: np.ndarray) -> SoftmaxRegression:
        """Run n_iterations gradient steps; cost_history[i] is the mean cross-entropy before step i."""
        X = np.asarray(X, dtype=float)
        y = np.asarray(y).astype(np.intp)
        n, d = X.shape
        K = int(y.max()) + 1
        Y = np.eye(K)[y]  # one-hot targets, (n, K)
        self.weights = np.zeros((d, K))
        self.bias = np.zeros(K)
        self.cost_history = []
        for _ in range(self.n_iterations):
            log_p = log_softmax(X @ self.weights + self.bias)
            self.cost_history.append(float(-np.mean(log_p[np.arange(n), y])))
            error = (np.exp(log_p) - Y) / n  # the gradient of the mean cross-entropy w.r.t. the logits
            self.weights -= self.learning_rate * (X.T @ error)
            self.bias -= self.learning_rate * error.sum(axis=0)
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities, shape (m, K); each row sums to 1."""
        if self.weights is None or self.bias is None:
            raise RuntimeError("call fit before predict_proba")
        return np.exp(log_softmax(np.asarray(X, dtype=float) @ self.weights + self.bias))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class of each row (the argmax of the logits), integers, shape (m,)."""
        if self.weights is None or self.bias is None:
            raise RuntimeError("call fit before predict")
        return np.argmax(np.asarray(X, dtype=float) @ self.weights + self.bias, axis=1)
