"""MSE, RMSE, MAE and R² — the reference solution."""

from __future__ import annotations

import numpy as np


def _residuals(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    return np.asarray(y_true, dtype=float) - np.asarray(y_pred, dtype=float)


def mse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """(1/n)·Σ (y − ŷ)²."""
    residuals = _residuals(y_true, y_pred)
    return float(np.mean(residuals**2))


def rmse(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """√MSE."""
    return float(np.sqrt(mse(y_true, y_pred)))


def mae(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """(1/n)·Σ |y − ŷ|."""
    return float(np.mean(np.abs(_residuals(y_true, y_pred))))


def r2_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """1 − SS_res / SS_tot; for a constant target, 1.0 if the predictions are perfect, else 0.0."""
    y_true = np.asarray(y_true, dtype=float)
    residuals = _residuals(y_true, y_pred)
    ss_res = float(residuals @ residuals)
    centred = y_true - y_true.mean()
    ss_tot = float(centred @ centred)
    if ss_tot == 0.0:
        return 1.0 if ss_res == 0.0 else 0.0
    return 1.0 - ss_res / ss_tot
