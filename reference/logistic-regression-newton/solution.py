"""Logistic regression by Newton's method (IRLS) — the reference solution."""

from __future__ import annotations

import numpy as np

GRAM_ROWS = 4096  # rows per block of the Hessian's sum: 4,096 × 51 floats is under 2 MB


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^(−z)), computed without overflow for any z."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


class NewtonLogisticRegression:
    """Minimises mean log-loss + (alpha/2)·‖w‖² (the intercept unpenalised) by Newton's method from zero."""

    def __init__(self, alpha: float = 1e-3, max_iter: int = 100, tol: float = 1e-8):
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol
        self.weights: np.ndarray | None = None
        self.bias: float | None = None
        self.n_iter_ = 0

    def fit(self, X: np.ndarray, y: np.ndarray) -> NewtonLogisticRegression:
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        n, d = X.shape
        A = np.hstack([X, np.ones((n, 1))])  # a column of ones carries the bias
        penalty = np.full(d + 1, self.alpha)
        penalty[-1] = 0.0  # the bias is not penalised
        theta = np.zeros(d + 1)
        self.n_iter_ = 0
        while True:
            p = sigmoid(A @ theta)
            gradient = A.T @ (p - y) / n + penalty * theta
            if np.abs(gradient).max() < self.tol or self.n_iter_ == self.max_iter:
                break
            hessian = self._gram(A, p * (1.0 - p) / n)  # AᵀSA/n with S = diag(p(1−p)), never forming the n×n S
            hessian[np.diag_indices_from(hessian)] += penalty
            theta -= np.linalg.solve(hessian, gradient)
            self.n_iter_ += 1
        self.weights, self.bias = theta[:-1], float(theta[-1])
        return self

    @staticmethod
    def _gram(A: np.ndarray, s: np.ndarray) -> np.ndarray:
        """AᵀSA for S = diag(s ≥ 0), as Σ (√s·A)ᵀ(√s·A) over blocks of rows: each weighted block is small enough
        to stay in cache (half the time of weighting all of A at once), and (√s·A)ᵀ(√s·A) is one symmetric product."""
        gram = np.zeros((A.shape[1], A.shape[1]))
        for start in range(0, len(A), GRAM_ROWS):
            block = A[start : start + GRAM_ROWS] * np.sqrt(s[start : start + GRAM_ROWS, None])
            gram += block.T @ block
        return gram

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        if self.weights is None:
            raise RuntimeError("call fit before predict_proba")
        return sigmoid(np.asarray(X, dtype=float) @ self.weights + self.bias)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return (self.predict_proba(X) >= 0.5).astype(int)
