"""Regression metrics from scratch: MSE, RMSE, MAE and R².

Interview question: "Implement MSE, RMSE, MAE and R² without sklearn." Use NumPy (and the standard library) only.
Check your work with `drill check regression-metrics`.

Shared rules
------------
y_true, y_pred : 1-D arrays of numbers (floats or integers), the same length n ≥ 1. The order matters for R²:
    y_true first.
Every function returns one float (a Python float or a NumPy scalar; not an array of shape (1,)).
Left free: loops versus vectorised code.
"""

import numpy as np


def mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean squared error: (1/n)·Σ (y_true − y_pred)²."""
    raise NotImplementedError


def rmse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Root mean squared error: √MSE — the root of the mean, not the mean of the roots."""
    raise NotImplementedError


def mae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Mean absolute error: (1/n)·Σ |y_true − y_pred|."""
    raise NotImplementedError


def r2_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The coefficient of determination R² = 1 − SS_res / SS_tot, with
        SS_res = Σ (y_true − y_pred)²        SS_tot = Σ (y_true − mean(y_true))²   (the mean of y_TRUE).

    1.0 is a perfect fit, 0.0 is no better than always predicting mean(y_true), and R² is NEGATIVE for
    predictions worse than that (it is not clipped at 0, and it is not the squared correlation).

    Constant target (SS_tot = 0, e.g. n = 1): return 1.0 if the predictions are perfect (SS_res = 0), else 0.0 —
    never NaN or ±inf, never an exception.
    """
    raise NotImplementedError
