"""Ridge regression in closed form, with an unpenalised intercept — the reference solution."""

from __future__ import annotations

import numpy as np


class RidgeRegression:
    """Minimises Σ(y − X·w − b)² + α·‖w‖²; the intercept b is not penalised.

    Centring X and y takes the intercept out of the problem (the optimal b makes the residuals sum to zero), so
    w = (XcᵀXc + αI)⁻¹ Xcᵀyc — computed by solving that system, which is symmetric positive definite for α > 0
    — and b = mean(y) − mean(X)·w.
    """

    def __init__(self, alpha: float = 1.0):
        self.alpha = alpha
        self.weights: np.ndarray | None = None
        self.bias: float | None = None

    def fit(self, X: np.ndarray, y: np.ndarray) -> RidgeRegression:
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        x_mean, y_mean = X.mean(axis=0), y.mean()
        Xc = X - x_mean
        system = Xc.T @ Xc
        system[np.diag_indices_from(system)] += self.alpha  # + αI: on the diagonal only
        self.weights = np.linalg.solve(system, Xc.T @ (y - y_mean))
        self.bias = float(y_mean - x_mean @ self.weights)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        if self.weights is None:
            raise RuntimeError("call fit before predict")
        return np.asarray(X, dtype=float) @ self.weights + self.bias
