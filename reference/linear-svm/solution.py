"""Soft-margin linear SVM by full-batch subgradient descent on the primal objective — the reference."""

from __future__ import annotations

import numpy as np


class LinearSVM:
    """Minimises ½‖w‖² + C·Σ_i max(0, 1 − t_i·(w·x_i + b)), t_i = ±1; the bias b is not regularised."""

    def __init__(self, C: float = 1.0, learning_rate: float = 0.01, n_iterations: int = 1000):
        self.C = C
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights: np.ndarray | None = None
        self.bias = 0.0
        self.classes_: np.ndarray | None = None

    def _signs(self, y: np.ndarray) -> np.ndarray:
        """+1 for the larger label (classes_[1]), −1 for the smaller one."""
        if self.classes_ is None:
            raise RuntimeError("call fit first")
        return np.where(np.asarray(y) == self.classes_[1], 1.0, -1.0)

    def fit(self, X: np.ndarray, y: np.ndarray) -> LinearSVM:
        """Full-batch subgradient descent from w = 0, b = 0."""
        X = np.asarray(X, dtype=float)
        self.classes_ = np.unique(y)
        if len(self.classes_) != 2:
            raise ValueError(f"LinearSVM needs exactly two labels, got {len(self.classes_)}")
        t = self._signs(y)
        w, b = np.zeros(X.shape[1]), 0.0
        for _ in range(self.n_iterations):
            active = t * (X @ w + b) < 1  # the samples whose hinge term is positive: only they have a gradient
            w = w - self.learning_rate * (w - self.C * (t[active] @ X[active]))
            b = b + self.learning_rate * self.C * t[active].sum()  # no ½b² term: the bias is not regularised
        self.weights, self.bias = w, float(b)
        return self

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """w·x + b for each row, shape (m,): positive means classes_[1]."""
        if self.weights is None:
            raise RuntimeError("call fit first")
        return np.asarray(X, dtype=float) @ self.weights + self.bias

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The original labels: classes_[1] where the decision function is positive, classes_[0] elsewhere."""
        assert self.classes_ is not None
        return np.where(self.decision_function(X) > 0, self.classes_[1], self.classes_[0])

    def objective(self, X: np.ndarray, y: np.ndarray) -> float:
        """½‖w‖² + C·Σ hinge on (X, y) with the fitted w and b (y in the original labels)."""
        assert self.weights is not None
        hinge = np.maximum(0.0, 1.0 - self._signs(y) * self.decision_function(X))
        return float(0.5 * self.weights @ self.weights + self.C * hinge.sum())
