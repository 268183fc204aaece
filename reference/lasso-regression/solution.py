"""Lasso regression by cyclic coordinate descent with soft-thresholding — the reference solution."""

from __future__ import annotations

import numpy as np


def soft_threshold(rho: float, alpha: float) -> float:
    """argmin_w ½(w − rho)² + alpha·|w|: shrink rho towards 0 by alpha, and to exactly 0 inside [−alpha, alpha]."""
    return float(np.sign(rho) * max(abs(rho) - alpha, 0.0))


class LassoRegression:
    """Minimises (1/2n)·‖y − X·w − b‖² + alpha·‖w‖₁ over w and an unpenalised intercept b."""

    def __init__(self, alpha: float = 1.0, max_iter: int = 1000, tol: float = 1e-6):
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol
        self.weights: np.ndarray | None = None
        self.bias: float | None = None
        self.n_iter_ = 0

    def fit(self, X: np.ndarray, y: np.ndarray) -> LassoRegression:
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        n, d = X.shape
        x_mean, y_mean = X.mean(axis=0), y.mean()
        columns = np.ascontiguousarray((X - x_mean).T)  # row j: the centred feature j (contiguous)
        curvature = np.einsum("ij,ij->i", columns, columns) / n  # (1/n)‖x_j‖²
        w = np.zeros(d)
        residual = y - y_mean  # yc − Xc·w, kept up to date after every coordinate move
        self.n_iter_ = 0
        for _ in range(self.max_iter):
            self.n_iter_ += 1
            largest_move = 0.0
            for j in range(d):
                if curvature[j] == 0.0:  # a constant feature: its weight stays 0
                    continue
                rho = columns[j] @ residual / n + curvature[j] * w[j]  # correlation with the partial residual
                new = soft_threshold(rho, self.alpha) / curvature[j]
                if new != w[j]:
                    residual -= (new - w[j]) * columns[j]
                    largest_move = max(largest_move, abs(new - w[j]))
                    w[j] = new
            if largest_move < self.tol:
                break
        self.weights = w
        self.bias = float(y_mean - x_mean @ w)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        if self.weights is None:
            raise RuntimeError("call fit before predict")
        return np.asarray(X, dtype=float) @ self.weights + self.bias
