"""Linear regression trained by full-batch gradient descent — the reference solution."""

from __future__ import annotations

import numpy as np


class LinearRegression:
    """ŷ = X·w + b, fitted by gradient descent on J(w, b) = (1/2n)·Σ(ŷ − y)², starting from w = 0, b = 0."""

    def __init__(self, learning_rate: float = 0.01, n_iterations: int = 1000):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights: np.ndarray | None = None
        self.bias: float | None = None
        self.cost_history: list[float] = []

    def fit(self, X: np.ndarray, y: np.ndarray) -> LinearRegression:
        """Run n_iterations gradient steps; cost_history[i] is J before step i."""
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        n, d = X.shape
        self.weights = np.zeros(d)
        self.bias = 0.0
        self.cost_history = []
        for _ in range(self.n_iterations):
            residual = X @ self.weights + self.bias - y  # ŷ − y, shape (n,)
            self.cost_history.append(float(residual @ residual) / (2 * n))
            self.weights -= self.learning_rate * (X.T @ residual) / n
            self.bias -= self.learning_rate * residual.mean()
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """ŷ for each row of X, shape (n,)."""
        if self.weights is None:
            raise RuntimeError("call fit before predict")
        return np.asarray(X, dtype=float) @ self.weights + self.bias

    def score(self, X: np.ndarray, y: np.ndarray) -> float:
        """R² = 1 − SS_res / SS_tot on (X, y)."""
        y = np.asarray(y, dtype=float)
        residual = y - self.predict(X)
        centred = y - y.mean()
        return float(1.0 - (residual @ residual) / (centred @ centred))
