"""Wrong: the gradient is averaged over samples but the Hessian is summed (no 1/n)."""
from __future__ import annotations

import numpy as np


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
        A = np.column_stack([X, np.ones(n)])  # the bias is the weight of a constant feature
        penalty = np.full(d + 1, self.alpha)
        penalty[-1] = 0.0  # … which is not penalised
        theta = np.zeros(d + 1)
        weighted = np.empty_like(A)  # reused each iteration for √(p(1−p)/n)·A
        self.n_iter_ = 0
        while True:
            p = sigmoid(A @ theta)
            gradient = A.T @ (p - y) / n + penalty * theta
            if np.abs(gradient).max() < self.tol or self.n_iter_ == self.max_iter:
                break
            np.multiply(A, np.sqrt(p * (1.0 - p))[:, None], out=weighted)
            hessian = weighted.T @ weighted  # AᵀSA/n, S = diag(p(1−p)); symmetric, so one BLAS syrk
            hessian[np.diag_indices_from(hessian)] += penalty
            theta -= np.linalg.solve(hessian, gradient)
            self.n_iter_ += 1
        self.weights, self.bias = theta[:-1], float(theta[-1])
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        if self.weights is None:
            raise RuntimeError("call fit before predict_proba")
        return sigmoid(np.asarray(X, dtype=float) @ self.weights + self.bias)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return (self.predict_proba(X) >= 0.5).astype(int)
