"""Linear regression by the normal equation, solved (never inverted) — the reference solution."""

from __future__ import annotations

import numpy as np


class LinearRegression:
    """Ordinary least squares ŷ = X·w + b in closed form, with an unpenalised intercept.

    Centring X and y removes the intercept from the system: w solves the normal equations
    (XcᵀXc)·w = Xcᵀyc, and b = mean(y) − mean(X)·w. The d×d system is solved by np.linalg.lstsq, which
    returns the minimum-norm solution when XᵀX is singular (a duplicated or constant feature, more features
    than samples) instead of failing like a plain solve or an explicit inverse.
    """

    def __init__(self) -> None:
        self.weights: np.ndarray | None = None
        self.bias: float | None = None

    def fit(self, X: np.ndarray, y: np.ndarray) -> LinearRegression:
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        x_mean, y_mean = X.mean(axis=0), y.mean()
        Xc = X - x_mean
        gram = Xc.T @ Xc  # (d, d): the only O(n·d²) work
        self.weights = np.linalg.lstsq(gram, Xc.T @ (y - y_mean), rcond=None)[0]
        self.bias = float(y_mean - x_mean @ self.weights)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        if self.weights is None:
            raise RuntimeError("call fit before predict")
        return np.asarray(X, dtype=float) @ self.weights + self.bias
